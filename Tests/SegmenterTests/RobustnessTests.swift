import Testing

@testable import Segmenter

/// Odd input never traps: pieces of the corpus cut anywhere, and strings of markup debris.
@Suite("Robustness")
struct RobustnessTests {
  @Test("any slice of a corpus document segments with valid offsets", arguments: corpusDocuments)
  func slices(path: String) throws {
    let scalars = Array(try corpusText(path).unicodeScalars)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<150 {
      let start = Int.random(in: 0..<scalars.count, using: &generator)
      let end = Int.random(in: start...min(scalars.count, start + 3000), using: &generator)
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[start..<end])
      let text = String(view)
      let count = text.unicodeScalars.count
      for unit in Segmenter(language: .dutch).segment(text) {
        #expect(unit.start >= 0 && unit.start < unit.end && unit.end <= count)
        #expect(!unit.text.isEmpty && unit.text.first != " " && unit.text.last != " ")
      }
    }
  }

  @Test("strings of markup debris and punctuation do not trap")
  func debris() {
    let pieces = [
      "<", ">", "<sup>", "</sup>", "**", "*", "_", "-", "\n", "\n\n", " ", "1", "2 ", "3.", "a)", "(", ")",
      "«", "»", "“", "”", "…", ".", "?", "!", "\\", "&", "&amp;", "[", "](", "#", "# ", "- ", "|", "\t",
      "\r\n", "\u{0C}", "¹", "²", "Het", "kabinet", "e.g.", "t.a.v.", "M.G.J.", "EU-", "https://x.nl/",
      "\u{2028}", "é", "'s",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int.random(in: 1..<60, using: &generator) {
        text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
      }
      let count = text.unicodeScalars.count
      for language in SegmenterLanguage.allCases {
        for unit in Segmenter(language: language).segment(text) {
          #expect(unit.start >= 0 && unit.start < unit.end && unit.end <= count, "\(text.debugDescription)")
        }
      }
    }
  }
}
