/// How many source and target sentences a bead links (`1-1`, `2-1`, `0-1`, ...).
public struct BeadType: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var source: Int
  public var target: Int

  public init(source: Int, target: Int) {
    self.source = source
    self.target = target
  }

  public static let oneToOne = BeadType(source: 1, target: 1)
  public static let deletion = BeadType(source: 1, target: 0)
  public static let insertion = BeadType(source: 0, target: 1)

  /// `"2-1"` style.
  public var description: String { "\(source)-\(target)" }

  /// Parses `"2-1"`.
  public init?(_ text: String) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let source = Int(parts[0]), let target = Int(parts[1]) else { return nil }
    self.init(source: source, target: target)
  }

  public static func < (lhs: BeadType, rhs: BeadType) -> Bool {
    (lhs.source, lhs.target) < (rhs.source, rhs.target)
  }
}

/// A link between a contiguous run of source sentences and a contiguous run of target sentences.
public struct Bead: Sendable, Hashable {
  /// Indices of the source sentences (possibly empty).
  public var source: Range<Int>
  /// Indices of the target sentences (possibly empty).
  public var target: Range<Int>
  /// The model's cost of this bead (−log probability); lower is better.
  public var cost: Double
  /// How sure the aligner is that this bead is right, in [0, 1].
  public var confidence: Double

  public init(source: Range<Int>, target: Range<Int>, cost: Double = 0, confidence: Double = 0) {
    self.source = source
    self.target = target
    self.cost = cost
    self.confidence = confidence
  }

  public var type: BeadType { BeadType(source: source.count, target: target.count) }
}
