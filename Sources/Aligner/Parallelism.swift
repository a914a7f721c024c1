/// Parallelism after the second pass for partly parallel documents (see `docs/aligner.md`).
extension Aligner {
  /// The parallelism of a second-pass alignment: the share of the smaller document in links
  /// (``coverage(of:source:target:)``). No chance correction: every link left is supported by a
  /// distinctive shared anchor, several shared anchors or a confident length and anchor match, which
  /// chance rarely gives (another Text+Berg chunk's translation: 0–0.08), whereas correcting
  /// against the target read backwards would also subtract the real topical overlap of related
  /// documents.
  func partialParallelism(
    _ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], leavingOutCommon: Bool = false
  ) -> Double {
    Aligner.coverage(of: beads, source: source, target: target, leavingOutCommon: leavingOutCommon)
  }

  /// The share of the smaller document (in characters) inside linking beads: how much of the
  /// shorter text has a counterpart in the longer one. After the second pass every link left has
  /// length or anchor support, so links count in full. With `leavingOutCommon`, the template text of
  /// the smaller document (``AlignerSentence/commonShare``, a link's as ``linkCommonShare(_:source:target:)``
  /// says) counts neither as linked nor in its total (when that leaves nothing, the plain share).
  public static func coverage(
    of beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], leavingOutCommon: Bool = false
  ) -> Double {
    var sides = ScoredSides()
    for bead in beads {
      sides.add(
        bead, weight: !bead.source.isEmpty && !bead.target.isEmpty ? 1 : 0, source: source, target: target)
    }
    guard let share = sides.share(leavingOutCommon: leavingOutCommon) else {
      return leavingOutCommon ? coverage(of: beads, source: source, target: target) : 0
    }
    return share
  }

  /// How much of a link is template text when common text is left out: as much as its more
  /// template side (character-weighted over its sentences). Its two sides translate each other, so
  /// the translation of a template sentence is template too, however its wording varies from one
  /// document to the next.
  static func linkCommonShare(_ bead: Bead, source: [AlignerSentence], target: [AlignerSentence]) -> Double {
    func share(_ range: Range<Int>, _ sentences: [AlignerSentence]) -> Double {
      var all = 0.0
      var common = 0.0
      for index in range where index < sentences.count {
        let characters = Double(max(1, sentences[index].length))
        all += characters
        common += characters * sentences[index].commonShare
      }
      return all > 0 ? common / all : 0
    }
    return max(share(bead.source, source), share(bead.target, target))
  }
}

/// Each side's characters in a score's beads, all and linked, with and without template text
/// (``Aligner/coverage(of:source:target:leavingOutCommon:)``, ``Aligner/weightedCoverage(of:source:target:leavingOutCommon:)``).
struct ScoredSides {
  var source = Totals()
  var target = Totals()

  struct Totals {
    /// Every character.
    var all = 0.0
    /// The characters that are not template text.
    var scored = 0.0
    /// The scored characters inside links, each weighted by its link's weight.
    var linked = 0.0
    /// Every character inside links, weighted so.
    var plainLinked = 0.0
  }

  /// Counts `bead`'s sentences, linked at `weight` (0 for a bead with an empty side). A `linking`
  /// bead's template text is its more template side's (``Aligner/linkCommonShare(_:source:target:)``),
  /// any other sentence's its own; by default a bead links when its weight is above 0.
  mutating func add(
    _ bead: Bead, weight: Double, linking: Bool? = nil, source sentences: [AlignerSentence],
    target targets: [AlignerSentence]
  ) {
    let linking = linking ?? (weight > 0)
    let linkShare = linking ? Aligner.linkCommonShare(bead, source: sentences, target: targets) : 0
    func add(_ range: Range<Int>, _ sentences: [AlignerSentence], to totals: inout Totals) {
      for index in range where index < sentences.count {
        let characters = Double(max(1, sentences[index].length))
        let scored =
          linking
          ? characters * (1 - linkShare) : sentences[index].scoredCharacters
        totals.all += characters
        totals.scored += scored
        totals.linked += scored * weight
        totals.plainLinked += characters * weight
      }
    }
    add(bead.source, sentences, to: &source)
    add(bead.target, targets, to: &target)
  }

  /// Both documents' linked characters and all their characters, leaving template text out or not.
  func bothSides(leavingOutCommon: Bool) -> (linked: Double, total: Double) {
    leavingOutCommon
      ? (source.linked + target.linked, source.scored + target.scored)
      : (source.plainLinked + target.plainLinked, source.all + target.all)
  }

  /// The linked share of the smaller document (by all its characters), leaving template text out or
  /// not; `nil` when a side is empty, or has nothing left without template text.
  func share(leavingOutCommon: Bool) -> Double? {
    guard source.all > 0 && target.all > 0 else { return nil }
    let side = source.all <= target.all ? source : target
    if !leavingOutCommon { return side.plainLinked / side.all }
    return side.scored > 0 ? side.linked / side.scored : nil
  }
}

extension AlignerSentence {
  /// The characters this sentence weighs in a parallelism score that leaves common text out: its
  /// length (at least 1) less its ``commonShare`` (nothing for a common sentence; `docs/aligner.md`,
  /// "Template text of a collection").
  var scoredCharacters: Double {
    commonShare > 0 ? Double(max(1, length)) * (1 - commonShare) : Double(max(1, length))
  }
}
