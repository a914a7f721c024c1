/// What a paragraph of the source is, before it becomes units.
enum ParagraphRole {
  case text, heading, listItem, footnote, meta, separator
  /// A code block: one unit, kept as it is.
  case code
}

/// A run of source lines that forms one block (paragraph, heading, list item, footnote,
/// meta line), with the markup prefix of each line (bullet, `#`, `>`, footnote number) cut off.
struct Paragraph {
  var role: ParagraphRole
  /// Source ranges (scalar offsets) of the line contents, prefixes removed.
  var spans: [Range<Int>]
  /// The line began with a markdown `#` heading marker.
  var markdownHeading = false
  /// The line began with `N.`/`N)`: a vertical list item if it stands in a list.
  var numberedLabelStart: Int? = nil
  /// The label (`a)`, `(ii)`) belongs to the text and stays in it.
  var labelKept = false
  /// The line began with `>`.
  var quote = false
  /// A table row (cells separated by tabs or `|`).
  var tableRow = false
  /// Page furniture of raw PDF text (page numbers, running headers): meta that may sit in the
  /// middle of a sentence.
  var furniture = false
  /// The paragraph is wrapped in emphasis as a whole (`*…*`, `**…**`).
  var wholeEmphasis = false
  /// The paragraph's first line begins a page of raw PDF text.
  var startsPage = false
  /// The paragraph is one bold run, a document title (Markdown `**Title**`).
  var boldTitle = false
  /// The clean text, filled in by the reader.
  var clean = CleanText()
  /// Where the text of each source line ends in `clean.scalars` (one entry per line).
  var lineEnds: [Int] = []
  /// Lines that continue the phrase of the line before (a Markdown emphasis run over a line break).
  var continuedLines: Set<Int> = []
  /// Paragraphs (footnotes) cut out of this one: emitted after the sentence containing
  /// clean offset `at`.
  var interruptions: [(at: Int, paragraphs: [Paragraph])] = []
  /// Whether the paragraph has a heading's shape, judged ahead of classifying by
  /// ``ParagraphClassifier/prepare(_:)``; nil when it is judged as the paragraph is classified.
  var headingShape: Bool? = nil

  init(role: ParagraphRole, spans: [Range<Int>]) {
    self.role = role
    self.spans = spans
  }

  /// Fills `clean` and `lineEnds` from the source lines, joining them as ``Segmenter/joinLine``.
  mutating func fill(with cleaner: inout InlineCleaner) {
    var result = CleanText()
    var total = 0
    for span in spans { total += span.count + 1 }
    result.scalars.reserveCapacity(total)
    result.offsets.reserveCapacity(total)
    var ends: [Int] = []
    ends.reserveCapacity(spans.count)
    if !cleaner.gluedMarkers {
      fillUnmarked(with: cleaner, into: &result, ends: &ends)
      clean = result
      lineEnds = ends
      return
    }
    // The line buffer is the cleaner's, reused from paragraph to paragraph.
    var line = CleanText()
    swap(&line, &cleaner.line)
    defer { swap(&line, &cleaner.line) }
    for span in spans {
      line.scalars.removeAll(keepingCapacity: true)
      line.offsets.removeAll(keepingCapacity: true)
      cleaner.clean(span.lowerBound, span.upperBound, into: &line)
      line.trimTrailingSpace()
      if line.scalars.first == " " {
        line.scalars.removeFirst()
        line.offsets.removeFirst()
      }
      Segmenter.joinLine(&result, line, hyphenated: cleaner.hyphenatedWords)
      Self.closeLine(&ends, at: result.scalars.count, lineLength: line.scalars.count)
    }
    clean = result
    lineEnds = ends
  }

  /// ``fill(with:)`` where no footnote marker can be glued on (all but raw PDF text with footnote
  /// blocks): each line is cleaned straight into the paragraph's text instead of into a line
  /// buffer that is then copied (the copy, and retaining and releasing the buffer's arrays,
  /// were about a twentieth of a plain-text run). There a line's clean text is its source with
  /// white space runs folded, so what ``Segmenter/joinLine(_:_:hyphenated:)`` reads of the line
  /// (its first character, its first word) is read from the source, and the text is the same.
  private func fillUnmarked(with cleaner: InlineCleaner, into result: inout CleanText, ends: inout [Int]) {
    let text = cleaner.text
    for span in spans {
      // The line without its leading and trailing white space: cleaned, it has none either.
      var start = span.lowerBound
      var end = span.upperBound
      while start < end, Scalars.isSpace(text[start]) { start += 1 }
      while end > start, Scalars.isSpace(text[end - 1]) { end -= 1 }
      guard start < end else {
        Self.closeLine(&ends, at: result.scalars.count, lineLength: 0)
        continue
      }
      Segmenter.joinLineStart(&result, text, start, end, hyphenated: cleaner.hyphenatedWords)
      let before = result.scalars.count
      cleaner.cleanPlain(start, end, into: &result)
      Self.closeLine(&ends, at: result.scalars.count, lineLength: result.scalars.count - before)
    }
  }

  /// Records the end of a line just appended (`lineLength` scalars at the end of the text); the
  /// line before ends where this one starts at the latest (a joined hyphen may have gone).
  private static func closeLine(_ ends: inout [Int], at count: Int, lineLength: Int) {
    if let last = ends.last, last > count - lineLength { ends[ends.count - 1] = max(0, count - lineLength) }
    ends.append(count)
  }

  /// Appends the text and lines of `other`, which continues this paragraph (raw PDF text).
  mutating func append(_ other: Paragraph) {
    spans.append(contentsOf: other.spans)
    let before = clean.scalars.count
    Segmenter.joinLine(&clean, other.clean)
    let shift = clean.scalars.count - other.clean.scalars.count
    if let last = lineEnds.last, last > shift { lineEnds[lineEnds.count - 1] = min(before, shift) }
    lineEnds.append(contentsOf: other.lineEnds.map { $0 + shift })
  }

  /// Number of source lines (at least 1).
  var lineCount: Int { max(1, lineEnds.count) }

  /// The clean text of source line `index`, without surrounding spaces.
  func line(_ index: Int) -> ArraySlice<Unicode.Scalar> {
    guard !lineEnds.isEmpty else { return clean.scalars[...] }
    var start = index == 0 ? 0 : lineEnds[index - 1]
    var end = lineEnds[index]
    let scalars = clean.scalars
    while start < end, scalars[start] == " " { start += 1 }
    while end > start, scalars[end - 1] == " " { end -= 1 }
    return scalars[start..<end]
  }

  /// The clean text's ranges of lines `lines` (joined), for meta lines cut from a paragraph.
  func range(ofLines lines: Range<Int>) -> Range<Int> {
    guard !lineEnds.isEmpty else { return 0..<clean.scalars.count }
    var start = lines.lowerBound == 0 ? 0 : lineEnds[lines.lowerBound - 1]
    var end = lineEnds[lines.upperBound - 1]
    while start < end, clean.scalars[start] == " " { start += 1 }
    while end > start, clean.scalars[end - 1] == " " { end -= 1 }
    return start..<end
  }
}

/// Groups the source lines of plain or raw-PDF text into paragraphs; in PDF text it also finds
/// footnote blocks and page furniture.
struct LayoutReader {
  let text: [Unicode.Scalar]
  let lines: [SourceLine]
  /// Raw PDF text: footnote blocks at page bottoms and page furniture are recognised.
  let pdfText: Bool
  /// Footnote numbers found in footnote blocks of raw PDF text.
  private(set) var pdfFootnotes: Set<Int> = []

  init(text: [Unicode.Scalar], lines: [SourceLine], pdfText: Bool) {
    self.text = text
    self.lines = lines
    self.pdfText = pdfText
  }

  /// Lines of raw-PDF footnote blocks (page bottoms), with the footnote number where one starts.
  /// A block starts after a blank line with `N text` where N is the next footnote number and
  /// runs to the next page start (or the end of a document that has page starts).
  mutating func footnoteZones() -> [Int: Int?] {
    var zone: [Int: Int?] = [:]
    let hasPages = lines.contains { $0.startsPage }
    guard pdfText, hasPages else { return zone }
    var expected = 1
    var index = 1
    while index < lines.count {
      guard lines[index - 1].isBlank, let number = leadingNumber(lines[index]),
        number >= expected, number <= expected + 2
      else {
        index += 1
        continue
      }
      var end = index + 1
      while end < lines.count, !lines[end].startsPage, end - index < 40 { end += 1 }
      guard end == lines.count || lines[end].startsPage, end - index < 40 else {
        index += 1
        continue
      }
      var current = number
      zone[index] = number
      pdfFootnotes.insert(number)
      for inner in (index + 1)..<end {
        if let next = leadingNumber(lines[inner]), next == current + 1 {
          current = next
          zone[inner] = next
          pdfFootnotes.insert(next)
        } else {
          zone[inner] = .some(nil)
        }
      }
      expected = current + 1
      index = end
    }
    return zone
  }

  /// `N text` at the start of a line: N (1–3 digits), one space, then text.
  private func leadingNumber(_ line: SourceLine) -> Int? {
    var index = line.contentStart
    var value = 0
    while index < line.contentEnd, Scalars.isDigit(text[index]), index - line.contentStart < 3 {
      value = value * 10 + Int(text[index].value - 48)
      index += 1
    }
    guard index > line.contentStart, index + 1 < line.contentEnd, Scalars.isSpace(text[index]), value > 0
    else { return nil }
    while index < line.contentEnd, Scalars.isSpace(text[index]) { index += 1 }
    return index < line.contentEnd ? value : nil
  }

  /// The document's paragraphs in source order.
  mutating func paragraphs() -> [Paragraph] {
    let zones = footnoteZones()
    let wrapWidth = Self.wrapWidth(lines)
    let furniture = pdfText && wrapWidth > 0
    let repeated = furniture ? repeatedLines() : [:]
    var previousWasOption = false
    var result: [Paragraph] = []
    var current: Paragraph? = nil
    func flush() {
      if let paragraph = current { result.append(paragraph) }
      current = nil
    }
    func open(_ paragraph: Paragraph, _ line: SourceLine) {
      current = paragraph
      current?.startsPage = line.startsPage
    }
    for (index, line) in lines.enumerated() {
      let option = !pdfText && isOption(line)
      defer { previousWasOption = option }
      if let zoneEntry = zones[index] {
        if line.isBlank { continue }
        if let number = zoneEntry {
          flush()
          let digits = String(number).unicodeScalars.count
          open(Paragraph(role: .footnote, spans: [(line.contentStart + digits + 1)..<line.contentEnd]), line)
        } else if current?.role == .footnote {
          current?.spans.append(line.contentStart..<line.contentEnd)
        }
        continue
      }
      if line.isBlank || current?.role == .footnote {
        flush()
        if line.isBlank { continue }
      }
      let start = line.contentStart
      let end = line.contentEnd
      if furniture,
        isPageNumber(start, end) || (line.length <= 100 && (repeated[lineHash(line)] ?? 0) >= 3)
      {
        flush()
        var paragraph = Paragraph(role: .meta, spans: [start..<end])
        paragraph.furniture = true
        result.append(paragraph)
        continue
      }
      if let noteStart = superscriptNoteStart(start, end) {
        flush()
        open(Paragraph(role: .footnote, spans: [noteStart..<end]), line)
        continue
      }
      if isSeparator(start, end) {
        flush()
        result.append(Paragraph(role: .separator, spans: [start..<end]))
        continue
      }
      if (line.hasTab && text[start..<end].contains("\t")) || (text[start] == "|" && text[end - 1] == "|") {
        flush()
        if text[start..<end].allSatisfy({ "|-:+ ".unicodeScalars.contains($0) }) {
          result.append(Paragraph(role: .separator, spans: [start..<end]))
          continue
        }
        let inner = text[start] == "|" && end - start >= 2 ? (start + 1)..<(end - 1) : start..<end
        var paragraph = Paragraph(role: .meta, spans: [inner])
        paragraph.tableRow = true
        result.append(paragraph)
        continue
      }
      if let contentStart = bulletContent(start, end) {
        flush()
        open(Paragraph(role: .listItem, spans: [contentStart..<end]), line)
        continue
      }
      // Plain text: an option (`-a, --all`) starts a unit, and so does its description below it.
      if option || previousWasOption {
        flush()
        open(Paragraph(role: .text, spans: [start..<end]), line)
        continue
      }
      // In hard-wrapped text a label only starts an item after a line that ended a clause.
      let itemMayStart = wrapWidth == 0 || current == nil || current?.spans.last.map(endsClause) == true
      if itemMayStart, let contentStart = numberedContent(start, end) {
        flush()
        open(Paragraph(role: .text, spans: [contentStart..<end]), line)
        current?.numberedLabelStart = start
        continue
      }
      if itemMayStart, letterLabel(start, end) {
        flush()
        open(Paragraph(role: .text, spans: [start..<end]), line)
        current?.numberedLabelStart = start
        current?.labelKept = true
        continue
      }
      if let previous = current, previous.role == .text || previous.role == .listItem,
        let last = previous.spans.last, wrapWidth > 0,
        endsShortSentence(last, wrapWidth: wrapWidth), Scalars.isUpper(text[start])
      {
        flush()
      }
      if current == nil {
        open(Paragraph(role: .text, spans: []), line)
      }
      current?.spans.append(start..<end)
    }
    flush()
    return result
  }

  /// FNV-1a over the line's scalars. Digits are left out: a running header carries the page
  /// number.
  private func lineHash(_ line: SourceLine) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in line.contentStart..<line.contentEnd {
      let value = text[index].value
      if value >= 0x30 && value <= 0x39 { continue }
      hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3
    }
    return hash
  }

  /// How often each short line occurs (ignoring digits): a line seen three times or more is a
  /// running header or footer.
  private func repeatedLines() -> [UInt64: Int] {
    var counts: [UInt64: Int] = [:]
    for line in lines where !line.isBlank && line.length <= 100 && line.length >= 4 {
      counts[lineHash(line), default: 0] += 1
    }
    return counts
  }

  /// `3`, `- 3 -`, `Pagina 3 van 7`, `Page 3 of 7` alone on a line.
  private func isPageNumber(_ start: Int, _ end: Int) -> Bool {
    guard end - start <= 20 else { return false }
    var digits = 0
    var letters: [Unicode.Scalar] = []
    for scalar in text[start..<end] {
      if Scalars.isDigit(scalar) {
        digits += 1
      } else if Scalars.isLetter(scalar) {
        letters.append(scalar)
      } else if !(scalar == " " || scalar == "-" || scalar == "/" || scalar == "|") {
        return false
      }
    }
    guard digits > 0, digits <= 6 else { return false }
    let word = String(String.UnicodeScalarView(letters)).lowercased()
    return word.isEmpty || word == "paginavan" || word == "pageof" || word == "pagina" || word == "page"
  }

  /// The usual length of a hard-wrapped line, or 0 when the text is not hard-wrapped.
  ///
  /// The line at nine tenths of the sorted lengths is found from a count of the lengths up to
  /// 131 (any longer one makes the answer 0 either way) instead of sorting them all.
  static func wrapWidth(_ lines: [SourceLine]) -> Int {
    let cap = 131
    var counts = [Int](repeating: 0, count: cap + 1)
    var total = 0
    for line in lines where !line.isBlank {
      counts[min(line.length, cap)] += 1
      total += 1
    }
    guard total >= 10 else { return 0 }
    // The length at `rank` (0-based) of the sorted lengths; `cap` stands for any above 130.
    let rank = total * 9 / 10
    var seen = 0
    var width = cap
    for length in 0...cap {
      seen += counts[length]
      if seen > rank {
        width = length
        break
      }
    }
    let long = counts[cap]
    return width >= 40 && width <= 110 && long * 20 < total ? width : 0
  }

  private func endsShortSentence(_ span: Range<Int>, wrapWidth: Int) -> Bool {
    guard span.count * 10 < wrapWidth * 6 else { return false }
    var index = span.upperBound - 1
    while index > span.lowerBound, Scalars.isClosing(text[index]) { index -= 1 }
    return text[index] == "." || text[index] == "?" || text[index] == "!"
  }

  /// `¹ Text` at the start of a line: a footnote; its text starts after the superscript marker.
  private func superscriptNoteStart(_ start: Int, _ end: Int) -> Int? {
    var index = start
    while index < end, index - start < 3, Scalars.superscriptDigit(text[index]) != nil { index += 1 }
    guard index > start else { return nil }
    while index < end, Scalars.isSpace(text[index]) { index += 1 }
    return index < end && Scalars.isLetter(text[index]) ? index : nil
  }

  private func isSeparator(_ start: Int, _ end: Int) -> Bool {
    guard end - start >= 3 else { return false }
    let first = text[start]
    guard first == "-" || first == "*" || first == "_" || first == "=" else { return false }
    return text[start..<end].allSatisfy { $0 == first || $0 == " " }
  }

  /// A command-line option at the start of a line of plain text (`-a, --all`, `--help`).
  private func isOption(_ line: SourceLine) -> Bool {
    let start = line.contentStart
    guard line.length >= 2, text[start] == "-" else { return false }
    let next = text[start + 1]
    return Scalars.isLetter(next) || (next == "-" && line.length >= 3 && Scalars.isLetter(text[start + 2]))
  }

  private func bulletContent(_ start: Int, _ end: Int) -> Int? {
    guard end - start >= 3, Self.isBullet(text[start]),
      Scalars.isSpace(text[start + 1])
    else { return nil }
    var index = start + 1
    while index < end, Scalars.isSpace(text[index]) { index += 1 }
    return index < end ? index : nil
  }

  private func endsClause(_ span: Range<Int>) -> Bool {
    var index = span.upperBound - 1
    while index > span.lowerBound, Scalars.isClosing(text[index]) || text[index] == "*" { index -= 1 }
    switch text[index] {
    case ".", ":", ";", "?", "!": return true
    default: return false
    }
  }

  /// `-*+•·▪●◦‣`: a bullet when a space follows.
  private static func isBullet(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "-", "*", "+", "•", "·", "▪", "●", "◦", "‣": return true
    default: return false
    }
  }

  /// `a. `, `b) `, `(c) `, `(2) `, `iv. ` at the start of a line: an item label kept in the text.
  private func letterLabel(_ start: Int, _ end: Int) -> Bool {
    var index = start
    let parenthesised = text[index] == "("
    if parenthesised { index += 1 }
    let labelStart = index
    while index < end, Scalars.isLower(text[index]) || (parenthesised && Scalars.isDigit(text[index])),
      index - labelStart < 4
    {
      index += 1
    }
    let length = index - labelStart
    guard length >= 1, index + 2 < end else { return false }
    let label = text[labelStart..<index]
    let roman = label.allSatisfy { "ivx".unicodeScalars.contains($0) }
    guard length == 1 || roman || parenthesised else { return false }
    let closer = text[index]
    guard parenthesised ? closer == ")" : (closer == "." || closer == ")") else { return false }
    return Scalars.isSpace(text[index + 1])
  }

  private func numberedContent(_ start: Int, _ end: Int) -> Int? {
    var index = start
    while index < end, Scalars.isDigit(text[index]), index - start < 3 { index += 1 }
    guard index > start, index + 2 < end else { return nil }
    if text[index] == "\\" { index += 1 }
    guard text[index] == "." || text[index] == ")", Scalars.isSpace(text[index + 1]) else { return nil }
    index += 1
    while index < end, Scalars.isSpace(text[index]) { index += 1 }
    return index < end ? index : nil
  }
}

extension Array where Element == Paragraph {
  /// `judge`'s verdict on the paragraph at `index`, which is moved out of the array for the call
  /// and back after it. Passed straight from the array, a paragraph is copied (each of its arrays
  /// retained and released again), which cost a tenth of a plain-text run.
  mutating func judge<Verdict>(_ index: Int, _ judge: (Paragraph) -> Verdict) -> Verdict {
    var paragraph = Paragraph(role: .separator, spans: [])
    swap(&paragraph, &self[index])
    defer { swap(&paragraph, &self[index]) }
    return judge(paragraph)
  }
}
