import TMX
import TestSupport

/// Random documents that the TMX 1.4b DTD accepts: XML specials, whitespace, non-Latin text,
/// inline codes nested as the DTD allows, props and notes everywhere.
struct RandomDocuments {
  var generator: SeededGenerator

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  private static let pieces = [
    "de", "het", "Minister", " ", "  ", "\t", "\n", "\r\n", "&", "<", ">", "\"", "'", "&amp;", "]]>",
    "é", "ĳ", "漢字", "🇳🇱", "👩‍💻", "—", "“", "€ 12,50", "t.a.v.", "x-", ":", ";", "\u{A0}",
  ]

  mutating func text(maximumPieces: Int = 6) -> String {
    let count = Int.random(in: 1...maximumPieces, using: &generator)
    return (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
  }

  mutating func maybe<T>(_ make: (inout Self) -> T) -> T? {
    Bool.random(using: &generator) ? make(&self) : nil
  }

  mutating func properties() -> [Property] {
    (0..<Int.random(in: 0...2, using: &generator)).map { _ in
      Property(
        type: "x-" + ["bead", "status", "file"].randomElement(using: &generator)!,
        value: text(), language: maybe { _ in "en-GB" })
    }
  }

  mutating func notes() -> [Note] {
    (0..<Int.random(in: 0...1, using: &generator)).map { _ in
      Note(text: text(), language: maybe { _ in "nl" })
    }
  }

  /// Content where codes may appear (`seg`, `hi`, `sub`); text pieces never adjacent, never empty.
  mutating func mixedContent(depth: Int) -> [InlineContent] {
    var content: [InlineContent] = []
    for _ in 0..<Int.random(in: 0...4, using: &generator) {
      if depth < 3, Int.random(in: 0..<3, using: &generator) == 0 {
        content.append(.code(code(depth: depth)))
      } else if case .text = content.last {
        continue
      } else {
        content.append(.text(text()))
      }
    }
    return content
  }

  mutating func code(depth: Int) -> InlineCode {
    let kind = [
      InlineCode.Kind.beginPairedTag, .endPairedTag, .isolatedTag, .placeholder, .highlight, .unknownTag,
    ]
    .randomElement(using: &generator)!
    let number = String(Int.random(in: 1...9, using: &generator))
    switch kind {
    case .highlight:
      return InlineCode(
        kind: kind, attributes: ["x": number, "type": "term"], content: mixedContent(depth: depth + 1))
    case .beginPairedTag: return nativeCode(kind, ["i": number, "type": "bold"], depth: depth)
    case .endPairedTag: return nativeCode(kind, ["i": number], depth: depth)
    case .isolatedTag: return nativeCode(kind, ["pos": "begin", "x": number], depth: depth)
    default: return nativeCode(kind, ["x": number], depth: depth)
    }
  }

  /// A code holding native code text and, sometimes, a `sub` with translatable text.
  mutating func nativeCode(_ kind: InlineCode.Kind, _ attributes: [String: String], depth: Int) -> InlineCode
  {
    var content: [InlineContent] = []
    if Bool.random(using: &generator) { content.append(.text("<" + text(maximumPieces: 2) + ">")) }
    if depth < 2, Int.random(in: 0..<4, using: &generator) == 0 {
      content.append(
        .code(InlineCode(kind: .subflow, attributes: ["type": "fn"], content: mixedContent(depth: depth + 1)))
      )
    }
    return InlineCode(kind: kind, attributes: attributes, content: content)
  }

  mutating func document() -> TMXDocument {
    var header = Header(
      creationTool: "Tweetal", creationToolVersion: "0.1.0", originalFormat: "Tweetal",
      sourceLanguage: "nl-NL",
      attributes: [
        "creationdate": TMXDate.format(
          secondsSince1970: Int64.random(in: 0...2_000_000_000, using: &generator))
      ])
    header.properties = properties()
    header.notes = notes()
    let units = (0..<Int.random(in: 0...12, using: &generator)).map { index in
      TranslationUnit(
        id: maybe { _ in String(index + 1) }, attributes: maybe { $0.unitAttributes() } ?? [:],
        properties: properties(), notes: notes(),
        variants: ["nl-NL", "en-GB"].map { language in
          TranslationVariant(
            language: language, attributes: maybe { _ in ["changeid": "reviewer \(index)"] } ?? [:],
            properties: properties(), notes: notes(), segment: Segment(content: mixedContent(depth: 0)))
        })
    }
    return TMXDocument(header: header, units: units)
  }

  mutating func unitAttributes() -> [String: String] {
    ["creationdate": "20240131T120000Z", "changeid": text(maximumPieces: 3), "usagecount": "3"]
  }
}
