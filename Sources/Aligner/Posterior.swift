/// Bead posteriors by forward–backward inside the band.
///
/// The posterior of a bead is the probability, under the model (costs as −log probabilities,
/// divided by a temperature), that the path passes through exactly this bead. It is computed in
/// windows of beads, each with a margin of context beads on both sides whose outer ends are pinned
/// to the best path: the posterior of a bead hardly depends on anything farther away, and this
/// keeps memory O(window · band) and makes the result independent of the document's length.
enum Posterior {
  static let window = 512
  static let context = 48

  static func confidences(
    _ model: CostModel, table: PairTable, steps: [Step], temperature: Double
  ) -> [Double] {
    let band = table.band
    var result = [Double](repeating: 0, count: steps.count)
    var start = 0
    let scale = 1 / max(1e-6, temperature)
    let pairs = table
    while start < steps.count {
      let end = min(steps.count, start + window)
      let outerStart = max(0, start - context)
      let outerEnd = min(steps.count, end + context)
      let local = windowPosteriors(
        model, band: band, pairs: pairs, steps: steps, outer: outerStart..<outerEnd, inner: start..<end,
        scale: scale)
      for (offset, value) in local.enumerated() { result[start + offset] = value }
      start = end
    }
    return result
  }

  private static func windowPosteriors(
    _ model: CostModel, band: Band, pairs: PairTable, steps: [Step], outer: Range<Int>, inner: Range<Int>,
    scale: Double
  ) -> [Double] {
    let i0 = steps[outer.lowerBound].i0
    let j0 = steps[outer.lowerBound].j0
    let i1 = steps[outer.upperBound - 1].i1
    let j1 = steps[outer.upperBound - 1].j1
    // Local rows i0...i1, columns clipped to [j0, j1].
    var lo = [Int](repeating: 0, count: i1 - i0 + 1)
    var hi = [Int](repeating: -1, count: i1 - i0 + 1)
    var starts = [Int](repeating: 0, count: i1 - i0 + 2)
    for row in 0...(i1 - i0) {
      lo[row] = max(band.lo[i0 + row], j0)
      hi[row] = min(band.hi[i0 + row], j1)
      starts[row + 1] = starts[row] + max(0, hi[row] - lo[row] + 1)
    }
    func index(_ i: Int, _ j: Int) -> Int? {
      let row = i - i0
      if row < 0 || row >= lo.count || j < lo[row] || j > hi[row] { return nil }
      return starts[row] + j - lo[row]
    }
    let cells = starts[starts.count - 1]
    var forward = [Double](repeating: -.infinity, count: cells)
    var backward = [Double](repeating: -.infinity, count: cells)
    let spans = model.types.map { ($0.source, $0.target) }
    let typeCount = spans.count
    // Scaled bead costs per (cell, type), computed once in the forward pass, reused backward.
    var costs = [Double](repeating: .infinity, count: cells * typeCount)
    if let origin = index(i0, j0) { forward[origin] = 0 }
    for i in i0...i1 {
      let row = i - i0
      if hi[row] < lo[row] { continue }
      for j in lo[row]...hi[row] where i > i0 || j > j0 {
        guard let cell = index(i, j) else { continue }
        var total = -Double.infinity
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let previous = index(i - a, j - b), forward[previous] > -.infinity else { continue }
          // Terms below e^-40 of the running sum change nothing; their length cost is skipped.
          let bound = total == -.infinity ? Double.infinity : (forward[previous] - total + 40) / scale
          let cost = model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: pairs, bound: bound) * scale
          costs[cell * typeCount + typeIndex] = cost
          if cost == .infinity { continue }
          total = NormalDistribution.logAdd(total, forward[previous] - cost)
        }
        forward[cell] = total
      }
    }
    if let goal = index(i1, j1) { backward[goal] = 0 }
    for i in stride(from: i1, through: i0, by: -1) {
      let row = i - i0
      if hi[row] < lo[row] { continue }
      for j in stride(from: hi[row], through: lo[row], by: -1) {
        guard let cell = index(i, j), backward[cell] > -.infinity else { continue }
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let previous = index(i - a, j - b) else { continue }
          let cost = costs[cell * typeCount + typeIndex]
          if cost == .infinity { continue }
          backward[previous] = NormalDistribution.logAdd(backward[previous], backward[cell] - cost)
        }
      }
    }
    guard let goal = index(i1, j1), forward[goal] > -.infinity else {
      return [Double](repeating: 0, count: inner.count)
    }
    let total = forward[goal]
    return inner.map { k in
      let step = steps[k]
      guard let from = index(step.i0, step.j0), let to = index(step.i1, step.j1) else { return 0 }
      let logPosterior = forward[from] - step.cost * scale + backward[to] - total
      return min(1, max(0, exponential(logPosterior)))
    }
  }
}
