import Segmenter

extension PDFLayout {
  /// The blocks of a region's lines (top to bottom): a new block starts after a vertical gap
  /// (0.3 font sizes more than the usual line gap),
  /// where the font changes between heading and body, at a list marker, after a short line
  /// ending a sentence or after a salutation, and where a list item's text returns to the left of
  /// its indent.
  /// Markers of `notes` found in the text take their note from `notes`.
  func blocks(
    of lines: [PDFLine], noteNumbers: Set<Int>, notes: inout [Int: DocumentBlock]
  ) -> [DocumentBlock] {
    guard !lines.isEmpty else { return [] }
    let right = lines.map(\.box.x1).max() ?? 0
    var groups: [[PDFLine]] = []
    // Where the current list item's text starts (nil when the block is no list item).
    var itemIndent: Double?
    for line in lines {
      var marker = Self.listMarker(line)
      // A dash at a list item's text indent starts a continuation line, not an item.
      if marker != nil, let itemIndent, line.box.x0 >= itemIndent - 1 { marker = nil }
      if let previous = groups.last?.last {
        let size = max(previous.size, line.size)
        let breaks =
          line.box.y0 - previous.box.y1 > lineGap * size / bodySize + 0.3 * size
          || isHeadingLike(previous) != isHeadingLike(line)
          || abs(previous.size - line.size) > 1
          || marker != nil
          || (Self.endsSentence(previous.text) && previous.box.x1 < right - 3 * size)
          || Self.isSalutation(previous, before: line, width: bodyRight - bodyLeft)
          || line.box.x0 < (itemIndent ?? -Double.infinity) - 2
        if !breaks {
          groups[groups.count - 1].append(line)
          continue
        }
      }
      groups.append([line])
      // A paragraph's lines may start left of its first (an indent); a list item's may not.
      itemIndent = marker.map { line.glyphs[$0].box.x0 }
    }
    return groups.map { block(of: $0, noteNumbers: noteNumbers, notes: &notes) }
  }

  private func block(
    of lines: [PDFLine], noteNumbers: Set<Int>, notes: inout [Int: DocumentBlock]
  ) -> DocumentBlock {
    // A numbered heading (`1. Inleiding`) keeps its number: it is a heading, not a list item.
    let isHeading =
      lines.count <= 2 && lines.allSatisfy(isHeadingLike)
      && lines[lines.count - 1].glyphs[lines[lines.count - 1].glyphs.count - 1].scalar != "."
    let marker = isHeading ? nil : Self.listMarker(lines[0])
    var text = PDFBlockText()
    for (index, line) in lines.enumerated() {
      let start = index == 0 ? marker ?? 0 : 0
      text.append(line.glyphs[start...], lineSize: line.size, noteNumbers: noteNumbers)
    }
    let kind: DocumentBlock.Kind
    if isHeading {
      kind = .heading
    } else if marker != nil {
      kind = .listItem
    } else if isAddress(lines) {
      // Each line a unit: the lines again, joined by line breaks.
      text = PDFBlockText()
      for line in lines { text.append(line, separator: "\n") }
      kind = .meta
    } else {
      kind = .paragraph
    }
    var block = DocumentBlock(kind: kind, text: text.text)
    for (number, offset) in text.markers {
      guard let note = notes.removeValue(forKey: number) else { continue }
      block.notes.append(DocumentBlock.Note(offset: offset, blocks: [note]))
    }
    return block
  }

  /// Whether lines are an address or a reference block: two or more lines, each well short of the
  /// text's right edge and none ending in punctuation.
  private func isAddress(_ lines: [PDFLine]) -> Bool {
    let width = bodyRight - bodyLeft
    return lines.count >= 2 && width > 0
      && lines.allSatisfy { line in
        line.box.x1 < bodyRight - 0.25 * width
          && !".,;:!?".unicodeScalars.contains(line.glyphs[line.glyphs.count - 1].scalar)
      }
  }

  /// A short line ending in a comma followed by a capital (`Geachte voorzitter,`): a paragraph
  /// of its own.
  static func isSalutation(_ line: PDFLine, before next: PDFLine, width: Double) -> Bool {
    line.glyphs[line.glyphs.count - 1].scalar == "," && line.box.width < 0.5 * width
      && next.glyphs[0].scalar.properties.isUppercase
  }

  /// Bold, or larger than the body text.
  private func isHeadingLike(_ line: PDFLine) -> Bool {
    line.bold || line.size >= 1.15 * bodySize
  }

  /// Where a list item's text starts when the line starts with a list marker (a bullet or dash,
  /// `1.`, `1)`, `a)`, `(a)`) set apart from the text by a tab-like gap (or, after a bullet, a
  /// space).
  static func listMarker(_ line: PDFLine) -> Int? {
    let glyphs = line.glyphs
    var end = 0
    let first = glyphs[0].scalar
    var isBullet = false
    if ["•", "◦", "▪", "■", "●", "○", "‣", "⁃", "∙", "–", "—", "-", "\u{2212}"].contains(first)
      || (0xE000...0xF8FF).contains(first.value)
    {
      end = 1
      isBullet = first != "–" && first != "—" && first != "-" && first != "\u{2212}"
    } else {
      var index = glyphs[0].scalar == "(" ? 1 : 0
      let digitsStart = index
      while index < glyphs.count, index - digitsStart < 3, ("0"..."9").contains(glyphs[index].scalar) {
        index += 1
      }
      if index == digitsStart, index < glyphs.count, ("a"..."z").contains(glyphs[index].scalar) { index += 1 }
      guard index > digitsStart, index - digitsStart <= 3, index < glyphs.count else { return nil }
      let close = glyphs[index].scalar
      guard close == ")" || (close == "." && glyphs[0].scalar != "(") else { return nil }
      end = index + 1
    }
    var textStart = end
    while textStart < glyphs.count, glyphs[textStart].isSpace { textStart += 1 }
    guard textStart < glyphs.count else { return nil }
    let gap = glyphs[textStart].box.x0 - glyphs[end - 1].box.x1
    return gap >= 0.4 * line.size || (isBullet && textStart > end) ? textStart : nil
  }

  /// Whether text ends a sentence: `.`, `!`, `?`, `:`, `…`, perhaps followed by a quote or bracket.
  static func endsSentence(_ text: String) -> Bool {
    let trimmed = text.unicodeScalars.reversed().drop { "\"'”’»)]".unicodeScalars.contains($0) || $0 == " " }
    guard let last = trimmed.first else { return false }
    return ".!?:…".unicodeScalars.contains(last)
  }

  /// Whether `next`, the first block of a page, continues `last`, the previous page's last: a
  /// paragraph or list item cut mid-sentence, followed by a paragraph starting in lower case or
  /// after a comma, a hyphen or a lower-case word.
  static func continues(_ last: DocumentBlock, with next: DocumentBlock) -> Bool {
    guard last.kind == .paragraph || last.kind == .listItem, next.kind == .paragraph,
      !endsSentence(last.text), let end = last.text.unicodeScalars.last,
      let start = next.text.unicodeScalars.first
    else { return false }
    return start.properties.isLowercase || end.properties.isLowercase || ",;-(".unicodeScalars.contains(end)
  }

  /// `last` and `next` as one block (a hyphenated word rejoined), the notes of both kept.
  static func joined(_ last: DocumentBlock, _ next: DocumentBlock) -> DocumentBlock {
    var scalars = Array(last.text.unicodeScalars)
    let joint = PDFBlockText.joint(after: scalars, before: next.text.unicodeScalars.first ?? " ")
    if joint.dropsLast { scalars.removeLast() }
    if joint.space { scalars.append(" ") }
    let shift = scalars.count
    scalars += next.text.unicodeScalars
    var block = last
    block.text = String(String.UnicodeScalarView(scalars))
    block.notes += next.notes.map { DocumentBlock.Note(offset: $0.offset + shift, blocks: $0.blocks) }
    return block
  }
}
