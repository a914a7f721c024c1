import Foundation
import Segmenter
import TestSupport

/// A unit as the expected-units files write it: its kind (`heading`, `sentence`, `list-item`,
/// `footnote`, `meta`) and its text.
struct ExpectedUnit: Hashable, CustomStringConvertible {
  var kind: String
  var text: String

  init(kind: String, text: String) {
    self.kind = kind
    self.text = text
  }

  /// The kind and text of a unit the segmenter found.
  init(found kind: UnitKind, _ text: String) {
    self.init(kind: kind.rawValue, text: text)
  }

  var description: String { "\(kind)\t\(text)" }
}

/// Found units against expected ones, for the document readers' fixtures
/// (`Fixtures/expected/*.units.tsv`, `kind<TAB>text` per unit in reading order).
struct UnitComparison {
  var expected: [ExpectedUnit]
  var found: [ExpectedUnit]

  /// The units of an expected-units file; blank lines are skipped.
  static func expected(file path: String) throws -> [ExpectedUnit] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).compactMap { line -> ExpectedUnit? in
      let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
      guard fields.count == 2 else { return nil }
      return ExpectedUnit(kind: String(fields[0]), text: String(fields[1]))
    }
  }

  /// The units found and expected in the same order: a longest common subsequence.
  var matched: Int {
    var previous = [Int](repeating: 0, count: found.count + 1)
    var current = previous
    for unit in expected {
      for (index, other) in found.enumerated() {
        current[index + 1] = unit == other ? previous[index] + 1 : max(previous[index + 1], current[index])
      }
      swap(&previous, &current)
    }
    return previous[found.count]
  }

  /// F1 of the found units against the expected ones, counting a unit as right when it has the
  /// expected kind and text and stands in the expected order (1 when both are empty).
  var f1: Double {
    guard !expected.isEmpty || !found.isEmpty else { return 1 }
    return 2 * Double(matched) / Double(expected.count + found.count)
  }

  /// The expected units not found and the found units not expected (as multisets), for a failure
  /// message.
  var differences: String {
    var missing = expected
    var extra: [ExpectedUnit] = []
    for unit in found {
      if let index = missing.firstIndex(of: unit) { missing.remove(at: index) } else { extra.append(unit) }
    }
    return "missing:\n" + missing.map { "  \($0)" }.joined(separator: "\n") + "\nextra:\n"
      + extra.map { "  \($0)" }.joined(separator: "\n")
  }
}
