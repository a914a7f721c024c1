import TestSupport
import Testing

@testable import Aligner

/// The length term looked up (``LengthCostTable``) against the length term computed: the same bits.
@Suite("LengthCostTable: looked-up length terms are the computed ones, bit for bit")
struct LengthCostTableTests {
  /// The fallback parameters and two others of the kind the estimation gives (c below and above 1).
  static let parameterSets = [
    AlignerOptions().fallbackParameters,
    AlignmentParameters(ratio: 1.137, variance: 5.21),
    AlignmentParameters(ratio: 0.874, variance: 8.93),
  ]

  @Test("every length pair below the side is the computed term; a longer side is not looked up")
  func everyEntry() {
    let side = LengthCostTable.side
    for parameters in Self.parameterSets {
      let table = LengthCostTable(ratio: parameters.ratio, variance: parameters.variance)
      var differing = 0
      for l1 in 0..<side {
        for l2 in 0..<side {
          let computed = CostModel.lengthCost(
            l1, l2, ratio: parameters.ratio, variance: parameters.variance)
          if table.cost(l1, l2)?.bitPattern != computed.bitPattern { differing += 1 }
        }
      }
      #expect(differing == 0, "c = \(parameters.ratio)")
      #expect(table.cost(side, 0) == nil && table.cost(0, side) == nil && table.cost(-1, 3) == nil)
      #expect(table.cost(side - 1, side - 1) != nil)
    }
  }

  /// Every bead type's cost at every cell of `model` over a full band, with and without the table:
  /// the number of costs that differ in any bit, and how many of the finite ones had both lengths
  /// inside the table and how many did not.
  static func compare(_ model: CostModel) -> (differing: Int, inside: Int, outside: Int) {
    let looked = model.withLengthTable(true)
    let computed = model.withLengthTable(false)
    let n = model.source.count
    let m = model.target.count
    let table = PairTable(looked, band: Band.full(rows: n, columns: m))
    var differing = 0
    var inside = 0
    var outside = 0
    for i in 0...n {
      for j in 0...m {
        for (typeIndex, type) in model.types.enumerated() where type.source <= i && type.target <= j {
          let a = looked.cost(typeIndex: typeIndex, endingAt: i, j, pairs: table)
          let b = computed.cost(typeIndex: typeIndex, endingAt: i, j, pairs: table)
          if a.bitPattern != b.bitPattern { differing += 1 }
          guard a < .infinity else { continue }
          let l1 = model.source.lengthPrefix[i] - model.source.lengthPrefix[i - type.source]
          let l2 = model.target.lengthPrefix[j] - model.target.lengthPrefix[j - type.target]
          if l1 < LengthCostTable.side && l2 < LengthCostTable.side { inside += 1 } else { outside += 1 }
        }
      }
    }
    return (differing, inside, outside)
  }

  @Test(
    "Text+Berg: every bead cost of the opening's sentences and of the whole pair's first coarse level",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergBeadCosts() throws {
    let options = AlignerOptions()
    let (openingSource, openingTarget) = try TextBerg.opening()
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    for parameters in Self.parameterSets {
      func model(_ source: Units, _ target: Units) -> CostModel {
        CostModel(
          source: source, target: target, parameters: parameters, priors: options.priors,
          deletionCost: options.deletionCost, anchorWeight: options.anchorWeight)
      }
      let opening = Units.pair(openingSource, openingTarget, useAnchors: true)
      let sentences = Self.compare(model(opening.source, opening.target))
      #expect(sentences.differing == 0, "sentences, c = \(parameters.ratio)")
      #expect(sentences.inside > 100_000)
      // Pairs of sentences: beads of them reach past the table (over 511 characters a side).
      let units = Units.pair(source, target, useAnchors: true)
      let (coarseSource, _) = units.source.grouped(quantum: 2)
      let (coarseTarget, _) = units.target.grouped(quantum: 2 * Double(target.count) / Double(source.count))
      let coarse = Self.compare(model(coarseSource, coarseTarget))
      #expect(coarse.differing == 0, "coarse level, c = \(parameters.ratio)")
      #expect(coarse.inside > 10_000 && coarse.outside > 10_000, "\(coarse)")
    }
  }

  @Test("a model of many units makes a table, a small one does not; new parameters remake it")
  func madeAndRemade() {
    func model(_ count: Int) -> CostModel {
      let lengths = (0..<count).map { 20 + ($0 * 37) % 300 }
      return CostModel(
        source: Units(lengths.map { AlignerSentence(length: $0) }, useAnchors: false),
        target: Units(lengths.reversed().map { AlignerSentence(length: $0 + 5) }, useAnchors: false),
        parameters: Self.parameterSets[0], priors: AlignerOptions.withThreeToOne, deletionCost: .galeChurch,
        anchorWeight: 0)
    }
    #expect(!model(100).hasLengthTable)
    var large = model(LengthCostTable.minimumUnits / 2)
    #expect(large.hasLengthTable)
    for parameters in Self.parameterSets.dropFirst() {
      large.parameters = parameters
      var differing = 0
      for l1 in stride(from: 0, to: LengthCostTable.side, by: 7) {
        for l2 in stride(from: 0, to: LengthCostTable.side, by: 5) {
          let computed = CostModel.lengthCost(l1, l2, ratio: parameters.ratio, variance: parameters.variance)
          if large.lengthCost(l1, l2).bitPattern != computed.bitPattern { differing += 1 }
        }
      }
      #expect(differing == 0, "c = \(parameters.ratio)")
    }
  }
}
