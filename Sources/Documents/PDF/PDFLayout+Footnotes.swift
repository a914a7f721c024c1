import Segmenter

extension PDFLayout {
  /// The page's body lines and its footnotes: the lines smaller than the body text below its
  /// last body-size line, when the first of them starts with a number. A line starting with the
  /// next number starts the next note.
  func splitNotes(_ lines: [PDFLine]) -> (
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
}
