import PropertyBased
import Segmenter
import SegmenterChecks
import TestSupport
import Testing

/// The "Verbatim units" property on generated plain text: whatever the text, every unit the
/// segmenter makes of it as plain text is its source span with only white space folded and a
/// hyphen at a line end dropped, and the units lie inside the text in order. 300 cases from a
/// fixed seed; a failure prints the shrunk list of pieces.
@Suite("Verbatim units (property)")
struct FidelityPropertyTests {
  /// Words, sentence ends, the characters Markdown would read as markup, digits and numbered
  /// items, superscripts, white space of every kind plain text folds, line breaks, blank lines and
  /// words hyphenated at a line end.
  static let pieces = [
    "De", "minister", "the", "Report", "vluchtelingen", "e.g.", "Dr.", "t.a.v.", "EU-lidstaten", "café",
    "e\u{301}", "日本", "MB=1000*1000", "__ptrace_request", "x_y", "CO₂", "m²", "¹", "²⁰", "12", "3.5", "1.",
    "(a)", "[1]", "[link](https://example.org)", "<https://example.org/x_y>", "<b>", "#", "## ", "*", "**",
    "_", "\\", "\\*", "<", ">", "&amp;", "[", "]", "(", ")", ".", ". ", "? ", "! ", ", ", ": ", "; ", "…",
    "\"", "'", " ", " ", " ", "  ", "\t", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{1F}", "\u{01}", "\u{FFFF}",
    "\n", "\n", "\n\n", "\n  \n", "\r\n", "-\n", "vluchte-\n",
    "-", "—", "- ", "* ", "> ", "    ",
  ]

  static let text = Gen<Int>.value(in: 0...(pieces.count - 1)).array(of: 0...80).map { codes in
    codes.map { pieces[$0] }.joined()
  }

  @Test("every plain-text unit of generated text is verbatim, inside the text and in order")
  func generatedPlainText() async {
    await seededPropertyCheck(count: 300, seed: 4, input: Self.text) { text in
      let scalars = Array(text.unicodeScalars)
      for language in [SegmenterLanguage.dutch, .english] {
        let units = Segmenter(language: language).segment(text, format: .text)
        #expect(SegmenterChecks.orderViolation(units, scalarCount: scalars.count) == nil)
        for unit in units {
          #expect(
            SegmenterChecks.plainTextMismatch(unit, in: scalars) == nil,
            "\(unit.text.debugDescription): \(SegmenterChecks.plainTextMismatch(unit, in: scalars) ?? "")")
        }
      }
    }
  }
}
