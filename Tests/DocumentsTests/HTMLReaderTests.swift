import Documents
import Segmenter
import Testing

@Suite("HTML reader")
struct HTMLReaderTests {
  func units(_ html: String, language: SegmenterLanguage = .english) throws -> [Unit] {
    let read = try Document.read(Array(html.utf8), file: "page.html")
    #expect(read.format == .html)
    guard case .blocks(let blocks) = read.content else {
      Issue.record("HTML read as text")
      return []
    }
    return Segmenter(language: language).segment(blocks: blocks)
  }

  @Test("blocks come from the elements; site chrome, scripts and hidden text are dropped")
  func structure() throws {
    let page = """
      <!DOCTYPE html>
      <html lang="en"><head><title>Report</title><style>p { color: red }</style></head>
      <body>
      <header><nav><a href="/">Home</a> | <a href="/about">About</a></nav></header>
      <main>
      <h1>Annual report</h1>
      <p>The size MB=1000*1000 is used. Use <code>char *path</code> here.<br>A backslash (\\) escapes &amp; more.</p>
      <script>document.write("not text")</script>
      <p hidden>Hidden text.</p>
      <div style="display: none">Also hidden.</div>
      <ul><li>First item</li><li><p>Second item.</p></li></ul>
      <table><caption>Figures</caption><tr><th>Year</th><td>2026</td></tr></table>
      <div>Loose text in a div.</div>
      </main>
      <footer>Copyright 2026</footer>
      </body></html>
      """
    let found = try units(page).map { "\($0.kind.rawValue): \($0.text)" }
    #expect(
      found == [
        "heading: Annual report",
        "sentence: The size MB=1000*1000 is used.",
        "sentence: Use char *path here.",
        "sentence: A backslash (\\) escapes & more.",
        "list-item: First item",
        "list-item: Second item.",
        "sentence: Figures",
        "sentence: Year",
        "sentence: 2026",
        "sentence: Loose text in a div.",
      ])
  }

  @Test("pandoc footnotes follow the sentence that refers to them; markers and back links go")
  func pandocFootnotes() throws {
    let page = """
      <html><body>
      <p>Dutch letters are long.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> They have notes.</p>
      <section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
      <hr /><ol><li id="fn1"><p>See the letter of 4 December.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol>
      </section></body></html>
      """
    let found = try units(page).map { "\($0.kind.rawValue): \($0.text)" }
    #expect(
      found == [
        "sentence: Dutch letters are long.", "footnote: See the letter of 4 December.",
        "sentence: They have notes.",
      ])
  }

  @Test("LibreOffice footnotes and an address block")
  func libreOfficeFootnotes() throws {
    let page = """
      <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
      <html><body>
      <address>Ministerie van Justitie<br>Postbus 20301<br>2500 EH Den Haag</address>
      <p>De brief is lang.<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a> Hij heeft noten.</p>
      <div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Zie de brief van 4 december.</p></div>
      </body></html>
      """
    let found = try units(page, language: .dutch).map { "\($0.kind.rawValue): \($0.text)" }
    #expect(
      found == [
        "meta: Ministerie van Justitie", "meta: Postbus 20301", "meta: 2500 EH Den Haag",
        "sentence: De brief is lang.", "footnote: Zie de brief van 4 december.", "sentence: Hij heeft noten.",
      ])
  }

  /// The sentences of `bytes` read as a page.
  func sentences(_ bytes: [UInt8]) throws -> [String] {
    let read = try Document.read(bytes, file: "page.html")
    guard case .blocks(let blocks) = read.content else {
      Issue.record("HTML read as text")
      return []
    }
    return Segmenter(language: .dutch).segment(blocks: blocks).map(\.text)
  }

  @Test("encodings as a browser reads them: iso-8859-1 and undeclared non-UTF-8 pages are windows-1252")
  func encodings() throws {
    // "Café “quoted” € 5." in windows-1252: the quotes and the euro are bytes 0x80–0x9F, which
    // ISO-8859-1 makes C1 controls (and the text lost them).
    let body: [UInt8] =
      Array("<p>Caf".utf8) + [0xE9, 0x20, 0x93] + Array("quoted".utf8) + [0x94, 0x20, 0x80]
      + Array(" 5.</p></body></html>".utf8)
    let expected = ["Café “quoted” € 5."]
    for head in [
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>",
      "<!DOCTYPE html><html><head><META CHARSET='Latin1'></head><body>",
      "<html><head><meta charset=windows-1252></head><body>",
      "<html><body>",
      "<html><head><meta charset=\"utf-8\"></head><body>",
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>",
    ] {
      #expect(try sentences(Array(head.utf8) + body) == expected, "\(head)")
    }
    // A UTF-8 page with one stray byte is not made windows-1252 throughout (its é stays é).
    let stray =
      Array("<html><body><p>Café en naïef, één keer.</p><p>Dag".utf8) + [0xA0]
      + Array(" zo.</p></body></html>".utf8)
    #expect(try sentences(stray).first == "Café en naïef, één keer.")
    // UTF-8 (declared or not) and other declared encodings stay libxml2's.
    let utf8 = Array("<html><body><p>Café “quoted” € 5.</p></body></html>".utf8)
    #expect(try sentences(utf8) == expected)
    let cyrillic: [UInt8] =
      Array("<html><head><meta charset=\"koi8-r\"></head><body><p>".utf8)
      + [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] + Array(".</p></body></html>".utf8)
    #expect(try sentences(cyrillic) == ["Привет."])
  }

  @Test("detection: HTML by its start, not by its name; text stays text")
  func detection() {
    #expect(Document.detect(Array("\u{FEFF}  <!-- x --><!doctype html><p>x".utf8)) == .html)
    #expect(
      Document.detect(Array("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">".utf8))
        == .html)
    #expect(Document.detect(Array("A sentence about <html> tags.\n".utf8)) == nil)
    #expect(Document.detect(Array("# Title\n\nText.\n".utf8)) == nil)
  }

  @Test("a page nested 10 000 deep is refused with the limit in the message")
  func deepNesting() {
    let page = "<html><body>" + String(repeating: "<div>", count: 10_000) + "deep" + "</body></html>"
    #expect {
      _ = try Document.read(Array(page.utf8), file: "deep.html")
    } throws: { error in
      "\(error)".contains("deep.html: nests elements") && "\(error)".contains("limit of 256")
    }
  }

  @Test(
    "the LibreOffice HTML letters: units as expected, the letterhead box as meta, no page header or footer")
  func letterFixtures() throws {
    try OfficeTestDocuments.checkLetter("nl", format: .html)
    try OfficeTestDocuments.checkLetter("en", format: .html)
  }

  @Test(
    "a footnote that refers to itself, or two that refer to each other, is read once (fuzz finding: stack overflow)"
  )
  func noteCycles() throws {
    let page = """
      <html><body>
      <p>Text.<a href="#fn1" role="doc-noteref">1</a> More.<a href="#fn2" role="doc-noteref">2</a></p>
      <section role="doc-endnotes"><ol>
      <li id="fn1"><p>Note one.<a href="#fn1">1</a> <a href="#fn2">2</a></p></li>
      <li id="fn2"><p>Note two.<a href="#fn1">1</a></p></li>
      </ol></section></body></html>
      """
    let found = try units(page).map { "\($0.kind.rawValue): \($0.text)" }
    // Note two is first referred to from note one, so it is read there (after its paragraph).
    #expect(found == ["sentence: Text.", "footnote: Note one.", "sentence: More.", "footnote: Note two."])
  }
}
