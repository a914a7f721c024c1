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

/// Copies one line of plain or raw-PDF text into clean text: white space becomes one space, and
/// in raw PDF text a bare footnote marker glued to a word by the extraction is dropped. Every
/// other character is kept as it is (`*`, `_`, `\\`, `<`, `#`, superscripts, quotes).
struct InlineCleaner {
  let text: [Unicode.Scalar]
  /// Whether bare digits glued to words may be footnote markers (raw PDF text).
  var gluedMarkers = false
  var markers = FootnoteMarkers()
  /// Hyphenated words written inside lines of this document (lower case, `decision-making`):
  /// a word broken at its own hyphen at a line end keeps the hyphen when the document spells it so.
  var hyphenatedWords: Set<String> = []
  /// A line's clean text while ``Paragraph/fill(with:)`` joins it to its paragraph: one buffer
  /// for all lines rather than a new one per paragraph.
  var line = CleanText()

  /// Collects the hyphenated words written inside lines (`niet-bindend`, `decision-making`).
  static func hyphenatedWords(in text: [Unicode.Scalar]) -> Set<String> {
    text.withUnsafeBufferPointer { hyphenatedWords(in: $0) }
  }

  private static func hyphenatedWords(in text: UnsafeBufferPointer<Unicode.Scalar>) -> Set<String> {
    var words: Set<String> = []
    var index = 1
    while index + 1 < text.count {
      if text[index] == "-", Scalars.isLetter(text[index - 1]), Scalars.isLetter(text[index + 1]) {
        var start = index - 1
        while start > 0, Scalars.isLetter(text[start - 1]) { start -= 1 }
        var end = index + 1
        while end < text.count, Scalars.isLetter(text[end]) { end += 1 }
        words.insert(Self.lowercasedWord(text[start..<end]))
        index = end
      } else {
        index += 1
      }
    }
    return words
  }

  /// `CleanText.string(word).lowercased()`, made at once when the word is ASCII (there
  /// lower-casing maps `A`–`Z` only): one string instead of two per hyphenated word.
  private static func lowercasedWord(_ word: UnsafeBufferPointer<Unicode.Scalar>.SubSequence) -> String {
    guard word.allSatisfy({ $0.value < 0x80 }) else { return CleanText.string(word).lowercased() }
    return String(unsafeUninitializedCapacity: word.count) { buffer in
      var count = 0
      for scalar in word {
        let byte = UInt8(truncatingIfNeeded: scalar.value)
        buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        count += 1
      }
      return count
    }
  }

  /// Cleans `start..<end` and appends it to `out` (with single spaces).
  mutating func clean(_ start: Int, _ end: Int, into out: inout CleanText) {
    guard gluedMarkers else {
      cleanUnmarked(start, end, into: &out)
      return
    }
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
      if text.withUnsafeBufferPointer({ Self.isKeptZeroWidth($0, at: index, start, end) }) {
        out.scalars.append(scalar)
        out.offsets.append(index)
        index += 1
        continue
      }
      if gluedMarkers, Scalars.isDigit(scalar),
        let after = gluedMarker(at: index, start: start, end: end, out: &out)
      {
        index = after
        continue
      }
      out.append(scalar, at: index)
      index += 1
    }
  }

  /// ``clean(_:_:into:)`` where no footnote marker can be glued on (all but raw PDF text with
  /// footnote blocks): every character is copied as it is, except that white space becomes one
  /// space, and none at the start of `out`. Runs are found on the scalars' storage directly and
  /// copied in one go.
  func cleanPlain(_ start: Int, _ end: Int, into out: inout CleanText) {
    cleanUnmarked(start, end, into: &out)
  }

  private func cleanUnmarked(_ start: Int, _ end: Int, into out: inout CleanText) {
    text.withUnsafeBufferPointer { text in
      var index = start
      var last = out.scalars.last
      while index < end {
        let scalar = text[index]
        if Scalars.isSpace(scalar) && !Self.isKeptZeroWidth(text, at: index, start, end) {
          if let previous = last, previous != " " {
            out.scalars.append(" ")
            out.offsets.append(index)
            last = " "
          }
          index += 1
          continue
        }
        // A run of characters copied as they are: anything but white space, and single
        // spaces between them.
        var runEnd = index + 1
        while runEnd < end {
          let next = text[runEnd]
          // `!` to U+009F is never white space: one test for almost every character.
          if next.value &- 0x21 < 0x7F {
            runEnd += 1
            continue
          }
          if next == " " {
            guard runEnd + 1 < end, !Scalars.isSpace(text[runEnd + 1]) else { break }
            runEnd += 2
          } else if Scalars.isSpace(next) {
            break
          } else {
            runEnd += 1
          }
        }
        out.scalars.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<runEnd]))
        Self.appendOffsets(index..<runEnd, to: &out.offsets)
        last = text[runEnd - 1]
        index = runEnd
      }
    }
  }

  /// Whether the scalar at `index` is a zero-width space between two characters of `start..<end`
  /// that are not white space: kept as it is (``Scalars/isZeroWidthSpace(_:)``).
  @inline(__always)
  static func isKeptZeroWidth(
    _ text: UnsafeBufferPointer<Unicode.Scalar>, at index: Int, _ start: Int, _ end: Int
  )
    -> Bool
  {
    Scalars.isZeroWidthSpace(text[index]) && index > start && index + 1 < end
      && !Scalars.isSpace(text[index - 1]) && !Scalars.isSpace(text[index + 1])
  }

  /// Appends the offsets `range` to `offsets`, through a small buffer copied in one go
  /// (appending a range went through the generic sequence copy, one element at a time).
  @inline(__always)
  static func appendOffsets(_ range: Range<Int>, to offsets: inout [Int]) {
    if range.count <= 4 {
      for offset in range { offsets.append(offset) }
      return
    }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { scratch in
      var next = range.lowerBound
      while next < range.upperBound {
        let count = min(128, range.upperBound - next)
        for position in 0..<count { scratch[position] = next + position }
        offsets.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<count]))
        next += count
      }
    }
  }

  /// A character copied as it is: not a possible marker, not white space to fold.
  @inline(__always)
  private func isPlain(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?) -> Bool {
    let value = scalar.value
    if value >= 0x61 && value <= 0x7A || value >= 0x41 && value <= 0x5A { return true }
    if value == 0x20 { return previous != nil && previous != " " }
    if value < 0x80 {
      if value >= 0x30 && value <= 0x39 { return !gluedMarkers }
      return value > 0x20 && value != 0x7F
    }
    return !Scalars.isSpace(scalar)
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
