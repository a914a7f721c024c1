import FoundationEssentials
import Testing

@testable import Segmenter

/// The repository root, found from this file's path (no SwiftPM resources).
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The five corpus documents, relative to the repository root.
let corpusDocuments = [
  "corpus/en/2020-11-09_gcm-implementation-input-un-network.txt",
  "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
  "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt",
  "corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt",
  "corpus/nl/2018-06_eerste-kamer-briefwisseling-gcm-gcr.txt",
]

func corpusText(_ path: String) throws -> String {
  let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
  return try TextLoader.decode([UInt8](data), file: path)
}

func units(_ text: String, _ language: SegmenterLanguage = .dutch) -> [Unit] {
  Segmenter(language: language).segment(text)
}

/// The units' texts.
func texts(_ text: String, _ language: SegmenterLanguage = .dutch) -> [String] {
  units(text, language).map(\.text)
}

/// `kind<TAB>text` per unit, as `tweetal segment` prints it.
func rendered(_ units: [Unit]) -> String {
  units.map { "\($0.kind.rawValue)\t\($0.text)\n" }.joined()
}
