public import Segmenter

/// Reads OpenDocument text documents (ODT): `content.xml`, with the paragraph styles of
/// `styles.xml` for outline levels.
///
/// `text:h` and paragraphs whose style has an outline level (or is the Title style) are
/// headings; paragraphs of `text:list-item` list items; each table cell paragraph is a block.
/// `text:note` becomes a note at its place (its citation is not text). Tracked changes read as
/// accepted (the deleted text stands apart, in `text:tracked-changes`); frames are blocks of
/// their own, and those before the body (a letterhead) are meta lines. Headers and footers
/// (master pages in `styles.xml`) and comments are not read.
public struct OpenDocumentReader: DocumentReader {
  public static let format = InputFormat.odt
  let limits: DocumentLimits

  public init(limits: DocumentLimits) {
    self.limits = limits
  }

  /// An ODT file is a ZIP archive whose `mimetype` is one of OpenDocument text's (or, without a
  /// `mimetype`, one with a `content.xml` and no Word part), or a flat OpenDocument file
  /// (``isFlat(_:)``). OpenDocument text's mimetypes: the text document itself and its
  /// kinds that share its `office:text` body: a template (`.ott`), a master document (`.odm`)
  /// and its template, and LibreOffice's HTML document template (`text-web`, `.oth`).
  public static func recognises(_ probe: DocumentProbe) -> Bool {
    guard let entries = probe.zipEntries else { return isFlat(probe) }
    if let mimetype = probe.mimetype?.trimmingSpaces {
      return textMimetypes.contains(mimetype)
    }
    return entries.contains("content.xml") && !entries.contains("word/document.xml")
  }

  static let textMimetypes: Set<String> = [
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
    "application/vnd.oasis.opendocument.text-master",
    "application/vnd.oasis.opendocument.text-master-template",
    "application/vnd.oasis.opendocument.text-web",
  ]

  public func blocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock] {
    if !bytes.starts(with: [0x50, 0x4B]), Self.isFlat(DocumentProbe(head: Array(bytes.prefix(4096)))) {
      return try flatBlocks(of: bytes, file: file)
    }
    guard bytes.starts(with: [0x50, 0x4B]) else {
      throw DocumentError(
        file: file,
        message:
          "is not an ODT file: an ODT file is a ZIP archive (or, saved as flat XML, an office:document) "
          + "and this one is neither; check --input-format, or save the document as .odt again")
    }
    let package = try ZipPackage(bytes, file: file, limits: limits)
    guard let content = try package.data("content.xml") else {
      throw DocumentError(
        file: file,
        message: "is a ZIP archive without content.xml, so not an OpenDocument text (ODT); check "
          + "--input-format, or save the document as .odt again")
    }
    var styles = OpenDocumentStyles()
    if let bytes = try package.data("styles.xml") {
      try SafeXML.parseXML(bytes, file: file, part: "styles.xml", limits: limits) { root in
        styles.add(root)
      }
    }
    return try SafeXML.parseXML(content, file: file, part: "content.xml", limits: limits) {
      root throws(DocumentError) in
      guard root.isElement("document-content") else {
        throw DocumentError(
          file: file,
          message: "has a content.xml that is not OpenDocument content (its root is \(root.name)); "
            + "save the document as .odt again")
      }
      return try Self.textBlocks(root, styles: styles, file: file)
    }
  }

  /// A flat OpenDocument file (`.fodt`, LibreOffice's "Flat XML ODF Text Document", often kept in
  /// version control; or a package's `content.xml` given alone): one XML document whose root,
  /// `office:document` (or `office:document-content`), holds the styles and the body that a
  /// package keeps in `styles.xml` and `content.xml`.
  private func flatBlocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock] {
    try SafeXML.parseXML(bytes, file: file, part: "office:document (flat ODT)", limits: limits) {
      root throws(DocumentError) in
      guard root.isElement("document") || root.isElement("document-content"),
        root.namespace == Self.officeNamespace
      else {
        throw DocumentError(
          file: file,
          message: "is XML but not a flat OpenDocument file (its root is \(root.name), not office:document); "
            + "check --input-format, or save the document as .odt again")
      }
      return try Self.textBlocks(root, styles: OpenDocumentStyles(), file: file)
    }
  }

  /// The blocks of the `office:text` bodies of `root` (a `content.xml` or a flat document), with
  /// the paragraph styles of `styles` and of `root` itself.
  private static func textBlocks(_ root: XMLNode, styles: OpenDocumentStyles, file: String)
    throws(DocumentError) -> [DocumentBlock]
  {
    var styles = styles
    styles.add(root)
    var walker = OpenDocumentWalker(styles: styles)
    var isText = false
    for body in root.children where body.isElement("body") {
      for text in body.children where text.isElement("text") {
        isText = true
        walker.blockContent(text)
      }
    }
    guard isText else {
      throw DocumentError(
        file: file,
        message: "is an OpenDocument file but not a text document (no office:text body: a spreadsheet, "
          + "presentation or drawing?); save the text as .odt, or export it as text")
    }
    return walker.output.blocks
  }

  static let officeNamespace = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

  /// Whether `probe`'s head is a flat OpenDocument file: XML (after a byte-order mark, the XML
  /// declaration and comments) whose first element is `document` or `document-content` under any
  /// prefix, with the office namespace declared in the head. Any kind (a flat spreadsheet too), so
  /// that the reader, not the text path, says what it is.
  static func isFlat(_ probe: DocumentProbe) -> Bool {
    XMLHead.hasRoot(probe.head, named: ["document", "document-content"], declaring: officeNamespace)
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(unicodeScalars.filter { !$0.properties.isWhitespace })
  }
}

/// Walks OpenDocument block content (the body, a section, a list item, a cell, a frame, a note)
/// into blocks.
struct OpenDocumentWalker {
  static let textNamespace = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  let styles: OpenDocumentStyles
  var output = OfficeBlocks()

  /// Reads block-level content; paragraphs inside a list are list items.
  mutating func blockContent(_ node: XMLNode, inList: Bool = false) {
    for child in node.children where child.isElement {
      switch child.name {
      case "h": paragraph(child, kind: .heading)
      case "p":
        let style = child.attribute("style-name", namespace: Self.textNamespace)
        paragraph(child, kind: styles.isHeading(style) ? .heading : inList ? .listItem : .paragraph)
      case "list", "list-item", "list-header": blockContent(child, inList: true)
      case "table", "table-rows", "table-header-rows", "table-row-group", "table-row", "table-cell",
        "section",
        "index-body", "index-title", "table-of-content", "alphabetical-index", "illustration-index",
        "table-index", "object-index", "user-index", "bibliography":
        blockContent(child, inList: inList)
      case "frame": frame(child)
      default: break  // tracked changes, declarations, forms, covered cells
      }
    }
  }

  private mutating func frame(_ frame: XMLNode) {
    var frameOutput = output
    frameOutput.frame { inner in
      var walker = OpenDocumentWalker(styles: styles, output: inner)
      for box in frame.children where box.isElement("text-box") { walker.blockContent(box) }
      inner = walker.output
    }
    output = frameOutput
  }

  private mutating func paragraph(_ paragraph: XMLNode, kind: DocumentBlock.Kind) {
    var text = OfficeText()
    var frames: [XMLNode] = []
    inline(paragraph, into: &text, frames: &frames)
    for frame in frames { self.frame(frame) }
    output.add(kind, text)
  }

  private func inline(_ node: XMLNode, into text: inout OfficeText, frames: inout [XMLNode]) {
    for child in node.children {
      if child.isText {
        text.append(child.text)
        continue
      }
      guard child.isElement else { continue }
      switch child.name {
      case "s":
        let count = child.attribute("c", namespace: Self.textNamespace).flatMap { Int($0) } ?? 1
        text.append(String(repeating: " ", count: min(max(count, 1), 1000)))
      case "tab": text.append(" ")
      case "line-break": text.append(output.inMeta ? "\n" : " ")
      case "note":
        var blocks: [DocumentBlock] = []
        for body in child.children where body.isElement("note-body") {
          var walker = OpenDocumentWalker(styles: styles)
          walker.blockContent(body)
          blocks += walker.output.blocks.map { DocumentBlock(kind: .footnote, text: $0.text) }
        }
        text.note(blocks)
      case "frame": frames.append(child)
      case "a" where child.namespace != Self.textNamespace: inline(child, into: &text, frames: &frames)
      case "note-citation", "ruby-text", "soft-page-break", "tracked-changes", "annotation", "annotation-end",
        "bookmark", "bookmark-start", "bookmark-end", "change", "change-start", "change-end":
        break
      default:
        // Spans, links and fields (dates, page numbers, references) show their text; other
        // vocabularies (drawings, forms, comments) are not text.
        if child.namespace == Self.textNamespace { inline(child, into: &text, frames: &frames) }
      }
    }
  }
}

/// The paragraph styles of `styles.xml` and `content.xml`: which are headings (an outline level,
/// or the Title style), following `style:parent-style-name`.
struct OpenDocumentStyles {
  static let styleNamespace = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

  struct Style {
    var parent: String?
    var outlineLevel: Int?
    var isTitle: Bool
  }

  private var styles: [String: Style] = [:]

  /// Adds the paragraph styles of a `styles.xml` or `content.xml` root.
  mutating func add(_ root: XMLNode) {
    let namespace = Self.styleNamespace
    for group in root.children
    where group.isElement("styles") || group.isElement("automatic-styles") {
      for node in group.children where node.isElement("style") {
        guard node.attribute("family", namespace: namespace) == "paragraph",
          let name = node.attribute("name", namespace: namespace)
        else { continue }
        let display = node.attribute("display-name", namespace: namespace) ?? name
        styles[name] = Style(
          parent: node.attribute("parent-style-name", namespace: namespace),
          outlineLevel: node.attribute("default-outline-level", namespace: namespace).flatMap { Int($0) },
          isTitle: display == "Title" || name == "Title")
      }
    }
  }

  /// Whether paragraphs of style `name` are headings.
  func isHeading(_ name: String?) -> Bool {
    var next = name
    var steps = 0
    while let current = next, let style = styles[current], steps < 16 {
      if let level = style.outlineLevel { return level > 0 }
      if style.isTitle { return true }
      next = style.parent
      steps += 1
    }
    return false
  }
}
