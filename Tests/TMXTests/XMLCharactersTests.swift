import Foundation
import Testing

@testable import TMX

/// The writer's check of every text against XML 1.0's characters, one pass over the UTF-8 bytes,
/// against the scalars checked one by one.
@Suite("XMLCharacters: the first scalar XML cannot carry")
struct XMLCharactersTests {
  /// The offset in scalars of the first scalar ``XMLCharacters/isAllowed(_:)`` refuses.
  static func scalarByScalar(_ text: String) -> Int? {
    text.unicodeScalars.enumerated().first { !XMLCharacters.isAllowed($0.element) }?.offset
  }

  @Test("allowed and refused scalars at the start, inside and at the end, in ASCII and multibyte text")
  func againstScalarByScalar() {
    let pieces = [
      "", "a", "Straße", "tab\tline\nreturn\r", "\u{FFFD}", "\u{EFBF}", "\u{FFBE}", "😀", "\u{D7FF}",
      "\u{E000}", "\u{7}", "\u{0}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{7F}",
    ]
    var refused = 0
    for first in pieces {
      for second in pieces {
        // And long texts, read eight bytes at a time, the pieces at every offset in a word.
        let padded = (0..<9).map {
          "0123456789abcdefgh".prefix($0) + first + "Straße, ein langer Satz" + second + "abcdefghijklmnop"
        }
        for text in [first + second, first + "ß" + second, "x\(first)é\(second)y"] + padded {
          let expected = Self.scalarByScalar(text)
          #expect(
            XMLCharacters.firstInvalidScalarOffset(in: text) == expected, "\(Array(text.unicodeScalars))")
          #expect(XMLCharacters.firstInvalidScalarOffset(in: NSString(string: text) as String) == expected)
          if expected != nil { refused += 1 }
        }
      }
    }
    #expect(refused > 100)
  }
}

/// The writer hands a text without `&`, `<`, `>`, `"`, carriage return or NUL to libxml2 as it is
/// (`xmlTextWriterWriteRawLen`), any other through `xmlTextWriterWriteString`, which escapes it.
@Suite("XMLTextOutput: a text written as it is or escaped, the same bytes as escaped")
struct XMLTextOutputTests {
  /// The bytes of `<seg>text</seg>`, the text written by `write`.
  static func segment(_ text: String, _ write: (XMLTextOutput, String) throws(TMXError) -> Void) throws
    -> [UInt8]
  {
    let output = try XMLTextOutput()
    try output.startElement("seg")
    try write(output, text)
    try output.fullEndElement()
    var bytes: [UInt8] = []
    try output.drain { bytes.append(contentsOf: $0) }
    return bytes
  }

  @Test("every ASCII character, alone and in text, and multibyte text")
  func sameAsEscaped() throws {
    let characters =
      (1..<128).map { String(UnicodeScalar(UInt8($0))) } + ["ß", "€", "😀", "\u{FEFF}", "\u{0}"]
    var differ = 0
    for character in characters {
      for text in [
        character, "a\(character)b", "Straße \(character)\(character) en zo",
        String(repeating: character, count: 40),
      ] {
        let written = try Self.segment(text) { (output, text) throws(TMXError) in try output.text(text) }
        let escaped = try Self.segment(text) { (output, text) throws(TMXError) in try output.escapedText(text)
        }
        #expect(written == escaped, "\(Array(text.unicodeScalars))")
        if Array(text.utf8) != Array(written.dropFirst(5).dropLast(6)) { differ += 1 }
      }
    }
    // The escaped characters were escaped indeed (not only written as they are).
    #expect(differ >= 20)
  }
}
