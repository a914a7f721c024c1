public import Aligner

/// Re-aligns an alignment around the beads a person decided on.
public enum Realigner {
  /// What `realign` did.
  public struct Outcome: Sendable, Hashable {
    public var document: AlignedDocument
    /// Stretches of `auto` beads that were re-aligned.
    public var stretches: Int
    /// Beads (in the new document) that were not in the old one.
    public var newBeads: Int
    /// Confirmed and edited beads, kept exactly as they were.
    public var keptBeads: Int
  }

  /// Re-aligns every maximal run of `auto` beads with `aligner`, from the stored sentences alone
  /// (and `lexicon`, whose translations become anchors, as in `align`).
  /// Confirmed and edited beads are kept exactly as they were (same ranges, ids, dates, scores).
  /// A re-aligned bead that links the same sentences as before keeps its id, and so does a sentence
  /// that stays unlinked (wherever it now sits between the other side's sentences); other new beads
  /// get ids above every id in use.
  public static func realign(
    _ document: AlignedDocument, aligner: Aligner = Aligner(), lexicon: (any Lexicon)? = nil
  ) -> Outcome {
    let words = aligner.options.learnLexicon
    let sourceInput = AlignmentInput(
      language: document.metadata.sourceLanguage, lexicon: lexicon, withWords: words)
    let targetInput = AlignmentInput(
      language: document.metadata.targetLanguage, lexicon: lexicon, withWords: words)
    var nextID = (document.beads.map(\.id).max() ?? 0) + 1
    var beads: [AlignmentBead] = []
    var stretches = 0
    var newBeads = 0
    var kept = 0
    var index = 0
    while index < document.beads.count {
      if document.beads[index].status != .auto {
        beads.append(document.beads[index])
        kept += 1
        index += 1
        continue
      }
      var end = index
      while end < document.beads.count, document.beads[end].status == .auto { end += 1 }
      let old = document.beads[index..<end]
      let sourceRange = old.first!.source.lowerBound..<old.last!.source.upperBound
      let targetRange = old.first!.target.lowerBound..<old.last!.target.upperBound
      var idsByRanges: [[Int]: Int] = [:]
      for bead in old { idsByRanges[identity(bead.source, bead.target)] = bead.id }
      let result = aligner.align(
        source: sourceInput.alignerSentences(document.source[sourceRange]),
        target: targetInput.alignerSentences(document.target[targetRange]))
      for bead in result.beads {
        let sourceStart = bead.source.lowerBound + sourceRange.lowerBound
        let targetStart = bead.target.lowerBound + targetRange.lowerBound
        let source = sourceStart..<(sourceStart + bead.source.count)
        let target = targetStart..<(targetStart + bead.target.count)
        let key = identity(source, target)
        let id: Int
        if let oldID = idsByRanges[key] {
          id = oldID
        } else {
          id = nextID
          nextID += 1
          newBeads += 1
        }
        beads.append(
          AlignmentBead(source: source, target: target, cost: bead.cost, confidence: bead.confidence, id: id))
      }
      stretches += 1
      index = end
    }
    var realigned = document
    realigned.beads = beads
    return Outcome(document: realigned, stretches: stretches, newBeads: newBeads, keptBeads: kept)
  }

  /// What makes a bead the same bead again: the sentences it links, or for a bead with an empty side,
  /// the sentences left unlinked (not where they sit between the other side's sentences).
  static func identity(_ source: Range<Int>, _ target: Range<Int>) -> [Int] {
    if source.isEmpty { return [-2, target.lowerBound, target.upperBound] }
    if target.isEmpty { return [-1, source.lowerBound, source.upperBound] }
    return [source.lowerBound, source.upperBound, target.lowerBound, target.upperBound]
  }
}
