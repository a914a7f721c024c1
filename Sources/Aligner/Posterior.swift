/// Bead posteriors by forward–backward inside the band.
///
/// The posterior of a bead is the probability, under the model (costs as −log probabilities,
/// divided by a temperature), that the path passes through exactly this bead. It is computed in
/// windows of beads, each with a margin of context beads on both sides whose outer ends are pinned
/// to the best path: the posterior of a bead hardly depends on anything farther away, and this
/// keeps memory O(window · band) and makes the result independent of the document's length.
///
/// Two lattices share one pass (and one computation of every bead cost, the expensive part): the
/// search's own bead types, and those plus the extra types that only the confidence weighs
/// (``AlignerOptions/confidencePriors``).
enum Posterior {
  static let window = 1024
  static let context = 48

  /// What forward–backward gives for a path.
  struct Result {
    /// Each step's posterior with the extra bead types weighed too.
    var beads: [Double]
    /// Each step's posterior over the search's own bead types (a piece of a bigger bead still
    /// counts as linked): what parallelism weighs links by.
    var searchBeads: [Double]
    /// Per unit, the probability (with the extra types) that it is in a bead whose other side is
    /// empty.
    var sourceUnlinked: [Double]
    var targetUnlinked: [Double]

    /// The confidence of each step. For a linking bead, its posterior averaged over the two models,
    /// with and without the extra bead types (equal weights): the search's types alone make a bead
    /// that is really a piece of a bigger one too sure (Text+Berg dev: 0.97 said, 0.87 right in the
    /// top decile), the extra types alone take too much from true small beads (0.03 said, 0.40
    /// right in the lowest). For a bead with an empty side, the probability that its sentences are
    /// unlinked (the least of them): where a run of 1-0 and 0-1 beads interleaves is arbitrary, so the
    /// posterior of one exact interleaving is tiny even when every sentence in the run is surely
    /// unlinked, and what the bead claims is only the latter.
    func confidences(_ steps: [Step]) -> [Double] {
      steps.indices.map { k in
        let step = steps[k]
        let posterior = (beads[k] + searchBeads[k]) / 2
        if step.i0 < step.i1 && step.j0 < step.j1 { return posterior }
        let units =
          step.i0 < step.i1 ? sourceUnlinked[step.i0..<step.i1] : targetUnlinked[step.j0..<step.j1]
        return max(posterior, units.min() ?? posterior)
      }
    }
  }

  /// Posteriors of `steps`, a path of `model` inside `table`'s band. `extras` are bead types the
  /// search did not use, weighed by ``Result/beads`` and the unlinked probabilities only.
  static func compute(
    _ model: CostModel, extras: [BeadPrior], table: PairTable, steps: [Step], temperature: Double
  ) -> Result {
    let full = model.adding(extras)
    var result = Result(
      beads: [Double](repeating: 0, count: steps.count),
      searchBeads: [Double](repeating: 0, count: steps.count),
      sourceUnlinked: [Double](repeating: 0, count: model.source.count),
      targetUnlinked: [Double](repeating: 0, count: model.target.count))
    let window = Window(
      model: full, searchTypes: model.types.count, pairs: table, scale: 1 / max(1e-6, temperature))
    var start = 0
    while start < steps.count {
      let end = min(steps.count, start + Self.window)
      let outer = max(0, start - context)..<min(steps.count, end + context)
      window.posteriors(steps: steps, outer: outer, inner: start..<end, into: &result)
      start = end
    }
    return result
  }

  /// Forward–backward over the band cells between the ends of a run of steps.
  private struct Window {
    /// The model with every weighed type; its first `searchTypes` types are the search's.
    let model: CostModel
    let searchTypes: Int
    let pairs: PairTable
    let scale: Double

    /// Posteriors of the steps `inner` and unlinked probabilities of the units they cover, from the
    /// cells between the ends of the steps `outer`.
    func posteriors(steps: [Step], outer: Range<Int>, inner: Range<Int>, into result: inout Result) {
      let band = pairs.band
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
      let spans = model.types.map { ($0.source, $0.target) }
      let typeCount = spans.count
      let both = searchTypes < typeCount
      // Log forward/backward sums with every type (`full*`) and with the search's types only.
      var fullForward = [Double](repeating: -.infinity, count: cells)
      var searchForward = both ? [Double](repeating: -.infinity, count: cells) : []
      // Scaled bead costs per (cell, type), computed once in the forward pass, reused backward.
      var costs = [Double](repeating: .infinity, count: cells * typeCount)
      if let origin = index(i0, j0) {
        fullForward[origin] = 0
        if both { searchForward[origin] = 0 }
      }
      for i in i0...i1 {
        let row = i - i0
        if hi[row] < lo[row] { continue }
        for j in lo[row]...hi[row] where i > i0 || j > j0 {
          guard let cell = index(i, j) else { continue }
          var fullTotal = -Double.infinity
          var searchTotal = -Double.infinity
          for (typeIndex, (a, b)) in spans.enumerated() {
            guard let previous = index(i - a, j - b), fullForward[previous] > -.infinity else { continue }
            let inSearch = both && typeIndex < searchTypes
            let searchPrevious = inSearch ? searchForward[previous] : -.infinity
            // Terms below e^-40 of the running sum change nothing; their length cost is skipped, but
            // only when the term is negligible in both sums.
            var bound =
              fullTotal == -.infinity ? Double.infinity : (fullForward[previous] - fullTotal + 40) / scale
            if searchPrevious > -.infinity {
              bound = max(
                bound,
                searchTotal == -.infinity ? Double.infinity : (searchPrevious - searchTotal + 40) / scale)
            }
            let cost = model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: pairs, bound: bound) * scale
            costs[cell * typeCount + typeIndex] = cost
            if cost == .infinity { continue }
            fullTotal = NormalDistribution.logAdd(fullTotal, fullForward[previous] - cost)
            if searchPrevious > -.infinity {
              searchTotal = NormalDistribution.logAdd(searchTotal, searchPrevious - cost)
            }
          }
          fullForward[cell] = fullTotal
          if both { searchForward[cell] = searchTotal }
        }
      }
      guard let goal = index(i1, j1), fullForward[goal] > -.infinity else { return }
      let fullLikelihood = fullForward[goal]
      let searchLikelihood = both ? searchForward[goal] : fullLikelihood
      // The units whose unlinked probability this window reports: those of the inner steps.
      let sourceInner = steps[inner.lowerBound].i0..<steps[inner.upperBound - 1].i1
      let targetInner = steps[inner.lowerBound].j0..<steps[inner.upperBound - 1].j1
      var fullBackward = [Double](repeating: -.infinity, count: cells)
      var searchBackward = both ? [Double](repeating: -.infinity, count: cells) : []
      fullBackward[goal] = 0
      if both { searchBackward[goal] = 0 }
      for i in stride(from: i1, through: i0, by: -1) {
        let row = i - i0
        if hi[row] < lo[row] { continue }
        for j in stride(from: hi[row], through: lo[row], by: -1) {
          guard let cell = index(i, j), fullBackward[cell] > -.infinity else { continue }
          for (typeIndex, (a, b)) in spans.enumerated() {
            guard let previous = index(i - a, j - b) else { continue }
            let cost = costs[cell * typeCount + typeIndex]
            if cost == .infinity { continue }
            fullBackward[previous] = NormalDistribution.logAdd(
              fullBackward[previous], fullBackward[cell] - cost)
            if both && typeIndex < searchTypes && searchBackward[cell] > -.infinity {
              searchBackward[previous] = NormalDistribution.logAdd(
                searchBackward[previous], searchBackward[cell] - cost)
            }
            // fullBackward[cell] is complete here (the cells after it came first): this edge's flow.
            if a == 0 || b == 0 {
              let flow = exponential(fullForward[previous] - cost + fullBackward[cell] - fullLikelihood)
              if b == 0 {
                for unit in (i - a)..<i where sourceInner.contains(unit) {
                  result.sourceUnlinked[unit] += flow
                }
              } else {
                for unit in (j - b)..<j where targetInner.contains(unit) {
                  result.targetUnlinked[unit] += flow
                }
              }
            }
          }
        }
      }
      for k in inner {
        let step = steps[k]
        guard let from = index(step.i0, step.j0), let to = index(step.i1, step.j1) else { continue }
        let cost = step.cost * scale
        let full = fullForward[from] - cost + fullBackward[to] - fullLikelihood
        result.beads[k] = min(1, max(0, exponential(full)))
        if both {
          let search = searchForward[from] - cost + searchBackward[to] - searchLikelihood
          result.searchBeads[k] = min(1, max(0, exponential(search)))
        } else {
          result.searchBeads[k] = result.beads[k]
        }
      }
      for unit in sourceInner { result.sourceUnlinked[unit] = min(1, result.sourceUnlinked[unit]) }
      for unit in targetInner { result.targetUnlinked[unit] = min(1, result.targetUnlinked[unit]) }
    }
  }
}
