import Foundation
import Segmenter
import TestSupport
import Testing

@testable import TweetalKit

@Suite("What the aligner sees of a sentence")
struct AlignmentInputTests {
  /// Lines of the corpus letters and, when present, the Text+Berg dev pair, with made-up ones.
  static func lines() throws -> [String] {
    var paths = [
      "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt",
      "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
    ].map(Repository.path)
    if Shared.exists(Shared.textBerg) {
      paths += ["dev.de", "dev.fr"].map { Shared.path(Shared.textBerg + "/" + $0) }
    }
    var lines = try paths.flatMap { path in
      try String(contentsOfFile: path, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map(String.init)
    }
    lines += [
      "", "a", "\r\n", "a\r\nb", "a\rb\nc", "\r", "tab\tand\u{0B}vt", "café", "e\u{301}", "👍🏽 ok", "ĳs", "한국어",
    ]
    return lines
  }

  @Test("A sentence's length is its count of characters, ASCII or not, with CR LF one character")
  func characterCount() throws {
    let lines = try Self.lines()
    // The two corpus letters alone give 215 lines; the Text+Berg pair, when present, many more.
    #expect(lines.count > 200)
    for line in lines {
      #expect(AlignmentInput.characterCount(line) == line.count, "\(line.debugDescription)")
    }
    let input = AlignmentInput(language: "nl")
    let sentence = Sentence(text: "Zie art. 5, blz. 12–14.", kind: .sentence, block: 0)
    #expect(input.alignerSentence(sentence).length == 23)
  }
}
