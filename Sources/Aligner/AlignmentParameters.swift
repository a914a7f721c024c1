/// The parameters of the length model and the search.
public struct AlignmentParameters: Sendable, Hashable {
  /// Expected target characters per source character (`c`).
  public var ratio: Double
  /// Variance of the length difference per source character (`s²`).
  public var variance: Double
  /// Probability that an anchor of the sparser side of a true link also occurs on the other side.
  public var anchorMatch: Double
  /// The same probability for two unrelated sentences (chance overlap).
  public var anchorChance: Double
  /// Cost (nats) of each block boundary (blank line, heading, list item) inside one side of a link
  /// bead: a bead joins sentences of two paragraphs only when its evidence beats keeping the
  /// boundary. 0 ignores the blocks.
  public var blockCost: Double
  /// In the two-state model, the length term of a link is a likelihood ratio against unrelated
  /// sentences: the length model's tail probability `u` of a true link is uniform, that of two
  /// unrelated sentences is taken as Beta(α, 1) (density `α·u^(α−1)`), α estimated from sentence
  /// pairs that do not correspond. The term is then `log α + (1 − α) · (−log u)`. 0: off (the
  /// plain Gale–Church term, as in a translation).
  public var unrelatedLength: Double = 0

  public init(
    ratio: Double, variance: Double, anchorMatch: Double = 0.5, anchorChance: Double = 0.05,
    blockCost: Double = 0
  ) {
    self.ratio = ratio
    self.variance = variance
    self.anchorMatch = anchorMatch
    self.anchorChance = anchorChance
    self.blockCost = blockCost
  }

  /// The values of Gale & Church (1993): c = 1, s² = 6.8 (and neutral anchor rates).
  public static let galeChurch = AlignmentParameters(ratio: 1, variance: 6.8)
}

/// The outcome of aligning two documents.
public struct AlignmentResult: Sendable, Hashable {
  /// Beads in order; together they cover every sentence of both sides exactly once.
  public var beads: [Bead]
  /// The parameters actually used (estimated from the documents, or the fallback).
  public var parameters: AlignmentParameters
  /// How much of the two documents corresponds, in [0, 1] (see ``Aligner/parallelism(of:source:target:)``).
  public var parallelism: Double

  public init(beads: [Bead], parameters: AlignmentParameters, parallelism: Double) {
    self.beads = beads
    self.parameters = parameters
    self.parallelism = parallelism
  }
}
