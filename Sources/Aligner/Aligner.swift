/// Gale–Church sentence alignment. Pure: lengths and anchors in, beads out.
public struct Aligner: Sendable {
  public init() {}

  /// Aligns `source` to `target`. Placeholder: pairs sentences in order, leftovers unlinked.
  public func align(source: [AlignerSentence], target: [AlignerSentence]) -> AlignmentResult {
    var beads: [Bead] = []
    let shared = min(source.count, target.count)
    for index in 0..<shared {
      beads.append(Bead(source: index..<index + 1, target: index..<index + 1, cost: 0, confidence: 0.5))
    }
    for index in shared..<source.count { beads.append(Bead(source: index..<index + 1, target: shared..<shared)) }
    for index in shared..<target.count {
      beads.append(Bead(source: source.count..<source.count, target: index..<index + 1))
    }
    return AlignmentResult(beads: beads, parameters: .galeChurch, parallelism: 0)
  }
}
