import Documents
import Foundation
import Segmenter
import TestSupport
import Testing

@Suite("OpenDocument (ODT) reader")
struct OpenDocumentReaderTests {
  func units(_ text: String, automaticStyles: String = "", styles: String? = nil) throws -> [String] {
    try OfficeTestDocuments.units(
      OfficeTestDocuments.odt(text: text, automaticStyles: automaticStyles, styles: styles), format: .odt)
  }

  @Test("headings from text:h and outline-level styles; list items; table cells; spaces, tabs and breaks")
  func structure() throws {
    let styles = """
      <office:styles>
      <style:style style:name="Heading" style:family="paragraph"/>
      <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
        style:parent-style-name="Heading" style:default-outline-level="2"/>
      <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
      </office:styles>
      """
    let automatic = """
      <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_2"/>
      """
    let text = """
      <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
      <text:p text:style-name="Title">Annual letter</text:p>
      <text:h text:outline-level="1">Introduction</text:h>
      <text:p text:style-name="P1">Styled as a heading</text:p>
      <text:p>Body<text:s text:c="3"/>text<text:tab/>here.<text:line-break/>Second<text:soft-page-break/> sentence.</text:p>
      <text:list><text:list-item><text:p>First item</text:p></text:list-item>
      <text:list-item><text:p>Second item.</text:p><text:list><text:list-item><text:p>Nested item</text:p></text:list-item></text:list></text:list-item></text:list>
      <table:table><table:table-row><table:table-cell><text:p>Cell one</text:p></table:table-cell><table:table-cell><text:p>Cell two</text:p></table:table-cell></table:table-row></table:table>
      <text:p/>
      """
    #expect(
      try units(text, automaticStyles: automatic, styles: styles) == [
        "heading: Annual letter", "heading: Introduction", "heading: Styled as a heading",
        "sentence: Body text here.",
        "sentence: Second sentence.", "list-item: First item", "list-item: Second item.",
        "list-item: Nested item",
        "sentence: Cell one", "sentence: Cell two",
      ])
  }

  @Test("tracked changes read as accepted: the deleted text in text:tracked-changes is not read")
  func trackedChanges() throws {
    let text = """
      <text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info/><text:p>old </text:p></text:deletion></text:changed-region>
      <text:changed-region text:id="ct2"><text:insertion><office:change-info/></text:insertion></text:changed-region></text:tracked-changes>
      <text:p>The <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>new <text:change-end text:change-id="ct2"/>text.</text:p>
      """
    #expect(try units(text) == ["sentence: The new text."])
  }

  @Test("notes follow the sentence holding them; the citation is not text; fields show their text")
  func notes() throws {
    let text = """
      <text:p>Dutch letters are long.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>See the letter of <text:date>4 December</text:date>.</text:p></text:note-body></text:note> They have notes on page <text:page-number>2</text:page-number>.</text:p>
      """
    #expect(
      try units(text) == [
        "sentence: Dutch letters are long.", "footnote: See the letter of 4 December.",
        "sentence: They have notes on page 2.",
      ])
  }

  @Test("a frame before the body is letterhead; a frame later is a block of its own, before its anchor")
  func frames() throws {
    let text = """
      <draw:frame draw:name="Letterhead" text:anchor-type="page"><draw:text-box><text:p>Ministerie van Justitie</text:p><text:p>Postbus 20301<text:line-break/>2500 EH Den Haag</text:p></draw:text-box></draw:frame>
      <text:p>Geachte heer.</text:p>
      <text:p>Later frame:<draw:frame text:anchor-type="paragraph"><svg:title>A title</svg:title><draw:text-box><text:p>Frame text.</text:p></draw:text-box></draw:frame></text:p>
      """
    #expect(
      try units(text) == [
        "meta: Ministerie van Justitie", "meta: Postbus 20301", "meta: 2500 EH Den Haag",
        "sentence: Geachte heer.",
        "sentence: Frame text.", "sentence: Later frame:",
      ])
  }

  @Test("bad input: not a ZIP, a ZIP that is no ODT, a DOCTYPE in content.xml")
  func badInput() throws {
    let notZip = try #require(OfficeTestDocuments.error(Array("Just some text.\n".utf8), format: .odt))
    #expect(notZip.contains("not an ODT file"))
    let other = try OfficeTestDocuments.zip([("notes.txt", "hello")])
    #expect(try #require(OfficeTestDocuments.error(other, format: .odt)).contains("without content.xml"))
    let hostile = try OfficeTestDocuments.zip([
      ("mimetype", "application/vnd.oasis.opendocument.text"),
      (
        "content.xml",
        #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
          + "<office:document-content \(OfficeTestDocuments.openDocumentNamespaces)><office:body><office:text>"
          + "<text:p>&xxe;</text:p></office:text></office:body></office:document-content>"
      ),
    ])
    #expect(Document.detect(hostile) == .odt)
    #expect(try #require(OfficeTestDocuments.error(hostile, format: .odt)).contains("has a DOCTYPE"))
  }

  @Test("detection: the mimetype decides; without one, a content.xml; a spreadsheet given as ODT is refused")
  func detection() throws {
    let content =
      "<office:document-content \(OfficeTestDocuments.openDocumentNamespaces)><office:body><office:text>"
      + "<text:p>Hello there.</text:p></office:text></office:body></office:document-content>"
    let bare = try OfficeTestDocuments.zip([("content.xml", content)])
    #expect(try OfficeTestDocuments.units(bare, format: .odt) == ["sentence: Hello there."])
    let sheet = try OfficeTestDocuments.zip([
      ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      (
        "content.xml",
        "<office:document-content \(OfficeTestDocuments.openDocumentNamespaces)><office:body>"
          + "<office:spreadsheet/></office:body></office:document-content>"
      ),
    ])
    #expect(Document.detect(sheet) == nil)
    #expect(try #require(OfficeTestDocuments.error(sheet, format: .odt)).contains("not a text document"))
    // The kinds of OpenDocument text that share its body (a template, a master document, Writer/Web's
    // HTML template, as translate-toolkit's own test.odt is) are read as ODT; a drawing is not.
    for kind in ["text-template", "text-master", "text-master-template", "text-web"] {
      let file = try OfficeTestDocuments.zip([
        ("mimetype", "application/vnd.oasis.opendocument.\(kind)"), ("content.xml", content),
      ])
      #expect(Document.detect(file) == .odt, "\(kind)")
      #expect(try OfficeTestDocuments.units(file, format: .odt) == ["sentence: Hello there."], "\(kind)")
    }
    let drawing = try OfficeTestDocuments.zip([
      ("mimetype", "application/vnd.oasis.opendocument.graphics"), ("content.xml", content),
    ])
    #expect(Document.detect(drawing) == nil)
  }

  @Test(
    "flat ODT (.fodt): the fixtures' hand-written sources give the units LibreOffice's .odt of them gives")
  func flatOpenDocument() throws {
    let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")
    for language in ["nl", "en"] {
      let segmenter = Segmenter(language: language == "nl" ? .dutch : .english)
      func units(_ path: String) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Document.detect(bytes) == .odt, "\(path)")
        let read = try Document.read(bytes, file: path)
        guard case .blocks(let blocks) = read.content else {
          Issue.record("\(path) read as text")
          return []
        }
        return segmenter.segment(blocks: blocks).map { "\($0.kind.rawValue)\t\($0.text)" }
      }
      let flat = try units("\(fixtures)/source/letter.\(language).fodt")
      let package = try units("\(fixtures)/letter.\(language).odt")
      #expect(flat.count > 20)
      #expect(flat == package)
      #expect(flat.first?.hasPrefix("meta\t") == true, "the letterhead frame is meta, as in the package")
    }
    // A flat spreadsheet is an OpenDocument file but not text: refused by the reader, not read as text.
    let sheet = Array(
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document \(OfficeTestDocuments.openDocumentNamespaces) "
        + "office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\"><office:body><office:spreadsheet/>"
        + "</office:body></office:document>").utf8)
    #expect(Document.detect(sheet) == .odt)
    #expect(try #require(OfficeTestDocuments.error(sheet, format: .auto)).contains("not a text document"))
  }

  @Test("the letter fixtures: units as expected, letterhead as meta, nothing from header or footer")
  func letterFixtures() throws {
    try OfficeTestDocuments.checkLetter("nl", format: .odt)
    try OfficeTestDocuments.checkLetter("en", format: .odt)
  }
}
