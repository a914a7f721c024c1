import Testing

@testable import ReviewWeb

@Suite("escape: text for HTML")
struct HTMLEscapeTests {
  /// The escaping the byte-level `escape` replaced: scalar by scalar.
  static func reference(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  @Test(
    "the five specials become entities, everything else stays as it was",
    arguments: [
      "", "plain text", "Ons kenmerk 3963666", "<script>alert('x')</script>", "a & b \"c\" 'd' <e>",
      "ë 中文 😀 e\u{301} \u{0}\u{7}\n\t", "&amp; already", "'''", "zwölf > elf < dreizehn",
    ])
  func escapes(text: String) {
    #expect(escape(text) == Self.reference(text))
    #expect(escape(text).utf8.elementsEqual(Self.reference(text).utf8))
  }
}
