import Foundation
import Segmenter
import Testing

import struct Segmenter.Unit

/// A unit as an expected-units file states it: its kind and its text.
struct ExpectedUnit: Hashable, CustomStringConvertible {
  var kind: String
  var text: String

  var description: String { "\(kind)\t\(text)" }
}

/// Compares the units a reader and the segmenter produced with an expected-units file
/// (`kind<TAB>text` per line, in reading order; `#` lines and blank lines ignored).
enum UnitComparison {
  /// The units of a TSV file.
  static func expected(path: String) throws -> [ExpectedUnit] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try expected(tsv: text)
  }

  /// The units of TSV text.
  static func expected(tsv: String) throws -> [ExpectedUnit] {
    var units: [ExpectedUnit] = []
    for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = line.hasSuffix("\r") ? line.dropLast() : line
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let tab = line.firstIndex(of: "\t") else {
        throw ComparisonError(message: "line \(number + 1) has no tab between kind and text")
      }
      units.append(ExpectedUnit(kind: String(line[..<tab]), text: String(line[line.index(after: tab)...])))
    }
    return units
  }

  /// Units as (kind, text) pairs, the text's white space folded.
  static func found(_ units: [Unit]) -> [ExpectedUnit] {
    units.map { ExpectedUnit(kind: $0.kind.rawValue, text: fold($0.text)) }
  }

  /// Precision, recall and F1 of `found` against `expected`: matches are the longest common
  /// subsequence of equal (kind, text) pairs, so a unit out of order counts as wrong.
  static func score(found: [ExpectedUnit], expected: [ExpectedUnit]) -> (
    precision: Double, recall: Double, f1: Double
  ) {
    let found = found.map { ExpectedUnit(kind: $0.kind, text: fold($0.text)) }
    let expected = expected.map { ExpectedUnit(kind: $0.kind, text: fold($0.text)) }
    let matches = Double(commonSubsequenceLength(found, expected))
    let precision = found.isEmpty ? (expected.isEmpty ? 1 : 0) : matches / Double(found.count)
    let recall = expected.isEmpty ? 1 : matches / Double(expected.count)
    let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    return (precision, recall, f1)
  }

  /// A readable difference for a failure message: units expected but not found, and found but
  /// not expected (as multisets).
  static func difference(found: [ExpectedUnit], expected: [ExpectedUnit]) -> String {
    var missing: [ExpectedUnit: Int] = [:]
    for unit in expected { missing[ExpectedUnit(kind: unit.kind, text: fold(unit.text)), default: 0] += 1 }
    var extra: [ExpectedUnit] = []
    for unit in found {
      let key = ExpectedUnit(kind: unit.kind, text: fold(unit.text))
      if let count = missing[key], count > 0 { missing[key] = count - 1 } else { extra.append(key) }
    }
    let lost = expected.filter { (missing[ExpectedUnit(kind: $0.kind, text: fold($0.text))] ?? 0) > 0 }
    return "missing:\n" + lost.map { "  \($0)" }.joined(separator: "\n") + "\nunexpected:\n"
      + extra.map { "  \($0)" }.joined(separator: "\n")
  }

  /// Checks F1 ≥ `minimum`, recording the difference at the caller's line when it is not.
  static func expect(
    _ units: [Unit], matches path: String, minimum: Double = 0.98,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try expected(path: path)
    let found = found(units)
    let score = score(found: found, expected: expected)
    #expect(
      score.f1 >= minimum,
      Comment(
        rawValue:
          "unit F1 \(score.f1) (precision \(score.precision), recall \(score.recall)) against \(path)\n"
          + difference(found: found, expected: expected)),
      sourceLocation: sourceLocation)
  }

  private static func fold(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  private static func commonSubsequenceLength(_ a: [ExpectedUnit], _ b: [ExpectedUnit]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var previous = [Int](repeating: 0, count: b.count + 1)
    var current = previous
    for i in 1...a.count {
      for j in 1...b.count {
        current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

struct ComparisonError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
