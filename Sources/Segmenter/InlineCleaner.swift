/// The footnote numbering of a document, used to tell a bare marker glued on by PDF
/// extraction (`York2`, `(GCM1)`, `vluchtelingen.3`, `20183` = 2018 + marker 3) from a number.
struct FootnoteMarkers {
  /// Numbers of the footnotes the document has (from its footnote blocks).
  var known: Set<Int> = []
  /// The marker expected next: footnotes are numbered 1, 2, 3… in reading order.
  var next = 1

  /// Whether `value` is the marker expected next (allowing up to two lost markers),
  /// consuming it when it is.
  mutating func accept(_ value: Int) -> Bool {
    guard known.contains(value), value >= next, value <= next + 2 else { return false }
    next = value + 1
    return true
  }
}

/// Strips markdown/HTML debris and footnote markers from one line of source text.
struct InlineCleaner {
  let text: [Unicode.Scalar]
  /// Whether bare digits glued to words may be footnote markers (raw PDF text).
  var gluedMarkers = false
  var markers = FootnoteMarkers()
  /// Hyphenated words written inside lines of this document (lower case, `decision-making`):
  /// a word broken at its own hyphen at a line end keeps the hyphen when the document spells it so.
  var hyphenatedWords: Set<String> = []

  /// Collects the hyphenated words written inside lines (`niet-bindend`, `decision-making`).
  static func hyphenatedWords(in text: [Unicode.Scalar]) -> Set<String> {
    var words: Set<String> = []
    var index = 1
    while index + 1 < text.count {
      if text[index] == "-", Scalars.isLetter(text[index - 1]), Scalars.isLetter(text[index + 1]) {
        var start = index - 1
        while start > 0, Scalars.isLetter(text[start - 1]) { start -= 1 }
        var end = index + 1
        while end < text.count, Scalars.isLetter(text[end]) { end += 1 }
        words.insert(CleanText.string(text[start..<end]).lowercased())
        index = end
      } else {
        index += 1
      }
    }
    return words
  }

  private static let tags: Set<String> = [
    "b", "i", "u", "em", "strong", "a", "span", "sub", "br", "p", "div", "font", "small", "mark",
    "ins", "del", "s", "code", "abbr", "cite", "q", "big", "tt", "sup", "li", "ul", "ol", "td", "th",
    "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
  ]

  /// Cleans `start..<end` and appends it to `out` (with single spaces).
  mutating func clean(_ start: Int, _ end: Int, into out: inout CleanText) {
    var index = start
    while index < end {
      // Fast path: copy a run of ordinary characters in one go.
      var runEnd = index
      while runEnd < end, isPlain(text[runEnd], previous: runEnd > index ? text[runEnd - 1] : out.last) {
        runEnd += 1
      }
      if runEnd > index {
        out.scalars.append(contentsOf: text[index..<runEnd])
        out.offsets.append(contentsOf: index..<runEnd)
        index = runEnd
        continue
      }
      let scalar = text[index]
      switch scalar {
      case "<":
        if let after = skipTag(at: index, end: end, out: &out) {
          index = after
          continue
        }
      case "*", "_":
        if scalar == "*" || isDoubled(index, end) {
          let run = runLength(of: scalar, at: index, end: end)
          let before = index > start ? text[index - 1] : " "
          let after = index + run < end ? text[index + run] : " "
          // A lone `*` between spaces is a character of the text; anything else is emphasis.
          if !(Scalars.isSpace(before) && Scalars.isSpace(after) && run == 1) {
            index += run
            continue
          }
        }
      case "\\":
        if index + 1 < end, "*_#.-+[]()`>!\\".unicodeScalars.contains(text[index + 1]) {
          out.append(text[index + 1], at: index + 1)
          index += 2
          continue
        }
      case "&":
        if let (decoded, after) = entity(at: index, end: end) {
          out.append(decoded, at: index)
          index = after
          continue
        }
      case "[":
        if index + 2 < end, text[index + 1] == "^" {
          // `[^1]`: a markdown footnote reference.
          var close = index + 2
          while close < end, close - index < 12, text[close] != "]" { close += 1 }
          if close < end, text[close] == "]" {
            index = close + 1
            continue
          }
        }
        if let after = link(at: index, end: end, out: &out) {
          index = after
          continue
        }
      case "0"..."9":
        if gluedMarkers, let after = gluedMarker(at: index, start: start, end: end, out: &out) {
          index = after
          continue
        }
      default:
        if Scalars.superscriptDigit(scalar) != nil, !isUnitPower(index, start: start) {
          index += 1
          continue
        }
      }
      out.append(scalar, at: index)
      index += 1
    }
  }

  /// A character copied as it is: not markup, not a possible marker, not a second space.
  @inline(__always)
  private func isPlain(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?) -> Bool {
    let value = scalar.value
    if value >= 0x61 && value <= 0x7A || value >= 0x41 && value <= 0x5A { return true }
    if value == 0x20 { return previous != nil && previous != " " }
    if value < 0x80 {
      switch scalar {
      case "<", "*", "_", "\\", "&", "[", "\t": return false
      case "0"..."9": return !gluedMarkers
      default: return value >= 0x20
      }
    }
    return Scalars.superscriptDigit(scalar) == nil && !Scalars.isSpace(scalar)
  }

  /// `m²`, `km²`, `cm³`: a power, not a footnote marker.
  private func isUnitPower(_ index: Int, start: Int) -> Bool {
    guard index > start, text[index - 1] == "m", text[index].value == 0xB2 || text[index].value == 0xB3 else {
      return false
    }
    let before: Unicode.Scalar = index >= start + 2 ? text[index - 2] : " "
    return !Scalars.isLetter(before) || before == "k" || before == "c" || before == "d"
  }

  private func isDoubled(_ index: Int, _ end: Int) -> Bool {
    index + 1 < end && text[index + 1] == text[index]
  }

  private func runLength(of scalar: Unicode.Scalar, at index: Int, end: Int) -> Int {
    var run = 0
    while index + run < end, text[index + run] == scalar { run += 1 }
    return run
  }

  /// Drops an HTML tag (`<b>`, `</a>`, `<sup>1</sup>` whole) or the brackets of an autolink.
  private func skipTag(at index: Int, end: Int, out: inout CleanText) -> Int? {
    var close = index + 1
    while close < end, close - index < 400, text[close] != ">", text[close] != "<" { close += 1 }
    guard close < end, text[close] == ">", close > index + 1 else { return nil }
    var nameStart = index + 1
    if text[nameStart] == "/" { nameStart += 1 }
    var nameEnd = nameStart
    while nameEnd < close, Scalars.isLetter(text[nameEnd]) || Scalars.isDigit(text[nameEnd]) {
      nameEnd += 1
    }
    let name = String(String.UnicodeScalarView(text[nameStart..<nameEnd])).lowercased()
    let separator = nameEnd < close ? text[nameEnd] : ">"
    if name == "http" || name == "https" || name == "mailto" || name == "www" || name == "ftp" {
      guard separator == ":" || separator == "." else { return nil }
      for position in (index + 1)..<close { out.append(text[position], at: position) }
      return close + 1
    }
    guard Self.tags.contains(name), separator == ">" || separator == " " || separator == "/" else {
      return nil
    }
    if name == "sup", text[index + 1] != "/" {
      // `<sup>N</sup>` is a footnote marker: drop it with its content.
      var scan = close + 1
      while scan + 5 < end, scan - close < 40 {
        if text[scan] == "<", text[scan + 1] == "/", text[scan + 2] == "s",
          text[scan + 3] == "u", text[scan + 4] == "p", text[scan + 5] == ">"
        {
          return scan + 6
        }
        scan += 1
      }
    }
    if ["br", "p", "div", "li", "td", "th", "tr"].contains(name) { out.appendSpace(at: index) }
    return close + 1
  }

  private func entity(at index: Int, end: Int) -> (Unicode.Scalar, Int)? {
    var close = index + 1
    while close < end, close - index < 10, text[close] != ";" { close += 1 }
    guard close < end, text[close] == ";" else { return nil }
    let name = String(String.UnicodeScalarView(text[(index + 1)..<close]))
    let named: [String: Unicode.Scalar] = [
      "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "#39": "'",
      "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}",
    ]
    if let scalar = named[name] { return (scalar, close + 1) }
    if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
      return (scalar, close + 1)
    }
    return nil
  }

  /// `[text](url)` keeps the text.
  private func link(at index: Int, end: Int, out: inout CleanText) -> Int? {
    var close = index + 1
    while close < end, text[close] != "]", text[close] != "[" { close += 1 }
    guard close + 1 < end, text[close] == "]", text[close + 1] == "(" else { return nil }
    var paren = close + 2
    while paren < end, text[paren] != ")", !Scalars.isSpace(text[paren]) { paren += 1 }
    guard paren < end, text[paren] == ")" else { return nil }
    var inner = InlineCleaner(text: text)
    inner.clean(index + 1, close, into: &out)
    return paren + 1
  }

  private func number(_ start: Int, _ end: Int) -> Int {
    var value = 0
    for index in start..<end { value = value * 10 + Int(text[index].value - 48) }
    return value
  }

  /// Removes a bare footnote marker glued on by PDF extraction; returns the index after it.
  private mutating func gluedMarker(at index: Int, start: Int, end: Int, out: inout CleanText) -> Int? {
    var runEnd = index
    while runEnd < end, Scalars.isDigit(text[runEnd]) { runEnd += 1 }
    if runEnd < end {
      let next = text[runEnd]
      guard Scalars.isSpace(next) || ",.;:)]»”'\"".unicodeScalars.contains(next) else { return nil }
      if next == ".", runEnd + 1 < end, Scalars.isDigit(text[runEnd + 1]) { return nil }
    }
    let before: Unicode.Scalar = index > start ? text[index - 1] : " "
    let length = runEnd - index
    if Scalars.isLetter(before)
      || ((before == "." || before == ")" || Scalars.isClosing(before))
        && index >= start + 2 && Scalars.isLetter(text[index - 2]))
    {
      guard length <= 3, markers.accept(number(index, runEnd))
      else { return nil }
      return runEnd
    }
    // A year with a marker glued on: `20183` where footnote 3 is expected next.
    let tokenStart = index == start || !Scalars.isLetterOrDigit(before)
    guard tokenStart, length >= 5, length <= 7,
      (1800...2099).contains(number(index, index + 4)),
      text[index + 4] != "0", markers.accept(number(index + 4, runEnd))
    else { return nil }
    for position in index..<(index + 4) { out.append(text[position], at: position) }
    return runEnd
  }
}
