/// Parallelism after the second pass for partly parallel documents (see `docs/aligner.md`).
extension Aligner {
  /// The parallelism of a second-pass alignment: the share of the smaller document in links
  /// (``coverage(of:source:target:)``). No chance correction: every link left is supported by a
  /// distinctive shared anchor, several shared anchors or a confident length and anchor match, which
  /// chance rarely gives (another Text+Berg chunk's translation: 0–0.08), whereas correcting
  /// against the target read backwards would also subtract the real topical overlap of related
  /// documents.
  func partialParallelism(_ beads: [Bead], source: [AlignerSentence], target: [AlignerSentence]) -> Double {
    Aligner.coverage(of: beads, source: source, target: target)
  }

  /// The share of the smaller document (in characters) inside linking beads: how much of the
  /// shorter text has a counterpart in the longer one. After the second pass every link left has
  /// length or anchor support, so links count in full.
  public static func coverage(of beads: [Bead], source: [AlignerSentence], target: [AlignerSentence])
    -> Double
  {
    var sourceTotal = 0.0
    var targetTotal = 0.0
    var sourceLinked = 0.0
    var targetLinked = 0.0
    for bead in beads {
      let linking = !bead.source.isEmpty && !bead.target.isEmpty
      for index in bead.source where index < source.count {
        let characters = Double(max(1, source[index].length))
        sourceTotal += characters
        if linking { sourceLinked += characters }
      }
      for index in bead.target where index < target.count {
        let characters = Double(max(1, target[index].length))
        targetTotal += characters
        if linking { targetLinked += characters }
      }
    }
    if sourceTotal == 0 || targetTotal == 0 { return 0 }
    return sourceTotal <= targetTotal ? sourceLinked / sourceTotal : targetLinked / targetTotal
  }
}
