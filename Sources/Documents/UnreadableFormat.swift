/// Files whose format Tweetal recognises but does not read, refused with what they are and what to
/// do rather than read as text: their markup or control words would become the sentences of the
/// alignment. Only when the format is detected (`--input-format text` still reads any of them as
/// text).
enum UnreadableFormat {
  /// Why a file starting with `head` (its first bytes) is refused, or nil when it may be text.
  static func refusal(head: [UInt8]) -> String? {
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return "is an old binary Office file (Word 97–2003 .doc, or .xls, .ppt), which Tweetal does not "
        + "read; save it as .docx or .odt (Word, LibreOffice: `soffice --headless --convert-to docx`)"
    }
    var rtf = head[...]
    if rtf.starts(with: [0xEF, 0xBB, 0xBF]) { rtf = rtf.dropFirst(3) }
    if rtf.starts(with: Array("{\\rtf".utf8)) {
      return "is an RTF document, which Tweetal does not read: its control words would be aligned as "
        + "text; save it as .docx or .odt (Word, LibreOffice: `soffice --headless --convert-to docx`), or "
        + "pass --input-format text to align it as it is"
    }
    guard XMLHead.declaresXML(head) else { return nil }
    // XML of a kind no reader takes (DocBook, TEI, XLIFF, SVG, Word 2003 XML, a TMX given as a
    // document).
    let rootName = XMLHead.rootName(head)
    if rootName == "tmx" {
      return "is a TMX translation memory, not a document to align; `tweetal show`, `stats`, `review` "
        + "and `export` read alignments"
    }
    let root = rootName.map { " (its root element is <\($0)>)" } ?? ""
    return "is an XML document of a kind Tweetal does not read\(root); Tweetal reads XHTML, flat "
      + "OpenDocument text (.fodt) and Word XML (Flat OPC) as XML. Export its text (or save it as "
      + ".docx, .odt or HTML), or pass --input-format text to align it, markup and all, as plain text"
  }
}
