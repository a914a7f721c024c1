/// What a unit is: a heading, a sentence of body text, a list item, a footnote or a meta line
/// (letterhead, address, date, reference, signature, page furniture kept as text).
public enum UnitKind: String, Sendable, Hashable, CaseIterable, Codable {
  case heading
  case sentence
  case listItem = "list-item"
  case footnote
  case meta

  /// Whether units of this kind are sentence material that may link to body text.
  public var isBody: Bool { self == .sentence || self == .listItem }
}

/// One clean unit of a document: what a translator wants in one segment.
public struct Unit: Sendable, Hashable {
  public var kind: UnitKind
  /// The clean text: no markup, no footnote markers, one space for line breaks.
  public var text: String
  /// Index of the block (paragraph, heading, list item, footnote, meta line) the unit belongs to.
  /// Units of one block share the index; blocks are numbered 0, 1, 2… in the order they start.
  /// A footnote that interrupted a paragraph gets the next number and is emitted right after
  /// the sentence it interrupted, so the paragraph's later sentences (same, lower number) follow it.
  public var block: Int
  /// Offset in the decoded source where the unit's first character is, counted in Unicode
  /// scalars (`text.unicodeScalars`), not `Character`s: scalar offsets are what the segmenter
  /// works in (linear time), and a CRLF counts as two. `tweetal segment --format jsonl` prints
  /// the same numbers.
  public var start: Int
  /// Offset (Unicode scalars) one past the unit's last character in the source. A sentence
  /// rejoined across a footnote block or page break spans that block too.
  public var end: Int

  public init(kind: UnitKind, text: String, block: Int, start: Int, end: Int) {
    self.kind = kind
    self.text = text
    self.block = block
    self.start = start
    self.end = end
  }
}

/// The languages the segmenter has rules for.
public enum SegmenterLanguage: String, Sendable, Hashable, CaseIterable {
  case dutch = "nl"
  case english = "en"
}
