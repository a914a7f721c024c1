import Foundation
import TestSupport
import Testing

@testable import TweetalKit

/// `AlignmentInput.characterCount` reads a sentence's length off its UTF-8 bytes when every scalar
/// is below U+0300; it must be `String.count` exactly, or the lengths (and so the alignment) change.
@Suite("A sentence's length counted on its UTF-8 bytes is String.count")
struct CharacterCountTests {
  /// Made-up lines around the fast path's edges: CR LF and lone CR or LF, controls, the last
  /// scalars below U+0300 and the first combining marks above it, other scripts, emoji sequences.
  static let madeUp = [
    "", "a", "\r\n", "\r", "\n", "\n\r", "\r\r\n\n", "a\r\nb\rc\nd", "tab\there\u{0}\u{7F}\u{85}\u{AD}",
    "Straße, Genève, Zürich, łódź, ŉ ſ ƒ ǅ ȳ ɐ ʰ ˈ ˿ \u{2FF}", "e\u{301}te\u{301}", "a\u{300}", "\u{300}",
    "Citro\u{308}en", "ﬁ ligature", "한국어", "日本語のテキスト", "👩‍👩‍👧 family", "🇳🇱🇫🇷", "👍🏽",
    "क्षि", "Le congrès de l’ONU à Genève « 1956 »", String(repeating: "ü\r\n", count: 50),
  ]

  @Test("Made-up lines, also as bridged strings")
  func madeUpLines() {
    for text in Self.madeUp {
      #expect(AlignmentInput.characterCount(text) == text.count, "\(text.debugDescription)")
      let bridged = NSString(string: text) as String
      #expect(AlignmentInput.characterCount(bridged) == text.count, "\(text.debugDescription)")
    }
  }

  @Test("Random strings of ASCII, CR, LF, letters below and above U+0300 and combining marks")
  func randomStrings() {
    let pieces = ["a", " ", "\r", "\n", "\r\n", "ü", "ß", "\u{2FF}", "\u{300}", "é", "€", "😀", "한", "\u{0}"]
    // A fixed linear congruential sequence: the same strings on every run.
    var state: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<20_000 {
      // Mostly pieces below U+0300 (the first eight), so that most strings take the fast path.
      let text = (0..<next(40)).map { _ in pieces[next(round % 4 == 0 ? pieces.count : 8)] }.joined()
      #expect(AlignmentInput.characterCount(text) == text.count, "\(text.debugDescription)")
    }
  }

  @Test("Every line of the corpus's documents, with CR LF line ends too")
  func corpusLines() throws {
    var fast = 0
    for path in try TestData.corpusDocuments() {
      let text = String(decoding: try TestData.bytes(path), as: UTF8.self)
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let line = String(line)
        #expect(AlignmentInput.characterCount(line) == line.count, "\(path): \(line.debugDescription)")
        #expect(AlignmentInput.characterCount(line + "\r\n") == line.count + 1)
        if line.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { fast += 1 }
      }
    }
    // Lines read on the bytes (the fast path), not only lines counted as before.
    #expect(fast > 500)
  }

  @Test(
    "Every line of the Text+Berg dev pair",
    .enabled(if: Shared.has(Shared.textBerg + "/dev.de"), Shared.reason(Shared.textBerg)))
  func textBergLines() throws {
    for side in ["dev.de", "dev.fr"] {
      let bytes = try TestData.bytes(Shared.path(Shared.textBerg + "/" + side))
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        let line = String(line)
        #expect(AlignmentInput.characterCount(line) == line.count, "\(side): \(line.debugDescription)")
      }
    }
  }
}
