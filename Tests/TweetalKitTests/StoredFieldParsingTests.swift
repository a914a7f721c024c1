import Foundation
import TestSupport
import Testing

@testable import TweetalKit

/// The byte-level splitting the decoder uses for stored lists and records (`TMXForm.splitFields`,
/// `TMXForm.commasToSpaces`) cuts exactly where Swift's Character split and Foundation's
/// replacement cut, also for text where bytes and characters differ (a separator followed by a
/// combining mark, CR LF, non-ASCII digits).
@Suite("Stored field parsing = Character splitting")
struct StoredFieldParsingTests {
  static let texts: [String] = [
    "", " ", "  ", "3", "3 4 5", " 3 4", "3 4 ", "3  4", "0:18 20:31 - 40:41", "12:", ":", "::",
    "tuid=1 bead=0-1 status=auto confidence=1.0000 cost=1.2857 source-range=0:0 target-range=0:1",
    "lengths=128,4 kinds=heading,meta blocks=0,1 spans=8:136,140:144",
    "a= b=c =d", "a==b", "x\r\ny z", "3 \u{301}4", "3\u{301} 4", "a=b \u{301}c=d", "1,\u{301}2,3",
    "Überschrift,Absatz 1:2", "٣ ٤", "a\u{0}b c", "tab\tsep rest", "é=1 e\u{301}=2",
  ]

  @Test("splitFields gives the pieces of split(separator:omittingEmptySubsequences: false)")
  func splitMatchesCharacterSplit() {
    for text in Self.texts + Self.randomTexts() {
      for separator: Unicode.Scalar in [" ", ":", "=", ","] {
        let expected = text.split(separator: Character(separator), omittingEmptySubsequences: false).map(
          String.init)
        let got = TMXForm.splitFields(text, separator: separator).map(String.init)
        #expect(got == expected, "\(text.debugDescription) split at \(separator.escaped(asASCII: true))")
      }
    }
  }

  @Test("commasToSpaces gives what Foundation's replacingOccurrences gives")
  func commasMatchFoundation() {
    for text in Self.texts + Self.randomTexts() {
      #expect(
        TMXForm.commasToSpaces(text) == text.replacingOccurrences(of: ",", with: " "),
        "\(text.debugDescription)")
    }
  }

  @Test("An unlinked record's fields by name, in order; broken records are refused")
  func recordFields() throws {
    let fields = try #require(
      UnlinkedRecord.fields("tuid=2 bead=0-1 status=auto lengths=4,7 kinds=meta,body changeid=a%20b"))
    #expect(fields.map(\.name) == ["tuid", "bead", "status", "lengths", "kinds", "changeid"])
    #expect(fields.map(\.value) == ["2", "0-1", "auto", "4,7", "meta,body", "a%20b"])
    #expect(UnlinkedRecord.fields("tuid=1 tuid=2") == nil)  // a repeated name
    #expect(UnlinkedRecord.fields("tuid=1  bead=1-0") == nil)  // an empty field
    #expect(UnlinkedRecord.fields("=1") == nil)  // no name
    #expect(UnlinkedRecord.fields("tuid") == nil)  // no value
    // "=" with a combining mark is not "=" for Character search: the name then runs on.
    let combined = try #require(UnlinkedRecord.fields("a=\u{301}b=c"))
    #expect(combined.map(\.name) == ["a=\u{301}b"])
    #expect(combined.map(\.value) == ["c"])
  }

  @Test("TranslatorExport.clean joins with one space and folds whitespace and controls as Unicode says")
  func cleanMatchesScalarDefinition() {
    // The definition clean implements: join with a space, every run of whitespace or control
    // scalars becomes one space, none at the ends.
    func reference(_ sentences: [String]) -> String {
      var result = ""
      var pendingSpace = false
      for scalar in sentences.joined(separator: " ").unicodeScalars {
        if scalar.properties.isWhitespace || scalar.value < 0x20
          || (scalar.value >= 0x7F && scalar.value < 0xA0)
        {
          pendingSpace = !result.isEmpty
          continue
        }
        if pendingSpace { result.unicodeScalars.append(" ") }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      }
      return result
    }
    let extra = ["\u{85}", "\u{A0}", "\u{7F}", "\u{2003}", "\t", "\u{1F}", "Ä", "\u{3000}x", ""]
    let texts = Self.texts + Self.randomTexts() + extra
    for (index, text) in texts.enumerated() {
      let sentences = [text, texts[(index * 7) % texts.count], extra[index % extra.count]]
      #expect(TranslatorExport.clean(sentences) == reference(sentences), "\(sentences)")
      #expect(TranslatorExport.clean([text]) == reference([text]), "\(text.debugDescription)")
    }
    #expect(TranslatorExport.clean(["  Een\tzin. ", "\u{A0}Twee\r\n"]) == "Een zin. Twee")
  }

  /// Random strings over an alphabet of separators, digits, letters, combining marks and CR LF.
  static func randomTexts() -> [String] {
    var generator = SeededGenerator(seed: 14)
    let alphabet: [String] = [
      " ", ":", "=", ",", "-", "1", "23", "a", "é", "e\u{301}", "\u{301}", "\r\n", "\r", "\n",
    ]
    return (0..<400).map { _ in
      let length = Int(generator.next() % 12)
      return (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
    }
  }
}
