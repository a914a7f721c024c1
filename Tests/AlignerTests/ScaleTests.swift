import TestSupport
import Testing

@testable import Aligner

@Suite("Linear search that does not depend on document length")
struct ScaleTests {
  @Test("the same text alone or inside a 100× repeated document gives the same beads")
  func repeatedDocument() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    let (source, target, _) = Fixtures.syntheticTranslation(of: Array(lengths.prefix(60)), seed: 9)
    // A small full-search limit so that the repeated pair goes through several coarse levels.
    let (got, expected) = Self.alignedAloneAndRepeated(
      source, target, copies: 100, options: AlignerOptions(fullSearchCells: 20_000))
    #expect(got == expected)
  }

  /// The beads of `source`/`target` repeated `copies` times, and one copy's beads shifted to each copy.
  static func alignedAloneAndRepeated(
    _ source: [AlignerSentence], _ target: [AlignerSentence], copies: Int, options: AlignerOptions
  ) -> (repeated: [[Range<Int>]], expected: [[Range<Int>]]) {
    let single = Aligner(options: options).align(source: source, target: target).beads
    let repeated = Aligner(options: options).align(
      source: Array(repeatElement(source, count: copies).joined()),
      target: Array(repeatElement(target, count: copies).joined())
    ).beads
    let expected = (0..<copies).flatMap { copy in
      single.map { bead in
        let (ds, dt) = (copy * source.count, copy * target.count)
        return [
          bead.source.lowerBound + ds..<bead.source.upperBound + ds,
          bead.target.lowerBound + dt..<bead.target.upperBound + dt,
        ]
      }
    }
    return (repeated.map { [$0.source, $0.target] }, expected)
  }

  @Test(
    "real text with an untranslated passage, repeated 5×, gives one copy's beads through the coarse levels",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func repeatedDevelopmentSet() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    // 468 × 554 sentences; the French side has 18 % more sentences and a run of 14 sentences
    // without a German counterpart near the start. Five copies go through two coarse levels, which
    // must neither pair coarse units of unequal content nor lose that run (a band that gave a run of
    // target sentences only its own source row placed it one sentence late).
    var options = AlignerOptions()
    options.twoLevel = false
    let (got, expected) = Self.alignedAloneAndRepeated(source, target, copies: 5, options: options)
    #expect(got.count == expected.count)
    let firstDifference = got.indices.first { $0 < expected.count && got[$0] != expected[$0] }
    #expect(
      firstDifference == nil,
      "first different bead: \(firstDifference.map { "\(got[$0]) vs \(expected[$0])" } ?? "")")
  }

  /// The benchmark's scaling run (`TweetalBench aligner --sizes 25740`): each copy its own block.
  @Test(
    "real text repeated 55×, each copy a block, gives one copy's beads: the coarsest search does not slip by copies",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func repeatedDevelopmentSetAtTheCoarsestLevel() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    // 25 740 × 30 470 sentences: the coarsest level is searched in full at 32 sentences a unit
    // (804 units a side). When a coarse unit left unlinked cost what one sentence does, that
    // search left two copies of French unlinked at the start and two of German at the end, and
    // every link between was two copies off (strict F1 0.03; ×55 to ×66 failed, docs/aligner.md).
    func copies(_ sentences: [AlignerSentence]) -> [AlignerSentence] {
      (0..<55).flatMap { copy in
        sentences.map { sentence in
          var copied = sentence
          copied.block = copy
          return copied
        }
      }
    }
    var options = AlignerOptions()
    options.twoLevel = false
    let single = Aligner(options: options).align(source: source, target: target).beads
    let repeated = Aligner(options: options).align(source: copies(source), target: copies(target)).beads
    let expected = (0..<55).flatMap { copy in
      single.map { bead in
        let (ds, dt) = (copy * source.count, copy * target.count)
        return [
          bead.source.lowerBound + ds..<bead.source.upperBound + ds,
          bead.target.lowerBound + dt..<bead.target.upperBound + dt,
        ]
      }
    }
    let got = repeated.map { [$0.source, $0.target] }
    #expect(got.count == expected.count)
    let firstDifference = got.indices.first { $0 < expected.count && got[$0] != expected[$0] }
    #expect(
      firstDifference == nil,
      "first different bead: \(firstDifference.map { "\(got[$0]) vs \(expected[$0])" } ?? "")")
  }

  /// 2³¹ cells overflow a 32-bit index; the 1M × 1M benchmark (10¹² cells) covers far more.
  @Test("a pair with more than 2³¹ cells aligns and follows the diagonal")
  func beyondThirtyOneBits() {
    var random = SeededGenerator(seed: 1)
    let lengths = (0..<47_000).map { _ in Int.random(in: 20...200, using: &random) }
    let source = lengths.map { AlignerSentence(length: $0) }
    let target = lengths.map { AlignerSentence(length: $0 + $0 / 10) }
    let options = AlignerOptions(estimateParameters: false, anchorsAvailable: false)
    let beads = Aligner(options: options).align(source: source, target: target).beads
    #expect(Fixtures.coversInOrder(beads, sourceCount: source.count, targetCount: target.count))
    #expect(beads.filter { $0.source == $0.target && $0.source.count == 1 }.count > 46_000)
  }
}
