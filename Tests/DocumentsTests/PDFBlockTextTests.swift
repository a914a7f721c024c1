import Testing

@testable import Documents

@Suite("PDF block text")
struct PDFBlockTextTests {
  /// A line of `text` in 10-point glyphs 5 points wide; `small` marks the indices set in 6 points.
  func line(_ text: String, y: Double = 0, small: Set<Int> = []) -> PDFLine? {
    let glyphs = text.unicodeScalars.enumerated().map { index, scalar in
      let size = small.contains(index) ? 6.0 : 10.0
      return PDFGlyph(
        scalar: scalar, box: PDFBox(x0: Double(index) * 5, y0: y, x1: Double(index) * 5 + 5, y1: y + size),
        size: size, bold: false)
    }
    return PDFLine(glyphs)
  }

  func joined(_ texts: [String]) throws -> String {
    var text = PDFBlockText()
    for piece in texts { text.append(try #require(line(piece))) }
    return text.text
  }

  @Test("a word hyphenated at a line end is joined; before a capital the hyphen stays; soft hyphens go")
  func hyphens() throws {
    #expect(try joined(["het be-", "leid is klaar"]) == "het beleid is klaar")
    #expect(try joined(["in Noord-", "Holland"]) == "in Noord-Holland")
    #expect(try joined(["de ver\u{AD}", "gadering"]) == "de vergadering")
    #expect(try joined(["een streepje -", "los"]) == "een streepje - los")
    #expect(try joined(["over WhatsApp-", "fraude en EU-", "landen"]) == "over WhatsApp-fraude en EU-landen")
    #expect(try joined(["in 2025–", "2026 en 2025-", "2026"]) == "in 2025–2026 en 2025-2026")
    #expect(
      try joined(["op https://www.fraudehelpdesk.nl/", "cijfers en/", "of"])
        == "op https://www.fraudehelpdesk.nl/cijfers en/of")
    #expect(try joined(["pincode –", "ook niet"]) == "pincode – ook niet")
    #expect(
      try joined(["*nadruk* en _code_ \\ blijven", "\"staan\""]) == "*nadruk* en _code_ \\ blijven \"staan\"")
  }

  @Test("ligatures are spelled out")
  func ligatures() throws {
    #expect(
      try joined(["de \u{FB01}nanciën en de e\u{FB03}ciënte \u{FB02}uit, \u{FB00} en \u{FB04}"])
        == "de financiën en de efficiënte fluit, ff en ffl")
  }

  @Test("small digits glued to a word are a note marker when a footnote has that number")
  func markers() throws {
    var text = PDFBlockText()
    text.append(try #require(line("de brief1 en 2020", small: [8])), noteNumbers: [1])
    #expect(text.text == "de brief en 2020")
    #expect(text.markers.map(\.number) == [1])
    #expect(text.markers.map(\.offset) == [8])
    var other = PDFBlockText()
    other.append(try #require(line("de brief1 en", small: [8])), noteNumbers: [2])
    #expect(other.text == "de brief1 en")
  }

  @Test("page numbers in their usual forms")
  func pageNumbers() {
    for text in ["3", "- 3 -", "3/12", "Pagina 3 van 12", "Page 3 of 12", "blz. 3", "3 van 12"] {
      #expect(PDFLayout.isPageNumber(text), "\(text)")
    }
    for text in ["2026-4711", "Artikel 3", "3 december", "1. Inleiding"] {
      #expect(!PDFLayout.isPageNumber(text), "\(text)")
    }
  }
}
