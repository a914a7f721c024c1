extension Aligner {
  /// The windows of ``partialWindows(steps:posterior:kept:model:lattice:shape:parameters:units:)``: inside
  /// each island of the lattice's path (a maximal run of kept links, between unlinked sentences),
  /// each maximal run of weak links — below `trouble` confidence, or sharing an anchor with a
  /// neighbouring link's other side when `crossAnchors` (`shares(k)`: link `k` and link `k + 1`
  /// do) — with `margin` links more on either side, never past the island's ends; overlapping
  /// windows merged. A window starts and ends at nodes of the path, so the unrelated regions and
  /// the rest of the path stay as they are.
  static func partialWindowRanges(
    _ steps: [Step], kept: [Bool], confidences: [Double], trouble: Double, margin: Int,
    shares: (Int) -> Bool
  ) -> [LatticeWindow] {
    var windows: [LatticeWindow] = []
    var start = 0
    while start < steps.count {
      guard kept[start] else {
        start += 1
        continue
      }
      var end = start
      while end < steps.count && kept[end] { end += 1 }
      // The island start..<end: its weak links, each with its margin inside the island.
      var weak = [Bool](repeating: false, count: end - start)
      for k in start..<end where confidences[k] < trouble { weak[k - start] = true }
      for k in start..<(end - 1) where shares(k) {
        weak[k - start] = true
        weak[k + 1 - start] = true
      }
      var k = start
      while k < end {
        guard weak[k - start] else {
          k += 1
          continue
        }
        var last = k + 1
        while last < end && weak[last - start] { last += 1 }
        let first = max(start, k - margin)
        let upper = min(end, last + margin)
        if let previous = windows.last, previous.steps.upperBound >= first {
          windows[windows.count - 1].steps = previous.steps.lowerBound..<upper
        } else {
          windows.append(LatticeWindow(steps: first..<upper, i0: 0, j0: 0, i1: 0, j1: 0))
        }
        k = last
      }
      start = end
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

  /// The lattice's path of a partly parallel pair with the local lattice's window search
  /// (bigger beads, ``AlignerOptions/confidenceExtras``) run again inside its parallel regions
  /// (``AlignerOptions/partialWindows``; `docs/aligner.md`, "Session 25"): the windows of
  /// ``partialWindowRanges(_:kept:confidences:trouble:margin:shares:)``, searched with the
  /// lattice's own parameters (`lattice`, those of its last round) and the final model's evidence.
  ///
  /// A window's ends are fixed, so its posteriors are conditioned on them: inside what the whole
  /// lattice may call an unrelated stretch, a window finds a link sure that the lattice did not.
  /// So only where the window's path relinks kept links — a stretch between nodes both paths pass
  /// through, all of whose lattice steps are kept links and all of whose window beads are links
  /// that posterior decoding keeps — are its beads taken (with ``AlignerOptions/partialWindowsMergesOnly``
  /// only where one window bead replaces two or more links: a piece of a bigger bead made whole);
  /// everything else stays the lattice's.
  func partialWindows(
    steps: [Step], posterior: Posterior.Result, kept: [Bool], model final: CostModel,
    lattice: TwoStateLattice.Parameters, shape: [BeadPrior], parameters: AlignmentParameters,
    units: (source: Units, target: Units)
  ) -> (steps: [Step], posterior: Posterior.Result, kept: [Bool])? {
    guard !steps.isEmpty else { return nil }
    let confidences = posterior.confidences(steps)
    var shares: (Int) -> Bool = { _ in false }
    if (options.partialWindowsCrossAnchors || options.partialWindowsMergeAcross) && options.anchorsAvailable
      && options.anchorWeight > 0
      && !units.source.flatAnchors.isEmpty && !units.target.flatAnchors.isEmpty
    {
      // A piece of a bigger bead: a link's sentences share an anchor with the next link's other
      // side (docs/aligner.md, session 24's classification: 99 % of the pieces share one).
      let (source, target) = Units.sharingRanks(units.source, units.target)
      func across(_ a: Step, _ b: Step) -> Bool {
        (a.i0..<a.i1).contains { s in (b.j0..<b.j1).contains { source.sharedAnchorCount(s, target, $0) > 0 } }
      }
      shares = { k in across(steps[k], steps[k + 1]) || across(steps[k + 1], steps[k]) }
    }
    let windows = Aligner.partialWindowRanges(
      steps, kept: kept, confidences: confidences, trouble: options.partialWindowsTrouble,
      margin: options.partialWindowsMargin,
      shares: options.partialWindowsCrossAnchors ? shares : { _ in false })
    guard !windows.isEmpty else { return nil }
    let scale = options.partialWindowsBigScale
    let extended =
      (shape + options.partialWindowsExtras.filter { extra in !shape.contains { $0.type == extra.type } })
      .map { prior in
        prior.type.source > 0 && prior.type.target > 0 && prior.type.source + prior.type.target >= 4
          ? BeadPrior(prior.type, prior.probability * scale) : prior
      }
    let model = final.with(priors: lattice.priors(shape: extended), parameters: parameters)
    // The windows' pairs looked up in a band around the lattice's path there (a pair outside it is
    // counted).
    let rectangles = windows.flatMap { window in
      steps[window.steps].map { (rows: $0.i0...$0.i1, columns: $0.j0...$0.j1) }
    }
    let band = Band.around(
      rectangles: rectangles, rows: final.source.count, columns: final.target.count,
      radius: max(1, options.localLatticeRadius))
    let table = PairTable(model, band: band, workers: 1)
    var result = (steps: [Step](), beads: [Double](), searchBeads: [Double](), kept: [Bool]())
    func keep(_ range: Range<Int>) {
      result.steps += steps[range]
      result.beads += posterior.beads[range]
      result.searchBeads += posterior.searchBeads[range]
      result.kept += kept[range]
    }
    var done = 0
    var changed = false
    for window in windows {
      keep(done..<window.steps.lowerBound)
      done = window.steps.upperBound
      guard
        let found = windowLattice(
          model, window: window, steps: steps[window.steps], table: table, parameters: lattice)?.links
      else {
        keep(window.steps)
        continue
      }
      // The stretches between nodes both paths pass through.
      var k = window.steps.lowerBound
      var w = 0
      while k < window.steps.upperBound {
        var (lastStep, lastBead) = (k, w)
        // Along a path the node's i + j grows: the one behind moves on until both meet.
        func reach(_ step: Step) -> Int { step.i1 + step.j1 }
        func reach(_ bead: Bead) -> Int { bead.source.upperBound + bead.target.upperBound }
        while steps[lastStep].i1 != found[lastBead].source.upperBound
          || steps[lastStep].j1 != found[lastBead].target.upperBound
        {
          let (a, b) = (reach(steps[lastStep]), reach(found[lastBead]))
          if a <= b { lastStep += 1 }
          if b <= a { lastBead += 1 }
        }
        let lattice = k...lastStep
        let beads = found[w...lastBead]
        let allLinks =
          lattice.allSatisfy { kept[$0] }
          && beads.allSatisfy { !$0.source.isEmpty && !$0.target.isEmpty && $0.confidence > 0 }
        let relinks =
          allLinks && (!options.partialWindowsMergeAcross || lattice.dropLast().contains { shares($0) })
          && (options.partialWindowsMergesOnly
            ? beads.count == 1 && lattice.count >= 2 : beads.count > 1 || lattice.count > 1)
        if relinks {
          for bead in beads {
            result.steps.append(
              Step(
                i0: bead.source.lowerBound, j0: bead.target.lowerBound, i1: bead.source.upperBound,
                j1: bead.target.upperBound, typeIndex: steps[k].typeIndex, cost: bead.cost))
            result.beads.append(bead.confidence)
            result.searchBeads.append(bead.confidence)
            result.kept.append(true)
          }
          changed = true
        } else {
          keep(lattice.lowerBound..<lattice.upperBound + 1)
        }
        k = lastStep + 1
        w = lastBead + 1
      }
    }
    keep(done..<steps.count)
    guard changed else { return nil }
    return (
      result.steps,
      Posterior.Result(
        beads: result.beads, searchBeads: result.searchBeads, sourceUnlinked: posterior.sourceUnlinked,
        targetUnlinked: posterior.targetUnlinked),
      result.kept
    )
  }
}
