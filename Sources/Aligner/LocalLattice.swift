extension Aligner {
  /// A stretch of the final path that the local lattice searches again: its steps
  /// `steps.lowerBound..<steps.upperBound`, from node (`i0`, `j0`) to (`i1`, `j1`).
  struct LatticeWindow: Sendable, Hashable {
    var steps: Range<Int>
    var i0: Int
    var j0: Int
    var i1: Int
    var j1: Int
  }

  /// The windows of ``localLattice(model:steps:posterior:table:priors:parameters:)``: each maximal
  /// run of trouble steps (a link below `trouble` confidence, or a step with an empty side) with
  /// `margin` steps more on either side, overlapping windows merged. A window starts and ends at
  /// a node of the path, so the path outside it stays as it is.
  static func latticeWindows(_ steps: [Step], confidences: [Double], trouble: Double, margin: Int)
    -> [LatticeWindow]
  {
    var windows: [LatticeWindow] = []
    var k = 0
    while k < steps.count {
      let step = steps[k]
      let weak = step.i0 == step.i1 || step.j0 == step.j1 || confidences[k] < trouble
      guard weak else {
        k += 1
        continue
      }
      var end = k + 1
      while end < steps.count {
        let next = steps[end]
        guard next.i0 == next.i1 || next.j0 == next.j1 || confidences[end] < trouble else { break }
        end += 1
      }
      let first = max(0, k - margin)
      let last = min(steps.count, end + margin)
      if let previous = windows.last, previous.steps.upperBound >= first {
        windows[windows.count - 1].steps = previous.steps.lowerBound..<last
      } else {
        windows.append(LatticeWindow(steps: first..<last, i0: 0, j0: 0, i1: 0, j1: 0))
      }
      k = end
    }
    for index in windows.indices {
      let range = windows[index].steps
      windows[index].i0 = steps[range.lowerBound].i0
      windows[index].j0 = steps[range.lowerBound].j0
      windows[index].i1 = steps[range.upperBound - 1].i1
      windows[index].j1 = steps[range.upperBound - 1].j1
    }
    return windows
  }

  /// A window's beads from the local lattice, and the same beads with the search types'
  /// posteriors that parallelism weighs (a link that posterior decoding did not keep at 0).
  struct LatticeWindowBeads: Sendable {
    var steps: Range<Int>
    var beads: [Bead]
    var links: [Bead]
  }

  /// The two-state lattice with bigger beads (``AlignerOptions/confidenceExtras`` in its parallel
  /// state), run only inside windows around the final path's trouble spots
  /// (``latticeWindows(_:confidences:trouble:margin:)``), for a pair at or above ``latticeBelow``
  /// (``AlignerOptions/localLattice``; `docs/aligner.md`, "Session 24").
  ///
  /// The lattice's parameters come from the final pass (as the whole lattice's first round takes
  /// them), without EM; each window is searched in a band of ``AlignerOptions/localLatticeRadius``
  /// around the final path's steps there, its ends fixed, the pairs' anchors looked up in the final
  /// band's `table`. Returns each window's beads and their confidences (posterior decoding as in
  /// the whole lattice), for ``splicing(_:steps:posterior:)``.
  func localLattice(
    model final: CostModel, steps: [Step], posterior: Posterior.Result, table: PairTable,
    priors: [BeadPrior], parameters estimated: AlignmentParameters
  ) -> [LatticeWindowBeads] {
    let windows = Aligner.latticeWindows(
      steps, confidences: posterior.confidences(steps), trouble: options.localLatticeTrouble,
      margin: options.localLatticeMargin)
    guard !windows.isEmpty else { return [] }
    let (parameters, lattice, shape) = latticeStart(
      model: final, steps: steps, posterior: posterior, parameters: estimated, priors: priors,
      extras: AlignerOptions.confidenceExtras)
    let model = final.with(priors: lattice.priors(shape: shape), parameters: parameters)
    return windows.compactMap { window in
      windowLattice(model, window: window, steps: steps[window.steps], table: table, parameters: lattice).map
      {
        LatticeWindowBeads(steps: window.steps, beads: $0.beads, links: $0.links)
      }
    }
  }

  /// The final pass's beads (`steps` with `posterior`'s confidences) with each window's steps
  /// replaced by the local lattice's beads, and the beads parallelism weighs (the search types'
  /// posteriors outside the windows).
  static func splicing(_ windows: [LatticeWindowBeads], steps: [Step], posterior: Posterior.Result) -> (
    beads: [Bead], links: [Bead]
  ) {
    let confidences = posterior.confidences(steps)
    var beads: [Bead] = []
    var links: [Bead] = []
    beads.reserveCapacity(steps.count)
    links.reserveCapacity(steps.count)
    var done = 0
    func keep(_ range: Range<Int>) {
      for k in range {
        let step = steps[k]
        let (source, target) = (step.i0..<step.i1, step.j0..<step.j1)
        beads.append(Bead(source: source, target: target, cost: step.cost, confidence: confidences[k]))
        links.append(
          Bead(source: source, target: target, cost: step.cost, confidence: posterior.searchBeads[k]))
      }
    }
    for window in windows {
      keep(done..<window.steps.lowerBound)
      beads += window.beads
      links += window.links
      done = window.steps.upperBound
    }
    keep(done..<steps.count)
    return (beads, links)
  }

  /// One window of ``localLattice(model:steps:posterior:table:priors:parameters:)``: the lattice's
  /// path from the window's first node to its last, in a band around `steps`, as beads; `nil`
  /// when the band holds no path.
  private func windowLattice(
    _ model: CostModel, window: LatticeWindow, steps: ArraySlice<Step>, table: PairTable,
    parameters: TwoStateLattice.Parameters
  ) -> (beads: [Bead], links: [Bead])? {
    let (i0, j0) = (window.i0, window.j0)
    let n = window.i1 - i0
    let m = window.j1 - j0
    let scale = 1 / max(1e-6, options.confidenceTemperature)
    let rectangles = steps.map { (rows: ($0.i0 - i0)...($0.i1 - i0), columns: ($0.j0 - j0)...($0.j1 - j0)) }
    let band = Band.around(
      rectangles: rectangles, rows: n, columns: m, radius: max(1, options.localLatticeRadius))
    // Each bead's cost once, for the search and forward–backward alike, its pairs looked up in
    // the final band's table (a pair outside it is counted).
    let types = model.types
    var costs = [Double](repeating: .infinity, count: band.cellCount * types.count)
    PairCells.with(table) { cells in
      for i in 0...n {
        for j in band.lo[i]...band.hi[i] {
          for (typeIndex, type) in types.enumerated() {
            let (pi, pj) = (i - type.source, j - type.target)
            guard pi >= 0, pj >= 0, band.contains(pi, pj) else { continue }
            costs[band.index(i, j) * types.count + typeIndex] =
              model.cost(typeIndex: typeIndex, endingAt: i + i0, j + j0, cells: cells) * scale
          }
        }
      }
    }
    let lattice = TwoStateLattice(
      band: band, spans: types.map { ($0.source, $0.target) }, costs: costs,
      openCost: parameters.openCost * scale, sourceStepCost: parameters.sourceStepCost * scale,
      targetStepCost: parameters.targetStepCost * scale)
    let edges = lattice.viterbi()
    if edges.isEmpty { return nil }
    // The windows read the unlinked probabilities and the beads' posteriors, not the counts.
    let flows = lattice.forwardBackward(countingLinks: false)
    let local = Aligner.steps(edges, types: model.types, scale: scale)
    let posteriors = local.map { step in
      if step.i0 < step.i1 && step.j0 < step.j1 {
        return flows.posterior(step.i0, step.j0, step.i1, step.j1, cost: step.cost * scale)
      }
      let units =
        step.i0 < step.i1 ? flows.sourceUnlinked[step.i0..<step.i1] : flows.targetUnlinked[step.j0..<step.j1]
      return units.min() ?? 0
    }
    let kept = Aligner.linkedSteps(
      local, sourceUnlinked: flows.sourceUnlinked, targetUnlinked: flows.targetUnlinked,
      atLeast: options.linkedAtLeast)
    let shift = { (bead: Bead) in
      Bead(
        source: (bead.source.lowerBound + i0)..<(bead.source.upperBound + i0),
        target: (bead.target.lowerBound + j0)..<(bead.target.upperBound + j0), cost: bead.cost,
        confidence: bead.confidence)
    }
    let beads = Aligner.twoStateBeads(
      local, confidences: posteriors, sourceUnlinked: flows.sourceUnlinked,
      targetUnlinked: flows.targetUnlinked, kept: kept
    ).map(shift)
    let links = zip(local, zip(posteriors, kept)).map { step, weighed in
      shift(
        Bead(
          source: step.i0..<step.i1, target: step.j0..<step.j1, cost: step.cost,
          confidence: weighed.1 ? weighed.0 : 0))
    }
    return (beads, links)
  }
}
