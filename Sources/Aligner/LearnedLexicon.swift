/// The learned lexicon's pass: word translations learned from a first alignment's confident beads
/// (``WordModel``) become anchors, and the pair is aligned again with them.
extension Aligner {
  /// Aligns again with the translations learned from `first`'s confident beads as anchors; `first`
  /// itself when nothing is learned.
  func learnedLexiconPass(first: AlignmentResult, source: [AlignerSentence], target: [AlignerSentence])
    -> AlignmentResult
  {
    let model = Self.wordModel(first.beads, source: source, target: target, limits: options.wordModelLimits)
    guard !model.translations.isEmpty else { return first }
    return align(source: source, target: target, learned: model)
  }

  /// A word model trained on the confident beads of several alignments together (a corpus run:
  /// many pairs teach more than one), capped as ``WordModel/Limits`` says.
  public static func wordModel(
    trainedOn alignments: [(beads: [Bead], source: [AlignerSentence], target: [AlignerSentence])],
    limits: WordModel.Limits = WordModel.Limits()
  ) -> WordModel {
    var pairs: [(source: [UInt64], target: [UInt64])] = []
    for alignment in alignments where pairs.count < limits.maximumPairs {
      pairs += confidentPairs(
        alignment.beads, source: alignment.source, target: alignment.target, limits: limits,
        at: limits.maximumPairs - pairs.count)
    }
    return WordModel(pairs: pairs, limits: limits)
  }

  /// The training pairs a corpus run takes from one document pair: the words of the confident
  /// links (``WordModel/Limits/minimumConfidence``) of an alignment without learning, at most
  /// `limit` (none aligned when `limit` is 0). Only word IDs: the sentences can go.
  public func lexiconTrainingPairs(source: [AlignerSentence], target: [AlignerSentence], limit: Int)
    -> [(source: [UInt64], target: [UInt64])]
  {
    guard limit > 0 else { return [] }
    var plain = options
    plain.learnLexicon = false
    let first = Aligner(options: plain).align(source: source, target: target)
    return Self.confidentPairs(
      first.beads, source: source, target: target, limits: options.wordModelLimits, at: limit)
  }

  /// Aligns with `learned`'s translations as anchors (one pass, no further learning).
  public func align(source: [AlignerSentence], target: [AlignerSentence], learned model: WordModel)
    -> AlignmentResult
  {
    let (source, target) = Self.withLearnedAnchors(model, source: source, target: target)
    var plain = options
    plain.learnLexicon = false
    return Aligner(options: plain).align(source: source, target: target)
  }

  /// `source` and `target` with `model`'s translations added to their anchors
  /// (``learnedAnchors(_:covered:)``; the words a lexicon covers are read from these sentences).
  static func withLearnedAnchors(_ model: WordModel, source: [AlignerSentence], target: [AlignerSentence])
    -> (source: [AlignerSentence], target: [AlignerSentence])
  {
    func covered(_ sentences: [AlignerSentence]) -> Set<UInt64> {
      var words: Set<UInt64> = []
      for sentence in sentences {
        for word in sentence.words where word.concept != nil { words.insert(word.id) }
      }
      return words
    }
    let (sourceAnchors, targetAnchors) = Self.learnedAnchors(
      model, covered: (covered(source), covered(target)))
    func augmented(_ sentences: [AlignerSentence], _ anchors: [UInt64: [UInt64]]) -> [AlignerSentence] {
      sentences.map { sentence in
        var learned: [UInt64] = []
        for word in sentence.words { if let ids = anchors[word.id] { learned += ids } }
        guard !learned.isEmpty else { return sentence }
        var copy = sentence
        var ids = sentence.anchors + learned
        ids.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        copy.anchors = unique
        return copy
      }
    }
    return (augmented(source, sourceAnchors), augmented(target, targetAnchors))
  }

  /// IBM Model 1 trained on the words of `beads`' confident links.
  static func wordModel(
    _ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], limits: WordModel.Limits
  ) -> WordModel {
    WordModel(
      pairs: confidentPairs(beads, source: source, target: target, limits: limits, at: limits.maximumPairs),
      limits: limits)
  }

  /// The words of the linking beads with confidence ≥ `limits.minimumConfidence`, at most `limits.maximumPairs`.
  static func confidentPairs(
    _ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], limits: WordModel.Limits,
    at limit: Int
  ) -> [(source: [UInt64], target: [UInt64])] {
    var pairs: [(source: [UInt64], target: [UInt64])] = []
    for bead in beads
    where !bead.source.isEmpty && !bead.target.isEmpty && bead.confidence >= limits.minimumConfidence
      && bead.source.upperBound <= source.count && bead.target.upperBound <= target.count
    {
      if pairs.count >= limit { break }
      pairs.append(
        (
          bead.source.flatMap { source[$0].words.map(\.id) },
          bead.target.flatMap { target[$0].words.map(\.id) }
        ))
    }
    return pairs
  }

  /// Per source word and per target word, the anchor IDs of its learned translations: one
  /// ``AnchorKind/lexicon`` ID per learned pair, so a bead shares it when one side has the source
  /// word and the other its translation.
  ///
  /// A pair whose word in the lexicon's target language carries a lexicon concept
  /// (``ContentWord/concept``; `covered` holds those word IDs per side) gets no anchor: either the
  /// lexicon translates the pair already, and a second anchor would count one word pair twice, or
  /// it does not, and the learned translation is a loose one (both merged neighbouring beads on
  /// the nl-en man pages, `docs/aligner.md`). That side's content words of three letters or more
  /// all carry one, so next to a lexicon the table adds next to nothing; without one, every pair.
  static func learnedAnchors(
    _ model: WordModel, covered: (source: Set<UInt64>, target: Set<UInt64>) = ([], [])
  ) -> (source: [UInt64: [UInt64]], target: [UInt64: [UInt64]]) {
    var source: [UInt64: [UInt64]] = [:]
    var target: [UInt64: [UInt64]] = [:]
    // A word learned as its own translation (a name, a code word, an option) is already a cognate or
    // name anchor; a second anchor would count the same evidence twice.
    for translation in model.translations
    where translation.source != translation.target && !covered.target.contains(translation.target)
      && !covered.source.contains(translation.source)
    {
      let id = learnedAnchorID(translation.source, translation.target)
      source[translation.source, default: []].append(id)
      target[translation.target, default: []].append(id)
    }
    return (source, target)
  }

  /// A stable ID for the learned pair (`source`, `target`), of kind ``AnchorKind/lexicon``.
  static func learnedAnchorID(_ source: UInt64, _ target: UInt64) -> UInt64 {
    // SplitMix64's finaliser over both IDs: stable across runs and machines.
    var mixed = source &* 0x9E37_79B9_7F4A_7C15 ^ (target &+ 0xBF58_476D_1CE4_E5B9)
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    mixed ^= mixed >> 31
    return UInt64(AnchorKind.lexicon.rawValue) << AnchorID.kindShift | mixed & AnchorID.hashMask
  }
}
