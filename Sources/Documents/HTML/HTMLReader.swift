public import Segmenter

/// Reads HTML and XHTML pages with libxml2's HTML parser (``SafeXML``): blocks from `p`,
/// `h1`–`h6`, `li`, `td`/`th`, `blockquote`, `pre`, `dt`/`dd`, `caption`, `address` (meta, a
/// line per `br`); text standing directly in a container (`div`, `section`, `body`) is a
/// paragraph of its own.
///
/// Dropped: `head`, `script`, `style`, `noscript`, `template`, `nav`, form controls, embedded
/// objects, hidden elements (`hidden`, `aria-hidden="true"`, `display:none`,
/// `visibility:hidden`), and the site's `header`/`footer` (those not inside `article` or `main`).
/// Footnotes (pandoc's `doc-endnotes`/`footnotes` sections, LibreOffice's `sdfootnote`/
/// `sdendnote` divisions, any `doc-footnote`/`doc-endnote` element) become footnote blocks
/// attached where their reference stood; the reference and back links are not text.
/// `br` inside a paragraph is a space; character references are decoded by the parser.
public struct HTMLReader: DocumentReader {
  public static let format = InputFormat.html
  let limits: DocumentLimits

  public init(limits: DocumentLimits) {
    self.limits = limits
  }

  /// An HTML page starts, after a byte-order mark, white space, an XML declaration and comments,
  /// with `<!DOCTYPE html` or `<html`.
  public static func recognises(_ probe: DocumentProbe) -> Bool {
    guard let markup = XMLHead.firstMarkup(probe.head) else { return false }
    let lower = markup.prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    return lower.starts(with: Array("<!doctype html".utf8)) || lower.starts(with: Array("<html".utf8))
  }

  public func blocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock] {
    try SafeXML.parseHTML(bytes, file: file, limits: limits, encoding: HTMLEncoding.libxml2Name(of: bytes)) {
      root in
      var walker = HTMLWalker(root: root)
      return walker.blocks()
    }
  }
}

/// Walks a parsed page once to find its footnotes, once more to make its blocks.
private struct HTMLWalker {
  let root: XMLNode
  /// Footnote bodies by `id`.
  private var noteBodies: [String: XMLNode] = [:]
  /// The ids that some link refers to (`href="#id"`).
  private var referenced: Set<String> = []
  /// Footnotes already read: each is read once, at its first reference, so that a note that
  /// refers to itself (or two that refer to each other) cannot recurse without end.
  private var readNotes: Set<String> = []
  private var output: [DocumentBlock] = []
  private var current = BlockText()

  init(root: XMLNode) {
    self.root = root
  }

  mutating func blocks() -> [DocumentBlock] {
    findNotes(root, inNoteList: false)
    referenced = Set(referenced.map { noteID($0) ?? $0 })
    walk(root, kind: .paragraph, inArticle: false)
    flush(.paragraph)
    return output
  }

  // MARK: - Footnotes

  private mutating func findNotes(_ node: XMLNode, inNoteList: Bool) {
    for child in node.children where child.isElement {
      if child.isElement("a"), let href = child.attribute("href"), href.hasPrefix("#") {
        referenced.insert(String(href.dropFirst()))
      }
      let id = child.attribute("id") ?? child.attribute("name")
      if let id, Self.isNoteBody(child, id: id, inNoteList: inNoteList) {
        noteBodies[id] = child
      }
      findNotes(child, inNoteList: inNoteList || Self.isNoteList(child))
    }
  }

  private static func isNoteList(_ node: XMLNode) -> Bool {
    let role = node.attribute("role") ?? ""
    let classes = node.attribute("class")?.split(separator: " ") ?? []
    return role == "doc-endnotes" || role == "doc-footnotes" || classes.contains("footnotes")
      || classes.contains("endnotes")
  }

  private static func isNoteBody(_ node: XMLNode, id: String, inNoteList: Bool) -> Bool {
    let role = node.attribute("role") ?? ""
    if role == "doc-footnote" || role == "doc-endnote" { return true }
    if inNoteList, node.isElement("li") { return true }
    // LibreOffice: <div id="sdfootnote1">, <div id="sdendnote1">.
    for prefix in ["sdfootnote", "sdendnote"] where id.hasPrefix(prefix) {
      return id.dropFirst(prefix.count).allSatisfy(\.isNumber) && id.count > prefix.count
    }
    return false
  }

  /// A link to a footnote: its target is a footnote body.
  private func noteTarget(_ node: XMLNode) -> String? {
    guard node.isElement("a"), let href = node.attribute("href"), href.hasPrefix("#") else { return nil }
    return noteID(String(href.dropFirst()))
  }

  /// The footnote body a link target names: the body's id, or (LibreOffice) the id of the
  /// number inside it, `sdfootnote1sym` for the body `sdfootnote1`.
  private func noteID(_ target: String) -> String? {
    if noteBodies[target] != nil { return target }
    if target.hasSuffix("sym"), noteBodies[String(target.dropLast(3))] != nil {
      return String(target.dropLast(3))
    }
    return nil
  }

  /// A back link from a footnote to its reference (pandoc's `footnote-back`, LibreOffice's
  /// `sdfootnotesym`): not text.
  private static func isBackLink(_ node: XMLNode) -> Bool {
    guard node.isElement("a") else { return false }
    let role = node.attribute("role") ?? ""
    let classes = node.attribute("class")?.split(separator: " ") ?? []
    return role == "doc-backlink" || classes.contains("footnote-back") || classes.contains("sdfootnotesym")
      || classes.contains("sdendnotesym")
  }

  // MARK: - Blocks

  private static let skipped: Set<String> = [
    "head", "script", "style", "noscript", "template", "nav", "button", "select", "option", "textarea",
    "input", "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video", "map",
  ]
  private static let blockKinds: [String: DocumentBlock.Kind] = [
    "p": .paragraph, "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading,
    "h6": .heading, "li": .listItem, "td": .paragraph, "th": .paragraph, "pre": .code, "dt": .paragraph,
    "dd": .paragraph, "caption": .paragraph, "address": .meta, "figcaption": .paragraph,
    "summary": .paragraph,
  ]
  private static let containers: Set<String> = [
    "html", "body", "div", "section", "article", "main", "aside", "blockquote", "ul", "ol", "dl", "table",
    "thead", "tbody", "tfoot", "tr", "figure", "form", "fieldset", "details", "center", "hr", "menu",
    "header", "footer", "legend", "colgroup", "col",
  ]

  /// An element positioned out of the text flow (`position: absolute|fixed`, `float`) that
  /// holds paragraphs of its own.
  private static func isPositionedBox(_ node: XMLNode) -> Bool {
    guard node.hasAttributes, let style = node.attribute("style")?.lowercased().filter({ !$0.isWhitespace }),
      style.contains("position:absolute") || style.contains("position:fixed") || style.contains("float:left")
        || style.contains("float:right")
    else { return false }
    return node.children.contains { $0.isElement("p") || $0.isElement("div") }
  }

  private static func isHidden(_ node: XMLNode) -> Bool {
    guard node.hasAttributes else { return false }
    if node.attribute("hidden") != nil { return true }
    if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
    if let style = node.attribute("style")?.lowercased().filter({ !$0.isWhitespace }),
      style.contains("display:none") || style.contains("visibility:hidden")
    {
      return true
    }
    return false
  }

  private mutating func walk(_ node: XMLNode, kind: DocumentBlock.Kind, inArticle: Bool) {
    for child in node.children {
      if child.isText {
        current.append(child.textBytes)
        continue
      }
      guard child.isElement else { continue }
      let name = child.name  // libxml2's HTML parser gives element names in lower case
      if Self.skipped.contains(name) || Self.isHidden(child) { continue }
      if (name == "header" || name == "footer") && !inArticle { continue }
      // LibreOffice's HTML export writes the page header and footer as <div title="header">.
      if name == "div", child.hasAttributes, let title = child.attribute("title"),
        title == "header" || title == "footer"
      {
        continue
      }
      if let id = child.attribute("id") ?? child.attribute("name"), noteBodies[id] != nil,
        referenced.contains(id)
      {
        continue  // a footnote body: read where it is referenced
      }
      if Self.isBackLink(child) { continue }
      if let target = noteTarget(child) {
        if let body = noteBodies[target], !readNotes.contains(target) {
          readNotes.insert(target)
          var notes = HTMLWalker(root: root)
          notes.noteBodies = noteBodies
          notes.referenced = referenced
          notes.readNotes = readNotes
          notes.walk(body, kind: .footnote, inArticle: true)
          notes.flush(.footnote)
          readNotes = notes.readNotes
          let blocks = notes.output.map { DocumentBlock(kind: .footnote, text: $0.text, notes: $0.notes) }
          if !blocks.isEmpty {
            current.notes.append(DocumentBlock.Note(offset: current.count, blocks: blocks))
          }
        }
        continue
      }
      if name == "br" {
        current.lineBreak(kind: kind)
        continue
      }
      let inArticleNow = inArticle || name == "article" || name == "main"
      if Self.isPositionedBox(child) {
        // A box taken out of the flow (LibreOffice's frames, a side column): its lines are
        // letterhead-like meta, read before the block it is anchored in.
        let outer = current.take()
        walk(child, kind: .meta, inArticle: inArticleNow)
        flush(.meta)
        current.restore(outer)
        continue
      }
      if let blockKind = Self.blockKinds[name] {
        // Inside a list item or a footnote, a paragraph keeps the outer kind.
        let inner: DocumentBlock.Kind =
          blockKind == .paragraph && (kind == .listItem || kind == .footnote || kind == .meta)
          ? kind : blockKind
        flush(kind)
        walk(child, kind: inner, inArticle: inArticleNow)
        flush(inner)
      } else if Self.containers.contains(name) {
        flush(kind)
        walk(child, kind: kind, inArticle: inArticleNow)
        flush(kind)
      } else {
        walk(child, kind: kind, inArticle: inArticleNow)
      }
    }
  }

  private mutating func flush(_ kind: DocumentBlock.Kind) {
    let block = current.take()
    guard block.text.contains(where: { !$0.isWhitespace }) || !block.notes.isEmpty else { return }
    output.append(DocumentBlock(kind: kind, text: block.text, notes: block.notes))
  }
}

/// The text of the block being read, as UTF-8, with HTML's white space (space, tab, line feed,
/// form feed, carriage return) folded as it comes in; other spaces are text.
private struct BlockText {
  private var bytes: [UInt8] = []
  var notes: [DocumentBlock.Note] = []
  private var pendingSpace = false
  /// Unicode scalars so far (where a footnote reference would stand).
  private(set) var count = 0

  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    for byte in text {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
        pendingSpace = true
      default:
        if pendingSpace, count > 0 {
          bytes.append(0x20)
          count += 1
        }
        pendingSpace = false
        bytes.append(byte)
        if byte & 0xC0 != 0x80 { count += 1 }  // not a continuation byte: a scalar starts
      }
    }
  }

  /// A `br`: a new line in meta blocks (an address), a space elsewhere.
  mutating func lineBreak(kind: DocumentBlock.Kind) {
    guard count > 0 else { return }
    if kind == .meta {
      bytes.append(0x0A)
      count += 1
      pendingSpace = false
    } else {
      pendingSpace = true
    }
  }

  /// Puts back text taken with ``take()`` (a box read in the middle of a block).
  mutating func restore(_ taken: (text: String, notes: [DocumentBlock.Note])) {
    self = BlockText()
    let bytes = Array(taken.text.utf8)
    bytes.withUnsafeBufferPointer { append($0) }
    notes = taken.notes
  }

  mutating func take() -> (text: String, notes: [DocumentBlock.Note]) {
    defer { self = BlockText() }
    return (String(decoding: bytes, as: UTF8.self), notes)
  }
}
