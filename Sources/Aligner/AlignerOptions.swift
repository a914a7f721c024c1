/// How a sentence that links to nothing (a `1-0` or `0-1` bead) is charged.
public enum DeletionCost: Sendable, Hashable {
  /// As the original `align` program: the prior plus the length cost of matching the sentence
  /// against nothing, which grows with the sentence's length (long sentences are almost never left
  /// out; good for text that is known to be a translation).
  case galeChurch
  /// The prior only, whatever the length: a sentence without a length match or anchor support is
  /// left unlinked rather than forced into a bead (right for related but not parallel text).
  case lengthIndependent
}

/// The prior probability of one bead type.
public struct BeadPrior: Sendable, Hashable {
  public var type: BeadType
  public var probability: Double

  public init(_ type: BeadType, _ probability: Double) {
    self.type = type
    self.probability = probability
  }
}

/// Settings of the aligner; the defaults are the ones measured in `docs/aligner.md`.
public struct AlignerOptions: Sendable, Hashable {
  /// The bead types the search may use, with their priors: the paper's values plus `3-1`/`1-3`
  /// by default (``withThreeToOne``). As in the original program, 0.0099 and 0.089 are used for
  /// each of `1-0`/`0-1` and `2-1`/`1-2`.
  public var priors: [BeadPrior]
  /// Length-model parameters used when estimation is off or finds too little evidence.
  public var fallbackParameters: AlignmentParameters
  /// Estimate `c`, `s²` and the anchor rates from a first pass over the two documents.
  public var estimateParameters: Bool
  /// With ``estimateParameters``, also adapt the bead-type priors to the first pass (half its
  /// shares, half the given priors).
  public var estimatePriors: Bool
  /// Whether anchors were extracted for this call; when false, anchors are ignored.
  public var anchorsAvailable: Bool
  /// Multiplier of the anchor evidence (a log-likelihood ratio) in the cost; 0 ignores anchors.
  /// 0.5 by default: the anchors of one word (cognate prefix, lexicon concept, name) are not
  /// independent evidence, and counting each fully makes the posteriors over-confident.
  public var anchorWeight: Double
  /// How unlinked sentences are charged.
  public var deletionCost: DeletionCost
  /// Half-width, in sentences, of the band searched around the projected coarse path. The band is
  /// doubled (up to ``maximumBandRadius``) while the best path touches its edge.
  public var bandRadius: Int
  /// Upper bound for the band radius when widening.
  public var maximumBandRadius: Int
  /// The two-state lattice's band stops widening (its path may touch the edge, as at
  /// ``maximumBandRadius``) before it holds more than this many cells per sentence of the pair
  /// (at least the sentence level's full-search cells): a lattice cell holds about 160 bytes
  /// while it is searched, three times the banded search's. A band around a translation's path
  /// holds 15–30 cells a sentence; an excerpt against a long document widened to 150 and more,
  /// where its path ran along the band's edge without evidence for a wider band (`docs/aligner.md`,
  /// "Session 30").
  public var latticeCellsPerSentence: Int = 64
  /// Problems with at most this many cells are searched in full; larger ones coarse-to-fine.
  public var fullSearchCells: Int
  /// The coarsest level (the one searched in full) multiplies the prior cost of a bead with an
  /// empty side by this once per level above the sentences (1.1⁵ = 1.6 at 32 sentences a unit).
  /// At 1 a coarse unit of 32 sentences was left unlinked for the price of one sentence, and the
  /// coarsest search of the Text+Berg pair repeated 55–66 times slipped by two copies. At 2 (the
  /// price of all the unit's sentences, session 20) that search could no longer skip what has no
  /// counterpart — a coarse link of unrelated units costs far less than its sentences' links —
  /// and linked across reordered pages (`docs/aligner.md`, session 21). The chance level keeps
  /// 1, the level it was calibrated at.
  public var coarseDeletionScale: Double = 1.1
  /// Align blocks (paragraphs) first when the two documents' block structures correspond.
  public var twoLevel: Bool
  /// Temperature applied to costs when computing posteriors (confidence calibration).
  public var confidenceTemperature: Double
  /// When the final pass shows low parallelism, align again for partly parallel documents: below
  /// ``Aligner/partialBelow`` by the partial pass, which re-estimates the bead-type priors and
  /// leaves unsupported sentences unlinked, from there to ``Aligner/latticeBelow`` in the
  /// two-state lattice (``partialLattice``) (`docs/aligner.md`, "Partly parallel documents").
  public var partialPass: Bool
  /// With ``partialPass``: the two-state lattice (``twoStateLattice``'s model) for a pair whose
  /// final pass's parallelism is from ``Aligner/partialBelow`` to below ``Aligner/latticeBelow``
  /// (mostly parallel, passages missing), a complete translation keeping the final pass; `false`
  /// keeps the final pass there too, as before the lattice.
  public var partialLattice: Bool = true
  /// With ``partialLattice``: below ``Aligner/partialBelow`` too, the two-state lattice, the
  /// partial pass's result kept only where the lattice links nothing at all (the lattice calling
  /// the documents unrelated while the weaker model finds a few links); `false` runs the partial
  /// pass there, as in session 16 (`docs/aligner.md`, "The lattice below 0.5").
  public var latticeBelowPartial: Bool = true
  /// Bead types the two-state lattice's parallel state searches besides ``priors`` (skipped when
  /// already there), at these priors before the lattice scales its linking types to its link
  /// share; the first and final passes do not use them. `[]` by default (the lattice searches the
  /// final pass's types); ``confidenceExtras`` gives it `2-3`, `3-2`, `1-4`, `4-1`
  /// (`docs/aligner.md`, "Bigger beads in the lattice").
  public var latticeExtras: [BeadPrior] = []
  /// After the final pass of a pair at or above ``Aligner/latticeBelow``: the two-state lattice
  /// with ``confidenceExtras`` in its parallel state, run only in windows around the path's weak
  /// steps (`LocalLattice.swift`; `docs/aligner.md`, "Session 24"). On by default since session 25
  /// (its windows made cheaper there).
  public var localLattice: Bool = true
  /// With ``localLattice``: a link below this confidence, or a step with an empty side, is a
  /// trouble spot.
  public var localLatticeTrouble: Double = 0.7
  /// With ``localLattice``: the confident steps on each side of a trouble spot its window takes in.
  public var localLatticeMargin: Int = 0
  /// With ``localLattice``: the half-width of a window's band around the final path's steps there.
  public var localLatticeRadius: Int = 12
  /// Whether the two-state lattice may run with these options: on every pair under
  /// ``twoStateModel`` with ``twoStateLattice``, otherwise on partly parallel pairs with
  /// ``partialPass`` and ``partialLattice`` (not under `--no-lattice`).
  public var latticeMayRun: Bool {
    twoStateModel ? twoStateLattice : partialPass && partialLattice
  }
  /// Whether the local lattice can run with these options: on, and a complete pair would keep
  /// the final pass (not under ``twoStateModel``, `--no-lattice` or without the partial pass).
  public var localLatticeRuns: Bool {
    localLattice && !twoStateModel && latticeMayRun
  }
  /// Experimental, off by default: replace the partial pass by the two-state model of partly
  /// parallel text (`TwoStateModel.swift`; `docs/aligner.md`, "The two-state model").
  public var twoStateModel: Bool = false
  /// With ``twoStateModel``: search and weigh in the two-state lattice (a parallel and an unrelated
  /// state per band cell, unrelated regions of any length; `TwoStateLattice.swift`) instead of the
  /// lattice of runs of at most six sentences — on every pair, whatever its parallelism (by
  /// default, ``partialLattice`` runs it only from ``Aligner/partialBelow`` to
  /// ``Aligner/latticeBelow``).
  public var twoStateLattice: Bool = false
  /// With ``twoStateModel``: a link on the path is kept only where its sentences are linked to
  /// something with at least this probability (`TwoStateModel.swift`, posterior decoding); 0 keeps
  /// every link of the path.
  public var linkedAtLeast: Double = 0.5
  /// In the two-state lattice: a run of kept links between unlinked sentences (an island of the
  /// parallel state) none of whose links shares an anchor is unlinked (`docs/aligner.md`, "Session
  /// 24"). Only where both documents carry anchors.
  public var latticeAnchoredIslands = true
  /// With ``latticeAnchoredIslands``: the sentences of an unlinked island carry the probability that
  /// a run of that many links sharing no anchor gives them (Bayes, the lattice's own as the prior;
  /// ``Aligner/anchorlessRunUnlinked(_:links:)``, `docs/aligner.md`, "Session 26"); off, the
  /// lattice's own unlinked probability, as before.
  public var latticeIslandsRunEvidence = true
  /// Threads the aligner may use at once (posterior windows, chance samples, the final search
  /// beside the chance level); the processors online by default. The result does not depend on it.
  public var workers: Int = Workers.available
  /// Learn a word-translation table from the pair itself (IBM Model 1 in both directions on the
  /// confident beads of a first alignment) and realign once with its translations as anchors
  /// (`WordModel.swift`, `LearnedLexicon.swift`; `docs/aligner.md`, "Learned lexicon"). Needs
  /// ``AlignerSentence/words``; off by default.
  public var learnLexicon: Bool = false
  /// The caps on the learned lexicon's training.
  public var wordModelLimits = WordModel.Limits()
  /// Bead types the posterior also weighs, though the search does not use them (skipped when
  /// already in ``priors``): a bead that could be a piece of a bigger bead (`1-4`, `2-3`, …) is
  /// then less certain. ``confidenceExtras`` by default; `[]` weighs only the search's types.
  public var confidencePriors: [BeadPrior] = AlignerOptions.confidenceExtras

  /// Bigger bead types weighed by the posterior only (priors as in ``extended``).
  public static let confidenceExtras: [BeadPrior] = [
    BeadPrior(BeadType(source: 2, target: 3), 0.002), BeadPrior(BeadType(source: 3, target: 2), 0.002),
    BeadPrior(BeadType(source: 1, target: 4), 0.002), BeadPrior(BeadType(source: 4, target: 1), 0.002),
  ]

  /// ``confidenceExtras`` plus `3-3`, `2-4`, `4-2` (prior 0.001 each): the biggest types tried in
  /// the lattice (`docs/aligner.md`, "Bigger beads in the lattice").
  public static let latticeBiggest: [BeadPrior] =
    confidenceExtras + [
      BeadPrior(BeadType(source: 3, target: 3), 0.001), BeadPrior(BeadType(source: 2, target: 4), 0.001),
      BeadPrior(BeadType(source: 4, target: 2), 0.001),
    ]

  /// ``latticeBiggest`` at a quarter of its priors: the best of the sizes tried (`tweetal align
  /// --lattice-bigger-beads`; not the default, `docs/aligner.md`, "Bigger beads in the lattice").
  public static let latticeBigger: [BeadPrior] = latticeBiggest.map { BeadPrior($0.type, $0.probability / 4) }

  public init(
    priors: [BeadPrior] = AlignerOptions.withThreeToOne,
    fallbackParameters: AlignmentParameters = .galeChurch,
    estimateParameters: Bool = true,
    estimatePriors: Bool = false,
    anchorsAvailable: Bool = true,
    anchorWeight: Double = 0.5,
    deletionCost: DeletionCost = .lengthIndependent,
    bandRadius: Int = 12,
    maximumBandRadius: Int = 400,
    fullSearchCells: Int = 1_000_000,
    twoLevel: Bool = true,
    confidenceTemperature: Double = 1,
    partialPass: Bool = true
  ) {
    self.priors = priors
    self.fallbackParameters = fallbackParameters
    self.estimateParameters = estimateParameters
    self.estimatePriors = estimatePriors
    self.anchorsAvailable = anchorsAvailable
    self.anchorWeight = anchorWeight
    self.deletionCost = deletionCost
    self.bandRadius = bandRadius
    self.maximumBandRadius = maximumBandRadius
    self.fullSearchCells = fullSearchCells
    self.twoLevel = twoLevel
    self.confidenceTemperature = confidenceTemperature
    self.partialPass = partialPass
  }

  /// Gale & Church (1993): 1-1 0.89, 1-0/0-1 0.0099, 2-1/1-2 0.089, 2-2 0.011.
  public static let galeChurchPriors: [BeadPrior] = [
    BeadPrior(.oneToOne, 0.89),
    BeadPrior(.deletion, 0.0099), BeadPrior(.insertion, 0.0099),
    BeadPrior(BeadType(source: 2, target: 1), 0.089), BeadPrior(BeadType(source: 1, target: 2), 0.089),
    BeadPrior(BeadType(source: 2, target: 2), 0.011),
  ]

  /// The paper's priors plus `3-1`/`1-3` beads (prior 0.005 each).
  public static let withThreeToOne: [BeadPrior] =
    galeChurchPriors + [
      BeadPrior(BeadType(source: 3, target: 1), 0.005), BeadPrior(BeadType(source: 1, target: 3), 0.005),
    ]

  /// ``withThreeToOne`` plus `2-3`/`3-2`/`1-4`/`4-1` beads (prior 0.002 each), for texts that
  /// split and merge sentences freely; slower (12 bead types instead of 8).
  public static let extended: [BeadPrior] =
    withThreeToOne + [
      BeadPrior(BeadType(source: 2, target: 3), 0.002), BeadPrior(BeadType(source: 3, target: 2), 0.002),
      BeadPrior(BeadType(source: 1, target: 4), 0.002), BeadPrior(BeadType(source: 4, target: 1), 0.002),
    ]

  /// The original program's behaviour: paper values, no estimation, no anchors, length-priced
  /// deletions, no second pass for partly parallel documents.
  public static let original = AlignerOptions(
    priors: galeChurchPriors, estimateParameters: false, anchorsAvailable: false, deletionCost: .galeChurch,
    twoLevel: true, partialPass: false)
}
