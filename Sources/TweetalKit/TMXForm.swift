/// The names and number formats of Tweetal's TMX form (`docs/tmx-form.md` describes each).
enum TMXForm {
  /// Written as `creationtool` and `o-tmf`; a file without both is not Tweetal's.
  static let tool = "Tweetal"
  /// The version of the form itself (`x-tweetal-form`): 2 since beads with an empty side are
  /// props (``UnlinkedRecord``) instead of units with an empty `<seg>`, 3 since sentences carry
  /// their source spans.
  static let formVersion = "3"
  /// The forms decode reads: 1 (every bead a `<tu>`), 2 and 3.
  static let readableForms = ["1", "2", "3"]
  static let separator = " "

  enum HeaderProp {
    static let form = "x-tweetal-form"
    static let sourceFile = "x-tweetal-source-file"
    static let sourceChecksum = "x-tweetal-source-sha256"
    static let sourceSentences = "x-tweetal-source-sentences"
    static let targetFile = "x-tweetal-target-file"
    static let targetChecksum = "x-tweetal-target-sha256"
    static let targetSentences = "x-tweetal-target-sentences"
    static let targetLanguage = "x-tweetal-target-language"
    static let ratio = "x-tweetal-parameter-c"
    static let variance = "x-tweetal-parameter-s2"
    static let anchorMatch = "x-tweetal-parameter-anchor-match"
    static let anchorChance = "x-tweetal-parameter-anchor-chance"
    static let blockCost = "x-tweetal-parameter-block-cost"
    /// α of the length term against unrelated sentences (the two-state model's and lattice's),
    /// written only when set: a final pass's alignment has none.
    static let unrelatedLength = "x-tweetal-parameter-unrelated-length"
    static let parallelism = "x-tweetal-parallelism"
    static let option = "x-tweetal-option"
  }

  /// Unit props are `x-tweetal-` and the name of the unlinked record's field (`status`,
  /// `source-range`); a side's sentence props add the side (`x-tweetal-source-lengths`).
  enum UnitProp {
    static let bead = "x-tweetal-bead"
    static let status = "x-tweetal-status"
    static let confidence = "x-tweetal-confidence"
    static let cost = "x-tweetal-cost"
    static let sourceRange = "x-tweetal-source-range"
    static let targetRange = "x-tweetal-target-range"
    static let sourceLengths = "x-tweetal-source-lengths"
    static let targetLengths = "x-tweetal-target-lengths"
    static let sourceKinds = "x-tweetal-source-kinds"
    static let targetKinds = "x-tweetal-target-kinds"
    static let sourceBlocks = "x-tweetal-source-blocks"
    static let targetBlocks = "x-tweetal-target-blocks"
    static let sourceSpans = "x-tweetal-source-spans"
    static let targetSpans = "x-tweetal-target-spans"
  }

  /// Decimals kept for confidence, cost and parallelism, so that the bytes are deterministic.
  static let decimals = 4

  /// `value` rounded to the decimals the form keeps: what a decoded file gives back. A finite value
  /// of 1e11 or more is written `inf` (``fixed(_:)``), so it comes back infinite.
  static func rounded(_ value: Double) -> Double {
    guard !value.isNaN else { return value }
    guard abs(value) < 1e11 else { return value < 0 ? -.infinity : .infinity }
    return (value * 10_000).rounded() / 10_000
  }

  /// `value` with exactly four decimals (`0.8730`, `-1.5000`); `inf`/`-inf`/`nan` when not finite.
  static func fixed(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e11 else {
      return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
    }
    let scaled = Int64((value * 10_000).rounded())
    let magnitude = scaled.magnitude
    let fraction = String(magnitude % 10_000)
    let sign = scaled < 0 ? "-" : ""
    return "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
  }

  /// Appends the UTF-8 of ``fixed(_:)`` to `bytes`, without making the string.
  static func appendFixed(_ value: Double, to bytes: inout [UInt8]) {
    guard value.isFinite, abs(value) < 1e11 else {
      bytes.append(contentsOf: (value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")).utf8)
      return
    }
    let scaled = Int64((value * 10_000).rounded())
    let magnitude = scaled.magnitude
    if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(magnitude / 10_000, to: &bytes)
    bytes.append(UInt8(ascii: "."))
    let fraction = magnitude % 10_000
    bytes.append(UInt8(ascii: "0") + UInt8(fraction / 1000))
    bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100 % 10))
    bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
    bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
  }

  /// Appends the UTF-8 of `String(value)` to `bytes`.
  static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(UInt64(value.magnitude), to: &bytes)
  }

  /// Appends the UTF-8 of ``range(_:)`` to `bytes`.
  static func appendRange(_ range: Range<Int>, to bytes: inout [UInt8]) {
    appendDecimal(range.lowerBound, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDecimal(range.upperBound, to: &bytes)
  }

  /// The decimal digits of `value`, most significant first.
  private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
    var divisor: UInt64 = 1
    while value / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
      divisor /= 10
    }
  }

  /// Parses what ``fixed(_:)`` writes (and any decimal number).
  static func number(_ text: String) -> Double? {
    switch text {
    case "inf": return .infinity
    case "-inf": return -.infinity
    case "nan": return .nan
    default: return Double(text)
    }
  }

  /// `3:5` for sentences 3 and 4 (0-based, half-open); `7:7` for an empty side before sentence 7.
  static func range(_ range: Range<Int>) -> String { "\(range.lowerBound):\(range.upperBound)" }

  static func parseRange(_ text: some StringProtocol) -> Range<Int>? {
    let parts = splitFields(text, separator: ":")
    guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), 0 <= lower, lower <= upper
    else { return nil }
    return lower..<upper
  }

  /// `list.replacingOccurrences(of: ",", with: " ")` (an unlinked record's lists are
  /// comma-separated): byte by byte for an ASCII list, Foundation's for any other.
  static func commasToSpaces(_ list: String) -> String {
    guard list.utf8.allSatisfy({ $0 < 0x80 }) else { return list.replacingOccurrences(of: ",", with: " ") }
    guard list.utf8.contains(UInt8(ascii: ",")) else { return list }
    return String(decoding: list.utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
  }

  /// `text.split(separator: separator, omittingEmptySubsequences: false)`. An ASCII text (every
  /// stored list and record) is cut at the separator's byte, which gives the same pieces without
  /// walking grapheme clusters; any other text goes the Character way (a separator followed by a
  /// combining mark is not a separator there).
  static func splitFields(_ text: some StringProtocol, separator: Unicode.Scalar) -> [Substring] {
    let whole = Substring(text)
    if separator.isASCII, let pieces = asciiSplit(whole, at: UInt8(separator.value)) { return pieces }
    return whole.split(separator: Character(separator), omittingEmptySubsequences: false)
  }

  /// The pieces of an ASCII `text` between the bytes `byte`, read from its contiguous UTF-8;
  /// `nil` when the text is not ASCII (or not contiguous).
  private static func asciiSplit(_ text: Substring, at byte: UInt8) -> [Substring]? {
    let utf8 = text.utf8
    let base = utf8.startIndex
    return utf8.withContiguousStorageIfAvailable { bytes -> [Substring]? in
      var result: [Substring] = []
      var start = 0
      for offset in 0..<bytes.count {
        let current = bytes[offset]
        if current >= 0x80 { return nil }
        if current == byte {
          result.append(text[utf8.index(base, offsetBy: start)..<utf8.index(base, offsetBy: offset)])
          start = offset + 1
        }
      }
      result.append(text[utf8.index(base, offsetBy: start)...])
      return result
    } ?? nil
  }

  /// The sentences' spans (`0:18 20:31`, `-` for an unknown one), or `nil` when none is known.
  static func spans(_ sentences: [Sentence], separator: String) -> String? {
    guard sentences.contains(where: { $0.span != nil }) else { return nil }
    return sentences.map { $0.span.map(range) ?? "-" }.joined(separator: separator)
  }

  /// Parses what ``spans(_:separator:)`` writes (space-separated).
  static func parseSpans(_ text: String) -> [Range<Int>?]? {
    var result: [Range<Int>?] = []
    for part in splitFields(text, separator: " ") {
      if part == "-" {
        result.append(nil)
      } else {
        guard let span = parseRange(part) else { return nil }
        result.append(span)
      }
    }
    return result
  }

  /// Space-separated list of integers.
  static func parseIntegers(_ text: String) -> [Int]? {
    var result: [Int] = []
    for part in splitFields(text, separator: " ") {
      guard let value = Int(part) else { return nil }
      result.append(value)
    }
    return result
  }
}

/// A TMX document is not a Tweetal alignment, or contradicts itself.
public struct AlignmentStoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as the caller named it.
  public var file: String
  /// The `tuid` (or position) of the translation unit at fault, when one is.
  public var unit: String?
  public var message: String

  public init(file: String, unit: String? = nil, message: String) {
    self.file = file
    self.unit = unit
    self.message = message
  }

  public var description: String {
    if let unit { return "\(file): translation unit \(unit): \(message)" }
    return "\(file): \(message)"
  }
}
