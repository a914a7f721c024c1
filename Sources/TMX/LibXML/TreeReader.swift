internal import CLibXML2

/// Copies a parsed libxml2 tree into a ``TMXDocument``; no libxml2 pointer survives it.
///
/// Lenient where other tools differ (missing header attributes read as empty, TMX 1.1 `lang`,
/// a default namespace on `<tmx>`, comments anywhere), strict where data would be lost: an
/// unknown element, or text where TMX allows none, is an error naming its line and column.
struct TreeReader {
  let name: String
  /// The namespace of `<tmx>` (usually none); TMX elements are those in that namespace. Points
  /// into the tree, which outlives the reader.
  let namespace: UnsafePointer<xmlChar>?

  static func document(root: xmlNodePtr, state: ParseState) throws(TMXError) -> TMXDocument {
    let reader = TreeReader(name: state.name, namespace: namespaceURI(of: root))
    return try reader.document(root, consumedUnits: state.units)
  }

  /// The `<header>` of a tree whose parse stopped where the header ended.
  static func header(root: xmlNodePtr, state: ParseState) throws(TMXError) -> Header {
    let reader = TreeReader(name: state.name, namespace: namespaceURI(of: root))
    guard reader.localName(root) == "tmx",
      let header = try reader.elements(of: root).first(where: { reader.localName($0) == "header" })
    else {
      throw reader.error(
        .notTMX, "<tmx> has no <header>; a TMX file starts with <header .../> inside <tmx>", root)
    }
    return try reader.readHeader(header)
  }

  /// Called while parsing, when a `<tu>` inside `<body>` has ended: checks what precedes it in
  /// `<body>`, converts it into `state.units`, then frees every child of `<body>`, so that a
  /// large file never has its whole tree in memory.
  static func consumeUnit(_ node: xmlNodePtr, state: ParseState) throws(TMXError) {
    guard let body = node.pointee.parent, let root = body.pointee.parent,
      root.pointee.parent?.pointee.type == XML_DOCUMENT_NODE
    else { return }
    let reader = TreeReader(name: state.name, namespace: namespaceURI(of: root))
    guard reader.isTMX(node), reader.isTMX(body), reader.localName(body) == "body",
      reader.localName(root) == "tmx"
    else { return }
    for child in try reader.elements(of: body) where child != node {
      throw reader.unexpected(child, in: "body", expected: "<tu>")
    }
    let unit = try reader.readUnit(node)
    if let sink = state.unitSink { sink(unit) } else { state.units.append(unit) }
    while let child = body.pointee.children {
      xmlUnlinkNode(child)
      xmlFreeNode(child)
    }
  }

  private func document(_ root: xmlNodePtr, consumedUnits: [TranslationUnit]) throws(TMXError) -> TMXDocument
  {
    guard localName(root) == "tmx" else {
      throw error(
        .notTMX, "the root element is <\(localName(root))>, not <tmx>: this is not a TMX file", root)
    }
    var header: Header?
    var units: [TranslationUnit]?
    for child in try elements(of: root) {
      switch localName(child) {
      case "header" where header == nil && units == nil: header = try readHeader(child)
      case "body" where header != nil && units == nil:
        units = consumedUnits + (try readBody(child))
      default: throw unexpected(child, in: "tmx", expected: "one <header> then one <body>")
      }
    }
    guard let header else {
      throw error(.notTMX, "<tmx> has no <header>; a TMX file starts with <header .../> inside <tmx>", root)
    }
    guard let units else {
      throw error(.notTMX, "<tmx> has no <body>; the translation units go in <body> after <header>", root)
    }
    return TMXDocument(version: attributes(of: root)["version"] ?? "", header: header, units: units)
  }

  /// Called while streaming, when the `<header>` that is a child of `<tmx>` has ended: hands the
  /// converted header to the state's sink. A header that does not convert is left for
  /// ``document(root:state:)`` to report at the end, after any error found while parsing, as the
  /// tree reader does.
  static func consumeHeader(_ node: xmlNodePtr, state: ParseState) {
    guard let sink = state.headerSink, let root = node.pointee.parent,
      root.pointee.parent?.pointee.type == XML_DOCUMENT_NODE
    else { return }
    let reader = TreeReader(name: state.name, namespace: namespaceURI(of: root))
    guard reader.isTMX(node), reader.localName(node) == "header", reader.localName(root) == "tmx"
    else { return }
    state.headerSink = nil
    guard let header = try? reader.readHeader(node) else { return }
    sink(header)
  }

  private func readHeader(_ node: xmlNodePtr) throws(TMXError) -> Header {
    var all = attributes(of: node)
    func take(_ key: String) -> String { all.removeValue(forKey: key) ?? "" }
    var header = Header(
      creationTool: take("creationtool"), creationToolVersion: take("creationtoolversion"),
      segmentType: take("segtype"), originalFormat: take("o-tmf"), adminLanguage: take("adminlang"),
      sourceLanguage: take("srclang"), dataType: take("datatype"))
    header.attributes = all
    for child in try elements(of: node) {
      switch localName(child) {
      case "prop": header.properties.append(try readProperty(child))
      case "note": header.notes.append(try readNote(child))
      case "ude": continue  // user-defined encodings: not kept by the model
      default: throw unexpected(child, in: "header", expected: "<prop>, <note> or <ude>")
      }
    }
    return header
  }

  private func readBody(_ node: xmlNodePtr) throws(TMXError) -> [TranslationUnit] {
    var units: [TranslationUnit] = []
    for child in try elements(of: node) {
      guard localName(child) == "tu" else { throw unexpected(child, in: "body", expected: "<tu>") }
      units.append(try readUnit(child))
    }
    return units
  }

  private func readUnit(_ node: xmlNodePtr) throws(TMXError) -> TranslationUnit {
    var all = attributes(of: node)
    var unit = TranslationUnit(id: all.removeValue(forKey: "tuid"))
    unit.attributes = all
    for child in try elements(of: node) {
      switch localName(child) {
      case "prop": unit.properties.append(try readProperty(child))
      case "note": unit.notes.append(try readNote(child))
      case "tuv": unit.variants.append(try readVariant(child))
      default: throw unexpected(child, in: "tu", expected: "<prop>, <note> or <tuv>")
      }
    }
    return unit
  }

  private func readVariant(_ node: xmlNodePtr) throws(TMXError) -> TranslationVariant {
    var all = attributes(of: node)
    guard let language = all.removeValue(forKey: "xml:lang") ?? all.removeValue(forKey: "lang") else {
      throw error(
        .notTMX, "<tuv> has no xml:lang; every variant needs its language (xml:lang=\"en-GB\")", node)
    }
    var properties: [Property] = []
    var notes: [Note] = []
    var segment: Segment?
    for child in try elements(of: node) {
      switch localName(child) {
      case "prop": properties.append(try readProperty(child))
      case "note": notes.append(try readNote(child))
      case "seg" where segment == nil: segment = Segment(content: try inlineContent(of: child))
      case "seg": throw error(.notTMX, "<tuv> has more than one <seg>; TMX allows exactly one", child)
      default: throw unexpected(child, in: "tuv", expected: "<prop>, <note> or <seg>")
      }
    }
    guard let segment else {
      throw error(.notTMX, "<tuv xml:lang=\"\(language)\"> has no <seg>; TMX requires exactly one", node)
    }
    return TranslationVariant(
      language: language, attributes: all, properties: properties, notes: notes, segment: segment)
  }

  private func readProperty(_ node: xmlNodePtr) throws(TMXError) -> Property {
    Property(
      type: attribute("type", of: node) ?? "", value: try plainText(of: node),
      language: attribute("lang", prefix: "xml", of: node))
  }

  private func readNote(_ node: xmlNodePtr) throws(TMXError) -> Note {
    Note(text: try plainText(of: node), language: attribute("lang", prefix: "xml", of: node))
  }

  /// Text and inline codes in document order; adjacent text merged, empty text dropped.
  private func inlineContent(of node: xmlNodePtr) throws(TMXError) -> [InlineContent] {
    var content: [InlineContent] = []
    var child = node.pointee.children
    while let current = child {
      child = current.pointee.next
      switch current.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        let piece = string(fromXML: current.pointee.content) ?? ""
        guard !piece.isEmpty else { continue }
        if case .text(let previous) = content.last {
          content[content.count - 1] = .text(previous + piece)
        } else {
          content.append(.text(piece))
        }
      case XML_ELEMENT_NODE:
        guard isTMX(current), let kind = InlineCode.Kind(rawValue: localName(current)) else {
          throw unexpected(current, in: localName(node), expected: "text or bpt, ept, it, ph, hi, ut, sub")
        }
        let code = InlineCode(
          kind: kind, attributes: attributes(of: current), content: try inlineContent(of: current))
        content.append(.code(code))
      default: continue  // comments and processing instructions are not content
      }
    }
    return content
  }

  /// The text of an element that holds only text (`prop`, `note`).
  private func plainText(of node: xmlNodePtr) throws(TMXError) -> String {
    // The usual case, one piece of text, without the content list.
    if let only = node.pointee.children, only.pointee.next == nil,
      only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE
    {
      return string(fromXML: only.pointee.content) ?? ""
    }
    var result = ""
    for item in try inlineContent(of: node) {
      guard case .text(let text) = item else {
        throw error(.notTMX, "<\(localName(node))> holds an element; it may hold only text", node)
      }
      result += text
    }
    return result
  }

  /// The element children of a structural element; text there may only be whitespace.
  private func elements(of node: xmlNodePtr) throws(TMXError) -> [xmlNodePtr] {
    var result: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      child = current.pointee.next
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        guard isTMX(current) else {
          throw unexpected(current, in: localName(node), expected: "TMX elements")
        }
        result.append(current)
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        guard !isWhitespace(current.pointee.content) else { continue }
        let text = string(fromXML: current.pointee.content) ?? ""
        let excerpt = String(String(text.drop { $0.isWhitespace }).trimmingTrailingWhitespace().prefix(40))
        throw error(.notTMX, "<\(localName(node))> holds the text '\(excerpt)'; text belongs in <seg>", node)
      default: continue
      }
    }
    return result
  }

  /// Whether a libxml2 string is empty or XML whitespace only.
  private func isWhitespace(_ content: UnsafePointer<xmlChar>?) -> Bool {
    guard var pointer = content else { return true }
    while pointer.pointee != 0 {
      switch pointer.pointee {
      case 0x20, 0x9, 0xA, 0xD: pointer += 1
      default: return false
      }
    }
    return true
  }

  /// Attributes by name; namespaced ones as `prefix:name` (`xml:lang`).
  private func attributes(of node: xmlNodePtr) -> [String: String] {
    var count = 0
    var attribute = node.pointee.properties
    while let current = attribute {
      count += 1
      attribute = current.pointee.next
    }
    guard count > 0 else { return [:] }
    var result = [String: String](minimumCapacity: count)
    attribute = node.pointee.properties
    while let current = attribute {
      attribute = current.pointee.next
      var key = string(fromXML: current.pointee.name) ?? ""
      if let prefix = string(fromXML: current.pointee.ns?.pointee.prefix) { key = prefix + ":" + key }
      result[key] = value(of: current, in: node)
    }
    return result
  }

  /// What ``attributes(of:)`` gives for the key `name` (`prefix:name` with a prefix), without
  /// making the others: for `<prop>` and `<note>`, which need one or two.
  private func attribute(_ name: StaticString, prefix: StaticString? = nil, of node: xmlNodePtr) -> String? {
    var found: String?
    var attribute = node.pointee.properties
    while let current = attribute {
      attribute = current.pointee.next
      let attributePrefix = current.pointee.ns?.pointee.prefix
      guard xmlString(current.pointee.name, is: name) else { continue }
      if let prefix {
        guard xmlString(attributePrefix, is: prefix) else { continue }
      } else if attributePrefix != nil {
        continue
      }
      found = value(of: current, in: node)  // the last of a name counts, as in the dictionary
    }
    return found
  }

  /// An attribute's value as xmlNodeListGetString gives it ("" for none).
  private func value(of attribute: xmlAttrPtr, in node: xmlNodePtr) -> String {
    // A value without entity references is one text node: its content is the value, as
    // xmlNodeListGetString would copy it.
    if let only = attribute.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
      return string(fromXML: only.pointee.content) ?? ""
    }
    guard let value = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) else { return "" }
    defer { tweetal_xmlFree(value) }
    return string(fromXML: value) ?? ""
  }

  private func isTMX(_ node: xmlNodePtr) -> Bool {
    xmlStringsEqual(Self.namespaceURI(of: node), namespace)
  }

  private static func namespaceURI(of node: xmlNodePtr) -> UnsafePointer<xmlChar>? {
    node.pointee.ns?.pointee.href
  }

  private func localName(_ node: xmlNodePtr) -> String {
    let local = string(fromXML: node.pointee.name) ?? ""
    guard let prefix = string(fromXML: node.pointee.ns?.pointee.prefix) else { return local }
    return isTMX(node) ? local : prefix + ":" + local
  }

  private func unexpected(_ node: xmlNodePtr, in parent: String, expected: String) -> TMXError {
    error(.notTMX, "unexpected element <\(localName(node))> in <\(parent)>; expected \(expected)", node)
  }

  private func error(_ kind: TMXError.Kind, _ message: String, _ node: xmlNodePtr) -> TMXError {
    let (line, column) = NodePosition.decode(node.pointee._private)
    return TMXError(kind: kind, message: message, file: name, line: line, column: column)
  }
}
