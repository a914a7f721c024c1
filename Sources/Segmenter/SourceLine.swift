/// One physical line of the source, as Unicode-scalar offsets into the decoded text.
struct SourceLine {
  /// First scalar of the line.
  var start: Int
  /// One past the last scalar; the line terminator is not included.
  var end: Int
  /// First non-blank scalar (`contentEnd` when the line is blank).
  var contentStart: Int
  /// One past the last non-blank scalar.
  var contentEnd: Int
  /// Whether the line begins a page of raw PDF text: it follows a form feed or starts with
  /// exactly one space (the way the corpus's PDF extractions mark page starts).
  var startsPage: Bool
  /// The line has a tab somewhere (its content may have one: look there).
  var hasTab = false

  var isBlank: Bool { contentStart >= contentEnd }
  var length: Int { contentEnd - contentStart }
}

extension SourceLine {
  /// Splits `text` at LF, CRLF, CR, form feed, U+2028 and U+2029.
  static func split(_ text: [Unicode.Scalar]) -> [SourceLine] {
    text.withUnsafeBufferPointer { split($0) }
  }

  /// ``split(_:)`` on the scalars' storage (no bounds checks, no copy on write checks).
  private static func split(_ text: UnsafeBufferPointer<Unicode.Scalar>) -> [SourceLine] {
    var lines: [SourceLine] = []
    var start = 0
    var index = 0
    var afterFormFeed = false
    var hasTab = false
    let count = text.count
    func close(_ end: Int) {
      var contentStart = start
      while contentStart < end, Scalars.isSpace(text[contentStart]) { contentStart += 1 }
      var contentEnd = end
      while contentEnd > contentStart, Scalars.isSpace(text[contentEnd - 1]) { contentEnd -= 1 }
      let oneSpace = contentStart == start + 1 && text[start] == " "
      lines.append(
        SourceLine(
          start: start, end: end, contentStart: contentStart, contentEnd: contentEnd,
          startsPage: contentStart < contentEnd && (afterFormFeed || oneSpace), hasTab: hasTab))
      hasTab = false
    }
    while index < count {
      let scalar = text[index]
      // Most characters end no line: past them at once.
      let value = scalar.value
      if value > 0x0D && value < 0x2028 || value > 0x2029 {
        index += 1
        continue
      }
      if value == 0x09 { hasTab = true }
      switch scalar {
      case "\n", "\u{2028}", "\u{2029}", "\u{0B}":
        close(index)
        afterFormFeed = false
        index += 1
        start = index
      case "\r":
        close(index)
        afterFormFeed = false
        index += (index + 1 < count && text[index + 1] == "\n") ? 2 : 1
        start = index
      case "\u{0C}":
        close(index)
        afterFormFeed = true
        index += 1
        start = index
      default:
        index += 1
      }
    }
    if start < count { close(count) }
    return lines
  }
}

/// Character classes on Unicode scalars, fast paths for ASCII.
enum Scalars {
  /// White space within a line, folded to one space in unit text. Besides the space characters
  /// this counts the control characters XML 1.0 cannot carry (U+0001–U+0008, U+000E–U+001F,
  /// U+FFFE, U+FFFF; NUL is refused when the text is loaded): a TMX could not hold a unit with
  /// one, and a space never glues two words together (a word processor's optional hyphen U+001F
  /// or non-breaking hyphen U+001E in exported text, a converter's stray U+0001). Line feed,
  /// carriage return, vertical tab and form feed end lines and are not tested here.
  @inline(__always)
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    // Below U+00A0 only space, tab and the controls above: one test for almost every character.
    if s.value < 0xA0 {
      return s.value == 0x20 || s.value < 0x20 && (s.value < 0x0A || s.value > 0x0D) && s.value != 0
    }
    switch s.value {
    case 0xA0, 0x2007, 0x202F, 0xFEFF, 0x200B, 0x2000...0x200A, 0x3000, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  /// A zero-width space or zero-width no-break space (U+200B, U+FEFF): white space at a word's
  /// edge, but between two characters that are not white space it is kept as it is, because
  /// there it marks a break opportunity inside a word or URL (`e-mail\u{200B}adres`), and a
  /// space in its place would split the word.
  @inline(__always)
  static func isZeroWidthSpace(_ s: Unicode.Scalar) -> Bool { s.value == 0x200B || s.value == 0xFEFF }

  static func isLetter(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
    return s.properties.isAlphabetic
  }

  static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

  static func isUpper(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return v >= 0x41 && v <= 0x5A }
    return s.properties.isUppercase
  }

  static func isLower(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return v >= 0x61 && v <= 0x7A }
    return s.properties.isLowercase
  }

  static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isLetter(s) }

  /// Superscript digits used as footnote markers (¹²³⁰⁴…⁹).
  static func superscriptDigit(_ s: Unicode.Scalar) -> Int? {
    switch s.value {
    case 0xB9: return 1
    case 0xB2: return 2
    case 0xB3: return 3
    case 0x2070: return 0
    case 0x2074...0x2079: return Int(s.value - 0x2070)
    default: return nil
    }
  }

  static func isClosing(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "\"", "'", ")", "]", "}", "\u{2019}", "\u{201D}", "\u{BB}", "\u{203A}", "*": return true
    default: return false
    }
  }

  static func isOpening(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "\"", "'", "(", "[", "{", "\u{2018}", "\u{201C}", "\u{201E}", "\u{AB}", "\u{2039}", "\u{201A}":
      return true
    default: return false
    }
  }

  static func isTerminal(_ s: Unicode.Scalar) -> Bool {
    s == "." || s == "?" || s == "!" || s == "\u{2026}"
  }
}

/// Text being cleaned: scalars, each with the source offset it came from.
struct CleanText {
  var scalars: [Unicode.Scalar] = []
  var offsets: [Int] = []

  var isEmpty: Bool { scalars.isEmpty }
  var last: Unicode.Scalar? { scalars.last }

  @inline(__always)
  mutating func append(_ scalar: Unicode.Scalar, at offset: Int) {
    if Scalars.isSpace(scalar) {
      appendSpace(at: offset)
      return
    }
    scalars.append(scalar)
    offsets.append(offset)
  }

  /// Appends one space unless the text is empty or already ends in a space.
  mutating func appendSpace(at offset: Int) {
    guard let last = scalars.last, last != " " else { return }
    scalars.append(" ")
    offsets.append(offset)
  }

  mutating func trimTrailingSpace() {
    while scalars.last == " " {
      scalars.removeLast()
      offsets.removeLast()
    }
  }

  mutating func append(_ other: CleanText) {
    scalars.append(contentsOf: other.scalars)
    offsets.append(contentsOf: other.offsets)
  }

  var string: String { Self.string(scalars[...]) }

  /// Builds a string from scalars through UTF-8 (much faster than appending scalars).
  static func string<Text: Collection<Unicode.Scalar>>(_ scalars: Text) -> String {
    // The bytes are UTF-8 encoded from valid scalars, so the string needs no validation.
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var count = 0
      for scalar in scalars {
        let value = scalar.value
        if value < 0x80 {
          buffer[count] = UInt8(value)
          count += 1
        } else if value < 0x800 {
          buffer[count] = UInt8(0xC0 | (value >> 6))
          buffer[count + 1] = UInt8(0x80 | (value & 0x3F))
          count += 2
        } else if value < 0x10000 {
          buffer[count] = UInt8(0xE0 | (value >> 12))
          buffer[count + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
          buffer[count + 2] = UInt8(0x80 | (value & 0x3F))
          count += 3
        } else {
          buffer[count] = UInt8(0xF0 | (value >> 18))
          buffer[count + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
          buffer[count + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
          buffer[count + 3] = UInt8(0x80 | (value & 0x3F))
          count += 4
        }
      }
      return count
    }
  }
}
