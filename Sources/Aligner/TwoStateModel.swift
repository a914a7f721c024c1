/// The model of partly parallel text (see `docs/aligner.md`, "Partly parallel documents").
///
/// The path through the two documents alternates between two states: *parallel* regions, made of
/// the bead types of translated text (`1-1`, `2-1`, …, and the odd `1-0`/`0-1` of a translation),
/// and *unrelated* regions, runs of sentences on one side with no counterpart on the other. A run
/// of `k` unlinked sentences on one side is one event of the lattice, a bead of type `k-0` (or
/// `0-k`), with probability `open · (1 − q) · q^(k−1)` (normalised over `k ≤ longestRun`): an
/// affine cost, `−log open` to enter the unrelated state plus `−log q` per further sentence, so a
/// long untranslated passage costs little more than a short one, and a stray deletion inside a
/// translation still costs what translated text says. Runs longer than ``longestRun`` are
/// several events (one more opening per ``longestRun`` sentences).
///
/// The parameters (`link`, the probability that an event is a link; `open` and `q` per side) are
/// estimated per document pair by EM over the banded lattice: the expected number of links, of
/// runs and of unlinked sentences per side come from the forward–backward posteriors of the
/// previous pass, and the next pass uses the re-estimated priors. The posterior of a bead is then
/// computed in that model, so a link inside an unrelated stretch is weighed against runs that are
/// as cheap as the document's own gaps, and gets the confidence its length and anchors earn.
public struct TwoStateModel: Sendable, Hashable {
  /// The longest run of unlinked sentences on one side that is one event.
  public static let longestRun = 6
  /// The probability that an event is a link (the linking types share it in the paper's shape).
  public var link: Double
  /// The probability that an event is a run of unlinked source (`sourceOpen`) or target sentences.
  public var sourceOpen: Double
  public var targetOpen: Double
  /// The probability that a run of unlinked sentences goes on for one more sentence.
  public var sourceContinue: Double
  public var targetContinue: Double

  public init(
    link: Double, sourceOpen: Double, targetOpen: Double, sourceContinue: Double, targetContinue: Double
  ) {
    self.link = link
    self.sourceOpen = sourceOpen
    self.targetOpen = targetOpen
    self.sourceContinue = sourceContinue
    self.targetContinue = targetContinue
  }

  /// The model that `priors` (a translation's bead types) describe: their `1-0`/`0-1` priors as
  /// the opening probabilities, runs of one sentence.
  public init(translation priors: [BeadPrior]) {
    let linking = priors.filter { $0.type.source > 0 && $0.type.target > 0 }.map(\.probability).reduce(0, +)
    let deletion = priors.first { $0.type == .deletion }?.probability ?? 0.0099
    let insertion = priors.first { $0.type == .insertion }?.probability ?? 0.0099
    self.init(
      link: linking, sourceOpen: deletion, targetOpen: insertion, sourceContinue: 0.1, targetContinue: 0.1)
  }

  /// Least and greatest estimated values: a document with few links can still keep them, a
  /// complete translation still leaves a sentence out when it must.
  static let leastOpen = 0.002
  static let leastLink = 0.05
  static let greatestContinue = 0.95

  /// The bead priors of this model: the linking types of `translation` scaled to ``link``, and
  /// runs of `1…longestRun` unlinked sentences on each side.
  public func priors(shape translation: [BeadPrior]) -> [BeadPrior] {
    let linking = translation.filter { $0.type.source > 0 && $0.type.target > 0 }
    let mass = linking.map(\.probability).reduce(0, +)
    var result = linking.map { BeadPrior($0.type, $0.probability / max(1e-12, mass) * link) }
    func runs(_ open: Double, _ q: Double, _ type: (Int) -> BeadType) -> [BeadPrior] {
      let normaliser = (1 - exponential(Double(Self.longestRun) * naturalLog(max(1e-300, q))))
      return (1...Self.longestRun).map { k in
        BeadPrior(
          type(k),
          open * (1 - q) * (k == 1 ? 1 : exponential(Double(k - 1) * naturalLog(max(1e-300, q))))
            / max(1e-12, normaliser))
      }
    }
    result += runs(sourceOpen, sourceContinue) { BeadType(source: $0, target: 0) }
    result += runs(targetOpen, targetContinue) { BeadType(source: 0, target: $0) }
    // 1-0 and 0-1 second, as in the paper's list (ties in the search go to the type listed first).
    return result.enumerated().sorted { lhs, rhs in
      (order(lhs.element.type), lhs.offset) < (order(rhs.element.type), rhs.offset)
    }.map(\.element)
  }

  private func order(_ type: BeadType) -> Int {
    if type == .oneToOne { return 0 }
    if type.source == 0 || type.target == 0 {
      return 1 + max(type.source, type.target) * 2 + (type.source == 0 ? 1 : 0)
    }
    return 100
  }

  /// One M step: the parameters that the posteriors of a pass make most likely. From each unit's
  /// probability of being unlinked (the flow through the lattice's unlinked edges over it): the
  /// expected unlinked sentences per side, the expected runs (a unit unlinked after one that is
  /// not), and the expected links (the linked sentences over the path's mean bead size).
  static func estimate(
    steps: [Step], types: [BeadType], sourceUnlinked: [Double], targetUnlinked: [Double]
  ) -> TwoStateModel {
    let source = sourceUnlinked
    let target = targetUnlinked
    var linkedSource = 0
    var linkedTarget = 0
    var linkSteps = 0
    for step in steps {
      let type = types[step.typeIndex]
      guard type.source > 0 && type.target > 0 else { continue }
      linkSteps += 1
      linkedSource += type.source
      linkedTarget += type.target
    }
    func runs(_ unlinked: [Double]) -> (runs: Double, sentences: Double) {
      var previous = 0.0
      var runs = 0.0
      for u in unlinked {
        let value = min(1, max(0, u))
        runs += value * (1 - previous)
        previous = value
      }
      return (runs, unlinked.reduce(0) { $0 + min(1, max(0, $1)) })
    }
    let sourceRuns = runs(source)
    let targetRuns = runs(target)
    let perLinkSource = linkSteps > 0 ? Double(linkedSource) / Double(linkSteps) : 1
    let perLinkTarget = linkSteps > 0 ? Double(linkedTarget) / Double(linkSteps) : 1
    let expectedLinks =
      ((Double(source.count) - sourceRuns.sentences) / perLinkSource
        + (Double(target.count) - targetRuns.sentences) / perLinkTarget) / 2
    let events = max(1e-9, expectedLinks + sourceRuns.runs + targetRuns.runs)
    func continuation(_ runs: (runs: Double, sentences: Double)) -> Double {
      runs.sentences > 0 ? min(greatestContinue, max(0, 1 - runs.runs / runs.sentences)) : 0
    }
    var model = TwoStateModel(
      link: max(leastLink, expectedLinks / events),
      sourceOpen: max(leastOpen, sourceRuns.runs / events),
      targetOpen: max(leastOpen, targetRuns.runs / events),
      sourceContinue: continuation(sourceRuns), targetContinue: continuation(targetRuns))
    // Rounded, so that a document repeated k times gets the same model as one copy.
    model.link = rounded(model.link)
    model.sourceOpen = rounded(model.sourceOpen)
    model.targetOpen = rounded(model.targetOpen)
    model.sourceContinue = rounded(model.sourceContinue)
    model.targetContinue = rounded(model.targetContinue)
    return model
  }

  private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension Aligner {
  /// Rounds of EM for the two-state model after the final pass.
  static let twoStateRounds = 2

  /// The two-state model's passes after the final pass (``AlignerOptions/twoStateModel``): the
  /// length term as a likelihood ratio against unrelated sentences, then `twoStateRounds` rounds
  /// of EM (parameters from the previous pass's posteriors; search and posteriors in the model).
  /// Parallelism is the posterior-weighted share of the smaller document in links, common
  /// sentences left out, beyond `chance` (``twoStateChance(source:target:parameters:priors:samples:)``),
  /// like Cohen's kappa: `(observed − chance) / (1 − chance)` in [0, 1].
  func twoStatePasses(
    model first: CostModel, steps firstSteps: [Step], posterior firstPosterior: Posterior.Result,
    source: [AlignerSentence], target: [AlignerSentence], sourceUnits: Units, targetUnits: Units,
    parameters estimated: AlignmentParameters, priors: [BeadPrior], plan: BlockLevel.Plan?, chance: Double
  ) -> AlignmentResult {
    let passes = twoStateRounds(
      model: first, steps: firstSteps, posterior: firstPosterior, sourceUnits: sourceUnits,
      targetUnits: targetUnits, parameters: estimated, priors: priors, plan: plan)
    return twoStateResult(passes, source: source, target: target, chance: chance)
  }

  /// The beads and parallelism of a two-state path (``twoStateRounds``): its links and unlinked
  /// sentences, and the posterior-weighted coverage beyond `chance`.
  func twoStateResult(
    _ passes: (
      steps: [Step], posterior: Posterior.Result, kept: [Bool], links: [Bead], parameters: AlignmentParameters
    ), source: [AlignerSentence], target: [AlignerSentence], chance: Double
  ) -> AlignmentResult {
    let beads = Aligner.twoStateBeads(
      passes.steps, confidences: passes.posterior.confidences(passes.steps),
      sourceUnlinked: passes.posterior.sourceUnlinked, targetUnlinked: passes.posterior.targetUnlinked,
      kept: passes.kept)
    let observed = Aligner.weightedCoverage(
      of: passes.links, source: source, target: target, leavingOutCommon: true)
    let parallelism = chance < 1 ? min(1, max(0, (observed - chance) / (1 - chance))) : 0
    return AlignmentResult(beads: beads, parameters: passes.parameters, parallelism: parallelism)
  }

  /// The EM rounds, search and posterior decoding of ``twoStatePasses``: the last path, its
  /// posteriors, which of its links stay, those links weighed by the search types' posteriors (a
  /// piece of a bigger bead is still linked) and the parameters with the unrelated length shape.
  func twoStateRounds(
    model first: CostModel, steps firstSteps: [Step], posterior firstPosterior: Posterior.Result,
    sourceUnits: Units, targetUnits: Units, parameters estimated: AlignmentParameters,
    priors: [BeadPrior], plan: BlockLevel.Plan?, workers: Int = Workers.available
  ) -> (
    steps: [Step], posterior: Posterior.Result, kept: [Bool], links: [Bead], parameters: AlignmentParameters
  ) {
    if options.twoStateLattice {
      return twoStateLatticeRounds(
        model: first, steps: firstSteps, posterior: firstPosterior, sourceUnits: sourceUnits,
        targetUnits: targetUnits, parameters: estimated, priors: priors, plan: plan)
    }
    var parameters = estimated
    var currentModel = first
    var steps = firstSteps
    var posterior = firstPosterior
    parameters.unrelatedLength = unrelatedLengthShape(currentModel)
    for _ in 0..<Aligner.twoStateRounds {
      let estimate = TwoStateModel.estimate(
        steps: steps, types: currentModel.types, sourceUnlinked: posterior.sourceUnlinked,
        targetUnlinked: posterior.targetUnlinked)
      currentModel = model(sourceUnits, targetUnits, parameters, priors: estimate.priors(shape: priors))
      let table: PairTable
      (steps, table) = search(currentModel, plan: plan, near: steps)
      posterior = Posterior.compute(
        currentModel, extras: options.confidencePriors, table: table, steps: steps,
        temperature: options.confidenceTemperature, workers: workers)
    }
    let (kept, links, _) = decodedLinks(steps, posterior: posterior)
    return (steps, posterior, kept, links, parameters)
  }

  /// The two-state score on text that does not correspond but has the same lengths, the level
  /// ``twoStatePasses`` corrects for: the samples of ``chanceParallelism(source:target:parameters:samples:inBand:)``
  /// (the first, at most, 300 source sentences against the target read backwards from `samples`
  /// starting points, searched coarse to fine in a fixed band), each through the final pass's model
  /// (`parameters`, `priors`) and the two-state rounds, posterior decoding and weighted coverage,
  /// averaged. Every sentence counts, common or not: chance links follow lengths, not template.
  func twoStateChance(
    source: [AlignerSentence], target: [AlignerSentence], parameters: AlignmentParameters,
    priors: [BeadPrior], samples: Int = 3, anchors: (source: Units, target: Units)? = nil
  ) -> Double {
    chanceLevel(source: source, target: target, parameters: parameters, samples: samples, anchors: anchors) {
      aligner, sample, sourceUnits, rotated, targetUnits in
      let options = aligner.options
      let model = aligner.model(sourceUnits, targetUnits, parameters, priors: priors)
      let (steps, table) = BandedSearch.coarseToFine(model, options: options)
      let posterior = Posterior.compute(
        model, extras: options.confidencePriors, table: table, steps: steps,
        temperature: options.confidenceTemperature, workers: 1)
      let passes = aligner.twoStateRounds(
        model: model, steps: steps, posterior: posterior, sourceUnits: sourceUnits, targetUnits: targetUnits,
        parameters: parameters, priors: priors, plan: nil, workers: 1)
      return Aligner.weightedCoverage(of: passes.links, source: sample, target: rotated)
    }
  }

  /// α of the length term against unrelated sentences (``AlignmentParameters/unrelatedLength``):
  /// `1 / mean(−log u)` over sentence pairs that do not correspond — each source sentence against
  /// the target sentences 5, 11 and 23 places past its diagonal position, wrapping around — in
  /// [0.05, 0.95], rounded to 0.01.
  func unrelatedLengthShape(_ model: CostModel) -> Double {
    let n = model.source.count
    let m = model.target.count
    guard n > 0 && m > 0 else { return 0 }
    var total = 0.0
    var count = 0
    for i in 0..<n {
      let diagonal = i * m / n
      for offset in [5, 11, 23] where m > offset {
        let j = (diagonal + offset) % m
        total += model.lengthCost(model.source.lengths[i], model.target.lengths[j])
        count += 1
      }
    }
    guard count > 0, total > 0 else { return 0 }
    let alpha = min(0.95, max(0.05, Double(count) / total))
    return (alpha * 100).rounded() / 100
  }

  /// The share of the smaller document (in characters) inside links, each link weighted by its
  /// posterior: how much of the shorter text has a counterpart in the longer one, as sure as the
  /// model is of it. With `leavingOutCommon`, the template text of the smaller document
  /// (``AlignerSentence/commonShare``, a link's as ``linkCommonShare(_:source:target:)`` says) counts
  /// neither as linked nor in its total (when that leaves nothing, the plain share).
  public static func weightedCoverage(
    of beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], leavingOutCommon: Bool = false
  ) -> Double {
    var sides = ScoredSides()
    for bead in beads {
      sides.add(
        bead, weight: !bead.source.isEmpty && !bead.target.isEmpty ? bead.confidence : 0, source: source,
        target: target)
    }
    guard let share = sides.share(leavingOutCommon: leavingOutCommon) else {
      return leavingOutCommon ? weightedCoverage(of: beads, source: source, target: target) : 0
    }
    return min(1, max(0, share))
  }

  /// Posterior decoding of a two-state path's links, the end of both ``twoStateRounds`` and
  /// ``twoStateLatticeRounds``: a link of `steps` stays only where its sentences are linked at all
  /// (``linkedSteps(_:sourceUnlinked:targetUnlinked:atLeast:)`` at ``AlignerOptions/linkedAtLeast``),
  /// and the links are the path's beads with the search types' posteriors, 0 where not kept. In
  /// the lattice with anchors (``AlignerOptions/latticeAnchoredIslands``) a run of kept links none of
  /// which shares an anchor is not kept either, and its sentences' unlinked probabilities in the
  /// returned posterior are what that evidence makes of the lattice's
  /// (``anchorlessRunUnlinked(_:links:)``, with ``AlignerOptions/latticeIslandsRunEvidence``).
  func decodedLinks(
    _ steps: [Step], posterior: Posterior.Result, units: (source: Units, target: Units)? = nil
  )
    -> (kept: [Bool], links: [Bead], posterior: Posterior.Result)
  {
    var kept = Aligner.linkedSteps(
      steps, sourceUnlinked: posterior.sourceUnlinked, targetUnlinked: posterior.targetUnlinked,
      atLeast: options.linkedAtLeast)
    var posterior = posterior
    if options.twoStateLattice && options.latticeAnchoredIslands && options.anchorsAvailable
      && options.anchorWeight > 0, let units, !units.source.flatAnchors.isEmpty,
      !units.target.flatAnchors.isEmpty
    {
      // A stretch of links with no anchor shared in any of them is what lengths alone link in
      // unrelated text; in a translation nearly every short stretch shares one (docs/aligner.md).
      let (source, target) = Units.sharingRanks(units.source, units.target)
      func anchored(_ step: Step) -> Bool {
        (step.i0..<step.i1).contains { s in
          (step.j0..<step.j1).contains { t in source.sharedAnchorCount(s, target, t) > 0 }
        }
      }
      var start = 0
      while start < steps.count {
        guard kept[start] else {
          start += 1
          continue
        }
        var end = start
        while end < steps.count && kept[end] { end += 1 }
        if !steps[start..<end].contains(where: anchored) {
          for k in start..<end {
            kept[k] = false
            guard options.latticeIslandsRunEvidence else { continue }
            let step = steps[k]
            for unit in step.i0..<step.i1 {
              posterior.sourceUnlinked[unit] = Aligner.anchorlessRunUnlinked(
                posterior.sourceUnlinked[unit], links: end - start)
            }
            for unit in step.j0..<step.j1 {
              posterior.targetUnlinked[unit] = Aligner.anchorlessRunUnlinked(
                posterior.targetUnlinked[unit], links: end - start)
            }
          }
        }
        start = end
      }
    }
    let links = Aligner.beads(steps, confidences: zip(posterior.searchBeads, kept).map { $1 ? $0 : 0 })
    return (kept, links, posterior)
  }

  /// How often a run of consecutive links none of which shares an anchor occurs, on the complete
  /// Text+Berg dev alignment (`TweetalBench partial --anchor-rates`, docs/aligner.md "Session 26"):
  /// between translated sentences (gold links) a single link shares none with probability
  /// ``first``, and each further link of the run with ``further`` (the runs are correlated: 0.142,
  /// 0.037, 0.011 for 1, 2, 3 links); between unrelated sentences (a gold link's German with the
  /// French of the link half the set away) 0.879, 0.784, 0.702.
  struct AnchorlessRun: Sendable {
    var first: Double
    var further: Double

    func probability(links: Int) -> Double {
      (1..<max(1, links)).reduce(first) { probability, _ in probability * further }
    }

    static let translated = AnchorlessRun(first: 0.14, further: 0.28)
    static let unrelated = AnchorlessRun(first: 0.88, further: 0.89)
  }

  /// A sentence's unlinked probability in a run of `links` lattice links none of which shares an
  /// anchor: Bayes with the lattice's linked probability `1 − unlinked` as the prior and the run's
  /// likelihood ratio ``AnchorlessRun/translated`` against ``AnchorlessRun/unrelated``. Never below
  /// the lattice's own (the ratio is below 1).
  static func anchorlessRunUnlinked(_ unlinked: Double, links: Int) -> Double {
    let linked = 1 - min(1, max(0, unlinked))
    let translated = linked * AnchorlessRun.translated.probability(links: links)
    let unrelated = (1 - linked) * AnchorlessRun.unrelated.probability(links: links)
    guard translated + unrelated > 0 else { return 1 }
    return unrelated / (translated + unrelated)
  }

  /// Posterior decoding of links: whether each step of `steps` stays a link. A linking step stays
  /// when its sentences are linked to something — one minus their unlinked probability, i.e. the
  /// flow through every linking bead of the lattice that covers them, not this bead's own
  /// posterior — with probability at least `threshold`, averaged over the step's sentences. On a
  /// translation every sentence is almost surely linked, however unsure `1-1` against `1-2` is;
  /// inside an unrelated stretch a chance link's sentences are not. Steps with an empty side are
  /// `false`.
  static func linkedSteps(
    _ steps: [Step], sourceUnlinked: [Double], targetUnlinked: [Double], atLeast threshold: Double
  ) -> [Bool] {
    steps.map { step in
      guard step.i0 < step.i1 && step.j0 < step.j1 else { return false }
      let unlinked = sourceUnlinked[step.i0..<step.i1] + targetUnlinked[step.j0..<step.j1]
      let linked = unlinked.reduce(0) { $0 + 1 - min(1, max(0, $1)) } / Double(unlinked.count)
      return linked >= threshold
    }
  }

  /// Beads from a path of the two-state model: a run of unlinked sentences, and a link that
  /// posterior decoding did not keep (`kept`, all kept when `nil`), becomes one bead per sentence,
  /// each with that sentence's probability of being unlinked.
  static func twoStateBeads(
    _ steps: [Step], confidences: [Double], sourceUnlinked: [Double], targetUnlinked: [Double],
    kept: [Bool]? = nil
  ) -> [Bead] {
    var beads: [Bead] = []
    beads.reserveCapacity(steps.count)
    for (k, (step, confidence)) in zip(steps, confidences).enumerated() {
      if step.i0 < step.i1 && step.j0 < step.j1 && kept?[k] ?? true {
        beads.append(
          Bead(source: step.i0..<step.i1, target: step.j0..<step.j1, cost: step.cost, confidence: confidence))
        continue
      }
      // A run of unlinked sentences, or a link that posterior decoding did not keep: one bead per
      // sentence, with its probability of being unlinked.
      let count = Double(max(1, step.i1 - step.i0 + step.j1 - step.j0))
      for unit in step.i0..<step.i1 {
        beads.append(
          Bead(
            source: unit..<unit + 1, target: step.j0..<step.j0, cost: step.cost / count,
            confidence: min(1, max(0, sourceUnlinked[unit]))))
      }
      for unit in step.j0..<step.j1 {
        beads.append(
          Bead(
            source: step.i1..<step.i1, target: unit..<unit + 1, cost: step.cost / count,
            confidence: min(1, max(0, targetUnlinked[unit]))))
      }
    }
    return beads
  }
}
