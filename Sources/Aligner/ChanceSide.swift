import Foundation

/// The chance-side test of the two-state model's links (``AlignerOptions/chanceAtMost``; see
/// `docs/aligner.md`, "Baseline for issue 12, and the two-state model").
///
/// A link's evidence is its length term and its anchor term (minus their cost, in nats). Inside a
/// parallel region the link prior wins against two fresh runs of unlinked sentences even when that
/// evidence is nothing special: short lines of similar length match by chance. The test compares
/// the link's evidence with that of the same sides against the other side's units elsewhere in the
/// document (the same number of units, shifted off the link's place): the chance rate is the share
/// of those pairs whose evidence is at least the link's.
extension Aligner {
  /// Units on each side of a link's place that do not count as elsewhere.
  static let chanceNeighbourhood = 2

  /// The chance rate of each step of `steps` (0 for steps with an empty side): the share of pairs
  /// of one side of the step with an equally long span of the other side's units elsewhere in the
  /// document whose evidence (length and anchor terms of `model`) is at least the step's.
  static func chanceRates(_ steps: [Step], model: CostModel) -> [Double] {
    let n = model.source.count
    let m = model.target.count
    func evidence(_ sources: Range<Int>, _ targets: Range<Int>) -> Double {
      let l1 = model.source.lengthPrefix[sources.upperBound] - model.source.lengthPrefix[sources.lowerBound]
      let l2 = model.target.lengthPrefix[targets.upperBound] - model.target.lengthPrefix[targets.lowerBound]
      let alpha = model.parameters.unrelatedLength
      let length =
        alpha > 0 ? naturalLog(alpha) + (1 - alpha) * model.lengthCost(l1, l2) : model.lengthCost(l1, l2)
      return -(length + model.anchorCost(sources, targets, pairs: nil))
    }
    return steps.map { step in
      guard step.i0 < step.i1 && step.j0 < step.j1 else { return 0 }
      let mode = ProcessInfo.processInfo.environment["CHANCE_MODE"] ?? ""
      if mode.hasPrefix("unanchored")
        && model.anchorCost(step.i0..<step.i1, step.j0..<step.j1, pairs: nil) < 0
      {
        return 0
      }
      if mode == "missed-short" && model.anchorCost(step.i0..<step.i1, step.j0..<step.j1, pairs: nil) <= 0 {
        return 0
      }
      if mode == "unanchored-short" || mode == "missed-short" {
        let l1 = model.source.lengthPrefix[step.i1] - model.source.lengthPrefix[step.i0]
        let l2 = model.target.lengthPrefix[step.j1] - model.target.lengthPrefix[step.j0]
        if max(l1, l2) > Int(ProcessInfo.processInfo.environment["CHANCE_SHORT"] ?? "40")! { return 0 }
      }
      let own = evidence(step.i0..<step.i1, step.j0..<step.j1)
      let width = step.j1 - step.j0
      let height = step.i1 - step.i0
      var pairs = 0
      var asGood = 0
      for j in 0...(m - width) where abs(j - step.j0) > chanceNeighbourhood {
        pairs += 1
        if evidence(step.i0..<step.i1, j..<j + width) >= own { asGood += 1 }
      }
      for i in 0...(n - height) where abs(i - step.i0) > chanceNeighbourhood {
        pairs += 1
        if evidence(i..<i + height, step.j0..<step.j1) >= own { asGood += 1 }
      }
      return pairs > 0 ? Double(asGood) / Double(pairs) : 0
    }
  }
}
