import Foundation
import Testing

@testable import TweetalKit

@Suite("scalarCount: the lengths prop's scalars counted on the UTF-8 bytes")
struct ScalarCountTests {
  @Test("ASCII, accents, combining marks, CJK, emoji and a bridged string: as unicodeScalars.count")
  func asUnicodeScalarsCount() {
    let texts = [
      "", "a", "Straße", "e\u{301}te\u{301}", "日本語のテキスト", "👩‍👩‍👧 family", "tab\tline\r\n",
      "Le congrès de l’ONU à Genève", String(repeating: "ü€😀", count: 100),
    ]
    for text in texts {
      #expect(scalarCount(text) == text.unicodeScalars.count)
      #expect(scalarCount(NSString(string: text) as String) == text.unicodeScalars.count)
    }
  }
}
