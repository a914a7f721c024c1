import Segmenter

/// The text of one block as a reader gathers it, with its notes at Unicode-scalar offsets.
struct OfficeText {
  var text = ""
  var scalars = 0
  var notes: [DocumentBlock.Note] = []

  mutating func append(_ string: String) {
    text += string
    // Scalars are the UTF-8 bytes that are not continuation bytes (faster than the scalar view).
    var count = 0
    for byte in string.utf8 where byte & 0xC0 != 0x80 { count += 1 }
    scalars += count
  }

  mutating func note(_ blocks: [DocumentBlock]) {
    guard !blocks.isEmpty else { return }
    notes.append(DocumentBlock.Note(offset: scalars, blocks: blocks))
  }

  /// Whether the text holds anything but white space.
  var isBlank: Bool { text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
}

/// Gathers the blocks of an office document (DOCX, ODT) in reading order, and turns frames and
/// text boxes that come before the body text (a letterhead) into meta lines.
struct OfficeBlocks {
  private(set) var blocks: [DocumentBlock] = []
  /// Whether body text (any block outside a letterhead frame) has been seen.
  private(set) var bodySeen = false
  /// Lines of the letterhead frame being read, when one is.
  private var metaLines: [String]?
  /// Whether the last block was a letterhead frame paragraph (Word's `w:framePr`), which the
  /// next one joins.
  private var lastWasFrameLine = false

  /// Whether frames read now are letterhead.
  var inMeta: Bool { metaLines != nil }

  /// Adds a block unless its text is blank.
  mutating func add(_ kind: DocumentBlock.Kind, _ text: OfficeText) {
    guard !text.isBlank else { return }
    if metaLines != nil {
      metaLines?.append(text.text)
      return
    }
    lastWasFrameLine = false
    bodySeen = true
    blocks.append(DocumentBlock(kind: kind, text: text.text, notes: text.notes))
  }

  /// Reads a frame or text box with `read`: meta lines when no body text came before it,
  /// blocks of its own otherwise.
  mutating func frame(_ read: (inout OfficeBlocks) -> Void) {
    guard !bodySeen, metaLines == nil else {
      read(&self)
      return
    }
    metaLines = []
    read(&self)
    let lines = metaLines ?? []
    metaLines = nil
    guard !lines.isEmpty else { return }
    blocks.append(DocumentBlock(kind: .meta, text: lines.joined(separator: "\n")))
  }

  /// Adds a paragraph that is a frame of its own (Word's `w:framePr`): consecutive ones before
  /// the body make one meta block.
  mutating func frameParagraph(_ kind: DocumentBlock.Kind, _ text: OfficeText) {
    guard !bodySeen, metaLines == nil else {
      add(kind, text)
      return
    }
    guard !text.isBlank else { return }
    if lastWasFrameLine, let last = blocks.indices.last {
      blocks[last].text += "\n" + text.text
    } else {
      blocks.append(DocumentBlock(kind: .meta, text: text.text))
    }
    lastWasFrameLine = true
  }
}
