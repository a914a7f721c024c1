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
  /// bulleted list, a footnote, a running header on page 2 only, page numbers, and a paragraph
  /// crossing the page break with a word hyphenated at a line end.
  static let letter = TestPDF(pages: [
    [
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
      .init(72, 180, [.init(text: "2.", bold: true)]), .init(90, 180, "Wat er gebeurt", bold: true),
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
        "heading: 2. Wat er gebeurt",
        "list-item: Het eerste punt.",
        "list-item: Het tweede punt is langer en loopt over twee regels.",
        "list-item: Een opsomming.",
        "sentence: De laatste alinea op deze pagina loopt door naar de volgende pagina, waar de zin eindigt.",
        "sentence: Het kantoor staat in Noord-Holland en het verslag is klaar.",
      ])
  }

  @Test("two columns of running text are read left column first, and are not a letterhead")
  func columns() throws {
    let left = [
      "Het eerste deel van de tekst staat links op de pagina en",
      "loopt door tot onderaan de kolom, waar het stopt.",
    ]
    let right = [
      "Het tweede deel staat in de rechterkolom van dezelfde pagina",
      "en begint pas als de linkerkolom gelezen is.",
    ]
    var lines: [TestPDF.Line] = []
    for (index, text) in left.enumerated() {
      lines.append(.init(60, 100 + 12 * Double(index), text, size: 9))
    }
    for (index, text) in right.enumerated() {
      lines.append(.init(320, 100 + 12 * Double(index), text, size: 9))
    }
    #expect(
      try units(TestPDF(pages: [lines]).bytes()) == [
        "sentence: Het eerste deel van de tekst staat links op de pagina en loopt door tot onderaan de kolom, "
          + "waar het stopt.",
        "sentence: Het tweede deel staat in de rechterkolom van dezelfde pagina en begint pas als de "
          + "linkerkolom gelezen is.",
      ])
  }

  @Test("a paragraph with an indented first line stays one paragraph")
  func firstLineIndent() throws {
    let page = [
      TestPDF.Line(100, 100, "De eerste regel springt in en de zin loopt"),
      TestPDF.Line(72, 113.5, "door op de volgende regel. Dan volgt nog een zin."),
      TestPDF.Line(100, 127, "Een nieuwe alinea."),
    ]
    #expect(
      try units(TestPDF(pages: [page]).bytes()) == [
        "sentence: De eerste regel springt in en de zin loopt door op de volgende regel.",
        "sentence: Dan volgt nog een zin.", "sentence: Een nieuwe alinea.",
      ])
  }

  @Test("double line spacing: paragraphs are told apart by their larger gaps, not every line")
  func doubleSpacing() throws {
    var page: [TestPDF.Line] = []
    var y = 100.0
    for paragraph in [
      ["Een zin die over twee regels", "loopt en daar eindigt.", "Nog een zin die hier over"],
      [
        "de grens gaat, kort en", "goed.", "Tot slot een zin over", "vier regels die pas", "hier", "eindigt.",
      ],
    ] {
      for text in paragraph {
        page.append(TestPDF.Line(72, y, text))
        y += 24
      }
      y += 16
    }
    #expect(
      try units(TestPDF(pages: [page]).bytes()) == [
        "sentence: Een zin die over twee regels loopt en daar eindigt.",
        "sentence: Nog een zin die hier over", "sentence: de grens gaat, kort en goed.",
        "sentence: Tot slot een zin over vier regels die pas hier eindigt.",
      ])
  }

  @Test("a salutation is a unit of its own; a dash at a list item's text indent continues the item")
  func salutationAndDash() throws {
    let page: [TestPDF.Line] = [
      .init(72, 100, "Geachte voorzitter,"),
      .init(72, 113.5, "Met deze brief informeer ik uw Kamer over de aanpak van fraude."),
      .init(72, 140, "•"), .init(90, 140, "Deel nooit uw inlogcodes of uw pincode"),
      .init(90, 153.5, "–    ook niet met iemand van de bank."),
      .init(72, 167, "•"), .init(90, 167, "Bel zelf de bank."),
    ]
    #expect(
      try units(TestPDF(pages: [page]).bytes()) == [
        "sentence: Geachte voorzitter,",
        "sentence: Met deze brief informeer ik uw Kamer over de aanpak van fraude.",
        "list-item: Deel nooit uw inlogcodes of uw pincode – ook niet met iemand van de bank.",
        "list-item: Bel zelf de bank.",
      ])
  }

  @Test("'%PDF-' and a version at the start, or after a binary header within 1024 bytes, is a PDF")
  func recognition() {
    #expect(Document.detect(Array("%PDF-1.7\n".utf8)) == .pdf)
    let macBinary: [UInt8] = [0x00, 0x0B] + Array("letter.pdf".utf8) + [0x00, 0x81, 0xFE, 0x07]
    #expect(Document.detect(macBinary + Array("%PDF-1.7\n".utf8)) == .pdf)
    #expect(Document.detect(Array((String(repeating: " ", count: 1100) + "%PDF-1.7").utf8)) != .pdf)
  }

  @Test("a text that quotes '%PDF-' near its start is text, not a PDF")
  func quotedMagic() {
    let markdown = "# Formats\n\nA PDF file starts with `%PDF-1.7`; Tweetal reads it with poppler.\n"
    #expect(Document.detect(Array(markdown.utf8)) == nil)
    #expect(Document.detect(Array("junk\n%PDF-1.7\n".utf8)) == nil)
    #expect(Document.detect(Array("%PDF-version\n".utf8)) == nil)
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

  // MARK: The committed LibreOffice letters

  static let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")

  static func hasFixture(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: fixtures + "/" + name)
  }

  static func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name)))
  }

  @Test(
    "the LibreOffice letters give their expected units (F1 ≥ 0.98), kinds and footnote places right",
    .enabled(
      if: hasFixture("letter.nl.pdf") && hasFixture("letter.en.pdf"), "the letter fixtures are missing"),
    arguments: [("nl", SegmenterLanguage.dutch), ("en", SegmenterLanguage.english)])
  func fixtureLetter(language: String, segmenterLanguage: SegmenterLanguage) throws {
    let read = try Document.read(try Self.fixture("letter.\(language).pdf"), file: "letter.\(language).pdf")
    guard case .blocks(let blocks) = read.content else {
      Issue.record("PDF read as text")
      return
    }
    let units = Segmenter(language: segmenterLanguage).segment(blocks: blocks)
    let path = Self.fixtures + "/expected/letter.\(language).units.tsv"
    try UnitComparison.expect(units, matches: path, minimum: 0.98)
    let found = UnitComparison.found(units)
    let expected = try UnitComparison.expected(path: path)
    // Every heading, list item, footnote and letterhead line is found with its kind.
    for kind in ["heading", "list-item", "footnote", "meta"] {
      let missing = expected.filter { $0.kind == kind && !found.contains($0) }
      #expect(missing.isEmpty, "\(kind) units not found: \(missing)")
    }
    // The letterhead comes first; each footnote right after the unit that refers to it.
    let metaCount = expected.prefix { $0.kind == "meta" }.count
    #expect(found.prefix(metaCount).allSatisfy { $0.kind == "meta" })
    for (index, unit) in expected.enumerated() where unit.kind == "footnote" && index > 0 {
      guard let place = found.firstIndex(of: unit) else { continue }
      #expect(place > 0 && found[place - 1] == expected[index - 1], "footnote out of place: \(unit.text)")
    }
    // No page number or running header is a unit.
    let furniture = found.filter { unit in
      let words = unit.text.lowercased().split(separator: " ")
      return unit.text.allSatisfy(\.isNumber)
        || (words.first.map { ["pagina", "page"].contains($0) } ?? false && words.count <= 4)
    }
    #expect(furniture.isEmpty, "page furniture as units: \(furniture)")
  }

  @Test(
    "the encrypted fixture is refused with the decryption as the fix",
    .enabled(if: hasFixture("bad/encrypted.pdf"), "the fixture bad/encrypted.pdf is missing"))
  func encryptedFixture() throws {
    let bytes = try Self.fixture("bad/encrypted.pdf")
    #expect {
      try Document.read(bytes, file: "encrypted.pdf")
    } throws: { error in
      "\(error)".hasPrefix("encrypted.pdf: is encrypted; give the password-free file (e.g. `qpdf --decrypt")
    }
  }

  @Test(
    "the scanned fixture is refused with OCR as the fix",
    .enabled(if: hasFixture("bad/scan.pdf"), "the fixture bad/scan.pdf is missing"))
  func scanFixture() throws {
    let bytes = try Self.fixture("bad/scan.pdf")
    #expect {
      try Document.read(bytes, file: "scan.pdf")
    } throws: { error in
      "\(error)".hasPrefix("scan.pdf: has no text layer: a scan; run OCR first")
    }
  }

  @Test(
    "a fixture letter cut in half is refused as unreadable",
    .enabled(if: hasFixture("letter.nl.pdf"), "the fixture letter.nl.pdf is missing"))
  func truncatedFixture() throws {
    let bytes = try Self.fixture("letter.nl.pdf")
    #expect {
      try Document.read(Array(bytes.prefix(bytes.count / 2)), file: "letter.nl.pdf")
    } throws: { error in
      "\(error)".hasPrefix("letter.nl.pdf: is not a readable PDF (")
    }
  }

  @Test(
    "LibreOffice letters with the letterhead in a frame or a table give exactly their units",
    arguments: ["letter-frame.nl", "letter-table.nl", "letter-hyphens.en"])
  func libreOfficeLetter(name: String) throws {
    let read = try Document.read(try Self.fixture("pdf/\(name).pdf"), file: "\(name).pdf")
    guard case .blocks(let blocks) = read.content else {
      Issue.record("PDF read as text")
      return
    }
    let language: SegmenterLanguage = name.hasSuffix(".en") ? .english : .dutch
    let found = UnitComparison.found(Segmenter(language: language).segment(blocks: blocks))
    let expected = try UnitComparison.expected(path: Self.fixtures + "/pdf/\(name).units.tsv")
    #expect(found == expected, "\(UnitComparison.difference(found: found, expected: expected))")
  }
}
