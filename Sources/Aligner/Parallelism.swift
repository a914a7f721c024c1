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
  /// length or anchor support, so links count in full. With `leavingOutCommon`, the characters of
  /// common sentences (``AlignerSentence/common``) count on neither side (when that leaves a side
  /// nothing, the plain share).
  public static func coverage(
    of beads: [Bead], source: [AlignerSentence], target: [AlignerSentence], leavingOutCommon: Bool = false
  ) -> Double {
    var sourceTotal = 0.0
    var targetTotal = 0.0
    var sourceLinked = 0.0
    var targetLinked = 0.0
    for bead in beads {
      let linking = !bead.source.isEmpty && !bead.target.isEmpty
      for index in bead.source where index < source.count {
        let characters = source[index].scoredCharacters(leavingOutCommon: leavingOutCommon)
        sourceTotal += characters
        if linking { sourceLinked += characters }
      }
      for index in bead.target where index < target.count {
        let characters = target[index].scoredCharacters(leavingOutCommon: leavingOutCommon)
        targetTotal += characters
        if linking { targetLinked += characters }
      }
    }
    if sourceTotal == 0 || targetTotal == 0 {
      return leavingOutCommon ? coverage(of: beads, source: source, target: target) : 0
    }
    return sourceTotal <= targetTotal ? sourceLinked / sourceTotal : targetLinked / targetTotal
  }
}

extension AlignerSentence {
  /// The characters this sentence weighs in a parallelism score: its length (at least 1), or
  /// nothing when it is common text and common text is left out (`docs/aligner.md`,
  /// "Template text of a collection").
  func scoredCharacters(leavingOutCommon: Bool) -> Double {
    leavingOutCommon && common ? 0 : Double(max(1, length))
  }
}
