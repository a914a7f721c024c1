/// What each anchor of an alignment problem is worth as evidence for a link.
///
/// An anchor of a true link is found on the other side with the match rate `p₁` (estimated per
/// document pair); by chance, in an unrelated sentence, with `p₀(x)`: the share of all units of
/// both documents that carry the anchor `x`. A reference number that occurs once on each side is
/// strong evidence when shared (`log p₁/p₀` is large); an anchor in most sentences (`GCM` in a
/// letter about the GCM, the lexicon concept of *migration*) is worth nothing (`p₀` is capped at
/// `p₁`). For each anchor of the side with fewer anchors, a bead gains `log p₁/p₀(x)` when the
/// other side has it and `log (1 − p₁)/(1 − p₀(x))` when it has not; the cost is minus the sum,
/// times the anchor weight. The document frequencies are the documents' own, so the same text
/// repeated gives the same weights.
struct AnchorEvidence: Sendable {
  /// Per anchor occurrence, aligned with each side's `Units.flatAnchors`: what sharing it is worth
  /// against missing it (gain minus the miss term), weighted.
  var sourceGains: [Float]
  var targetGains: [Float]
  /// Per unit, prefix sums of the weighted miss terms of its anchors (count + 1 entries).
  var sourceMissPrefix: [Double]
  var targetMissPrefix: [Double]
  /// Whether anchors count at all.
  let enabled: Bool

  static let disabled = AnchorEvidence(
    sourceGains: [], targetGains: [], sourceMissPrefix: [], targetMissPrefix: [], enabled: false)

  private init(
    sourceGains: [Float], targetGains: [Float], sourceMissPrefix: [Double], targetMissPrefix: [Double],
    enabled: Bool
  ) {
    self.sourceGains = sourceGains
    self.targetGains = targetGains
    self.sourceMissPrefix = sourceMissPrefix
    self.targetMissPrefix = targetMissPrefix
    self.enabled = enabled
  }

  init(source: Units, target: Units, match: Double, weight: Double) {
    guard weight > 0, !(source.flatAnchors.isEmpty && target.flatAnchors.isEmpty) else {
      self = .disabled
      return
    }
    var frequency: [UInt64: Int32] = [:]
    frequency.reserveCapacity((source.flatAnchors.count + target.flatAnchors.count) / 2)
    for anchor in source.flatAnchors { frequency[anchor, default: 0] += 1 }
    for anchor in target.flatAnchors { frequency[anchor, default: 0] += 1 }
    let units = Double(max(1, source.count + target.count))
    let missOfMatch = naturalLog(1 - match)
    func weights(_ side: Units) -> (gains: [Float], missPrefix: [Double]) {
      var gains = [Float](repeating: 0, count: side.flatAnchors.count)
      var misses = [Double](repeating: 0, count: side.flatAnchors.count)
      for (index, anchor) in side.flatAnchors.enumerated() {
        let chance = min(match, Double(frequency[anchor] ?? 1) / units)
        let miss = weight * (naturalLog(1 - chance) - missOfMatch)
        let gain = weight * (naturalLog(match) - naturalLog(chance))
        misses[index] = miss
        gains[index] = Float(gain + miss)
      }
      var prefix = [Double](repeating: 0, count: side.count + 1)
      for unit in 0..<side.count {
        var sum = 0.0
        for index in side.anchorPrefix[unit]..<side.anchorPrefix[unit + 1] { sum += misses[index] }
        prefix[unit + 1] = prefix[unit] + sum
      }
      return (gains, prefix)
    }
    (sourceGains, sourceMissPrefix) = weights(source)
    (targetGains, targetMissPrefix) = weights(target)
    enabled = true
  }

  /// The number and summed gains of the anchors that source unit `s` and target unit `t` share.
  @inline(__always)
  func shared(_ s: Int, _ source: Units, _ t: Int, _ target: Units) -> (count: Int, gain: Double) {
    if source.signatures[s] & target.signatures[t] == 0 { return (0, 0) }
    return source.flatAnchors.withUnsafeBufferPointer { lhs in
      target.flatAnchors.withUnsafeBufferPointer { rhs in
        sourceGains.withUnsafeBufferPointer { gains in
          var left = source.anchorPrefix[s]
          let leftEnd = source.anchorPrefix[s + 1]
          var right = target.anchorPrefix[t]
          let rightEnd = target.anchorPrefix[t + 1]
          var count = 0
          var gain = 0.0
          while left < leftEnd && right < rightEnd {
            let a = lhs[left]
            let b = rhs[right]
            if a == b {
              count += 1
              gain += Double(gains[left])
              left += 1
              right += 1
            } else if a < b {
              left += 1
            } else {
              right += 1
            }
          }
          return (count, gain)
        }
      }
    }
  }
}
