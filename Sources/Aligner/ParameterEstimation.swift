/// Estimates the length ratio `c`, the variance `s²` and the anchor rates from a first pass.
///
/// Evidence: the first pass's `1-1` beads whose neighbours are `1-1` beads too (a run of three),
/// a robust stand-in for "confident". `c = Σl2 / Σl1`; `s²` is the mean of
/// `(l2 − c·l1)² / ((l1 + l2/c)/2)`; beads with |δ| > 2.5 under the first estimate are dropped and
/// both are estimated again. Anchor rates: the share of the sparser side's anchors found on the
/// other side, over those beads (`anchorMatch`) and over pairs of sentences from beads 5, 11 and 23
/// positions apart, wrapping around (`anchorChance`). The estimated `s²` only replaces the fallback when it is
/// larger (see the comment in ``estimate(steps:types:source:target:fallback:)``). Values are rounded (c to 0.01, s² to 0.1, rates to 0.01) so
/// that tiny differences at a document's edges do not change the result. Too little evidence
/// (fewer than 20 beads) keeps the fallback.
enum ParameterEstimation {
  static func estimate(
    steps: [Step], types: [BeadType], source: Units, target: Units, fallback: AlignmentParameters
  ) -> AlignmentParameters {
    let (source, target) = Units.sharingRanks(source, target)
    var pairs: [(Int, Int)] = []
    // Neighbours and chance pairs wrap around the document's ends, so that a document repeated k
    // times yields exactly the same statistics as one copy (the estimate does not depend on length).
    let count = steps.count
    if count >= 3 {
      for k in 0..<count
      where isOneToOne(steps[(k + count - 1) % count], types) && isOneToOne(steps[k], types)
        && isOneToOne(steps[(k + 1) % count], types)
      {
        let (s, t) = (steps[k].i0, steps[k].j0)
        if source.lengths[s] > 0 && target.lengths[t] > 0 { pairs.append((s, t)) }
      }
    }
    var result = fallback
    guard pairs.count >= 20 else { return result }
    var (ratio, variance) = fit(pairs, source: source, target: target, ratio: nil, variance: nil)
    (ratio, variance) = fit(pairs, source: source, target: target, ratio: ratio, variance: variance)
    if ratio.isFinite && variance.isFinite && variance > 0 {
      result.ratio = rounded(min(3, max(0.33, ratio)), step: 0.01)
      // Never narrower than the fallback: beads picked by the length model itself under-state the
      // spread, and sentence lengths have heavier tails than the normal model assumes.
      result.variance = rounded(min(40, max(fallback.variance, variance)), step: 0.1)
    }
    let match = anchorRate(pairs.lazy.map { $0 }, source: source, target: target)
    var chancePairs: [(Int, Int)] = []
    for offset in [5, 11, 23] where pairs.count > offset {
      for k in 0..<pairs.count { chancePairs.append((pairs[k].0, pairs[(k + offset) % pairs.count].1)) }
    }
    let chance = anchorRate(chancePairs.lazy.map { $0 }, source: source, target: target)
    if let match, let chance {
      result.anchorChance = rounded(min(0.5, max(0.01, chance)), step: 0.01)
      result.anchorMatch = rounded(min(0.95, max(result.anchorChance, match)), step: 0.01)
    }
    return result
  }

  /// The cost of a block boundary inside a bead side, from a first pass's path: minus the log of
  /// how much rarer boundaries are between the sentences of one bead side than between any two
  /// neighbouring sentences. The rate inside beads is smoothed towards a tenth of the base rate
  /// (20 junctions' worth), so a pair with few multi-sentence beads gets about 2.3 nats, and a pair
  /// whose beads do cross blocks as often as anything else gets none. 0 when a side has no blocks.
  static func blockCost(steps: [Step], types: [BeadType], source: Units, target: Units) -> Double {
    let junctions = max(0, source.count - 1) + max(0, target.count - 1)
    let boundaries = source.blockPrefix[source.count] + target.blockPrefix[target.count]
    guard junctions > 0, source.blockPrefix[source.count] > 0, target.blockPrefix[target.count] > 0 else {
      return 0
    }
    let base = Double(boundaries) / Double(junctions)
    var inside = 0
    var crossed = 0
    for step in steps where step.i1 > step.i0 && step.j1 > step.j0 {
      inside += max(0, step.i1 - step.i0 - 1) + max(0, step.j1 - step.j0 - 1)
      crossed += source.blockBoundaries(step.i0..<step.i1) + target.blockBoundaries(step.j0..<step.j1)
    }
    let weight = 20.0
    let rate = (Double(crossed) + weight * base / 10) / (Double(inside) + weight)
    return rounded(max(0, naturalLog(base / rate)), step: 0.01)
  }

  private static func isOneToOne(_ step: Step, _ types: [BeadType]) -> Bool {
    types[step.typeIndex] == .oneToOne
  }

  private static func rounded(_ value: Double, step: Double) -> Double {
    (value / step).rounded() * step
  }

  private static func fit(
    _ pairs: [(Int, Int)], source: Units, target: Units, ratio: Double?, variance: Double?
  ) -> (Double, Double) {
    var kept: [(Double, Double)] = []
    for (s, t) in pairs {
      let l1 = Double(source.lengths[s])
      let l2 = Double(target.lengths[t])
      if let ratio, let variance {
        let delta = (l2 - ratio * l1) / (variance * (l1 + l2 / ratio) / 2).squareRoot()
        if abs(delta) > 2.5 { continue }
      }
      kept.append((l1, l2))
    }
    guard kept.count >= 10 else { return (ratio ?? .nan, variance ?? .nan) }
    let c = kept.reduce(0) { $0 + $1.1 } / kept.reduce(0) { $0 + $1.0 }
    let s2 =
      kept.reduce(0) { sum, pair in
        let difference = pair.1 - c * pair.0
        return sum + difference * difference / ((pair.0 + pair.1 / c) / 2)
      } / Double(kept.count)
    return (c, s2)
  }

  /// Shared anchors / anchors of the sparser side, over pairs where both sides have anchors;
  /// nil with fewer than 10 such pairs.
  private static func anchorRate<S: Sequence>(_ pairs: S, source: Units, target: Units) -> Double?
  where S.Element == (Int, Int) {
    var shared = 0
    var opportunities = 0
    var used = 0
    for (s, t) in pairs {
      let count = min(source.anchors(s).count, target.anchors(t).count)
      if count == 0 { continue }
      used += 1
      opportunities += count
      shared += min(count, source.sharedAnchorCount(s, target, t))
    }
    return used >= 10 ? Double(shared) / Double(opportunities) : nil
  }

  /// Bead-type priors for this document pair: half the first pass's share of each type, half the
  /// given prior (both shares of beads, so the blend does not depend on the document's length),
  /// rounded to 0.001 (types the first pass never used keep half their prior).
  static func priors(steps: [Step], types: [BeadType], paper: [BeadPrior]) -> [BeadPrior] {
    var counts = [BeadType: Int]()
    for step in steps { counts[types[step.typeIndex], default: 0] += 1 }
    return paper.map { prior in
      let observed = Double(counts[prior.type] ?? 0) / Double(steps.count)
      let blended = max(0.001, rounded((observed + prior.probability) / 2, step: 0.001))
      return BeadPrior(prior.type, blended)
    }
  }
}
