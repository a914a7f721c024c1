import Documents
import Foundation
import Segmenter
import TestSupport
import Testing
import ZIPFoundation

@Suite("Word (DOCX) reader")
struct WordReaderTests {
  func units(_ body: String, styles: String? = nil, footnotes: String? = nil) throws -> [String] {
    try OfficeTestDocuments.units(
      OfficeTestDocuments.docx(body: body, styles: styles, footnotes: footnotes), format: .docx)
  }

  static let headingStyles = """
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/><w:basedOn w:val="Normal"/>
      <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="SubChapter"><w:name w:val="Sub"/><w:basedOn w:val="Chapter"/></w:style>
    <w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="Bullets"/>
      <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
    """

  @Test(
    "headings come from heading styles, outline levels (in the style chain or paragraph); lists from numPr")
  func headingsAndLists() throws {
    let body = """
      <w:p><w:pPr><w:pStyle w:val="Kop1"/></w:pPr><w:r><w:t>Inleiding</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="SubChapter"/></w:pPr><w:r><w:t>Based on an outline style</w:t></w:r></w:p>
      <w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Outline level in the paragraph</w:t></w:r></w:p>
      <w:p><w:r><w:t xml:space="preserve">Body text here. </w:t></w:r><w:r><w:t>Second sentence.</w:t></w:r></w:p>
      <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Numbered item</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Bullets"/></w:pPr><w:r><w:t>Bulleted by style</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Bullets"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering switched off.</w:t></w:r></w:p>
      <w:p/>
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p><w:p><w:r><w:t>Cell one again</w:t></w:r></w:p></w:tc>
      <w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
      <w:sectPr/>
      """
    #expect(
      try units(body, styles: Self.headingStyles) == [
        "heading: Inleiding", "heading: Based on an outline style", "heading: Outline level in the paragraph",
        "sentence: Body text here.", "sentence: Second sentence.", "list-item: Numbered item",
        "list-item: Bulleted by style", "sentence: Numbering switched off.", "sentence: Cell one",
        "sentence: Cell one again", "sentence: Cell two",
      ])
  }

  @Test(
    "tracked changes read as accepted: insertions and moved-to text kept, deletions and moved-from text dropped"
  )
  func trackedChanges() throws {
    let body = """
      <w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>old </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins><w:r><w:t>text.</w:t></w:r><w:moveFrom w:id="3"><w:r><w:t xml:space="preserve"> Moved away.</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> Moved here.</w:t></w:r></w:moveTo><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> Hidden text.</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> Shown.</w:t></w:r></w:p>
      """
    #expect(try units(body) == ["sentence: The new text.", "sentence: Moved here.", "sentence: Shown."])
  }

  @Test("fields show their result, not their instruction")
  func fields() throws {
    let body = """
      <w:p><w:r><w:t xml:space="preserve">Dated </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4 December 2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">, see page </w:t></w:r><w:fldSimple w:instr=" PAGEREF x "><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>
      <w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>and</w:t><w:br/><w:t>break</w:t><w:br w:type="page"/><w:t>co</w:t><w:softHyphen/><w:t>operate e</w:t><w:noBreakHyphen/><w:t>mail</w:t><w:sym w:font="Wingdings" w:char="F04A"/><w:t>.</w:t></w:r></w:p>
      <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>BROKEN</w:instrText></w:r></w:p>
      <w:p><w:r><w:t>A broken field hides nothing after its paragraph.</w:t></w:r></w:p>
      """
    #expect(
      try units(body) == [
        "sentence: Dated 4 December 2026, see page 3.", "sentence: Tab and break cooperate e-mail.",
        "sentence: A broken field hides nothing after its paragraph.",
      ])
  }

  @Test("Symbol-font symbols (w:sym) are their Unicode characters; other fonts' pictographs stay out")
  func symbols() throws {
    let body = """
      <w:p><w:r><w:t xml:space="preserve">Kosten </w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t xml:space="preserve"> 5 </w:t><w:sym w:font="Symbol" w:char="F0B4"/><w:t xml:space="preserve"> 3 </w:t><w:sym w:font="Symbol" w:char="F0AE"/><w:t xml:space="preserve"> hoog, </w:t><w:sym w:font="symbol" w:char="0061"/><w:t xml:space="preserve"> en </w:t><w:sym w:font="Symbol" w:char="F0B1"/><w:t>2</w:t><w:sym w:font="Symbol" w:char="F0B0"/><w:t>.</w:t></w:r></w:p>
      <w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> Punt</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0E6"/><w:sym w:font="Symbol" w:char="zz"/><w:sym w:font="Symbol" w:char="0141"/><w:t>.</w:t></w:r></w:p>
      """
    #expect(try units(body) == ["sentence: Kosten ≥ 5 × 3 → hoog, α en ±2°.", "sentence: • Punt."])
  }

  @Test(
    "footnotes and endnotes follow the sentence holding their reference; separators and the note's own mark are not text"
  )
  func footnotes() throws {
    let footnotes = """
      <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>continued</w:t></w:r></w:p></w:footnote>
      <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See the letter of 4 December.</w:t></w:r></w:p></w:footnote>
      """
    let body = """
      <w:p><w:r><w:t>Dutch letters are long.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> They have notes.</w:t></w:r></w:p>
      """
    #expect(
      try units(body, footnotes: footnotes) == [
        "sentence: Dutch letters are long.", "footnote: See the letter of 4 December.",
        "sentence: They have notes.",
      ])
  }

  @Test(
    "a text box before the body is letterhead read once (AlternateContent), not inline in its anchor paragraph"
  )
  func letterheadTextBox() throws {
    let box = """
      <w:txbxContent><w:p><w:r><w:t>Ministerie van Justitie</w:t></w:r></w:p><w:p><w:r><w:t>Postbus 20301</w:t><w:br/><w:t>2500 EH Den Haag</w:t></w:r></w:p></w:txbxContent>
      """
    let body = """
      <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp><wps:txbx>\(box)</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox>\(box)</v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Geachte heer.</w:t></w:r></w:p>
      <w:p><w:r><w:t>Later box:</w:t></w:r><w:r><w:pict><v:rect><v:textbox><w:txbxContent><w:p><w:r><w:t>Box text.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>
      """
    #expect(
      try units(body) == [
        "meta: Ministerie van Justitie", "meta: Postbus 20301", "meta: 2500 EH Den Haag",
        "sentence: Geachte heer.",
        "sentence: Box text.", "sentence: Later box:",
      ])
  }

  @Test("frame paragraphs (w:framePr) before the body are letterhead lines")
  func framedParagraphs() throws {
    let body = """
      <w:p><w:pPr><w:framePr w:w="4000" w:hAnchor="page"/></w:pPr><w:r><w:t>Gemeente Utrecht</w:t></w:r></w:p>
      <w:p><w:pPr><w:framePr w:w="4000" w:hAnchor="page"/></w:pPr><w:r><w:t>Stadsplateau 1</w:t></w:r></w:p>
      <w:p><w:r><w:t>Dear Sir.</w:t></w:r></w:p>
      """
    #expect(try units(body) == ["meta: Gemeente Utrecht", "meta: Stadsplateau 1", "sentence: Dear Sir."])
  }

  @Test("a DOCTYPE with entities (billion laughs, XXE) is refused and nothing is read")
  func doctypeRefused() throws {
    for doctype in [
      #"<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#,
      #"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
    ] {
      let document =
        "<?xml version=\"1.0\"?>\(doctype)<w:document \(OfficeTestDocuments.wordNamespaces)><w:body>"
        + "<w:p><w:r><w:t>&b;&xxe;</w:t></w:r></w:p></w:body></w:document>"
      let bytes = try OfficeTestDocuments.zip([("word/document.xml", document)])
      let message = try #require(OfficeTestDocuments.error(bytes, format: .docx))
      #expect(message.contains("word/document.xml has a DOCTYPE"))
    }
  }

  @Test("bad input: not a ZIP, a truncated ZIP, a ZIP that is no DOCX, a ZIP bomb")
  func badInput() throws {
    let notZip = try #require(OfficeTestDocuments.error(Array("Just some text.\n".utf8), format: .docx))
    #expect(notZip.contains("not a DOCX file"))
    let good = try OfficeTestDocuments.docx(body: "<w:p><w:r><w:t>Hello.</w:t></w:r></w:p>")
    let truncated = try #require(OfficeTestDocuments.error(Array(good.prefix(good.count / 2)), format: .docx))
    #expect(truncated.contains("not a readable ZIP archive"))
    let other = try OfficeTestDocuments.zip([("notes.txt", "hello")])
    let notDocx = try #require(OfficeTestDocuments.error(other, format: .docx))
    #expect(notDocx.contains("without word/document.xml"))
    #expect(Document.detect(other) == nil)

    // 64 MiB of spaces inside a paragraph: a few dozen KiB deflated, refused at a 16 MiB limit.
    let archive = try Archive(data: Data(), accessMode: .create)
    let head = Data("<w:document \(OfficeTestDocuments.wordNamespaces)><w:body><w:p><w:r><w:t>".utf8)
    let size = Int64(64 << 20)
    try archive.addEntry(
      with: "word/document.xml", type: .file, uncompressedSize: size, compressionMethod: .deflate
    ) { position, chunk in
      var data = Data(repeating: 0x20, count: chunk)
      if position == 0 { data.replaceSubrange(0..<head.count, with: head) }
      return data
    }
    let bomb = [UInt8](try #require(archive.data))
    #expect(bomb.count < 1 << 20)
    let refused = try #require(
      OfficeTestDocuments.error(bomb, format: .docx, limits: DocumentLimits(maxDecompressedBytes: 16 << 20)))
    #expect(refused.contains("possible ZIP bomb"))
  }

  @Test("a ZIP bomb whose directory claims small sizes is stopped by the decompressed-size budget")
  func lyingBomb() throws {
    // 32 MiB of spaces, deflated; then every size field of the entry (local header and central
    // directory) claims 100 bytes.
    let size = 32 << 20
    let archive = try Archive(data: Data(), accessMode: .create)
    try archive.addEntry(
      with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate
    ) { _, chunk in Data(repeating: 0x20, count: chunk) }
    var bytes = [UInt8](try #require(archive.data))
    func patch(_ offset: Int) {
      bytes.replaceSubrange(offset..<(offset + 4), with: [100, 0, 0, 0])
    }
    patch(22)  // local file header: uncompressed size
    let central = try #require(bytes.indices.last { bytes[$0...].starts(with: [0x50, 0x4B, 0x01, 0x02]) })
    patch(central + 24)  // central directory: uncompressed size
    let message = try #require(
      OfficeTestDocuments.error(bytes, format: .docx, limits: DocumentLimits(maxDecompressedBytes: 4 << 20)))
    #expect(message.contains("possible ZIP bomb"), "\(message)")
  }

  @Test("an entry whose directory claims more than the default 512 MiB is refused before it is decompressed")
  func claimedBomb() throws {
    var bytes = try OfficeTestDocuments.docx(body: "<w:p><w:r><w:t>Small.</w:t></w:r></w:p>")
    // The central directory record of word/document.xml: its uncompressed size claims 600 MiB.
    let name = Array("word/document.xml".utf8)
    let central = try #require(
      bytes.indices.first {
        bytes[$0...].starts(with: [0x50, 0x4B, 0x01, 0x02]) && bytes[($0 + 46)...].starts(with: name)
      })
    let claimed = UInt32(600 << 20)
    bytes.replaceSubrange(
      (central + 24)..<(central + 28), with: withUnsafeBytes(of: claimed.littleEndian, Array.init))
    let message = try #require(OfficeTestDocuments.error(bytes, format: .docx))
    #expect(message.contains("more than 512 MiB"), "\(message)")
  }

  @Test("the bad fixtures: a truncated DOCX and a text file named .docx, detected or given as DOCX")
  func badFixtures() throws {
    func bytes(_ name: String) throws -> [UInt8] {
      [UInt8](
        try Data(
          contentsOf: URL(fileURLWithPath: Repository.path("Tests/DocumentsTests/Fixtures/bad/\(name)"))))
    }
    let truncated = try bytes("truncated.docx")
    for format in [InputFormat.auto, .docx] {
      let message = try #require(OfficeTestDocuments.error(truncated, format: format))
      #expect(message.contains("not a readable ZIP archive (truncated or corrupt)"))
    }
    let notZip = try #require(OfficeTestDocuments.error(try bytes("not-a-zip.docx"), format: .docx))
    #expect(notZip.contains("not a DOCX file"))
    let other = try OfficeTestDocuments.zip([("notes.txt", "hello")])
    #expect(try #require(OfficeTestDocuments.error(other, format: .auto)).contains("neither a DOCX"))
  }

  @Test("the letter fixtures: units as expected, letterhead as meta, nothing from header or footer")
  func letterFixtures() throws {
    try OfficeTestDocuments.checkLetter("nl", format: .docx)
    try OfficeTestDocuments.checkLetter("en", format: .docx)
  }

  @Test("Word XML (Flat OPC): the letter fixtures' parts in one pkg:package give the units of the .docx")
  func flatWordXML() throws {
    let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")
    for language in ["nl", "en"] {
      let docx = "\(fixtures)/letter.\(language).docx"
      let archive = try Archive(url: URL(fileURLWithPath: docx), accessMode: .read)
      var parts = ""
      for name in ["word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/endnotes.xml"] {
        guard let entry = archive[name] else { continue }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        var xml = String(decoding: data, as: UTF8.self)
        if xml.hasPrefix("<?xml"), let end = xml.range(of: "?>") { xml = String(xml[end.upperBound...]) }
        parts +=
          "<pkg:part pkg:name=\"/\(name)\" pkg:contentType=\"application/xml\"><pkg:xmlData>\(xml)"
          + "</pkg:xmlData></pkg:part>"
      }
      let flat = Array(
        ("<?xml version=\"1.0\" standalone=\"yes\"?>\n<?mso-application progid=\"Word.Document\"?>\n"
          + "<pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">\(parts)</pkg:package>")
          .utf8)
      #expect(Document.detect(flat) == .docx)
      let segmenter = Segmenter(language: language == "nl" ? .dutch : .english)
      func units(_ bytes: [UInt8]) throws -> [String] {
        guard case .blocks(let blocks) = try Document.read(bytes, file: "letter").content else {
          Issue.record("read as text")
          return []
        }
        return segmenter.segment(blocks: blocks).map { "\($0.kind.rawValue)\t\($0.text)" }
      }
      let fromFlat = try units(flat)
      #expect(fromFlat.count > 20)
      #expect(fromFlat.contains { $0.hasPrefix("footnote\t") }, "the notes part is read")
      #expect(fromFlat == (try units([UInt8](try Data(contentsOf: URL(fileURLWithPath: docx))))))
    }
    // A package without a document part is refused with what is missing.
    let empty = Array(
      ("<?xml version=\"1.0\"?><pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
        + "</pkg:package>").utf8)
    #expect(try #require(OfficeTestDocuments.error(empty, format: .auto)).contains("/word/document.xml"))
  }
}
