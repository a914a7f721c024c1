import Aligner
import Foundation
import Segmenter
import TestSupport
import Testing

@testable import TweetalKit

/// Test documents for the review tests: the bundled corpus, cut into sentences by the segmenter,
/// aligned with the aligner.
enum ReviewFixture {
  static let root = URL(filePath: Repository.root)

  /// The corpus pairs of `corpus/pairs.tsv`: Dutch path, English path, output name.
  static func pairs() throws -> [(source: String, target: String, name: String)] {
    let text = try String(contentsOf: root.appending(path: "corpus/pairs.tsv"), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let fields = line.split(separator: "\t").map(String.init)
      return (fields[0], fields[1], fields[2])
    }
  }

  /// The sentences of a corpus document as `tweetal align` makes them: decoded, format detected,
  /// segmented by the segmenter for `language`.
  static func sentences(_ relativePath: String, language: SegmenterLanguage) throws -> [Sentence] {
    let bytes = try [UInt8](Data(contentsOf: root.appending(path: relativePath)))
    let text = try TextLoader.decode(bytes, file: relativePath)
    return Segmenter(language: language).segment(text).map {
      Sentence(text: $0.text, kind: $0.kind, block: $0.block)
    }
  }

  /// The alignment of corpus pair `index`, as the aligner makes it.
  static func document(pair index: Int) throws -> AlignedDocument {
    let pair = try pairs()[index]
    let source = try sentences(pair.source, language: .dutch)
    let target = try sentences(pair.target, language: .english)
    let result = Aligner().align(
      source: AlignmentInput(language: "nl").alignerSentences(source),
      target: AlignmentInput(language: "en").alignerSentences(target))
    let beads = result.beads.enumerated().map { position, bead in
      AlignmentBead(
        source: bead.source, target: bead.target, cost: bead.cost, confidence: bead.confidence,
        id: position + 1)
    }
    let metadata = AlignmentMetadata(
      sourceLanguage: "nl-NL", targetLanguage: "en-GB", sourceFile: pair.source, targetFile: pair.target,
      sourceChecksum: String(repeating: "0", count: 64), targetChecksum: String(repeating: "1", count: 64),
      creationDate: "20261124T040000Z", parameters: result.parameters)
    return AlignedDocument(metadata: metadata, source: source, target: target, beads: beads)
  }

  /// A small hand-made alignment: five beads, 1-1, 2-1, 1-1, 1-0, 0-1.
  static func small() -> AlignedDocument {
    let source = ["Een.", "Twee.", "Drie.", "Vier.", "Vijf.", "Zes."].map { Sentence(text: $0) }
    let target = ["One.", "Two and three.", "Four.", "Seven."].map { Sentence(text: $0) }
    let beads = [
      AlignmentBead(source: 0..<1, target: 0..<1, confidence: 0.9, id: 1),
      AlignmentBead(source: 1..<3, target: 1..<2, confidence: 0.7, id: 2),
      AlignmentBead(source: 3..<4, target: 2..<3, confidence: 0.3, id: 3),
      AlignmentBead(source: 4..<6, target: 3..<3, confidence: 0.2, id: 4),
      AlignmentBead(source: 6..<6, target: 3..<4, confidence: 0.2, id: 5),
    ]
    let metadata = AlignmentMetadata(
      sourceLanguage: "nl-NL", targetLanguage: "en-GB", sourceFile: "a.txt", targetFile: "b.txt",
      sourceChecksum: "", targetChecksum: "", creationDate: "20261124T040000Z")
    return AlignedDocument(metadata: metadata, source: source, target: target, beads: beads)
  }

  static let stamp = EditStamp(user: "tester", date: Date(timeIntervalSince1970: 1_764_000_000))
}

/// A random operation, sometimes invalid, on a document with `count` beads.
func randomOperation(_ document: AlignedDocument, using generator: inout SeededGenerator) -> EditOperation {
  let count = max(1, document.beads.count)
  let bead = Int.random(in: 1...(count + 1), using: &generator)  // sometimes out of range
  let side: AlignmentSide = Bool.random(using: &generator) ? .source : .target
  switch Int.random(in: 0..<9, using: &generator) {
  case 0: return .merge(bead: bead)
  case 1:
    let existing = bead <= document.beads.count ? document.beads[bead - 1] : nil
    return .split(
      bead: bead, source: Int.random(in: 0...((existing?.source.count ?? 1) + 1), using: &generator),
      target: Int.random(in: 0...((existing?.target.count ?? 1)), using: &generator))
  case 2: return .shift(bead: bead, side: side, direction: Bool.random(using: &generator) ? .up : .down)
  case 3: return .unlink(bead: bead)
  case 4: return .link(first: bead, last: min(count + 1, bead + Int.random(in: 0...3, using: &generator)))
  case 5:
    return .text(
      bead: bead, side: side, text: "Gecorrigeerde zin \(Int.random(in: 0...99, using: &generator)).")
  case 6, 7: return .confirm(first: bead, last: min(count, bead + Int.random(in: 0...2, using: &generator)))
  default: return .unconfirm(first: bead, last: bead)
  }
}
