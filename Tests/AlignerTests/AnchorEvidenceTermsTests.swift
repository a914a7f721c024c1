import TestSupport
import Testing

@testable import Aligner

/// The anchor evidence, whose terms come from tables per anchor count and per number of
/// neighbours carrying the anchor, against the formula of `docs/aligner.md` worked out for every
/// occurrence afresh: the same gains and misses, bit for bit.
@Suite("AnchorEvidence: tabulated terms are the formula's")
struct AnchorEvidenceTermsTests {
  /// Gain and miss of an anchor of chance rate `rate` (``AnchorEvidence``'s terms, written out).
  static func terms(_ rate: Double, match: Double, weight: Double) -> (gain: Double, miss: Double) {
    let chance = min(match, rate)
    let miss = weight * (naturalLog(1 - chance) - naturalLog(1 - match))
    return (weight * (naturalLog(match) - naturalLog(chance)) + miss, miss)
  }

  /// Every occurrence's gain and every unit's summed misses of `side` as the formula gives them:
  /// the document rate over both sides' units, the local rate over the window's units around it.
  static func expectFormula(
    _ evidence: AnchorEvidence, _ side: Units, gains: [Float], missPrefix: [Double], frequency: [Int: Int],
    units: Int, match: Double, weight: Double
  ) {
    let reach = min(AnchorEvidence.window, (side.count - 1) / 2)
    var misses = 0.0
    for unit in 0..<side.count {
      var unitMisses = 0.0
      for index in side.anchorPrefix[unit]..<side.anchorPrefix[unit + 1] {
        let anchor = side.flatAnchors[index]
        let documentRate = Double(max(1, frequency[Int(anchor)] ?? 0)) / Double(units)
        let atDocumentRate = terms(documentRate, match: match, weight: weight)
        unitMisses += atDocumentRate.miss
        var local = 0.0
        if reach > 0 {
          let around = (-reach...reach).filter { $0 != 0 }.map {
            ((unit + $0) % side.count + side.count) % side.count
          }
          let carrying = around.filter { side.anchors($0).contains(anchor) }.count
          local = Double(carrying) / Double(2 * reach)
        }
        let gain =
          local > documentRate ? terms(local, match: match, weight: weight).gain : atDocumentRate.gain
        #expect(gains[index].bitPattern == Float(gain).bitPattern)
      }
      misses += unitMisses
      #expect(missPrefix[unit + 1].bitPattern == misses.bitPattern)
    }
  }

  @Test("the IMRF letter against the review, sentences and a coarse level: every gain and miss")
  func letterAgainstReview() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let sentences = Units.pair(letter, review, useAnchors: true)
    let coarse = (sentences.source.grouped(quantum: 2).units, sentences.target.grouped(quantum: 2.5).units)
    for (source, target) in [(sentences.source, sentences.target), coarse] {
      var frequency: [Int: Int] = [:]
      for anchor in source.flatAnchors + target.flatAnchors { frequency[Int(anchor), default: 0] += 1 }
      // Some anchors more common around a sentence than in the document, so both rates are used.
      for (match, weight) in [(0.6, 0.5), (0.9, 1.0)] {
        let evidence = AnchorEvidence(source: source, target: target, match: match, weight: weight)
        let units = source.count + target.count
        Self.expectFormula(
          evidence, source, gains: evidence.sourceGains, missPrefix: evidence.sourceMissPrefix,
          frequency: frequency, units: units, match: match, weight: weight)
        Self.expectFormula(
          evidence, target, gains: evidence.targetGains, missPrefix: evidence.targetMissPrefix,
          frequency: frequency, units: units, match: match, weight: weight)
      }
    }
  }
}
