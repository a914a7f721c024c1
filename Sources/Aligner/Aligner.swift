#if canImport(Glibc)
  import CMalloc
#endif

/// Gale–Church sentence alignment with anchors. Pure: lengths and anchors in, beads out.
///
/// Steps: (1) a first pass with the fallback parameters; (2) `c`, `s²` and anchor rates estimated
/// from its confident `1-1` beads, and the cost of crossing a block boundary inside a bead; (3) the final pass, block level first when the block
/// structures correspond, else coarse-to-fine over sentences; (4) bead posteriors by
/// forward–backward in the band as confidence; (5) the parallelism score, corrected for chance;
/// (6) when that is below 0.75, the two-state lattice, which searches and weighs again with
/// unrelated regions of any length and scores the posterior-weighted share of the smaller document
/// in links (`TwoStateLattice+Rounds.swift`; off with ``AlignerOptions/partialLattice``); below
/// 0.5, where the lattice links nothing at all, the partial pass instead, which leaves sentences
/// without length and anchor support unlinked and scores the share of the smaller document with a
/// counterpart (`PartialParallelism.swift`; below 0.5 always with
/// ``AlignerOptions/latticeBelowPartial`` off).
/// Time and memory grow linearly with the number of sentences. See `docs/aligner.md`.
public struct Aligner: Sendable {
  /// The settings used for every call.
  public var options: AlignerOptions

  public init(options: AlignerOptions = AlignerOptions()) {
    self.options = options
  }

  /// Aligns `source` to `target`. Runs of beads with an empty side come in one order
  /// (``canonicalRuns(_:)``).
  ///
  /// The sentences are taken over: a caller that hands them on (`consume`) lets their anchor
  /// arrays go once the aligner has its flat copy (``Units``), about 50 MB at 100 000 sentences a
  /// side; one that keeps them pays a copy of the sentence arrays (not of their anchors) instead.
  public func align(source: consuming [AlignerSentence], target: consuming [AlignerSentence])
    -> AlignmentResult
  {
    var result = aligned(source: &source, target: &target)
    result.beads = Aligner.canonicalRuns(result.beads)
    return result
  }

  /// `beads` with every run of consecutive beads that have an empty side in one order: the beads
  /// of source sentences first, then those of target sentences, each side in document order.
  /// A bead with an empty side costs what its own sentences cost wherever it stands in the run, so
  /// every interleaving of a run has the same total and the search's choice among them was decided
  /// by rounding: a change in the last bits of a cost reordered such runs. Nothing else depends on
  /// the order (the confidence of such a bead is its sentences' probability of being unlinked).
  static func canonicalRuns(_ beads: [Bead]) -> [Bead] {
    var result: [Bead] = []
    result.reserveCapacity(beads.count)
    var start = 0
    while start < beads.count {
      var end = start
      while end < beads.count && (beads[end].source.isEmpty || beads[end].target.isEmpty) { end += 1 }
      if end == start {
        result.append(beads[start])
        start += 1
        continue
      }
      // The run covers source sentences from its first bead's source start, target sentences
      // from its first bead's target start; each empty side is the place where the bead stands.
      let run = beads[start..<end]
      let sourceEnd = run.last!.source.upperBound
      let targetStart = run.first!.target.lowerBound
      for var bead in run where !bead.source.isEmpty {
        bead.target = targetStart..<targetStart
        result.append(bead)
      }
      for var bead in run where bead.source.isEmpty {
        bead.source = sourceEnd..<sourceEnd
        result.append(bead)
      }
      start = end
    }
    return result
  }

  /// The alignment of ``align(source:target:)``, before the runs are put in order; empties each
  /// sentence's anchors as ``Units`` take them (the learned lexicon's passes keep them).
  private func aligned(source: inout [AlignerSentence], target: inout [AlignerSentence]) -> AlignmentResult {
    if options.learnLexicon {
      var plain = options
      plain.learnLexicon = false
      let first = Aligner(options: plain).align(source: source, target: target)
      return learnedLexiconPass(first: first, source: source, target: target)
    }
    let useAnchors = options.anchorsAvailable && options.anchorWeight > 0
    var (sourceUnits, targetUnits) = Units.pair(
      taking: &source, &target, useAnchors: useAnchors, workers: options.workers)
    var parameters = options.fallbackParameters
    var priors = options.priors
    var firstPath: [Step]?
    let plan: BlockLevel.Plan?
    let firstPass = options.estimateParameters && !source.isEmpty && !target.isEmpty
    // The sentences while the block plan and the passes search (``CompactSentences``): 42 MB less
    // at 1M sentences a side, beside the tables of the block level and of both passes. The
    // experimental two-state model reads them as they are.
    var compact: (source: CompactSentences, target: CompactSentences)?
    if !options.twoStateModel && CompactSentences.holds(source) && CompactSentences.holds(target) {
      compact = (CompactSentences(taking: &source), CompactSentences(taking: &target))
    }
    // The first model (and its length table, 2 MB) is gone before the final model is made.
    do {
      // Its evidence is made by the search, after the coarse levels' (``CostModel/withEvidence()``):
      // the block level makes its own, and the first pass's posteriors are not wanted.
      let firstModel = model(sourceUnits, targetUnits, parameters, deferringEvidence: true)
      if !options.twoLevel {
        plan = nil
      } else if let compact {
        plan = BlockLevel.plan(firstModel, source: compact.source, target: compact.target, options: options)
      } else {
        plan = BlockLevel.plan(firstModel, source: source, target: target, options: options)
      }
      if let plan {
        sourceUnits = sourceUnits.regrouped(plan.sourceGroups)
        targetUnits = targetUnits.regrouped(plan.targetGroups)
      }
      if firstPass {
        // The first pass, with the fallback parameters: only its confident 1-1 beads are used.
        let quick = firstModel.regrouped(source: sourceUnits, target: targetUnits)
        let firstSteps = search(quick, plan: plan).steps
        parameters = ParameterEstimation.estimate(
          steps: firstSteps, types: quick.types, source: sourceUnits, target: targetUnits,
          fallback: parameters)
        parameters.blockCost = ParameterEstimation.blockCost(
          steps: firstSteps, types: quick.types, source: sourceUnits, target: targetUnits)
        if options.estimatePriors && firstSteps.count >= 20 {
          priors = ParameterEstimation.priors(steps: firstSteps, types: quick.types, paper: options.priors)
        }
        firstPath = firstSteps
      }
    }
    let finalModel = model(sourceUnits, targetUnits, parameters, priors: priors)
    // The first pass's freed arrays, before the final pass's (``returnFreedPages(units:)``).
    let units = sourceUnits.count + targetUnits.count
    Aligner.returnFreedPages(units: units)
    // The final search and its posteriors on one core, the chance level of parallelism (which
    // needs only the parameters) on the other. The posteriors weigh the cells near the path first
    // (`Posterior.Near`); the chance level's, on text that does not correspond, the whole band.
    let workers = options.workers
    // The first pass's path goes once the final search has its band, before the posteriors (48
    // MB at 1M sentences a side).
    let near = HandOver(firstPath.take())
    let (searched, chance) = Workers.both(
      workers: workers,
      { [self, plan, near, units, priors, parameters] in
        let (steps, table) = search(finalModel, plan: plan, near: near.take())
        Aligner.returnFreedPages(units: units)
        let posterior = Posterior.compute(
          finalModel, extras: options.confidencePriors, table: table, steps: steps,
          temperature: options.confidenceTemperature, workers: workers, near: Posterior.Near())
        // The local lattice's windows while the final band's table, where they look their pairs
        // up, is alive; used only if the pair proves to be a complete translation.
        let local =
          options.localLatticeRuns && !steps.isEmpty
          ? localLattice(
            model: finalModel, steps: steps, posterior: posterior, table: table, priors: priors,
            parameters: parameters) : nil
        return (steps, posterior, local)
      },
      { [parameters, priors, source, target, compact, sourceUnits, targetUnits] in
        let anchors = (source: sourceUnits, target: targetUnits)
        if let compact {
          return chanceParallelism(
            source: compact.source, target: compact.target, parameters: parameters, anchors: anchors)
        }
        return options.twoStateModel
          ? twoStateChance(
            source: source, target: target, parameters: parameters, priors: priors, anchors: anchors)
          : chanceParallelism(source: source, target: target, parameters: parameters, anchors: anchors)
      })
    let (steps, posterior, local) = searched
    // The final band's table and the windows' arrays, freed on the search's thread, given back
    // before the beads are made here.
    if local != nil { Aligner.returnFreedPages(units: units) }
    if var kept = compact.take() {
      source = kept.source.restored()
      target = kept.target.restored()
    }
    if options.twoStateModel && !source.isEmpty && !target.isEmpty {
      return twoStatePasses(
        model: finalModel, steps: steps, posterior: posterior, source: source, target: target,
        sourceUnits: sourceUnits, targetUnits: targetUnits, parameters: parameters, priors: priors,
        plan: plan, chance: chance)
    }
    var beads = Aligner.beads(steps, confidences: posterior.confidences(steps))
    // Parallelism weighs links by the search types' posteriors, as its chance level does: the
    // bigger types only make a piece of a bigger bead less certain, not less linked.
    var linkBeads = Aligner.beads(steps, confidences: posterior.searchBeads)
    // Whether the second pass runs is decided on every sentence; the score reported leaves common
    // sentences out (the same number when there are none), so that they move the score only.
    var parallelism = corrected(linkBeads, source: source, target: target, chance: chance)
    if options.partialPass && options.partialLattice && parallelism >= Aligner.partialBelow
      && parallelism < Aligner.latticeBelow && !source.isEmpty && !target.isEmpty
    {
      // Mostly parallel documents with passages missing: the two-state lattice
      // (TwoStateLattice+Rounds.swift).
      return triggeredLattice(
        model: finalModel, steps: steps, posterior: posterior, source: source, target: target,
        sourceUnits: sourceUnits, targetUnits: targetUnits, parameters: parameters, priors: priors,
        plan: plan)
    }
    if options.partialPass && parallelism < Aligner.partialBelow && !source.isEmpty
      && !target.isEmpty
    {
      // Loosely related documents: the lattice too, unless it links nothing at all there
      // (``AlignerOptions/latticeBelowPartial``).
      if options.partialLattice && options.latticeBelowPartial {
        let lattice = triggeredLattice(
          model: finalModel, steps: steps, posterior: posterior, source: source, target: target,
          sourceUnits: sourceUnits, targetUnits: targetUnits, parameters: parameters, priors: priors,
          plan: plan)
        if lattice.beads.contains(where: { !$0.source.isEmpty && !$0.target.isEmpty }) { return lattice }
      }
      // Else, or where the lattice calls the documents unrelated: a second pass
      // (PartialParallelism.swift), whose weaker model may still find a few links.
      let second = partialPass(
        beads: linkBeads, sourceUnits: sourceUnits, targetUnits: targetUnits, parameters: parameters,
        plan: plan)
      beads = second.beads
      parallelism = partialParallelism(beads, source: source, target: target, leavingOutCommon: true)
    } else {
      if let local, !source.isEmpty && !target.isEmpty {
        // A complete translation: the two-state lattice with bigger beads around its weak steps
        // (LocalLattice.swift).
        (beads, linkBeads) = Aligner.splicing(local, steps: steps, posterior: posterior)
        parallelism = corrected(linkBeads, source: source, target: target, chance: chance)
      }
      if source.contains(where: { $0.commonShare > 0 }) || target.contains(where: { $0.commonShare > 0 }) {
        parallelism = corrected(
          linkBeads, source: source, target: target, chance: chance, leavingOutCommon: true)
      }
    }
    return AlignmentResult(beads: beads, parameters: parameters, parallelism: parallelism)
  }

  func corrected(
    _ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], parameters: AlignmentParameters
  ) -> Double {
    corrected(
      beads, source: source, target: target,
      chance: chanceParallelism(source: source, target: target, parameters: parameters))
  }

  /// The parallelism of `beads` beyond `chance` (``chanceParallelism(source:target:parameters:)``).
  /// With `leavingOutCommon`, the observed share leaves common sentences out and `chance` stays the
  /// level of every sentence: chance links follow lengths, not whether a sentence is template text.
  func corrected(
    _ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], chance: Double,
    leavingOutCommon: Bool = false
  ) -> Double {
    let observed = Aligner.parallelism(
      of: beads, source: source, target: target, leavingOutCommon: leavingOutCommon)
    return chance < 1 ? min(1, max(0, (observed - chance) / (1 - chance))) : 0
  }

  /// The raw parallelism the model reaches on text that does not correspond but has the same
  /// lengths: the first (at most) 300 source sentences against the target read backwards, from
  /// `samples` starting points (three, averaged, to steady a small sample). Lengths alone always
  /// let the search link some sentences; the score counts only what is beyond this chance level
  /// (like Cohen's kappa).
  ///
  /// Each sample is searched coarse to fine in a band of ``AlignerOptions/bandRadius`` around the
  /// coarse path, never in full and never widened (`inBand: false` searches as the final pass
  /// would, for comparison): on unrelated text no path is the right one, and the share a path
  /// links there hardly depends on how far it may wander (over twelve starting points the band's
  /// level is within 0.04 of the full search's on three dev pairs, less than one sample's spread),
  /// for about a tenth of the cells (`docs/aligner.md`, "Parallelism").
  ///
  /// `anchors`: units of `source` and `target` (in order) that hold the sentences' anchors, when
  /// the sentences no longer do (``Units/dropAnchors(of:)``).
  func chanceParallelism<Sentences: RandomAccessCollection<AlignerSentence> & Sendable>(
    source: Sentences, target: Sentences, parameters: AlignmentParameters,
    samples: Int = 3, inBand: Bool = true, anchors: (source: Units, target: Units)? = nil
  ) -> Double where Sentences.Index == Int {
    chanceLevel(
      source: source, target: target, parameters: parameters, samples: samples, inBand: inBand,
      anchors: anchors
    ) {
      aligner, sample, sourceUnits, rotated, targetUnits in
      let options = aligner.options
      let model = aligner.model(sourceUnits, targetUnits, parameters)
      let (steps, table) = BandedSearch.coarseToFine(model, options: options)
      let posterior = Posterior.compute(
        model, extras: [], table: table, steps: steps, temperature: options.confidenceTemperature, workers: 1)
      let beads = Aligner.beads(steps, confidences: posterior.searchBeads)
      return Aligner.parallelism(of: beads, source: sample, target: rotated)
    }
  }

  /// The mean of `share` over the chance samples of ``chanceParallelism(source:target:parameters:samples:inBand:)``:
  /// the first (at most) 300 source sentences against the target read backwards from `samples`
  /// starting points, each given with its units and an aligner whose options search it as a
  /// chance sample (`parameters` fixed, no block level; with `inBand`, coarse to fine in the fixed band).
  func chanceLevel<Sentences: RandomAccessCollection<AlignerSentence> & Sendable>(
    source: Sentences, target: Sentences, parameters: AlignmentParameters,
    samples: Int, inBand: Bool = true, anchors: (source: Units, target: Units)? = nil,
    _ share: @escaping @Sendable (Aligner, [AlignerSentence], Units, [AlignerSentence], Units) -> Double
  ) -> Double where Sentences.Index == Int {
    if source.isEmpty || target.isEmpty || samples < 1 { return 0 }
    var sampled = Array(source.prefix(300))
    if let anchors { Units.restoreAnchors(of: &sampled, from: anchors.source) { $0 } }
    let sample = sampled
    let sampleTargetCount = max(1, min(target.count, 300 * target.count / source.count))
    var options = self.options
    options.estimateParameters = false
    options.fallbackParameters = parameters
    options.twoLevel = false
    options.coarseDeletionScale = 1
    if inBand {
      options.fullSearchCells = Aligner.chanceFullSearchCells
      options.maximumBandRadius = options.bandRadius
    }
    let useAnchors = options.anchorsAvailable && options.anchorWeight > 0
    // The samples are independent: on all cores, summed in order.
    let starts = (0..<samples).map { $0 * target.count / samples }
    let shares = Workers.map(starts.count, workers: options.workers) { [options] index in
      let start = starts[index]
      // The target read backwards from `start`, wrapping around (no reversed copy of the whole
      // target: 5.7 MB at 100k, alive beside the final pass).
      let count = target.count
      let backwards = { (k: Int) in count - 1 - (start + k) % count }
      var rotated = (0..<sampleTargetCount).map { target[backwards($0)] }
      if let anchors { Units.restoreAnchors(of: &rotated, from: anchors.target, unit: backwards) }
      // Each sample's units rank their anchors in one table.
      let units = Units.pair(sample, rotated, useAnchors: useAnchors)
      return share(Aligner(options: options), sample, units.source, rotated, units.target)
    }
    var total = 0.0
    for share in shares { total += share }
    return total / Double(samples)
  }

  /// The most cells a chance sample is searched in full (a coarse level of a few dozen units);
  /// above, coarse to fine in a fixed band.
  static let chanceFullSearchCells = 1_000

  /// The raw share of the two documents in links: the characters of both sides in linked beads,
  /// each bead weighted by its confidence, over all characters. ``AlignmentResult/parallelism``
  /// is this share corrected for chance (see `docs/aligner.md`). With `leavingOutCommon`, template
  /// text (``AlignerSentence/commonShare``, a link's as ``linkCommonShare(_:source:target:)`` says)
  /// counts neither as linked nor in the total (when that leaves nothing, the plain share).
  public static func parallelism(
    of beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], leavingOutCommon: Bool = false
  ) -> Double {
    var sides = ScoredSides()
    for bead in beads {
      let linking = !bead.source.isEmpty && !bead.target.isEmpty
      sides.add(bead, weight: linking ? bead.confidence : 0, linking: linking, source: source, target: target)
    }
    let (linked, total) = sides.bothSides(leavingOutCommon: leavingOutCommon)
    if total == 0 && leavingOutCommon { return parallelism(of: beads, source: source, target: target) }
    return total > 0 ? min(1, max(0, linked / total)) : 0
  }

  /// The beads of a path with the given confidences.
  static func beads(_ steps: [Step], confidences: [Double]) -> [Bead] {
    zip(steps, confidences).map { step, confidence in
      Bead(source: step.i0..<step.i1, target: step.j0..<step.j1, cost: step.cost, confidence: confidence)
    }
  }

  func model(
    _ source: Units, _ target: Units, _ parameters: AlignmentParameters, priors: [BeadPrior]? = nil,
    deferringEvidence: Bool = false
  ) -> CostModel {
    CostModel(
      source: source, target: target, parameters: parameters, priors: priors ?? options.priors,
      deletionCost: options.deletionCost,
      anchorWeight: options.anchorsAvailable ? options.anchorWeight : 0, deferringEvidence: deferringEvidence)
  }

  /// The cheapest path of `model`: inside the block plan's band when there is one; else, for a
  /// problem too big for a full search, in a band around `near` (the path of a pass with other
  /// parameters, which lies closer to this one than any coarse level's) when given, or coarse to fine.
  func search(_ model: CostModel, plan: BlockLevel.Plan?, near: consuming [Step]? = nil) -> (
    steps: [Step], table: PairTable
  ) {
    if let plan {
      let model = model.withEvidence()
      let table = PairTable(model, band: plan.band)
      return (BandedSearch.viterbi(model, table: table, workers: options.workers), table)
    }
    let cells = (model.source.count + 1) * (model.target.count + 1)
    // The path goes once its rectangles are made: not alive beside the search (48 MB at 1M).
    if cells > BandedSearch.fullSearchCells(options, level: 0), let rectangles = Self.rectangles(near.take())
    {
      return BandedSearch.refine(model, around: rectangles, options: options)
    }
    return BandedSearch.coarseToFine(model, options: options)
  }

  /// The rectangles of `path`'s steps, `nil` when there is no path or an empty one.
  private static func rectangles(_ path: [Step]?) -> BandedSearch.Rectangles? {
    guard let path, !path.isEmpty else { return nil }
    return path.map { (rows: $0.i0...$0.i1, columns: $0.j0...$0.j1) }
  }
}

extension Aligner {
  /// Dropped anchors at least this many: their arrays' freed space is given back to the system.
  static let returnFreedPagesFrom = 1_000_000

  /// Gives the pages of the sentences' freed anchor arrays back to the system (glibc's
  /// `malloc_trim`), when there were many. Each sentence's array is small, so glibc keeps it in its
  /// heap, where the freed space stays resident although nothing of the same size comes again:
  /// the later arrays are large and get pages of their own.
  static func returnFreedPages(anchors: Int) {
    #if canImport(Glibc)
      if anchors >= returnFreedPagesFrom { _ = malloc_trim(0) }
    #endif
  }

  /// Units (both sides) at least this many: a phase's freed space is given back before the next.
  static let returnFreedPagesBetweenPhasesFrom = 20_000

  /// Gives the pages freed by a phase back to the system (`malloc_trim`) before the next phase
  /// allocates, in problems of many `units`. Below glibc's mmap threshold (1 MiB, set by
  /// `tweetal`) a phase's arrays come from the heaps of the threads that made them, and what they
  /// free stays resident: at 100 000 sentences a side 20 MB more or less of it, depending on which
  /// of the two cores made which array (the peak's two modes, `docs/aligner.md`).
  static func returnFreedPages(units: Int) {
    #if canImport(Glibc)
      if units >= returnFreedPagesBetweenPhasesFrom { _ = malloc_trim(0) }
    #endif
  }

  /// Gives the pages of freed memory back to the system now (glibc's `malloc_trim`), for a caller
  /// before the aligner that frees much on threads other than the ones that made it (the parked
  /// sentences' texts, ``returnFreedPages(units:)``'s reason).
  public static func returnFreedPages() {
    #if canImport(Glibc)
      _ = malloc_trim(0)
    #endif
  }
}
