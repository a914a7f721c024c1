import Segmenter

/// Turns the lines of a PDF's pages into blocks in reading order.
///
/// Per page: running headers, footers and page numbers go; small text below the body that
/// starts with a number becomes footnotes; the rest is cut into regions along white space
/// (columns first, then rows: an XY cut), each region into blocks at vertical gaps, font changes
/// and list markers. The narrow column at the right of the first page (a letterhead) becomes
/// `meta` blocks, put before the body. A paragraph a page break cut continues on the next page.
struct PDFLayout {
  /// The pages' numbers and sizes (their glyphs are in `lines`).
  let pages: [PDFPageText]
  /// Each page's lines.
  let lines: [[PDFLine]]
  /// The size most of the document's characters have: the body text's.
  let bodySize: Double
  /// Where most body-size lines start and end: the text block's edges, in points.
  let bodyLeft: Double
  let bodyRight: Double
  /// The usual white space between two lines of a body paragraph (from the bottom of one line's
  /// boxes to the top of the next), in points: the line spacing paragraph gaps are told from.
  let lineGap: Double

  init(pages: [PDFPageText]) {
    self.pages = pages.map { PDFPageText(number: $0.number, width: $0.width, height: $0.height, lines: []) }
    lines = pages.map { PDFLine.lines(of: $0) }
    var sizes: [Double: Int] = [:]
    for line in lines.joined() {
      for glyph in line.glyphs where !glyph.isSpace { sizes[(glyph.size * 2).rounded() / 2, default: 0] += 1 }
    }
    let bodySize = sizes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 10
    self.bodySize = bodySize
    var starts: [Double] = []
    var ends: [Double] = []
    var gaps: [Double] = []
    for page in lines {
      var previous: PDFLine?
      for line in page where abs(line.size - bodySize) < 0.5 {
        starts.append(line.box.x0)
        ends.append(line.box.x1)
        // Consecutive lines (in poppler's order) one under the other.
        if let above = previous, line.box.y0 > above.box.y0,
          min(above.box.x1, line.box.x1) > max(above.box.x0, line.box.x0)
        {
          let gap = line.box.y0 - above.box.y1
          if gap > -0.5 * bodySize, gap < 2 * bodySize { gaps.append(gap) }
        }
        previous = line
      }
    }
    starts.sort()
    ends.sort()
    gaps.sort()
    bodyLeft = starts.isEmpty ? 0 : starts[starts.count / 10]
    bodyRight = ends.isEmpty ? 0 : ends[ends.count * 9 / 10]
    lineGap = gaps.isEmpty ? 0.2 * bodySize : gaps[gaps.count / 4]
  }

  func blocks() -> [DocumentBlock] {
    var pageLines = lines
    dropRunningLines(&pageLines)
    var notesByPage: [[(number: Int, block: DocumentBlock)]] = []
    for index in pageLines.indices {
      let split = splitNotes(pageLines[index])
      pageLines[index] = split.body
      notesByPage.append(split.notes)
    }
    let noteNumbers = Set(notesByPage.joined().map(\.number))
    var meta: [DocumentBlock] = []
    var body: [DocumentBlock] = []
    for (index, lines) in pageLines.enumerated() {
      var notes = Dictionary(notesByPage[index].map { ($0.number, $0.block) }) { first, _ in first }
      var pageBlocks: [DocumentBlock] = []
      for region in regions(lines, page: pages[index]) {
        if region.isLetterhead {
          var text = PDFBlockText()
          for line in region.lines { text.append(line, separator: "\n") }
          meta.append(DocumentBlock(kind: .meta, text: text.text))
          continue
        }
        pageBlocks += blocks(of: region.lines, noteNumbers: noteNumbers, notes: &notes)
      }
      // Notes whose marker was not found follow the page's last block.
      let unplaced = notesByPage[index].filter { notes[$0.number] != nil }.map(\.block)
      if !unplaced.isEmpty {
        if pageBlocks.isEmpty {
          pageBlocks = unplaced
        } else {
          let last = pageBlocks.count - 1
          pageBlocks[last].notes.append(
            DocumentBlock.Note(offset: pageBlocks[last].text.unicodeScalars.count, blocks: unplaced))
        }
      }
      for (position, block) in pageBlocks.enumerated() {
        if position == 0, let last = body.last, Self.continues(last, with: block) {
          body[body.count - 1] = Self.joined(last, block)
        } else {
          body.append(block)
        }
      }
    }
    return meta + body
  }

  // MARK: Running headers, footers, page numbers

  /// Drops the lines in the top or bottom margin that repeat (digits aside) at the same place on
  /// another page, and page numbers standing first or last on their page.
  private func dropRunningLines(_ pageLines: inout [[PDFLine]]) {
    // The pages each text (digits as `#`) stands on at each height (in 3-point steps).
    var places: [String: Set<Int>] = [:]
    func key(_ line: PDFLine, _ step: Int = 0) -> String {
      String(line.text.lowercased().map { $0.isNumber ? "#" : $0 }) + "@\(Int(line.box.y0 / 3) + step)"
    }
    func inMargin(_ line: PDFLine, _ page: Int) -> Bool {
      line.box.y1 < 0.15 * pages[page].height || line.box.y0 > 0.85 * pages[page].height
    }
    for (page, lines) in pageLines.enumerated() {
      for line in lines where inMargin(line, page) {
        places[key(line), default: []].insert(page)
      }
    }
    for (page, lines) in pageLines.enumerated() {
      let top = lines.map(\.box.y0).min() ?? 0
      let bottom = lines.map(\.box.y1).max() ?? 0
      pageLines[page] = lines.filter { line in
        guard inMargin(line, page) else { return true }
        // A lone number is a page number only first or last on its page: a footnote's number on a
        // line of its own repeats at the same place on the next page too.
        if Self.isPageNumber(line.text) {
          return !(line.box.y0 <= top + 0.5 || line.box.y1 >= bottom - 0.5)
        }
        let repeated = (-1...1).contains { step in
          places[key(line, step)].map { $0.count > 1 || !$0.contains(page) } ?? false
        }
        return !repeated && !(page > 0 && isLoneHeader(line, among: lines, pageHeight: pages[page].height))
      }
    }
  }

  /// A running header that has no twin to be found by (the first page of a letter has none): the
  /// first line of a later page, in its top tenth, smaller than the body text and more than 1.5
  /// body sizes above the next line.
  private func isLoneHeader(_ line: PDFLine, among lines: [PDFLine], pageHeight: Double) -> Bool {
    guard line.box.y1 < 0.1 * pageHeight, line.size < 0.95 * bodySize,
      !lines.contains(where: { $0.box.y0 < line.box.y0 - 2 })
    else { return false }
    let next = lines.lazy.filter { $0.box.y0 > line.box.y1 }.map(\.box.y0).min() ?? pageHeight
    return next - line.box.y1 >= 1.5 * bodySize
  }

  /// `3`, `- 3 -`, `3/12`, `3 van 12`, `Pagina 3 van 12`, `Page 3 of 12`, `blz. 3`.
  static func isPageNumber(_ text: String) -> Bool {
    let decoration: Set<Character> = [" ", "-", "–", "—"]
    var trimmed = Substring(text.lowercased())
    while let first = trimmed.first, decoration.contains(first) { trimmed.removeFirst() }
    while let last = trimmed.last, decoration.contains(last) { trimmed.removeLast() }
    var words = trimmed.split { $0 == " " || $0 == "/" }
    if let first = words.first, ["pagina", "page", "blz.", "blz", "p.", "seite"].contains(first) {
      words.removeFirst()
    }
    guard let number = words.first, number.allSatisfy(\.isNumber), number.count <= 4 else { return false }
    words.removeFirst()
    if let word = words.first, ["van", "of", "von"].contains(word) { words.removeFirst() }
    return words.isEmpty || (words.count == 1 && words[0].allSatisfy(\.isNumber))
  }

  // MARK: Footnotes

  /// The page's body lines and its footnotes: the lines smaller than the body text below its
  /// last body-size line, when the first of them starts with a number. A line starting with the
  /// next number starts the next note.
  private func splitNotes(_ lines: [PDFLine]) -> (
    body: [PDFLine], notes: [(number: Int, block: DocumentBlock)]
  ) {
    let sorted = lines.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
    guard let lastBody = sorted.lastIndex(where: { $0.size > 0.9 * bodySize }),
      lastBody + 1 < sorted.count, Self.leadingNumber(sorted[lastBody + 1]) != nil
    else { return (lines, []) }
    var notes: [(number: Int, text: PDFBlockText)] = []
    for line in sorted[(lastBody + 1)...] {
      if let (number, start) = Self.leadingNumber(line),
        notes.isEmpty || number == notes[notes.count - 1].number + 1
      {
        var text = PDFBlockText()
        text.append(line.glyphs[start...], lineSize: line.size)
        notes.append((number, text))
      } else {
        notes[notes.count - 1].text.append(line)
      }
    }
    return (
      Array(sorted[...lastBody]),
      notes.map { ($0.number, DocumentBlock(kind: .footnote, text: $0.text.text)) }
    )
  }

  /// The number a line starts with (at most three digits) and the index of the first glyph after
  /// it and the spaces that follow.
  private static func leadingNumber(_ line: PDFLine) -> (Int, Int)? {
    var number = 0
    var index = 0
    while index < line.glyphs.count, index < 3, let digit = line.glyphs[index].scalar.properties.numericType,
      digit == .decimal, let value = line.glyphs[index].scalar.properties.numericValue
    {
      number = number * 10 + Int(value)
      index += 1
    }
    guard index > 0 else { return nil }
    while index < line.glyphs.count, line.glyphs[index].isSpace { index += 1 }
    return (number, index)
  }

  // MARK: Regions

  struct Region {
    var lines: [PDFLine]
    var isLetterhead: Bool
  }

  /// The page's lines in regions, in reading order: an XY cut, columns before rows.
  private func regions(_ lines: [PDFLine], page: PDFPageText) -> [Region] {
    var output: [Region] = []
    cut(lines, page: page, rightOfColumn: false, depth: 0, into: &output)
    return output
  }

  /// Cuts at most 32 levels deep (a hostile page cannot exhaust the stack); deeper pieces are
  /// read top to bottom.
  private func cut(
    _ lines: [PDFLine], page: PDFPageText, rightOfColumn: Bool, depth: Int, into output: inout [Region]
  ) {
    if lines.count > 1, depth < 32, let (left, right) = columns(lines) {
      cut(left, page: page, rightOfColumn: rightOfColumn, depth: depth + 1, into: &output)
      cut(right, page: page, rightOfColumn: true, depth: depth + 1, into: &output)
      return
    }
    let rows = lines.count > 1 && depth < 32 ? self.rows(lines) : [lines]
    if rows.count > 1 {
      for row in rows { cut(row, page: page, rightOfColumn: rightOfColumn, depth: depth + 1, into: &output) }
      return
    }
    guard !lines.isEmpty else { return }
    let box = lines.dropFirst().reduce(lines[0].box) { $0.union($1.box) }
    // Short or small lines: a column of running text is neither.
    let isLetterhead =
      page.isFirst && rightOfColumn && box.x0 >= 0.5 * page.width && box.width <= 0.45 * page.width
      && lines.allSatisfy { $0.size < 0.95 * bodySize || $0.glyphs.count <= 40 }
    output.append(Region(lines: ordered(lines), isLetterhead: isLetterhead))
  }

  /// The lines left and right of the widest vertical strip of white space (at least one and a
  /// half times the body size wide) that no line crosses, when both sides hold real text.
  private func columns(_ lines: [PDFLine]) -> ([PDFLine], [PDFLine])? {
    let sorted = lines.sorted { $0.box.x0 < $1.box.x0 }
    var reach = sorted[0].box.x1
    var best: (start: Double, width: Double)?
    for line in sorted.dropFirst() {
      let gap = line.box.x0 - reach
      if gap >= 1.5 * bodySize, gap > best?.width ?? 0 { best = (reach, gap) }
      reach = max(reach, line.box.x1)
    }
    guard let best else { return nil }
    let left = lines.filter { $0.box.x1 <= best.start + 0.01 }
    let right = lines.filter { $0.box.x1 > best.start + 0.01 }
    let wide = { (side: [PDFLine]) in side.contains { $0.box.width >= 2.5 * bodySize } }
    return wide(left) && wide(right) ? (left, right) : nil
  }

  /// The lines in rows parted by horizontal strips of white space at least 0.8 body sizes high,
  /// and half a body size more than the usual line gap.
  private func rows(_ lines: [PDFLine]) -> [[PDFLine]] {
    let sorted = lines.sorted { $0.box.y0 < $1.box.y0 }
    var rows: [[PDFLine]] = [[sorted[0]]]
    var reach = sorted[0].box.y1
    for line in sorted.dropFirst() {
      if line.box.y0 - reach >= max(0.8 * bodySize, lineGap + 0.5 * bodySize) {
        rows.append([line])
      } else {
        rows[rows.count - 1].append(line)
      }
      reach = max(reach, line.box.y1)
    }
    return rows
  }

  /// Lines top to bottom; pieces of one line (the same baseline) joined left to right.
  private func ordered(_ lines: [PDFLine]) -> [PDFLine] {
    let sorted = lines.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
    var output: [PDFLine] = []
    for line in sorted {
      if let last = output.last, last.sharesBaseline(with: line) {
        output[output.count - 1] = last.joined(with: line)
      } else {
        output.append(line)
      }
    }
    return output
  }
}

extension PDFPageText {
  fileprivate var isFirst: Bool { number == 1 }
}
