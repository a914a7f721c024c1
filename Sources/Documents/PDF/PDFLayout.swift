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
