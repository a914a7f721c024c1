import FoundationEssentials
import Testing

@testable import Segmenter

/// Whole documents against expected outputs checked by a person, sentence by sentence.
/// A missing expected file is written and the test fails: a new golden file is never
/// accepted silently.
@Suite("Expected outputs")
struct GoldenTests {
  static let expectedFolder = repositoryRoot.appendingPathComponent("Tests/SegmenterTests/Expected")

  @Test(
    "whole documents segment as checked by hand",
    arguments: [
      ("corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt", "2022-04-29_kamerbrief-imrf-deelname.units"),
      ("corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt", "2018-11_kamerbrief-gcm-marrakesh.units"),
      (
        "corpus/nl/2018-06_eerste-kamer-briefwisseling-gcm-gcr.txt",
        "2018-06_eerste-kamer-briefwisseling-gcm-gcr.units"
      ),
      (
        "corpus/en/2020-11-09_gcm-implementation-input-un-network.txt",
        "2020-11-09_gcm-implementation-input-un-network.units"
      ),
    ])
  func golden(document: String, expected: String) throws {
    let text = try corpusText(document)
    let actual = rendered(Segmenter(language: Segmenter.guessLanguage(of: text)).segment(text))
    let url = Self.expectedFolder.appendingPathComponent(expected)
    guard let data = try? Data(contentsOf: url) else {
      try Data(actual.utf8).write(to: url)
      Issue.record("\(expected) did not exist; written for review — check it by hand and rerun")
      return
    }
    let wanted = String(decoding: data, as: UTF8.self)
    if wanted != actual {
      let wantedLines = wanted.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let first =
        Array(zip(wantedLines, actualLines)).firstIndex { $0 != $1 }
        ?? min(wantedLines.count, actualLines.count)
      let want = first < wantedLines.count ? String(wantedLines[first]) : "<end>"
      let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
      Issue.record("\(expected) line \(first + 1):\n expected: \(want)\n actual:   \(got)")
    }
  }
}
