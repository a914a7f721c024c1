public import Aligner

/// Why two documents were paired: the rare anchors they share and the three scores.
public struct PairingEvidence: Sendable, Hashable, CustomStringConvertible {
  /// The anchor kinds that identify a document and are listed as evidence.
  public static let identifying: Set<AnchorKind> = [.reference, .url, .date, .name, .number]

  /// Shared reference numbers and codes, rarest first (at most a few).
  public var references: [String] = []
  /// Shared URLs and e-mail addresses, rarest first (at most a few).
  public var urls: [String] = []
  /// Shared dates, rarest first (at most a few).
  public var dates: [String] = []
  /// Number of shared names and acronyms.
  public var names = 0
  /// Number of shared numbers.
  public var numbers = 0
  /// Strength of the rare shared anchors, 0 to 1.
  public var anchors = 0.0
  /// Cosine of the two word profiles (tf-idf; the Dutch side's words translated by the lexicon).
  public var words = 0.0
  /// Dutch characters per English character.
  public var lengthRatio = 0.0
  /// The quick alignment's parallelism (0 to 1), or nil when the pair was not aligned.
  public var parallelism: Double?

  public init() {}

  /// `ref 3963666; date 2022-04; 14 shared names; 3 shared numbers; words 0.41; length 0.38;
  /// parallelism 0.12`.
  public var description: String {
    var parts: [String] = []
    parts += references.map { "ref \($0)" }
    parts += urls.map { "url \($0)" }
    parts += dates.map { "date \($0)" }
    if names > 0 { parts.append("\(names) shared name\(names == 1 ? "" : "s")") }
    if numbers > 0 { parts.append("\(numbers) shared number\(numbers == 1 ? "" : "s")") }
    parts.append("words \(Self.format(words))")
    parts.append("length \(Self.format(lengthRatio))")
    parts.append("anchors \(Self.format(anchors))")
    if let parallelism { parts.append("parallelism \(Self.format(parallelism))") }
    return parts.joined(separator: "; ")
  }

  /// `value` with two decimals (`0.40`).
  public static func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
