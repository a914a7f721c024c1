internal import CCmarkGFM

/// Reads Markdown with cmark-gfm (CommonMark plus GitHub's tables, footnotes and strikethrough)
/// into paragraphs whose clean text is the text CommonMark gives: markup (emphasis delimiters,
/// link destinations, backslash escapes, entity references, code-span backticks, HTML tags) is
/// removed by CommonMark's rules and nothing else is. A footnote marker written as
/// `<sup>N</sup>` is dropped like a GFM footnote reference `[^N]`.
///
/// Each character of the clean text keeps the source offset it came from: cmark gives the lines
/// and columns of blocks, and the text of a block is found in its source span in order.
struct MarkdownReader {
  let text: String
  let scalars: [Unicode.Scalar]
  /// Scalar offset of the first scalar of each line (1-based lines as cmark counts them; index 0 unused).
  private let lineStarts: [Int]

  init(text: String, scalars: [Unicode.Scalar]) {
    self.text = text
    self.scalars = scalars
    var starts = [0, 0]
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if scalar == "\n" {
        starts.append(index)
      } else if scalar == "\r" {
        if index < scalars.count, scalars[index] == "\n" { index += 1 }
        starts.append(index)
      }
    }
    lineStarts = starts
  }

  /// The document's paragraphs in source order.
  func paragraphs() -> [Paragraph] {
    cmark_gfm_core_extensions_ensure_registered()
    let options = CMARK_OPT_FOOTNOTES
    guard let parser = cmark_parser_new(options) else { return [] }
    defer { cmark_parser_free(parser) }
    for name in ["table", "strikethrough"] {
      if let extensionPointer = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, extensionPointer)
      }
    }
    var utf8 = Array(text.utf8)
    utf8.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parser_feed(parser, chars.baseAddress, chars.count)
      }
    }
    utf8 = []
    guard let document = cmark_parser_finish(parser) else { return [] }
    defer { cmark_node_free(document) }
    var builder = Builder(reader: self)
    builder.blocks(of: document, role: .text, quote: false)
    return builder.result
  }

  /// Scalar offset of cmark's (line, byte column), both 1-based; clamped to the text.
  func offset(line: Int32, column: Int32) -> Int {
    let line = Int(line)
    guard line >= 1, line < lineStarts.count else { return line >= lineStarts.count ? scalars.count : 0 }
    var index = lineStarts[line]
    var bytes = Int(column) - 1
    while bytes > 0, index < scalars.count, scalars[index] != "\n" {
      bytes -= UTF8.width(scalars[index])
      index += 1
    }
    return min(index, scalars.count)
  }

  /// Source range of a block node, lines and columns from cmark (end column inclusive).
  func range(of node: OpaquePointer) -> Range<Int> {
    let start = offset(
      line: cmark_node_get_start_line(node), column: max(1, cmark_node_get_start_column(node)))
    var end = offset(line: cmark_node_get_end_line(node), column: max(1, cmark_node_get_end_column(node)))
    if end < scalars.count, cmark_node_get_end_column(node) > 0 { end += 1 }
    return start..<max(start, min(end, scalars.count))
  }

  /// Walks the block tree and collects paragraphs.
  private struct Builder {
    let reader: MarkdownReader
    var result: [Paragraph] = []
    /// Where the last body paragraph's text ends: text of a node cmark gives no position (or one
    /// before this) is looked for from here on, so units stay in source order.
    private var lastEnd = 0

    init(reader: MarkdownReader) {
      self.reader = reader
    }

    mutating func blocks(of parent: OpaquePointer, role: ParagraphRole, quote: Bool) {
      var child = cmark_node_first_child(parent)
      while let node = child {
        block(node, role: role, quote: quote)
        child = cmark_node_next(node)
      }
    }

    mutating func block(_ node: OpaquePointer, role: ParagraphRole, quote: Bool) {
      let type = cmark_node_get_type(node)
      switch type {
      case CMARK_NODE_PARAGRAPH:
        paragraph(node, role: role, quote: quote)
      case CMARK_NODE_HEADING:
        var paragraph = inlineParagraph(node, role: .heading)
        paragraph.markdownHeading = true
        append(paragraph)
      case CMARK_NODE_LIST, CMARK_NODE_ITEM:
        blocks(of: node, role: role == .footnote ? .footnote : .listItem, quote: quote)
      case CMARK_NODE_BLOCK_QUOTE:
        blocks(of: node, role: role, quote: true)
      case CMARK_NODE_FOOTNOTE_DEFINITION:
        blocks(of: node, role: .footnote, quote: quote)
      case CMARK_NODE_CODE_BLOCK:
        codeBlock(node, role: role)
      case CMARK_NODE_HTML_BLOCK:
        htmlBlock(node, role: role)
      case CMARK_NODE_THEMATIC_BREAK:
        append(Paragraph(role: .separator, spans: []))
      default:
        if String(cString: cmark_node_get_type_string(node)) == "table" {
          table(node)
        } else {
          blocks(of: node, role: role, quote: quote)
        }
      }
    }

    /// A paragraph: text, or a footnote when it opens with a `<sup>N</sup>` marker, or table
    /// rows when every line holds a tab (an exported table).
    mutating func paragraph(_ node: OpaquePointer, role: ParagraphRole, quote: Bool) {
      var collector = InlineCollector(reader: reader)
      collector.collect(children: node)
      var paragraph = collector.paragraph(role: role, source: source(of: node, role: role))
      paragraph.quote = quote
      if role == .text, collector.openedWithMarker { paragraph.role = .footnote }
      paragraph.boldTitle = collector.onlyStrong
      paragraph.wholeEmphasis = collector.onlyEmphasis
      if role == .text, collector.everyLineHasTab {
        for index in 0..<paragraph.lineCount {
          let range = paragraph.range(ofLines: index..<(index + 1))
          var row = Paragraph(role: .meta, spans: [])
          row.clean.scalars = Array(paragraph.clean.scalars[range])
          row.clean.offsets = Array(paragraph.clean.offsets[range])
          row.lineEnds = [row.clean.scalars.count]
          row.tableRow = true
          append(row)
        }
        return
      }
      append(paragraph)
    }

    func inlineParagraph(_ node: OpaquePointer, role: ParagraphRole) -> Paragraph {
      var collector = InlineCollector(reader: reader)
      collector.collect(children: node)
      return collector.paragraph(role: role, source: source(of: node, role: role))
    }

    /// A GFM table: one unit per row, the cells' texts joined by a space.
    mutating func table(_ node: OpaquePointer) {
      var row = cmark_node_first_child(node)
      while let rowNode = row {
        var collector = InlineCollector(reader: reader)
        var cell = cmark_node_first_child(rowNode)
        while let cellNode = cell {
          collector.collect(children: cellNode)
          collector.space()
          cell = cmark_node_next(cellNode)
        }
        var paragraph = collector.paragraph(role: .meta, source: source(of: rowNode, role: .meta))
        paragraph.tableRow = true
        if !paragraph.clean.isEmpty { append(paragraph) }
        row = cmark_node_next(rowNode)
      }
    }

    /// A code block is one unit, its lines joined by a space.
    mutating func codeBlock(_ node: OpaquePointer, role: ParagraphRole) {
      guard let literal = cmark_node_get_literal(node) else { return }
      var collector = InlineCollector(reader: reader)
      collector.add(String(cString: literal))
      append(
        collector.paragraph(role: role == .footnote ? .footnote : .code, source: source(of: node, role: role))
      )
    }

    /// An HTML block: its text between the tags, entity references decoded by cmark's rules for
    /// text (none here: the block's text is taken as written, tags removed).
    mutating func htmlBlock(_ node: OpaquePointer, role: ParagraphRole) {
      guard let literal = cmark_node_get_literal(node) else { return }
      var collector = InlineCollector(reader: reader)
      collector.add(InlineCollector.removingTags(String(cString: literal)))
      let paragraph = collector.paragraph(role: role, source: source(of: node, role: role))
      if !paragraph.clean.isEmpty { append(paragraph) }
    }

    /// The node's source range; from the last paragraph's start to the end of the document when
    /// cmark gives the node no position (some nodes made by extensions) or an empty one.
    func source(of node: OpaquePointer, role: ParagraphRole) -> Range<Int> {
      let range = reader.range(of: node)
      guard cmark_node_get_start_line(node) > 0, !range.isEmpty else {
        return lastEnd..<reader.scalars.count
      }
      // Footnote definitions are moved to the end by cmark-gfm and keep their own place; other
      // blocks come in document order, so one reported before the last paragraph (table rows'
      // positions can be off) is looked for after it.
      if role == .footnote || range.lowerBound >= lastEnd { return range }
      return range.upperBound > lastEnd ? lastEnd..<range.upperBound : lastEnd..<reader.scalars.count
    }

    mutating func append(_ paragraph: Paragraph) {
      guard paragraph.role == .separator || !paragraph.clean.isEmpty else { return }
      result.append(paragraph)
      if paragraph.role != .footnote, let last = paragraph.clean.offsets.last {
        lastEnd = max(lastEnd, last)
      }
    }
  }
}

/// Collects the text of a block's inline nodes, then places it in the block's source span.
private struct InlineCollector {
  let reader: MarkdownReader
  /// The text, with a line break (`\n`) where the source had a soft or hard break.
  var text: [Unicode.Scalar] = []
  /// The block opened with a `<sup>N</sup>` footnote marker or superscript digits (`¹`).
  var openedWithMarker = false

  /// Every line of the text holds a tab: rows of an exported table.
  var everyLineHasTab: Bool {
    text.contains("\t") && text.split(separator: "\n").allSatisfy { $0.contains("\t") }
  }
  /// The block's inline content is one `**strong**` run / one emphasis run.
  var onlyStrong = false
  var onlyEmphasis = false
  /// How many emphasis runs enclose the current node: a line break inside one continues a phrase
  /// (`**Directoraat-Generaal⏎Migratie**` is one meta line).
  private var emphasisDepth = 0
  /// Lines (by index) that continue the previous line's emphasised phrase.
  var continuedLines: Set<Int> = []

  init(reader: MarkdownReader) {
    self.reader = reader
  }

  mutating func collect(children node: OpaquePointer) {
    let first = cmark_node_first_child(node)
    if let first, cmark_node_next(first) == nil {
      let type = cmark_node_get_type(first)
      onlyStrong = type == CMARK_NODE_STRONG
      onlyEmphasis = type == CMARK_NODE_STRONG || type == CMARK_NODE_EMPH
    }
    var child = first
    while let inline = child {
      child = self.inline(inline, atStart: text.isEmpty)
    }
    // `¹ Text` opening a paragraph: a footnote whose marker is not part of its text.
    if !openedWithMarker, let firstScalar = text.first, Scalars.superscriptDigit(firstScalar) != nil {
      let marker = text.prefix { Scalars.superscriptDigit($0) != nil }
      if marker.count <= 3, marker.count < text.count {
        text.removeFirst(marker.count)
        openedWithMarker = true
      }
    }
  }

  /// Adds one inline node and returns the node to read next.
  mutating func inline(_ node: OpaquePointer, atStart: Bool) -> OpaquePointer? {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_TEXT, CMARK_NODE_CODE:
      if let literal = cmark_node_get_literal(node) { add(String(cString: literal)) }
    case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
      if emphasisDepth > 0 { continuedLines.insert(text.filter { $0 == "\n" }.count + 1) }
      text.append("\n")
    case CMARK_NODE_HTML_INLINE:
      let tag = cmark_node_get_literal(node).map { String(cString: $0).lowercased() } ?? ""
      if tag.hasPrefix("<sup"), let after = footnoteMarkerEnd(after: node) {
        if atStart { openedWithMarker = true }
        return after
      }
      if tag.hasPrefix("<br") { text.append(" ") }
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      break
    default:
      let type = cmark_node_get_type(node)
      let emphasis = type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG
      if emphasis { emphasisDepth += 1 }
      var child = cmark_node_first_child(node)
      while let inline = child {
        child = self.inline(inline, atStart: atStart && text.isEmpty)
      }
      if emphasis { emphasisDepth -= 1 }
    }
    return cmark_node_next(node)
  }

  /// `<sup>` + a short number or symbol + `</sup>`: the node after the closing tag.
  private func footnoteMarkerEnd(after open: OpaquePointer) -> OpaquePointer?? {
    guard let content = cmark_node_next(open), cmark_node_get_type(content) == CMARK_NODE_TEXT,
      let literal = cmark_node_get_literal(content), let close = cmark_node_next(content),
      cmark_node_get_type(close) == CMARK_NODE_HTML_INLINE,
      let closing = cmark_node_get_literal(close), String(cString: closing).lowercased() == "</sup>"
    else { return nil }
    let marker = String(cString: literal)
    guard (1...4).contains(marker.count), marker.allSatisfy({ $0.isNumber || $0 == "*" || $0.isLetter })
    else { return nil }
    return .some(cmark_node_next(close))
  }

  mutating func add(_ string: String) {
    text.append(contentsOf: string.unicodeScalars)
  }

  mutating func space() { text.append(" ") }

  /// The text of an HTML fragment without its tags.
  static func removingTags(_ html: String) -> String {
    var result = ""
    var inTag = false
    for character in html {
      if character == "<" {
        inTag = true
        result.append(" ")
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        result.append(character)
      }
    }
    return result
  }

  /// The paragraph: white space folded, each character given the source offset where it is
  /// found next in `source` (markup between characters is skipped); a character the source does
  /// not spell (a decoded entity) takes the offset of the place it stands at.
  func paragraph(role: ParagraphRole, source: Range<Int>) -> Paragraph {
    var paragraph = Paragraph(role: role, spans: [source])
    var clean = CleanText()
    clean.scalars.reserveCapacity(text.count)
    clean.offsets.reserveCapacity(text.count)
    var lineEnds: [Int] = []
    let scalars = reader.scalars
    var position = source.lowerBound
    func isBlank(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\n" || Scalars.isSpace(scalar) || scalar == "\r"
    }
    for (index, scalar) in text.enumerated() {
      // A zero-width space between two characters that are not white space is kept as it is
      // (``Scalars/isZeroWidthSpace(_:)``).
      let keptZeroWidth =
        Scalars.isZeroWidthSpace(scalar) && index > 0 && index + 1 < text.count && !isBlank(text[index - 1])
        && !isBlank(text[index + 1])
      if !keptZeroWidth && isBlank(scalar) {
        if scalar == "\n" {
          clean.trimTrailingSpace()
          lineEnds.append(clean.scalars.count)
        }
        clean.appendSpace(at: min(position, max(source.lowerBound, source.upperBound - 1)))
        continue
      }
      var probe = position
      while probe < source.upperBound, scalars[probe] != scalar { probe += 1 }
      if probe < source.upperBound {
        clean.scalars.append(scalar)
        clean.offsets.append(probe)
        position = probe + 1
      } else {
        clean.scalars.append(scalar)
        clean.offsets.append(min(position, max(source.lowerBound, source.upperBound - 1)))
      }
    }
    clean.trimTrailingSpace()
    if clean.scalars.first == " " {
      clean.scalars.removeFirst()
      clean.offsets.removeFirst()
      lineEnds = lineEnds.map { max(0, $0 - 1) }
    }
    lineEnds = lineEnds.map { min($0, clean.scalars.count) }
    lineEnds.append(clean.scalars.count)
    paragraph.clean = clean
    paragraph.lineEnds = lineEnds
    paragraph.continuedLines = continuedLines
    return paragraph
  }
}
