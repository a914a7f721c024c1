import Testing

@testable import Aligner

@Suite("Linear search that does not depend on document length")
struct ScaleTests {
  @Test("the same text alone or inside a 100× repeated document gives the same beads")
  func repeatedDocument() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    let (source, target, _) = Fixtures.syntheticTranslation(of: Array(lengths.prefix(60)), seed: 9)
    // A small full-search limit so that the repeated pair goes through several coarse levels.
    let options = AlignerOptions(fullSearchCells: 20_000)
    let single = Aligner(options: options).align(source: source, target: target).beads
    let copies = 100
    let repeated = Aligner(options: options).align(
      source: Array(repeatElement(source, count: copies).joined()),
      target: Array(repeatElement(target, count: copies).joined())
    ).beads
    var expected: [[Range<Int>]] = []
    for copy in 0..<copies {
      let (ds, dt) = (copy * source.count, copy * target.count)
      for bead in single {
        expected.append([
          bead.source.lowerBound + ds..<bead.source.upperBound + ds,
          bead.target.lowerBound + dt..<bead.target.upperBound + dt,
        ])
      }
    }
    #expect(repeated.map { [$0.source, $0.target] } == expected)
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
