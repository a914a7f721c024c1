import Documents
import Foundation
import Segmenter
import Testing

/// Formats Tweetal recognises but does not read (XML no reader takes, RTF, old binary Office) are
/// refused with what they are, not aligned as text: their markup would become sentences.
@Suite("Formats recognised and refused")
struct UnreadableFormatTests {
  func read(_ text: String, format: InputFormat = .auto) throws(DocumentError) -> DocumentContent {
    try Document.read(Array(text.utf8), file: "in.xml", format: format).content
  }

  func error(_ text: String) -> String? {
    do {
      _ = try read(text)
      return nil
    } catch {
      return error.message
    }
  }

  @Test("XML that declares itself and is not XHTML or OpenDocument is refused, naming its root element")
  func otherKindsRefused() throws {
    let docbook =
      "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a manual -->\n"
      + "<!DOCTYPE book PUBLIC \"-//OASIS//DTD DocBook XML V4.5//EN\" \"docbookx.dtd\">\n"
      + "<book><para>De regering antwoordt.</para></book>\n"
    let message = try #require(error(docbook))
    #expect(message.contains("<book>"))
    #expect(message.contains("--input-format text"))
    let xliff = "<?xml version='1.0'?><xliff version=\"1.2\"><file/></xliff>"
    #expect(try #require(error(xliff)).contains("<xliff>"))
    let tmx = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>"
    #expect(try #require(error(tmx)).contains("TMX translation memory"))
  }

  @Test("RTF and old binary Office files are refused with the conversion to make")
  func rtfAndBinaryOffice() throws {
    let rtf = "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Dit is een zin.\\par}\n"
    let message = try #require(error(rtf))
    #expect(message.contains("RTF") && message.contains(".docx"))
    guard case .text(let text) = try read(rtf, format: .text) else {
      Issue.record("RTF asked for as text not read as text")
      return
    }
    #expect(text == rtf)
    let doc: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
    do {
      _ = try Document.read(doc, file: "brief.doc")
      Issue.record("a .doc was read")
    } catch {
      #expect(error.message.contains("Word 97–2003"))
    }
    // Text that mentions RTF is text.
    guard case .text = try read("Het bestand {\\rtf1} is kapot.\n") else {
      Issue.record("text read as a document")
      return
    }
  }

  @Test("asked for as text, the same XML is read as text, every character kept")
  func textWhenAsked() throws {
    let xml = "<?xml version=\"1.0\"?>\n<note>Hallo daar.</note>\n"
    guard case .text(let text) = try read(xml, format: .text) else {
      Issue.record("not read as text")
      return
    }
    #expect(text == xml)
  }

  @Test("text that merely starts with markup, XHTML and flat OpenDocument are not refused")
  func notRefused() throws {
    guard case .text = try read("<b>Let op:</b> de termijn verloopt.\n") else {
      Issue.record("markup-led text not read as text")
      return
    }
    #expect(
      Document.detect(
        Array("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><p>x".utf8))
        == .html)
    func flatDocument(prefix o: String) -> String {
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(o):document "
        + "xmlns:\(o)=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        + "\(o):mimetype=\"application/vnd.oasis.opendocument.text\"><\(o):body><\(o):text>"
        + "<text:h text:outline-level=\"1\">Inleiding</text:h><text:p>Dit is een zin. En nog een.</text:p>"
        + "</\(o):text></\(o):body></\(o):document>"
    }
    let flat = flatDocument(prefix: "office")
    #expect(Document.detect(Array(flat.utf8)) == .odt)
    guard case .blocks(let blocks) = try read(flat) else {
      Issue.record("flat ODT not read as blocks")
      return
    }
    let units = Segmenter(language: .dutch).segment(blocks: blocks).map { "\($0.kind.rawValue): \($0.text)" }
    #expect(units == ["heading: Inleiding", "sentence: Dit is een zin.", "sentence: En nog een."])
    // The office namespace under another prefix is the same document.
    let prefixed = flatDocument(prefix: "o")
    #expect(Document.detect(Array(prefixed.utf8)) == .odt)
    guard case .blocks(let same) = try read(prefixed) else {
      Issue.record("flat ODT with another prefix not read as blocks")
      return
    }
    #expect(same.count == blocks.count)
  }
}
