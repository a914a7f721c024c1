public import Segmenter

/// Reads Word documents (DOCX, Office Open XML): `word/document.xml` with the paragraph styles of
/// `word/styles.xml` and the notes of `word/footnotes.xml` and `word/endnotes.xml`.
///
/// A paragraph with a heading style (Heading 1…, Title) or an outline level is a heading; one
/// with numbering (`w:numPr`, in the paragraph or its style) a list item; each table cell
/// paragraph is a block. Footnote and endnote references become notes at their place. Tracked
/// changes read as accepted; fields show their result; text boxes and frames are blocks of their
/// own, and those before the body (a letterhead) are meta lines. Headers and footers are not read.
public struct WordReader: DocumentReader {
  public static let format = InputFormat.docx
  let limits: DocumentLimits

  public init(limits: DocumentLimits) {
    self.limits = limits
  }

  /// A DOCX file is a ZIP archive with a `word/document.xml` entry.
  public static func recognises(_ probe: DocumentProbe) -> Bool {
    probe.zipEntries?.contains("word/document.xml") ?? false
  }

  public func blocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock] {
    guard bytes.starts(with: [0x50, 0x4B]) else {
      throw DocumentError(
        file: file,
        message: "is not a DOCX file: a DOCX file is a ZIP archive and this one does not start like one; "
          + "check --input-format, or save the document as .docx again")
    }
    let package = try ZipPackage(bytes, file: file, limits: limits)
    guard let document = try package.data("word/document.xml") else {
      throw DocumentError(
        file: file,
        message: "is a ZIP archive without word/document.xml, so not a Word document (DOCX); check "
          + "--input-format, or save the document as .docx again")
    }
    var styles = WordStyles()
    if let bytes = try package.data("word/styles.xml") {
      styles = try SafeXML.parseXML(bytes, file: file, part: "word/styles.xml", limits: limits) { root in
        WordStyles(root: root)
      }
    }
    let footnotes = try notes(package, "word/footnotes.xml", file: file, styles: styles)
    let endnotes = try notes(package, "word/endnotes.xml", file: file, styles: styles)
    return try SafeXML.parseXML(document, file: file, part: "word/document.xml", limits: limits) { root in
      var walker = WordWalker(styles: styles, namespace: root.namespace)
      walker.footnotes = footnotes
      walker.endnotes = endnotes
      for child in root.children where child.isElement("body") { walker.blockContent(child) }
      return walker.blocks
    }
  }

  /// The notes of a footnotes or endnotes part by their ID, each a list of footnote blocks;
  /// separators and continuation notices are left out.
  private func notes(
    _ package: ZipPackage, _ part: String, file: String, styles: WordStyles
  ) throws(DocumentError) -> [String: [DocumentBlock]] {
    guard let bytes = try package.data(part) else { return [:] }
    return try SafeXML.parseXML(bytes, file: file, part: part, limits: limits) { root in
      var notes: [String: [DocumentBlock]] = [:]
      let namespace = root.namespace
      for note in root.children where note.isElement("footnote") || note.isElement("endnote") {
        guard let id = note.attribute("id", namespace: namespace) else { continue }
        if let type = note.attribute("type", namespace: namespace), type != "normal" { continue }
        var walker = WordWalker(styles: styles, namespace: namespace)
        walker.blockContent(note)
        notes[id] = walker.blocks.map { DocumentBlock(kind: .footnote, text: $0.text) }
      }
      return notes
    }
  }
}
