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
    // The lines read on the bytes (the fast path), not only those counted as before.
    #expect(fast > 1000)
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
