/// The second pass for documents that are only partly parallel (see `docs/aligner.md`,
/// "Partly parallel documents").
///
/// When the first alignment shows low parallelism, the bead-type priors are re-estimated from its
/// posteriors (an EM step: expected links per type, expected unlinked sentences per side), so that
/// leaving a sentence out costs what the document says it costs; the search runs again. Then a
/// linking bead the model is still unsure of and that shares no anchor is split into `1-0`/`0-1`
/// beads: neither length nor anchors support it.
extension Aligner {
  /// Corrected parallelism below which the second pass runs.
  public static let partialBelow = 0.5
  /// Rounds of prior re-estimation.
  static let partialRounds = 1
  /// A linking bead below this confidence with no shared anchor is unlinked.
  static let unlinkBelow = 0.5
  /// Least prior mass of linking beads (so that a document with few links can still keep them).
  static let leastLinkMass = 0.6

  /// Runs the second pass from the first pass's beads; returns the new beads.
  func partialPass(
    beads first: [Bead], sourceUnits: Units, targetUnits: Units, parameters: AlignmentParameters,
    plan: BlockLevel.Plan?
  ) -> (beads: [Bead], priors: [BeadPrior]) {
    var links = first
    var beads = first
    var priors = options.priors
    for _ in 0..<Self.partialRounds {
      priors = Self.reestimated(priors: options.priors, from: links)
      let model = model(sourceUnits, targetUnits, parameters, priors: priors)
      let (steps, table) = search(model, plan: plan)
      let posterior = Posterior.compute(
        model, extras: options.confidencePriors, table: table, steps: steps,
        temperature: options.confidenceTemperature)
      links = Aligner.beads(steps, confidences: posterior.searchBeads)
      beads = Aligner.beads(steps, confidences: posterior.confidences(steps))
    }
    return (Self.unlinkingUnsupported(beads, linked: links, sourceUnits, targetUnits), priors)
  }

  /// Bead-type priors from the posteriors of `beads`: each linking type gets its expected count
  /// (confidences summed), `1-0`/`0-1` the expected unlinked sentences of each side; the shape of
  /// the linking types follows `paper` so that rare types keep a usable prior.
  static func reestimated(priors paper: [BeadPrior], from beads: [Bead]) -> [BeadPrior] {
    var linked = 0.0
    var unlinkedSource = 0.0
    var unlinkedTarget = 0.0
    for bead in beads {
      if bead.source.isEmpty || bead.target.isEmpty {
        unlinkedSource += Double(bead.source.count)
        unlinkedTarget += Double(bead.target.count)
      } else {
        linked += bead.confidence
        unlinkedSource += (1 - bead.confidence) * Double(bead.source.count)
        unlinkedTarget += (1 - bead.confidence) * Double(bead.target.count)
      }
    }
    let total = linked + unlinkedSource + unlinkedTarget
    guard total > 0 else { return paper }
    let paperLinkMass = paper.filter { $0.type.source > 0 && $0.type.target > 0 }.map(\.probability)
      .reduce(0, +)
    let linkMass = min(1 - 0.02, max(leastLinkMass, linked / total))
    let deletion = max(0.0099, (1 - linkMass) * unlinkedSource / max(1e-9, unlinkedSource + unlinkedTarget))
    let insertion = max(0.0099, (1 - linkMass) - deletion)
    return paper.map { prior in
      switch (prior.type.source, prior.type.target) {
      case (_, 0): BeadPrior(prior.type, deletion)
      case (0, _): BeadPrior(prior.type, insertion)
      default: BeadPrior(prior.type, prior.probability / max(1e-9, paperLinkMass) * linkMass)
      }
    }
  }

  /// `beads` with every linking bead whose link posterior is below ``unlinkBelow`` and that shares
  /// no anchor split into `1-0` and `0-1` beads; the split beads carry the complement of the link
  /// posterior. `linked` holds the same beads weighed by the search's own bead types (a piece of a
  /// bigger bead still counts as linked); by default, the beads' confidences.
  static func unlinkingUnsupported(_ beads: [Bead], linked: [Bead]? = nil, _ source: Units, _ target: Units)
    -> [Bead]
  {
    let (source, target) = Units.sharingRanks(source, target)
    var result: [Bead] = []
    result.reserveCapacity(beads.count)
    for (bead, link) in zip(beads, linked ?? beads) {
      let linking = !bead.source.isEmpty && !bead.target.isEmpty
      if !linking || link.confidence >= unlinkBelow || sharesAnchor(bead, source, target) {
        result.append(bead)
        continue
      }
      let confidence = 1 - link.confidence
      let before = bead.target.lowerBound..<bead.target.lowerBound
      let after = bead.source.upperBound..<bead.source.upperBound
      for index in bead.source {
        result.append(Bead(source: index..<index + 1, target: before, confidence: confidence))
      }
      for index in bead.target {
        result.append(Bead(source: after, target: index..<index + 1, confidence: confidence))
      }
    }
    return result
  }

  /// Shared anchors a weak link needs to be kept when none of them is distinctive: one common
  /// shared anchor (a frequent word's lexicon concept, `GCM`) links unrelated sentences of one
  /// topic too often.
  static let supportingAnchors = 3
  /// An anchor found in at most this many sentences of each document is distinctive (a reference
  /// number, a date, a rare name or word): sharing one is support enough.
  static let distinctiveAtMost = 3

  /// Whether the sentences of `bead` share a distinctive anchor or ``supportingAnchors`` anchors.
  static func sharesAnchor(_ bead: Bead, _ source: Units, _ target: Units) -> Bool {
    let (source, target) = Units.sharingRanks(source, target)
    var shared = 0
    for s in bead.source where s < source.count {
      for t in bead.target where t < target.count {
        let common = Set(source.anchors(s)).intersection(target.anchors(t))
        shared += common.count
        for anchor in common
        where occurrences(of: anchor, in: source) <= distinctiveAtMost
          && occurrences(of: anchor, in: target) <= distinctiveAtMost
        {
          return true
        }
      }
    }
    return shared >= supportingAnchors
  }

  /// Number of units of `units` that carry `anchor` (stops counting past the distinctive limit).
  static func occurrences(of anchor: UInt32, in units: Units) -> Int {
    var count = 0
    for unit in 0..<units.count where units.anchors(unit).contains(anchor) {
      count += 1
      if count > distinctiveAtMost { break }
    }
    return count
  }
}
