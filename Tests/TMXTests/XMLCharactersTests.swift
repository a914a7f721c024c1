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
