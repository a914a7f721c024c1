import Segmenter

/// Checks on the segmenter's output that both the tests and the segmenter fuzz target make: they
/// say what a correct segmentation is in terms of the public `Unit` only.
public enum SegmenterChecks {
  /// White space as plain text folds it (the segmenter's own list: space, tab, no-break and
  /// figure spaces, the `U+2000` block, zero-width space and no-break, ideographic space, and the
  /// characters XML 1.0 cannot carry: the controls U+0001–U+0008 and U+000E–U+001F, U+FFFE,
  /// U+FFFF).
  public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0xA0, 0x2007, 0x202F, 0xFEFF, 0x200B, 0x2000...0x200A, 0x3000: true
    case 0x01...0x08, 0x0E...0x1F, 0xFFFE, 0xFFFF: true
    default: false
    }
  }

  /// A line break as the segmenter splits lines: LF, CR, form feed, vertical tab, U+2028, U+2029.
  public static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\n", "\r", "\u{0B}", "\u{0C}", "\u{2028}", "\u{2029}": true
    default: false
    }
  }

  /// Whether `unit` is its source span after the changes plain text allows: white-space runs
  /// folded to one space, and at a line break a space dropped (a joined word or URL) together with
  /// the hyphen before it (a word split at the line end). A zero-width space (U+200B, U+FEFF)
  /// between two characters that are not white space is kept as it is. Returns the first
  /// difference, or nil.
  public static func plainTextMismatch(_ unit: Unit, in source: [Unicode.Scalar]) -> String? {
    guard 0 <= unit.start, unit.start <= unit.end, unit.end <= source.count else {
      return "the span \(unit.start)..<\(unit.end) is outside the text of \(source.count) scalars"
    }
    let span = Array(source[unit.start..<unit.end])
    let text = Array(unit.text.unicodeScalars)
    var i = 0
    var j = 0
    while j < span.count {
      if span[j] == "\u{200B}" || span[j] == "\u{FEFF}", j > 0, j + 1 < span.count,
        !isSpace(span[j - 1]), !isBreak(span[j - 1]), !isSpace(span[j + 1]), !isBreak(span[j + 1])
      {
        guard i < text.count, text[i] == span[j] else {
          return "the zero-width space at source offset \(unit.start + j) between two characters is not kept"
        }
        i += 1
        j += 1
        continue
      }
      if isSpace(span[j]) || isBreak(span[j]) {
        var lineBreak = false
        while j < span.count, isSpace(span[j]) || isBreak(span[j]) {
          if isBreak(span[j]) { lineBreak = true }
          j += 1
        }
        if i < text.count, text[i] == " " {
          i += 1
        } else if !lineBreak {
          return "a space of the source is missing at unit offset \(i)"
        }
        continue
      }
      if i < text.count, text[i] == span[j] {
        i += 1
        j += 1
        continue
      }
      // A hyphen before a line break may be dropped (a word split at the line end).
      if span[j] == "-", let next = span[(j + 1)...].first(where: { !isSpace($0) }), isBreak(next) {
        j += 1
        continue
      }
      let found = i < text.count ? String(text[i]) : "<end>"
      return "unit offset \(i) has \(found), the source \(String(span[j]))"
    }
    return i == text.count ? nil : "the unit has more text than its span (from offset \(i))"
  }

  /// Whether the unit's characters (spaces aside) appear in order in its source span: true for
  /// every format, since readers only remove (markup, furniture, markers) and fold white space.
  public static func isSubsequenceOfSpan(_ unit: Unit, in source: [Unicode.Scalar]) -> Bool {
    guard 0 <= unit.start, unit.start <= unit.end, unit.end <= source.count else { return false }
    var j = unit.start
    for scalar in unit.text.unicodeScalars where scalar != " " {
      while j < unit.end, source[j] != scalar { j += 1 }
      if j == unit.end { return false }
      j += 1
    }
    return true
  }

  /// What is wrong with `units` as the segmentation of a text of `scalarCount` scalars, or nil:
  /// every unit has text and a span `0 <= start < end <= scalarCount`, and the units other than
  /// footnotes (which are emitted after the sentence that refers to them) come in order of start.
  public static func orderViolation(_ units: [Unit], scalarCount: Int) -> String? {
    var previousStart = 0
    for (index, unit) in units.enumerated() {
      if unit.start < 0 || unit.start >= unit.end || unit.end > scalarCount {
        return "unit \(index) spans \(unit.start)..<\(unit.end) in a text of \(scalarCount) scalars"
      }
      if unit.text.isEmpty { return "unit \(index) at \(unit.start) has no text" }
      if unit.kind != .footnote {
        if unit.start < previousStart {
          return "unit \(index) starts at \(unit.start), before the previous unit's start \(previousStart)"
        }
        previousStart = unit.start
      }
    }
    return nil
  }
}
