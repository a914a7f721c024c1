/// A block of a document whose format states its structure (PDF, HTML, Word, OpenDocument): what
/// the block is, from the format, and its text, as the format holds it.
///
/// Format readers (the `Documents` module) produce blocks in reading order; the segmenter cuts
/// them into units without guessing their kinds again (``Segmenter/segment(blocks:each:)``).
public struct DocumentBlock: Sendable, Hashable {
  /// What a block is, as its format says.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Body text: split into sentences.
    case paragraph
    /// A heading or title: one unit.
    case heading
    /// An item of a numbered or bulleted list (its number or bullet not in the text): split into
    /// sentences, each a list item.
    case listItem = "list-item"
    /// A footnote or endnote (its marker not in the text): one unit.
    case footnote
    /// Letterhead, address, date or reference lines: one unit per line (`\n` in the text).
    case meta
    /// Preformatted text: one unit, its white space folded.
    case code
  }

  /// Footnotes whose marker stood in this block's text: emitted after the unit that holds the
  /// marker's place.
  public struct Note: Sendable, Hashable {
    /// Where the marker stood: a Unicode-scalar offset into the block's `text`.
    public var offset: Int
    public var blocks: [DocumentBlock]

    public init(offset: Int, blocks: [DocumentBlock]) {
      self.offset = offset
      self.blocks = blocks
    }
  }

  public var kind: Kind
  /// The block's text with its markers (list numbers, note references) removed. Line breaks fold to
  /// one space like any white space, except in `meta` blocks, where each line is a unit.
  public var text: String
  public var notes: [Note]

  public init(kind: Kind, text: String, notes: [Note] = []) {
    self.kind = kind
    self.text = text
    self.notes = notes
  }
}

extension Segmenter {
  /// Hands the units of a document's blocks to `each` in reading order (a footnote after the
  /// unit holding its marker).
  ///
  /// A unit's `start`/`end` are Unicode-scalar offsets into the document's text as its reader
  /// extracted it: ``DocumentBlock/extractedText(_:)``, the blocks' texts in order (each
  /// followed by the text of its notes), separated by blank lines.
  public func segment(blocks: [DocumentBlock], each: (Unit) -> Void) {
    let splitter = SentenceSplitter(rules: .rules(for: language))
    var emitter = UnitEmitter(splitter: splitter)
    // Each block is laid out on its own with its notes, so that memory stays in the size of a
    // block; `base` is where it starts in the extracted text.
    var base = 0
    for block in blocks {
      var layout = BlockLayout()
      let placed = layout.place(block)
      var cleaner = InlineCleaner(text: layout.scalars)
      // A footnote interrupts the sentence holding its marker (text and list items); after any
      // other block (a heading, a table cell without a sentence) it follows the block.
      func emit(_ placed: BlockLayout.Placed) {
        var paragraph = Paragraph(role: placed.role, spans: placed.lines)
        paragraph.fill(with: &cleaner)
        var after: [BlockLayout.Placed] = []
        let interrupts = (placed.role == .text || placed.role == .listItem) && !paragraph.clean.isEmpty
        for note in placed.notes {
          guard interrupts else {
            after += note.blocks
            continue
          }
          let source = placed.start + note.offset
          // The last clean character before the marker: a marker belongs to the text it follows.
          let following =
            paragraph.clean.offsets.firstIndex { $0 >= source } ?? paragraph.clean.offsets.count
          var notes: [Paragraph] = []
          for block in note.blocks {
            var notePart = Paragraph(role: block.role, spans: block.lines)
            notePart.fill(with: &cleaner)
            notes.append(notePart)
            after += block.notes.flatMap(\.blocks)
          }
          paragraph.interruptions.append((at: max(0, following - 1), paragraphs: notes))
        }
        emitter.emit(paragraph)
        for var span in emitter.units {
          span.start += base
          span.end += base
          each(span.unit)
        }
        emitter.units.removeAll(keepingCapacity: true)
        for block in after { emit(block) }
      }
      emit(placed)
      base += layout.scalars.count + 2
    }
  }

  /// The units of a document's blocks, in reading order.
  public func segment(blocks: [DocumentBlock]) -> [Unit] {
    var units: [Unit] = []
    segment(blocks: blocks) { units.append($0) }
    return units
  }
}

extension DocumentBlock {
  /// The text unit offsets of ``Segmenter/segment(blocks:each:)`` refer to: every block's text
  /// followed by its notes' texts, separated by blank lines.
  public static func extractedText(_ blocks: [DocumentBlock]) -> String {
    var scalars = String.UnicodeScalarView()
    for block in blocks {
      if !scalars.isEmpty { scalars += ["\n", "\n"] }
      var layout = BlockLayout()
      _ = layout.place(block)
      scalars += layout.scalars
    }
    return String(scalars)
  }
}

/// A block and its notes laid out one after another in one scalar array (separated by blank
/// lines), so that the paragraph machinery of plain text (spans, cleaning, offsets) serves them
/// unchanged.
private struct BlockLayout {
  struct Placed {
    var role: ParagraphRole
    var start: Int
    var lines: [Range<Int>]
    var notes: [(offset: Int, blocks: [Placed])]
  }

  var scalars: [Unicode.Scalar] = []

  mutating func place(_ block: DocumentBlock) -> Placed {
    if !scalars.isEmpty { scalars += ["\n", "\n"] }
    let start = scalars.count
    scalars.reserveCapacity(start + block.text.utf8.count)
    for scalar in block.text.unicodeScalars { scalars.append(scalar) }
    // Lines of the block: its own line breaks only (a blank line inside a block does not end it).
    var lines: [Range<Int>] = []
    for line in SourceLine.split(Array(scalars[start...])) where !line.isBlank {
      lines.append((start + line.contentStart)..<(start + line.contentEnd))
    }
    var result = Placed(role: Self.role(block.kind), start: start, lines: lines, notes: [])
    for note in block.notes {
      result.notes.append((offset: note.offset, blocks: note.blocks.map { place($0) }))
    }
    return result
  }

  private static func role(_ kind: DocumentBlock.Kind) -> ParagraphRole {
    switch kind {
    case .paragraph: .text
    case .heading: .heading
    case .listItem: .listItem
    case .footnote: .footnote
    case .meta: .meta
    case .code: .code
    }
  }
}
