import Foundation
import TestSupport

@testable import Aligner

enum Fixtures {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Sentences of a corpus document, split at ". " (good enough for realistic lengths).
  static func corpusSentences(_ relativePath: String) throws -> [String] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    return text.components(separatedBy: CharacterSet(charactersIn: ".?!\n"))
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.count > 1 }
  }

  static let englishReview = "corpus/en/2022-04-14_gcm-voluntary-national-review.txt"
  static let dutchLetter = "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt"

  /// The IMRF letter and the review (related, far from parallel) as aligner input, with anchors.
  static func letterAgainstReview() throws -> (source: [AlignerSentence], target: [AlignerSentence]) {
    let extractorNL = AnchorExtractor(language: "nl")
    let extractorEN = AnchorExtractor(language: "en")
    let source = try corpusSentences(dutchLetter).map {
      AlignerSentence(length: $0.count, anchors: extractorNL.anchors(for: $0))
    }
    let target = try corpusSentences(englishReview).map {
      AlignerSentence(length: $0.count, anchors: extractorEN.anchors(for: $0))
    }
    return (source, target)
  }

  /// A synthetic translation of `lengths` with a known gold alignment: each source sentence
  /// becomes one target sentence (length ×1.1 with noise), or two (a split), or merges with the
  /// next; a few sentences are dropped or added.
  static func syntheticTranslation(of lengths: [Int], seed: UInt64)
    -> (source: [AlignerSentence], target: [AlignerSentence], gold: [Bead])
  {
    var random = SeededGenerator(seed: seed)
    var target: [AlignerSentence] = []
    var gold: [Bead] = []
    var index = 0
    func noisy(_ length: Int) -> Int {
      max(
        1,
        Int(
          Double(length) * 1.1 + Double.random(in: -1...1, using: &random) * Double(length).squareRoot() * 1.5
        ))
    }
    while index < lengths.count {
      let roll = Double.random(in: 0..<1, using: &random)
      let start = target.count
      if roll < 0.8 || index + 1 == lengths.count {
        target.append(AlignerSentence(length: noisy(lengths[index])))
        gold.append(Bead(source: index..<index + 1, target: start..<start + 1))
        index += 1
      } else if roll < 0.88 {
        let whole = noisy(lengths[index])
        let first = max(1, whole / 3)
        target.append(AlignerSentence(length: first))
        target.append(AlignerSentence(length: max(1, whole - first)))
        gold.append(Bead(source: index..<index + 1, target: start..<start + 2))
        index += 1
      } else if roll < 0.96 {
        target.append(AlignerSentence(length: noisy(lengths[index] + lengths[index + 1])))
        gold.append(Bead(source: index..<index + 2, target: start..<start + 1))
        index += 2
      } else {
        gold.append(Bead(source: index..<index + 1, target: start..<start))
        index += 1
      }
    }
    return (lengths.map { AlignerSentence(length: $0) }, target, gold)
  }

  /// Every sentence of both sides exactly once, in order, and empty sides at the current position.
  static func coversInOrder(_ beads: [Bead], sourceCount: Int, targetCount: Int) -> Bool {
    var nextSource = 0
    var nextTarget = 0
    for bead in beads {
      guard bead.source.lowerBound == nextSource, bead.target.lowerBound == nextTarget,
        !(bead.source.isEmpty && bead.target.isEmpty), (0...1).contains(bead.confidence)
      else { return false }
      nextSource = bead.source.upperBound
      nextTarget = bead.target.upperBound
    }
    return nextSource == sourceCount && nextTarget == targetCount
  }
}

extension AlignmentResult {
  /// The beads that link sentences of both sides.
  var links: [Bead] { beads.filter { !$0.source.isEmpty && !$0.target.isEmpty } }
}
