public import Aligner

/// A problem in a bead file, with the line where it is.
public struct BeadFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var problem: String

  public init(file: String, line: Int, problem: String) {
    self.file = file
    self.line = line
    self.problem = problem
  }

  public var description: String {
    "\(file):\(line): \(problem); write one bead per line as [0, 1]:[2]:0.93 (0-based, [] for an empty side)"
  }
}

/// A bead as lists of sentence indices. Gold files may link non-consecutive sentences
/// (`[250]:[291, 293, 294]`), which a ``Bead`` (ranges) cannot hold, so evaluation works on these.
public struct IndexedBead: Sendable, Hashable {
  /// 0-based source sentence indices, ascending (empty for a `0-1` bead).
  public var source: [Int]
  /// 0-based target sentence indices, ascending (empty for a `1-0` bead).
  public var target: [Int]
  /// The confidence, when the file gives one.
  public var confidence: Double?

  public init(source: [Int], target: [Int], confidence: Double? = nil) {
    self.source = source
    self.target = target
    self.confidence = confidence
  }

  /// The indices of an aligner bead.
  public init(_ bead: Bead) {
    self.init(source: Array(bead.source), target: Array(bead.target), confidence: bead.confidence)
  }

  /// Whether both sides have sentences.
  public var isLink: Bool { !source.isEmpty && !target.isEmpty }
}

/// The line format of alignments used by vecalign and Bleualign's gold files:
/// `[4]:[5, 6, 7]` or `[6]:[6,7]:0.51` (0-based sentence indices, `[]` for an empty side,
/// an optional confidence). Tweetal writes `[0, 1]:[2]:0.873`: three decimals, clamped to [0, 1].
/// `tweetal align --format beads` and `tweetal evaluate` both go through it.
public enum BeadFile {
  /// Parses bead-file text; blank lines are skipped.
  public static func parse(_ text: String, file: String = "-") throws(BeadFileError) -> [IndexedBead] {
    var beads: [IndexedBead] = []
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.trimmingCharacters()
      if trimmed.isEmpty { continue }
      beads.append(try parseLine(trimmed, file: file, line: lineNumber))
    }
    return beads
  }

  /// The beads of an alignment, one per line, with their confidences.
  public static func format(_ document: AlignedDocument) -> String {
    format(
      document.beads.map {
        IndexedBead(source: Array($0.source), target: Array($0.target), confidence: $0.confidence)
      })
  }

  /// One bead per line, with its confidence when `withConfidence` is true.
  public static func format(_ beads: [Bead], withConfidence: Bool = true) -> String {
    format(beads.map(IndexedBead.init), withConfidence: withConfidence)
  }

  /// One bead per line; the confidence is written when `withConfidence` is true and known.
  public static func format(_ beads: [IndexedBead], withConfidence: Bool = true) -> String {
    var output = ""
    for bead in beads {
      output += "[\(bead.source.map(String.init).joined(separator: ", "))]"
      output += ":[\(bead.target.map(String.init).joined(separator: ", "))]"
      if withConfidence, let confidence = bead.confidence { output += ":" + Self.confidence(confidence) }
      output += "\n"
    }
    return output
  }

  /// Three decimals, clamped to [0, 1]; `0.000` when not finite.
  static func confidence(_ value: Double) -> String {
    guard value.isFinite else { return "0.000" }
    let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  private static func parseLine(_ line: Substring, file: String, line lineNumber: Int) throws(BeadFileError)
    -> IndexedBead
  {
    func fail(_ problem: String) -> BeadFileError {
      BeadFileError(file: file, line: lineNumber, problem: problem)
    }
    guard let sourceEnd = line.firstIndex(of: "]"), line.first == "[" else {
      throw fail("expected '[' at the start of '\(line)'")
    }
    let sourceText = line[line.index(after: line.startIndex)..<sourceEnd]
    var rest = line[line.index(after: sourceEnd)...]
    guard rest.first == ":", rest.dropFirst().first == "[",
      let targetEnd = rest.firstIndex(of: "]")
    else { throw fail("expected ':[' after the source side of '\(line)'") }
    let targetText = rest[rest.index(rest.startIndex, offsetBy: 2)..<targetEnd]
    rest = rest[rest.index(after: targetEnd)...]
    var confidence: Double?
    if !rest.isEmpty {
      guard rest.first == ":", let value = Double(rest.dropFirst().trimmingCharacters()) else {
        throw fail("expected ':confidence' after the target side of '\(line)'")
      }
      confidence = value
    }
    guard let source = indices(sourceText), let target = indices(targetText) else {
      throw fail("sentence indices must be non-negative integers, in '\(line)'")
    }
    return IndexedBead(source: source, target: target, confidence: confidence)
  }

  /// The indices of one side, sorted; nil when one is not a non-negative integer.
  private static func indices(_ text: Substring) -> [Int]? {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters() }
    if parts.isEmpty || (parts.count == 1 && parts[0].isEmpty) { return [] }
    var values: [Int] = []
    for part in parts {
      guard let value = Int(part), value >= 0 else { return nil }
      values.append(value)
    }
    return values.sorted()
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> Substring {
    var result = self
    while let first = result.first, first.isWhitespace { result.removeFirst() }
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return result
  }
}
