/// The parameters of the length model and the search.
public struct AlignmentParameters: Sendable, Hashable {
  /// Expected target characters per source character (`c`).
  public var ratio: Double
  /// Variance of the length difference per source character (`s²`).
  public var variance: Double

  public init(ratio: Double, variance: Double) {
    self.ratio = ratio
    self.variance = variance
  }

  /// The values of Gale & Church (1993): c = 1, s² = 6.8.
  public static let galeChurch = AlignmentParameters(ratio: 1, variance: 6.8)
}

/// The outcome of aligning two documents.
public struct AlignmentResult: Sendable, Hashable {
  /// Beads in order; together they cover every sentence of both sides exactly once.
  public var beads: [Bead]
  /// The parameters actually used (estimated from the documents, or the fallback).
  public var parameters: AlignmentParameters
  /// How much of the two documents corresponds, in [0, 1].
  public var parallelism: Double

  public init(beads: [Bead], parameters: AlignmentParameters, parallelism: Double) {
    self.beads = beads
    self.parameters = parameters
    self.parallelism = parallelism
  }
}
