/// The text of a block put together from its lines: words hyphenated at a line end rejoined,
/// ligatures spelled out, note markers (small digits glued to a word) taken out and remembered.
struct PDFBlockText {
  var scalars: [Unicode.Scalar] = []
  /// The note markers found: their number and where they stood (a scalar offset into `scalars`).
  var markers: [(number: Int, offset: Int)] = []

  /// Appends a line; `separator` joins it to the text before (a space, or `\n` for meta).
  /// `noteNumbers` are the numbers of the document's footnotes: only those digits are markers.
  mutating func append(_ line: PDFLine, separator: Unicode.Scalar = " ", noteNumbers: Set<Int> = []) {
    append(line.glyphs[...], lineSize: line.size, separator: separator, noteNumbers: noteNumbers)
  }

  mutating func append(
    _ glyphs: ArraySlice<PDFGlyph>, lineSize: Double, separator: Unicode.Scalar = " ",
    noteNumbers: Set<Int> = []
  ) {
    let first = glyphs.first { !$0.isSpace }?.scalar
    if !scalars.isEmpty, let first { joinLine(startingWith: first, separator: separator) }
    var index = glyphs.startIndex
    while index != glyphs.endIndex {
      let glyph = glyphs[index]
      if let (number, end) = marker(in: glyphs, at: index, lineSize: lineSize),
        noteNumbers.contains(number)
      {
        // poppler may put a space between a word and its raised marker: it goes with the marker.
        if scalars.last == " " { scalars.removeLast() }
        markers.append((number, scalars.count))
        index = end
        continue
      }
      if glyph.isSpace {
        if let last = scalars.last, last != " ", last != "\n" { scalars.append(" ") }
      } else if let expansion = Self.ligatures[glyph.scalar] {
        scalars += expansion.unicodeScalars
      } else {
        scalars.append(glyph.scalar)
      }
      index += 1
    }
    while scalars.last == " " { scalars.removeLast() }
  }

  /// Joins a new line (see ``joint(after:before:)``).
  private mutating func joinLine(startingWith first: Unicode.Scalar, separator: Unicode.Scalar) {
    guard separator == " " else {
      scalars.append(separator)
      return
    }
    let joint = Self.joint(after: scalars, before: first)
    if joint.dropsLast { scalars.removeLast() }
    if joint.space { scalars.append(" ") }
  }

  /// How text ending in `scalars` continues with a line (or page) starting with `first`: a word
  /// hyphenated at the line end continues in lower case without the hyphen (`be-` `leid` →
  /// `beleid`); the hyphen stays, with no space, before a capital or a digit (`Noord-` `Holland`)
  /// and after a word with a capital inside or a digit (`WhatsApp-` `fraude`, `2025-` `2026`);
  /// a soft hyphen always goes; after a dash or slash glued to its word (`2025–` `2026`,
  /// `nl/` `cijfers`) no space comes; anything else is joined by a space.
  static func joint(after scalars: [Unicode.Scalar], before first: Unicode.Scalar) -> (
    dropsLast: Bool, space: Bool
  ) {
    guard let last = scalars.last else { return (false, false) }
    let beforeLast = scalars.count >= 2 ? scalars[scalars.count - 2] : " "
    let glued = beforeLast != " "
    if last == "\u{AD}" { return (true, false) }
    if (last == "-" || last == "\u{2010}")
      && (beforeLast.properties.isAlphabetic || beforeLast.properties.numericType != nil)
    {
      let word = scalars.dropLast().reversed().prefix {
        $0.properties.isAlphabetic || $0.properties.numericType != nil
      }
      let compound =
        word.contains { $0.properties.numericType != nil }
        || word.dropLast().contains { $0.properties.isUppercase }
      return (first.properties.isLowercase && !compound, false)
    }
    if glued && (last == "–" || last == "—" || last == "/") { return (false, false) }
    return (false, true)
  }

  /// A note marker starting at `index`: digits smaller than the line's text, glued to the
  /// character before them (or after one narrow space); the number and the index after it.
  private func marker(in glyphs: ArraySlice<PDFGlyph>, at index: Int, lineSize: Double) -> (Int, Int)? {
    func isSmallDigit(_ glyph: PDFGlyph) -> Bool {
      glyph.scalar.value >= 0x30 && glyph.scalar.value <= 0x39 && glyph.size <= 0.8 * lineSize
    }
    guard index > glyphs.startIndex, isSmallDigit(glyphs[index]) else { return nil }
    var before = glyphs[index - 1]
    if before.isSpace, index - 1 > glyphs.startIndex {
      // One space, narrower than a third of the text size, between the word and the marker.
      let word = glyphs[index - 2]
      guard glyphs[index].box.x0 - word.box.x1 < lineSize / 3 else { return nil }
      before = word
    }
    guard !before.isSpace, !isSmallDigit(before) else { return nil }
    var end = index
    var number = 0
    while end < glyphs.endIndex, isSmallDigit(glyphs[end]), number < 1000 {
      number = number * 10 + Int(glyphs[end].scalar.value - 0x30)
      end += 1
    }
    return (number, end)
  }

  static let ligatures: [Unicode.Scalar: String] = [
    "\u{FB00}": "ff", "\u{FB01}": "fi", "\u{FB02}": "fl", "\u{FB03}": "ffi", "\u{FB04}": "ffl",
    "\u{FB05}": "st", "\u{FB06}": "st",
  ]

  var text: String { String(String.UnicodeScalarView(scalars)) }
}
