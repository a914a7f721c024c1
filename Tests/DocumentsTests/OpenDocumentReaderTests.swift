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
  }

  @Test("the letter fixtures: units as expected, letterhead as meta, nothing from header or footer")
  func letterFixtures() throws {
    try OfficeTestDocuments.checkLetter("nl", format: .odt)
    try OfficeTestDocuments.checkLetter("en", format: .odt)
  }
}
