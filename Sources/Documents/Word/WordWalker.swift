import Segmenter

/// Walks the block content of a Word part (the body, a note, a text box) into blocks.
struct WordWalker {
  let styles: WordStyles
  /// The WordprocessingML namespace of the part (transitional or strict), for attributes.
  let namespace: String?
  var footnotes: [String: [DocumentBlock]] = [:]
  var endnotes: [String: [DocumentBlock]] = [:]
  var output = OfficeBlocks()
  /// The open complex fields, innermost last: whether each has reached its result (`separate`).
  private var fields: [Bool] = []

  init(styles: WordStyles, namespace: String?) {
    self.styles = styles
    self.namespace = namespace
  }

  var blocks: [DocumentBlock] { output.blocks }

  /// Reads block-level content: paragraphs, tables, content controls, accepted insertions.
  mutating func blockContent(_ node: XMLNode) {
    for child in node.children where child.isElement {
      switch child.name {
      case "p": paragraph(child)
      case "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo", "txbxContent":
        blockContent(child)
      case "AlternateContent": if let chosen = Self.chosen(child) { blockContent(chosen) }
      default: break
      }
    }
  }

  /// One of `mc:Choice` (the first) and `mc:Fallback`, never both: they hold the same content.
  static func chosen(_ alternate: XMLNode) -> XMLNode? {
    alternate.children.first { $0.isElement("Choice") }
      ?? alternate.children.first { $0.isElement("Fallback") }
  }

  private mutating func paragraph(_ paragraph: XMLNode) {
    // A field whose instruction is still open at a paragraph's start is broken (instructions do
    // not span paragraphs); dropping it keeps the rest of the document visible.
    fields.removeAll { !$0 }
    var style: String?
    var outlineLevel: Int?
    var numbered: Bool?
    var framed = false
    for properties in paragraph.children where properties.isElement("pPr") {
      for property in properties.children where property.isElement {
        switch property.name {
        case "pStyle": style = property.attribute("val", namespace: namespace)
        case "outlineLvl": outlineLevel = property.attribute("val", namespace: namespace).flatMap { Int($0) }
        case "numPr":
          let id = property.children.first { $0.isElement("numId") }?.attribute("val", namespace: namespace)
          numbered = id != "0"
        case "framePr": framed = true
        default: break
        }
      }
    }
    var text = OfficeText()
    var boxes: [XMLNode] = []
    inline(paragraph, into: &text, boxes: &boxes)
    for box in boxes {
      var frameOutput = output
      frameOutput.frame { inner in
        var walker = self
        walker.output = inner
        walker.blockContent(box)
        inner = walker.output
      }
      output = frameOutput
    }
    let heading = outlineLevel.map { $0 < 9 } ?? styles.isHeading(style)
    let kind: DocumentBlock.Kind =
      heading ? .heading : (numbered ?? styles.isNumbered(style)) ? .listItem : .paragraph
    if framed { output.frameParagraph(kind, text) } else { output.add(kind, text) }
  }

  /// Whether text is shown now: not inside the instruction part of a complex field.
  private var visible: Bool { !fields.contains(false) }

  private mutating func inline(_ node: XMLNode, into text: inout OfficeText, boxes: inout [XMLNode]) {
    for child in node.children where child.isElement {
      switch child.name {
      case "r" where isHidden(child): break
      case "r", "hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "ins", "moveTo", "fldSimple",
        "bdo", "dir", "ruby", "rubyBase":
        inline(child, into: &text, boxes: &boxes)
      case "t":
        guard visible else { continue }
        for piece in child.children where piece.isText { text.append(piece.text) }
      case "tab", "cr": if visible { text.append(" ") }
      case "br": if visible { text.append(output.inMeta ? "\n" : " ") }
      case "noBreakHyphen": if visible { text.append("-") }
      case "sym":
        let character = SymbolFont.character(
          font: child.attribute("font", namespace: namespace),
          char: child.attribute("char", namespace: namespace))
        if visible, let character { text.append(String(character)) }
      case "fldChar":
        switch child.attribute("fldCharType", namespace: namespace) {
        case "begin": fields.append(false)
        case "separate": if !fields.isEmpty { fields[fields.count - 1] = true }
        case "end": _ = fields.popLast()
        default: break
        }
      case "footnoteReference":
        if let id = child.attribute("id", namespace: namespace) { text.note(footnotes[id] ?? []) }
      case "endnoteReference":
        if let id = child.attribute("id", namespace: namespace) { text.note(endnotes[id] ?? []) }
      case "drawing", "pict", "object": Self.textBoxes(in: child, into: &boxes)
      case "AlternateContent":
        if let chosen = Self.chosen(child) { inline(chosen, into: &text, boxes: &boxes) }
      // Properties, deletions, moved-from text, instructions, other fonts' symbols, soft hyphens.
      default: break
      }
    }
  }

  /// Whether a run is hidden text (`w:vanish` in its properties, not switched off), which Word
  /// does not show.
  private func isHidden(_ run: XMLNode) -> Bool {
    guard let properties = run.children.first(where: { $0.isElement }), properties.isElement("rPr"),
      let vanish = properties.children.first(where: { $0.isElement("vanish") })
    else { return false }
    let value = vanish.attribute("val", namespace: namespace)
    return value != "0" && value != "false" && value != "off"
  }

  /// The text box contents (`w:txbxContent`) under a drawing, reading one branch of each
  /// `mc:AlternateContent`.
  private static func textBoxes(in node: XMLNode, into boxes: inout [XMLNode]) {
    for child in node.children where child.isElement {
      if child.isElement("txbxContent") {
        boxes.append(child)
      } else if child.isElement("AlternateContent") {
        if let chosen = chosen(child) { textBoxes(in: chosen, into: &boxes) }
      } else {
        textBoxes(in: child, into: &boxes)
      }
    }
  }
}

/// The paragraph styles of `word/styles.xml`: which are headings and which are numbered,
/// following `w:basedOn`.
struct WordStyles {
  struct Style {
    var name: String?
    var basedOn: String?
    var outlineLevel: Int?
    var numbered: Bool?
  }

  private var styles: [String: Style] = [:]
  private var defaultStyle: String?

  init() {}

  init(root: XMLNode) {
    let namespace = root.namespace
    for node in root.children where node.isElement("style") {
      guard node.attribute("type", namespace: namespace) == "paragraph",
        let id = node.attribute("styleId", namespace: namespace)
      else { continue }
      var style = Style()
      if node.attribute("default", namespace: namespace) == "1" { defaultStyle = id }
      for child in node.children where child.isElement {
        switch child.name {
        case "name": style.name = child.attribute("val", namespace: namespace)
        case "basedOn": style.basedOn = child.attribute("val", namespace: namespace)
        case "pPr":
          for property in child.children where property.isElement {
            if property.isElement("outlineLvl") {
              style.outlineLevel = property.attribute("val", namespace: namespace).flatMap { Int($0) }
            } else if property.isElement("numPr") {
              let id = property.children.first { $0.isElement("numId") }?.attribute(
                "val", namespace: namespace)
              style.numbered = id != "0"
            }
          }
        default: break
        }
      }
      styles[id] = style
    }
  }

  /// The style and the styles it is based on, nearest first (at most 16, against loops).
  private func chain(_ id: String?) -> [Style] {
    var result: [Style] = []
    var next = id ?? defaultStyle
    while let current = next, let style = styles[current], result.count < 16 {
      result.append(style)
      next = style.basedOn
    }
    return result
  }

  /// Whether paragraphs of style `id` are headings: an outline level 0–8, or a heading or title
  /// style by name.
  func isHeading(_ id: String?) -> Bool {
    for style in chain(id) {
      if let level = style.outlineLevel { return level < 9 }
      let name = (style.name ?? "").lowercased()
      if name == "title" || name.hasPrefix("heading ") { return true }
    }
    let id = (id ?? "").lowercased()
    return id == "title"
      || (id.hasPrefix("heading") && id.dropFirst(7).allSatisfy(\.isNumber) && id.count > 7)
  }

  /// Whether paragraphs of style `id` are numbered or bulleted.
  func isNumbered(_ id: String?) -> Bool {
    chain(id).lazy.compactMap(\.numbered).first ?? false
  }
}
