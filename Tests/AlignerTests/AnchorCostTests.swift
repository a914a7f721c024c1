import TestSupport
import Testing

@testable import Aligner

/// ``CostModel/anchorCost(_:_:pairs:)`` reads the pair table without bounds checks (``PairCells``);
/// here every bead's anchor cost, of every type at every band cell, against the rule written out
/// with checked reads, bit for bit.
@Suite("CostModel.anchorCost: every bead as the checked reference computes it")
struct AnchorCostTests {
  /// The anchor cost as the model states it, each pair's count and gain from `table` when its band
  /// holds the pair's cell, else merged afresh; the sums in the same order as the model's.
  static func reference(
    _ model: CostModel, _ sources: Range<Int>, _ targets: Range<Int>, table: PairTable?
  ) -> Double {
    let source = model.source
    let target = model.target
    let evidence = model.evidence
    let sourceCount = source.anchorPrefix[sources.upperBound] - source.anchorPrefix[sources.lowerBound]
    let targetCount = target.anchorPrefix[targets.upperBound] - target.anchorPrefix[targets.lowerBound]
    if min(sourceCount, targetCount) == 0 { return 0 }
    let sparserIsSource = sourceCount <= targetCount
    let misses =
      sparserIsSource
      ? evidence.sourceMissPrefix[sources.upperBound] - evidence.sourceMissPrefix[sources.lowerBound]
      : evidence.targetMissPrefix[targets.upperBound] - evidence.targetMissPrefix[targets.lowerBound]
    var gain = 0.0
    for unit in sparserIsSource ? sources : targets {
      var shared = 0
      var unitGain = 0.0
      for other in sparserIsSource ? targets : sources {
        let (s, t) = sparserIsSource ? (unit, other) : (other, unit)
        let merged = evidence.shared(s, source, t, target)
        if let table, table.band.contains(s + 1, t + 1) {
          let cell = table.band.index(s + 1, t + 1)
          shared += table.count(cell) ?? merged.count
          unitGain += Double(table.gains[cell])
        } else {
          shared += merged.count
          unitGain += merged.gain
        }
      }
      let own =
        sparserIsSource
        ? source.anchorPrefix[unit + 1] - source.anchorPrefix[unit]
        : target.anchorPrefix[unit + 1] - target.anchorPrefix[unit]
      if shared > own { unitGain *= Double(own) / Double(shared) }
      gain += unitGain
    }
    return misses - gain
  }

  /// Checks every bead of every type ending in `band`, with the table and without; returns the
  /// number of beads whose anchor cost is not 0 and of those with a pair outside the band.
  static func expectReference(_ model: CostModel, band: Band) -> (nonZero: Int, outside: Int) {
    let table = PairTable(model, band: band, workers: 1)
    var nonZero = 0
    var outside = 0
    for i in 0...band.rows {
      for j in band.lo[i]...band.hi[i] {
        for type in model.types where type.source > 0 && type.target > 0 {
          let sources = (i - type.source)..<i
          let targets = (j - type.target)..<j
          guard sources.lowerBound >= 0, targets.lowerBound >= 0 else { continue }
          let cost = model.anchorCost(sources, targets, pairs: table)
          #expect(cost.bitPattern == reference(model, sources, targets, table: table).bitPattern)
          let untabled = model.anchorCost(sources, targets, pairs: nil)
          #expect(untabled.bitPattern == reference(model, sources, targets, table: nil).bitPattern)
          if cost != 0 { nonZero += 1 }
          if cost != 0, !sources.allSatisfy({ s in targets.allSatisfy { band.contains(s + 1, $0 + 1) } }) {
            outside += 1
          }
        }
      }
    }
    return (nonZero, outside)
  }

  @Test("the IMRF letter against the review: sentences in full and in a narrow band, and blocks")
  func sentencesAndBlocks() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = Units.pair(letter, review, useAnchors: true)
    let model = PairTableTests.model(units.source, units.target)
    #expect(model.types.filter { $0.source > 0 && $0.target > 0 }.count >= 6)
    let n = units.source.count
    let m = units.target.count
    let full = Self.expectReference(model, band: Band.full(rows: n, columns: m))
    #expect(full.nonZero > n * m / 10)
    #expect(full.outside == 0)
    let diagonal = (0..<n).map { i in (rows: i...(i + 1), columns: (i * m / n)...((i + 1) * m / n)) }
    let narrow = Self.expectReference(
      model, band: Band.around(rectangles: diagonal, rows: n, columns: m, radius: 2))
    #expect(narrow.nonZero > n)
    #expect(narrow.outside > 0)
    let blockModel = PairTableTests.model(
      BlockLevel.units(units.source, PairTableTests.blocks(n, size: 9)),
      BlockLevel.units(units.target, PairTableTests.blocks(m, size: 11)))
    let blocks = Self.expectReference(
      blockModel, band: Band.full(rows: blockModel.source.count, columns: blockModel.target.count))
    #expect(blocks.nonZero > blockModel.source.count)
  }
}
