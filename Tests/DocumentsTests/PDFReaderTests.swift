import Documents
import Foundation
import Segmenter
import TestSupport
import Testing

@Suite("PDF reader")
struct PDFReaderTests {
  func units(_ bytes: [UInt8], language: SegmenterLanguage = .dutch) throws -> [String] {
    let read = try Document.read(bytes, file: "letter.pdf")
    #expect(read.format == .pdf)
    guard case .blocks(let blocks) = read.content else {
      Issue.record("PDF read as text")
      return []
    }
    return Segmenter(language: language).segment(blocks: blocks).map { "\($0.kind.rawValue): \($0.text)" }
  }

  /// A two-page letter: a letterhead column at the right of page 1, headings, a numbered and a
  /// bulleted list, a footnote, a running header, page numbers, and a paragraph crossing the page
  /// break with a word hyphenated at a line end.
  static let letter = TestPDF(pages: [
    [
      .init(72, 40, "Proefbrief Tweetal", size: 8),
      .init(430, 100, "Ministerie van Justitie", size: 7.5, bold: true),
      .init(430, 110, "Postbus 20301", size: 7.5),
      .init(430, 120, "2500 EH Den Haag", size: 7.5),
      .init(430, 140, "Datum", size: 7.5, bold: true),
      .init(430, 150, "4 december 2026", size: 7.5),
      .init(430, 170, "Kenmerk", size: 7.5, bold: true),
      .init(430, 180, "2026-123", size: 7.5),
      .init(72, 110, "Onderwerp van de brief", size: 14, bold: true),
      .init(72, 140, "Dit is de eerste alinea van de brief over het be-"),
      .init(
        72, 153.5,
        [
          .init(text: "leid. Zij loopt door tot *hier*"), .init(text: "1", size: 7, rise: 4),
          .init(text: "."),
        ]),
      .init(72, 180, "Wat er gebeurt", bold: true),
      .init(72, 200, "1."), .init(90, 200, "Het eerste punt."),
      .init(72, 215, "2."), .init(90, 215, "Het tweede punt is langer en loopt over"),
      .init(90, 228.5, "twee regels."),
      .init(72, 245, "•"), .init(90, 245, "Een opsomming."),
      .init(72, 265, "De laatste alinea op deze pagina loopt door naar de"),
      .init(
        72, 780, [.init(text: "1", size: 6, rise: 3), .init(text: " Zie de brief van 4 december.", size: 8)]),
      .init(280, 810, "Pagina 1 van 2", size: 8),
    ],
    [
      .init(72, 40, "Proefbrief Tweetal", size: 8),
      .init(72, 110, "volgende pagina, waar de zin eindigt. Het kantoor staat in Noord-"),
      .init(72, 123.5, "Holland en het verslag is klaar."),
      .init(280, 810, "Pagina 2 van 2", size: 8),
    ],
  ])

  @Test("a letter: letterhead first as meta lines, headings, list items, a footnote after its sentence")
  func letter() throws {
    let found = try units(Self.letter.bytes())
    #expect(
      found == [
        "meta: Ministerie van Justitie", "meta: Postbus 20301", "meta: 2500 EH Den Haag", "meta: Datum",
        "meta: 4 december 2026", "meta: Kenmerk", "meta: 2026-123",
        "heading: Onderwerp van de brief",
        "sentence: Dit is de eerste alinea van de brief over het beleid.",
        "sentence: Zij loopt door tot *hier*.",
        "footnote: Zie de brief van 4 december.",
        "heading: Wat er gebeurt",
        "list-item: Het eerste punt.",
        "list-item: Het tweede punt is langer en loopt over twee regels.",
        "list-item: Een opsomming.",
        "sentence: De laatste alinea op deze pagina loopt door naar de volgende pagina, waar de zin eindigt.",
        "sentence: Het kantoor staat in Noord-Holland en het verslag is klaar.",
      ])
  }

  @Test("'%PDF-' within the first 1024 bytes is a PDF")
  func recognition() {
    #expect(Document.detect(Array("junk\n%PDF-1.7\n".utf8)) == .pdf)
    #expect(Document.detect(Array((String(repeating: " ", count: 1100) + "%PDF-1.7").utf8)) != .pdf)
  }

  @Test("a PDF without text (a scan) is refused with OCR as the fix")
  func scan() {
    let blank = TestPDF(pages: [[]]).bytes()
    #expect {
      try Document.read(blank, file: "scan.pdf")
    } throws: { error in
      "\(error)".contains(
        "scan.pdf: has no text layer: a scan; run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")
    }
  }

  @Test("a truncated PDF is refused")
  func truncated() {
    let bytes = Self.letter.bytes()
    for length in [bytes.count / 2, bytes.count - 8, 20] {
      #expect {
        try Document.read(Array(bytes.prefix(length)), file: "cut.pdf")
      } throws: { error in
        "\(error)".hasPrefix("cut.pdf: is not a readable PDF (")
      }
    }
  }

  @Test("garbage after the PDF magic is refused")
  func corrupt() {
    #expect {
      try Document.read(Array("%PDF-1.4\nnonsense\n%%EOF\n".utf8), file: "bad.pdf")
    } throws: { error in
      "\(error)".hasPrefix("bad.pdf: is not a readable PDF (")
    }
  }
}
