import Testing

@testable import Aligner

/// The cost per block boundary inside a bead side, and its estimate per pair.
@Suite("Block boundaries")
struct BlockBoundaryTests {
  /// One sentence per block on both sides, lengths of man-page entries; the target's sentence 6 is
  /// a short entry whose length would also fit as the tail of a 2-1 bead with its neighbour.
  static let sourceLengths = [
    44, 120, 36, 58, 92, 41, 47, 30, 150, 66, 38, 52, 77, 40, 45, 61, 33, 88, 49, 57,
  ]

  static func sentences(_ lengths: [Int], blocks: Bool) -> [AlignerSentence] {
    lengths.enumerated().map { AlignerSentence(length: $1, block: blocks ? $0 : 0) }
  }

  @Test("boundaries inside a bead side are counted in O(1); coarse units carry none")
  func counting() {
    let units = Units(Self.sentences([5, 6, 7, 8], blocks: true), useAnchors: false)
    #expect(units.blockBoundaries(0..<1) == 0)
    #expect(units.blockBoundaries(0..<2) == 1)
    #expect(units.blockBoundaries(1..<4) == 2)
    let sameBlock = Units(Self.sentences([5, 6, 7, 8], blocks: false), useAnchors: false)
    #expect(sameBlock.blockBoundaries(0..<4) == 0)
    let coarse = units.grouped(quantum: 2).units
    #expect(coarse.count == 2 && coarse.blockBoundaries(0..<2) == 0)
  }

  @Test("a link bead pays the block cost for each boundary inside its sides; a 1-1 bead pays none")
  func costPerBoundary() {
    let source = Units(Self.sentences([40, 40, 80], blocks: true), useAnchors: false)
    let target = Units(Self.sentences([80, 40, 40], blocks: true), useAnchors: false)
    var parameters = AlignmentParameters(ratio: 1, variance: 6.8)
    let free = CostModel(
      source: source, target: target, parameters: parameters, priors: AlignerOptions().priors,
      deletionCost: .lengthIndependent, anchorWeight: 0)
    parameters.blockCost = 2.5
    let priced = CostModel(
      source: source, target: target, parameters: parameters, priors: AlignerOptions().priors,
      deletionCost: .lengthIndependent, anchorWeight: 0)
    let twoToOne = try? #require(priced.types.firstIndex(of: BeadType(source: 2, target: 1)))
    let oneToOne = try? #require(priced.types.firstIndex(of: BeadType(source: 1, target: 1)))
    guard let twoToOne, let oneToOne else { return }
    let crossing =
      priced.cost(typeIndex: twoToOne, endingAt: 2, 1) - free.cost(typeIndex: twoToOne, endingAt: 2, 1)
    #expect(abs(crossing - 2.5) < 1e-9)
    #expect(
      priced.cost(typeIndex: oneToOne, endingAt: 3, 1) == free.cost(typeIndex: oneToOne, endingAt: 3, 1))
  }

  @Test(
    "the estimate is about 2.3 nats with no evidence, 0 without blocks, small when beads cross blocks freely")
  func estimate() {
    let units = Units(Self.sentences(Array(repeating: 50, count: 40), blocks: true), useAnchors: false)
    let types = AlignerOptions().priors.map(\.type)
    let oneToOne = types.firstIndex(of: BeadType(source: 1, target: 1)) ?? 0
    let twoToTwo = types.firstIndex(of: BeadType(source: 2, target: 2)) ?? 0
    let diagonal = (0..<40).map { Step(i0: $0, j0: $0, i1: $0 + 1, j1: $0 + 1, typeIndex: oneToOne, cost: 0) }
    let none = ParameterEstimation.blockCost(steps: diagonal, types: types, source: units, target: units)
    #expect(abs(none - 2.3) < 0.05)
    let flat = Units(Self.sentences(Array(repeating: 50, count: 40), blocks: false), useAnchors: false)
    #expect(ParameterEstimation.blockCost(steps: diagonal, types: types, source: flat, target: flat) == 0)
    let pairs = (0..<20).map {
      Step(i0: 2 * $0, j0: 2 * $0, i1: 2 * $0 + 2, j1: 2 * $0 + 2, typeIndex: twoToTwo, cost: 0)
    }
    let crossing = ParameterEstimation.blockCost(steps: pairs, types: types, source: units, target: units)
    // Boundaries inside beads as often as anywhere: the rate smoothed towards a tenth of the base
    // (42 of 60) leaves log(1 / 0.7) = 0.36 nats, a sixth of the cost without evidence.
    #expect(crossing < 0.4 && crossing < none / 5)
  }

  @Test("with one sentence per block on both sides, every bead of a clean translation stays 1-1")
  func blocksKeepBeadsOneToOne() {
    let source = Self.sentences(Self.sourceLengths, blocks: true)
    let target = Self.sentences(Self.sourceLengths.map { $0 * 11 / 10 }, blocks: true)
    let beads = Aligner().align(source: source, target: target).beads
    #expect(beads.count == source.count)
    #expect(beads.allSatisfy { $0.source.count == 1 && $0.target.count == 1 })
  }
}
