/// A line of text on a page: its glyphs left to right (no spaces at either end), its box, and the
/// font most of its characters are set in.
struct PDFLine: Sendable {
  var glyphs: [PDFGlyph]
  var box: PDFBox
  /// The size most of the line's characters have, in points.
  var size: Double
  /// Whether most of the line's characters are bold.
  var bold: Bool

  /// A line of `glyphs` (spaces at the ends are dropped); `nil` when only spaces are left.
  init?(_ glyphs: some BidirectionalCollection<PDFGlyph>) {
    guard let first = glyphs.firstIndex(where: { !$0.isSpace }),
      let last = glyphs.lastIndex(where: { !$0.isSpace })
    else { return nil }
    self.glyphs = Array(glyphs[first...last])
    var box = self.glyphs[0].box
    var sizes: [Double: Int] = [:]
    var boldCount = 0
    var count = 0
    for glyph in self.glyphs where !glyph.isSpace {
      box = box.union(glyph.box)
      sizes[(glyph.size * 2).rounded() / 2, default: 0] += 1
      if glyph.bold { boldCount += 1 }
      count += 1
    }
    self.box = box
    self.size = sizes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 0
    self.bold = boldCount * 2 > count
  }

  /// The line's characters as they stand.
  var text: String {
    var scalars = String.UnicodeScalarView()
    for glyph in glyphs { scalars.append(glyph.scalar) }
    return String(scalars)
  }

  /// The lines poppler gave, cut where a gap wider than four times the font size parts two runs
  /// of text (columns poppler joined on one line).
  static func lines(of page: PDFPageText) -> [PDFLine] {
    var lines: [PDFLine] = []
    for run in page.lines {
      var start = run.startIndex
      var previous: PDFGlyph?
      for index in run.indices where !run[index].isSpace {
        let glyph = run[index]
        if let previous, glyph.box.x0 - previous.box.x1 > 4 * max(glyph.size, previous.size) {
          if let line = PDFLine(run[start..<index]) { lines.append(line) }
          start = index
        }
        previous = glyph
      }
      if let line = PDFLine(run[start...]) { lines.append(line) }
    }
    return lines
  }

  /// Whether `other` stands on the same baseline, to the right: two pieces of one line.
  func sharesBaseline(with other: PDFLine) -> Bool {
    let overlap = min(box.y1, other.box.y1) - max(box.y0, other.box.y0)
    return overlap > 0.5 * min(box.height, other.box.height) && other.box.x0 >= box.x1 - 1
  }

  /// `other` appended after a space.
  func joined(with other: PDFLine) -> PDFLine {
    var glyphs = self.glyphs
    let space = PDFBox(x0: box.x1, y0: box.y0, x1: other.box.x0, y1: box.y1)
    glyphs.append(PDFGlyph(scalar: " ", box: space, size: size, bold: bold))
    glyphs += other.glyphs
    return PDFLine(glyphs) ?? self
  }
}
