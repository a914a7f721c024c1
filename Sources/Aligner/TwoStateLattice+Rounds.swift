extension TwoStateLattice {
  /// The parameters of the lattice, estimated per document pair by EM.
  ///
  /// An event of the parallel state is a link (``link``, shared by the linking types in the
  /// translation's shape), one of the translation's own `1-0`/`0-1` beads (at the translation's
  /// priors, not re-estimated) or the opening of an unrelated region (``open``). A region holds a
  /// geometric number of source sentences (``sourceContinue`` the probability of one more), then
  /// a geometric number of target sentences (``targetContinue``): a region of `a` source and `b`
  /// target sentences has probability `open · (1 − qₛ) qₛ^a · (1 − qₜ) qₜ^b`.
  struct Parameters: Sendable, Hashable {
    var link: Double
    var open: Double
    var sourceContinue: Double
    var targetContinue: Double

    static let leastLink = 0.05
    static let leastOpen = 0.002
    static let leastContinue = 0.05
    static let greatestContinue = 0.99

    /// The probability of the translation's own `1-0` and `0-1` beads in `priors`.
    static func unlinkedMass(_ priors: [BeadPrior]) -> Double {
      priors.filter { $0.type.source == 0 || $0.type.target == 0 }.map(\.probability).reduce(0, +)
    }

    /// The lattice's version of the first estimate of the run model (``TwoStateModel``): its two
    /// openings as one, its link and opening shares of what the translation's own `1-0`/`0-1`
    /// leave.
    init(_ model: TwoStateModel, translation priors: [BeadPrior]) {
      let free = 1 - Self.unlinkedMass(priors)
      let opens = model.sourceOpen + model.targetOpen
      let events = max(1e-9, model.link + opens)
      self.init(
        link: max(Self.leastLink, free * model.link / events),
        open: max(Self.leastOpen, free * opens / events),
        sourceContinue: Self.bounded(model.sourceContinue), targetContinue: Self.bounded(model.targetContinue)
      )
    }

    init(link: Double, open: Double, sourceContinue: Double, targetContinue: Double) {
      self.link = Self.rounded(link)
      self.open = Self.rounded(open)
      self.sourceContinue = Self.rounded(sourceContinue)
      self.targetContinue = Self.rounded(targetContinue)
    }

    /// The prior of the M step (MAP EM): ``priorStrength`` pseudo-events, a share ``priorOpen`` of
    /// them openings, and as many pseudo-observations of a region's length, a share
    /// ``priorContinue`` of them continuations — a translation's values (one opening in a hundred
    /// events, short regions). Without it, EM trades links with weak length evidence for ever
    /// longer regions round after round.
    static let priorStrength = 10.0
    static let priorOpen = 0.01
    static let priorContinue = 0.1

    /// One M step from the expected counts of a forward–backward pass, with the prior's
    /// pseudo-counts.
    init(_ flows: Flows, translation priors: [BeadPrior]) {
      let free = 1 - Self.unlinkedMass(priors)
      let links = flows.links + Self.priorStrength * (1 - Self.priorOpen)
      let regions = flows.regions + Self.priorStrength * Self.priorOpen
      let events = max(1e-9, links + regions)
      func continuation(_ sentences: Double) -> Double {
        let continued = sentences + Self.priorStrength * Self.priorContinue
        let stopped = flows.regions + Self.priorStrength * (1 - Self.priorContinue)
        return Self.bounded(continued / max(1e-9, continued + stopped))
      }
      self.init(
        link: max(Self.leastLink, free * links / events),
        open: max(Self.leastOpen, free * regions / events),
        sourceContinue: continuation(flows.sourceInRegions),
        targetContinue: continuation(flows.targetInRegions))
    }

    private static func bounded(_ q: Double) -> Double { min(greatestContinue, max(leastContinue, q)) }
    /// Rounded, so that a document repeated k times gets the same parameters as one copy.
    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// The parallel state's bead priors: the linking types of `translation` scaled to ``link``, its
    /// `1-0` and `0-1` as they are (0.0099 each when it has none), in its order.
    func priors(shape translation: [BeadPrior]) -> [BeadPrior] {
      let mass = translation.filter { $0.type.source > 0 && $0.type.target > 0 }.map(\.probability).reduce(
        0, +)
      var result = translation.map { prior in
        prior.type.source > 0 && prior.type.target > 0
          ? BeadPrior(prior.type, prior.probability / max(1e-12, mass) * link) : prior
      }
      for type in [BeadType.deletion, .insertion] where !result.contains(where: { $0.type == type }) {
        result.append(BeadPrior(type, 0.0099))
      }
      return result
    }

    /// −log of the opening with both phases' ends: what a region costs besides its sentences.
    var openCost: Double {
      -naturalLog(open) - naturalLog(1 - sourceContinue) - naturalLog(1 - targetContinue)
    }
    var sourceStepCost: Double { -naturalLog(sourceContinue) }
    var targetStepCost: Double { -naturalLog(targetContinue) }
  }
}

extension Aligner {
  /// The default's model of mostly parallel text with passages missing
  /// (``AlignerOptions/partialLattice``): the final pass's parallelism from ``partialBelow`` to
  /// below this runs the two-state lattice; at or above it the final pass stays (below
  /// ``partialBelow``, the partial pass). Picked on the dev data (`docs/aligner.md`, "The lattice
  /// for mostly parallel text"): complete translations score 0.79 (Text+Berg dev) and 0.81–0.99
  /// (nl-en man pages) there, the man pages with a fifth of the Dutch missing 0.58–0.83, twenty of
  /// them below 0.75; the two complete Text+Berg chunks below it (0.53, 0.73) do as well or better
  /// in the lattice.
  public static let latticeBelow = 0.75

  /// The two-state lattice after the default's final pass, for a pair that pass finds mostly
  /// parallel (``partialBelow`` to ``latticeBelow``): the lattice's rounds on one core and their chance level on
  /// the other, the result as ``twoStatePasses(model:steps:posterior:source:target:sourceUnits:targetUnits:parameters:priors:plan:chance:)``
  /// makes it — the same beads and score as ``AlignerOptions/twoStateLattice`` gives that pair.
  func triggeredLattice(
    model first: CostModel, steps firstSteps: [Step], posterior firstPosterior: Posterior.Result,
    source: [AlignerSentence], target: [AlignerSentence], sourceUnits: Units, targetUnits: Units,
    parameters estimated: AlignmentParameters, priors: [BeadPrior], plan: BlockLevel.Plan?
  ) -> AlignmentResult {
    var lattice = self
    lattice.options.twoStateModel = true
    lattice.options.twoStateLattice = true
    let (passes, chance) = Workers.both(
      workers: options.workers,
      { [lattice] in
        lattice.twoStateRounds(
          model: first, steps: firstSteps, posterior: firstPosterior, sourceUnits: sourceUnits,
          targetUnits: targetUnits, parameters: estimated, priors: priors, plan: plan)
      },
      { [lattice] in
        lattice.twoStateChance(
          source: source, target: target, parameters: estimated, priors: priors,
          anchors: (source: sourceUnits, target: targetUnits))
      })
    return lattice.twoStateResult(passes, source: source, target: target, chance: chance)
  }

  /// ``twoStateRounds`` in the two-state lattice (``AlignerOptions/twoStateLattice``): the first
  /// parameters from the final pass's posteriors as the run model estimates them, then
  /// `twoStateRounds` rounds of search and forward–backward in the lattice, each re-estimating the
  /// parameters from the last one's expected counts; posterior decoding of links as there.
  func twoStateLatticeRounds(
    model first: CostModel, steps firstSteps: [Step], posterior firstPosterior: Posterior.Result,
    sourceUnits: Units, targetUnits: Units, parameters estimated: AlignmentParameters,
    priors: [BeadPrior], plan: BlockLevel.Plan?
  ) -> (
    steps: [Step], posterior: Posterior.Result, kept: [Bool], links: [Bead], parameters: AlignmentParameters
  ) {
    let start = latticeStart(
      model: first, steps: firstSteps, posterior: firstPosterior, parameters: estimated, priors: priors,
      extras: options.latticeExtras)
    let (parameters, shape) = (start.parameters, start.shape)
    var lattice = start.lattice
    var steps = firstSteps
    var posterior = firstPosterior
    for round in 0..<Aligner.twoStateRounds {
      let model = model(sourceUnits, targetUnits, parameters, priors: lattice.priors(shape: shape))
        .withEvidence()
      if round + 1 < Aligner.twoStateRounds {
        let pass = latticePass(model, parameters: lattice, plan: plan, near: steps, for: .counts)
        steps = pass.steps
        lattice = TwoStateLattice.Parameters(pass.flows, translation: priors)
      } else {
        let pass = latticePass(model, parameters: lattice, plan: plan, near: steps, for: .posteriors)
        steps = pass.steps
        posterior = pass.posterior ?? posterior
      }
    }
    let decoded = decodedLinks(steps, posterior: posterior, units: (sourceUnits, targetUnits))
    return (steps, decoded.posterior, decoded.kept, decoded.links, parameters)
  }

  /// Where the lattice starts from the final pass (the whole lattice's first round, and the local
  /// lattice's only one): the parameters with α of the length term against unrelated sentences
  /// (``unrelatedLengthShape(_:)``), the lattice's parameters estimated from the final pass's
  /// steps and unlinked posteriors, and the parallel state's shape, the final pass's types and
  /// `extras` (those of a type the priors lack).
  func latticeStart(
    model final: CostModel, steps: [Step], posterior: Posterior.Result,
    parameters estimated: AlignmentParameters, priors: [BeadPrior], extras: [BeadPrior]
  ) -> (parameters: AlignmentParameters, lattice: TwoStateLattice.Parameters, shape: [BeadPrior]) {
    var parameters = estimated
    parameters.unrelatedLength = unrelatedLengthShape(final)
    let lattice = TwoStateLattice.Parameters(
      TwoStateModel.estimate(
        steps: steps, types: final.types, sourceUnlinked: posterior.sourceUnlinked,
        targetUnlinked: posterior.targetUnlinked),
      translation: priors)
    let shape = priors + extras.filter { extra in !priors.contains { $0.type == extra.type } }
    return (parameters, lattice, shape)
  }

  /// The most cells the lattice's band may hold for an `n` × `m` pair
  /// (``AlignerOptions/latticeCellsPerSentence`` a sentence, at least the sentence level's
  /// full-search cells; `Int.max` when that does not fit).
  static func latticeBandBudget(_ options: AlignerOptions, rows n: Int, columns m: Int) -> Int {
    let (cells, overflow) = options.latticeCellsPerSentence.multipliedReportingOverflow(by: n + m + 2)
    return overflow ? Int.max : max(BandedSearch.fullSearchCells(options, level: 0), cells)
  }

  /// What a lattice pass is for: the expected counts of the next round's M step (a round before
  /// the last, whose posteriors nobody reads), or the posteriors of the last round's path (whose
  /// flows count no links: nothing estimates from them).
  enum LatticeUse { case counts, posteriors }

  /// One search and forward–backward of the lattice: inside the block plan's band, in full when the
  /// problem is small enough, else in a band around `near` widened while the path touches its edge
  /// (up to ``latticeBandBudget(_:rows:columns:)`` cells). The path as steps (a phase of an
  /// unrelated region is one `k-0` or `0-k` step, typed `1-0` or `0-1`), the flows, and for
  /// `.posteriors` the steps' posteriors (a link's: of its bead in the lattice; a step with an
  /// empty side's: the least unlinked probability of its sentences).
  func latticePass(
    _ model: CostModel, parameters: TwoStateLattice.Parameters, plan: BlockLevel.Plan?, near: [Step],
    for use: LatticeUse
  ) -> (steps: [Step], posterior: Posterior.Result?, flows: TwoStateLattice.Flows) {
    let n = model.source.count
    let m = model.target.count
    let scale = 1 / max(1e-6, options.confidenceTemperature)
    func lattice(_ band: Band, _ model: CostModel, _ table: PairTable) -> TwoStateLattice {
      TwoStateLattice(
        band: band, spans: model.types.map { ($0.source, $0.target) },
        cost: { model.cost(typeIndex: $0, endingAt: $1, $2, pairs: table) * scale },
        openCost: parameters.openCost * scale, sourceStepCost: parameters.sourceStepCost * scale,
        targetStepCost: parameters.targetStepCost * scale)
    }
    // Every bead's cost is asked once for the band's three searches: the Viterbi search and the
    // forward–backward of the search's types read the costs kept by the first to ask, the
    // forward–backward with the confidence's extra types (`full`, the same types first) asks for
    // those alone (``TwoStateLattice/viterbi(keeping:stride:known:)``). They were asked three times.
    let full = model.adding(options.confidencePriors)
    let stride = full.types.count
    // A band widened because the path touched its edge keeps the narrower band's costs, which
    // its cells share (a bead's cost does not depend on the band).
    var kept: [Double] = []
    func search(_ band: Band, widening narrower: Band? = nil) -> (Band, PairTable, [TwoStateLattice.Edge]) {
      let table = PairTable(model, band: band, workers: options.workers)
      var costs = [Double](repeating: .nan, count: band.cellCount * stride)
      if let narrower { band.copyShared(kept, of: narrower, stride: stride, into: &costs) }
      kept = costs
      costs = []
      let edges = lattice(band, model, table).viterbi(
        keeping: &kept, stride: stride, known: model.types.count)
      return (band, table, edges)
    }
    var (band, table, edges): (Band, PairTable, [TwoStateLattice.Edge])
    if let plan {
      (band, table, edges) = search(plan.band)
    } else if (n + 1) * (m + 1) <= BandedSearch.fullSearchCells(options, level: 0) || near.isEmpty {
      (band, table, edges) = search(Band.full(rows: n, columns: m))
    } else {
      let rectangles = near.map { (rows: $0.i0...$0.i1, columns: $0.j0...$0.j1) }
      var radius = max(1, options.bandRadius)
      (band, table, edges) = search(Band.around(rectangles: rectangles, rows: n, columns: m, radius: radius))
      let budget = Aligner.latticeBandBudget(options, rows: n, columns: m)
      while true {
        let touches = edges.dropLast().contains { band.touchesEdge($0.i1, $0.j1, columns: m) }
        if !touches || radius >= options.maximumBandRadius { break }
        radius = min(options.maximumBandRadius, radius * 2)
        let wider = Band.around(rectangles: rectangles, rows: n, columns: m, radius: radius)
        if wider.cellCount > budget { break }
        (band, table, edges) = search(wider, widening: band)
      }
    }
    // As ``Posterior``: the search's types alone, and with the extra types that only the
    // confidence weighs (the unlinked probabilities and the counts of EM come from the latter).
    // Counts need the latter alone; posteriors need no count of links.
    let known = model.types.count
    let counting = use == .counts
    let flows =
      stride > known
      ? lattice(band, full, table).forwardBackward(
        countingLinks: counting, keeping: &kept, stride: stride, known: known)
      : lattice(band, model, table).forwardBackward(
        countingLinks: counting, keeping: &kept, stride: stride, known: known)
    let steps = Aligner.steps(edges, types: model.types, scale: scale)
    guard use == .posteriors else { return (steps, nil, flows) }
    let search =
      stride > known
      ? lattice(band, model, table).forwardBackward(
        countingLinks: false, keeping: &kept, stride: stride, known: known) : flows
    kept = []
    func posteriors(_ flows: TwoStateLattice.Flows) -> [Double] {
      steps.map { step in
        if step.i0 < step.i1 && step.j0 < step.j1 {
          return flows.posterior(step.i0, step.j0, step.i1, step.j1, cost: step.cost * scale)
        }
        let units =
          step.i0 < step.i1
          ? flows.sourceUnlinked[step.i0..<step.i1] : flows.targetUnlinked[step.j0..<step.j1]
        return units.min() ?? 0
      }
    }
    let posterior = Posterior.Result(
      beads: posteriors(flows), searchBeads: posteriors(search), sourceUnlinked: flows.sourceUnlinked,
      targetUnlinked: flows.targetUnlinked)
    return (steps, posterior, flows)
  }

  /// The lattice's path as steps of the search's kind: each parallel bead one step, each phase of
  /// an unrelated region one step typed `1-0` (source) or `0-1` (target). Costs unscaled.
  static func steps(_ edges: [TwoStateLattice.Edge], types: [BeadType], scale: Double) -> [Step] {
    let deletion = types.firstIndex(of: .deletion) ?? 0
    let insertion = types.firstIndex(of: .insertion) ?? 0
    var steps: [Step] = []
    for edge in edges {
      let cost = edge.cost / scale
      if let typeIndex = edge.typeIndex {
        steps.append(
          Step(i0: edge.i0, j0: edge.j0, i1: edge.i1, j1: edge.j1, typeIndex: typeIndex, cost: cost))
        continue
      }
      let typeIndex = edge.i0 < edge.i1 ? deletion : insertion
      if !edge.opens, let last = steps.last, last.typeIndex == typeIndex, last.i1 == edge.i0,
        last.j1 == edge.j0,
        (last.i0 < last.i1) == (edge.i0 < edge.i1)
      {
        steps[steps.count - 1].i1 = edge.i1
        steps[steps.count - 1].j1 = edge.j1
        steps[steps.count - 1].cost += cost
      } else {
        steps.append(
          Step(i0: edge.i0, j0: edge.j0, i1: edge.i1, j1: edge.j1, typeIndex: typeIndex, cost: cost))
      }
    }
    return steps
  }
}
