internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The walk of an outline read (``TMXStreamReader/outline(path:header:unit:)``): inside the
/// `<body>` of `<tmx>`, libxml2's SAX2 events are checked against the rules ``TreeReader`` applies
/// to a unit and only the languages of its variants are kept; no tree node is made for anything
/// inside `<body>` (the root, the header and `<body>` itself are still built, so the end of the
/// parse is checked as before).
///
/// The walk accepts exactly what the tree reader accepts or gives up: anything it does not accept
/// (an element or text the tree reader refuses, a `<tuv>` without a language or with two `<seg>`)
/// and anything where the tree would do more than the walk can see (an `xml:id`, attribute types
/// from the DOCTYPE, deep nesting, long text, a language with a character reference) stops the
/// parse with ``OutlineWalk/gaveUp``, and the streaming reader reads the file again with the tree
/// reader, whose units or error count.
struct OutlineWalk {
  enum Frame {
    case unit
    case variant(hasSegment: Bool)
    /// `<prop>`, `<note>`: text only.
    case plainText
    /// `<seg>` and the inline codes in it.
    case inline
  }

  /// The `<body>` being walked, `nil` outside it.
  var body: xmlNodePtr?
  /// The namespace of `<tmx>` (usually none); points into the tree.
  var namespace: UnsafePointer<xmlChar>?
  var frames: [Frame] = []
  /// The languages of the current unit's variants so far.
  var languages: [String] = []
  /// Bytes of text since the last tag (libxml2 refuses a text node over 10 MB: give up long before).
  var textLength = 0

  /// Whether whole units are built (a streaming read: ``ParseState/unitSink``), not only their
  /// languages kept.
  var buildsUnits = false
  /// The unit, variant, `<prop>`/`<note>` and inline codes being built, innermost last.
  var unit = TranslationUnit()
  var variant = TranslationVariant(language: "", segment: Segment(content: []))
  var plain: (isProperty: Bool, type: String?, language: String?) = (false, nil, nil)
  /// `<seg>` (kind `nil`) and the codes open in it, each with the content so far.
  var codes: [(kind: InlineCode.Kind?, attributes: [String: String], content: [InlineContent])] = []
  /// The text since the last element tag inside `<prop>`, `<note>`, `<seg>` or a code: one
  /// piece of content (libxml2 would merge it across comments the same way).
  var text: [UInt8] = []

  /// The marker error of a walk that gave up; never shown (the tree reader's outcome replaces it).
  static let gaveUp = TMXError(kind: .malformed, message: "the outline read gave up", file: "")

  /// Deeper than this inside `<body>` (libxml2 refuses 256 levels in all), the walk gives up.
  static let maximumDepth = 200
  static let maximumText = 1 << 20
  /// `<prop>` types kept to be handed out again (``ParseState/propertyType(at:of:)``), the type
  /// that last came after each, and the last one handed out (-1: none).
  var propertyTypes: [String] = []
  var propertyTypeFollowing: [Int] = []
  var lastPropertyType = -1
  static let maximumPropertyTypes = 32
}

/// Whether `node`, just built, is the `<body>` of `<tmx>` in its namespace (where the walk starts).
func isBodyOfRoot(_ node: xmlNodePtr) -> Bool {
  guard let root = node.pointee.parent, root.pointee.parent?.pointee.type == XML_DOCUMENT_NODE,
    xmlString(node.pointee.name, is: "body"), xmlString(root.pointee.name, is: "tmx"),
    xmlStringsEqual(node.pointee.ns?.pointee.href, root.pointee.ns?.pointee.href)
  else { return false }
  // Attribute types from the DOCTYPE (an ID) make libxml2 check values the walk does not see.
  if let subset = node.pointee.doc?.pointee.intSubset, subset.pointee.attributes != nil { return false }
  return true
}

extension ParseState {
  /// Stops the parse: the file is read again with the tree reader.
  func giveUp(_ parser: xmlParserCtxtPtr) {
    record(OutlineWalk.gaveUp)
    xmlStopParser(parser)
  }

  /// A start tag inside the walked `<body>`; `attributes` as libxml2's SAX2 hands them (five
  /// pointers per attribute: local name, prefix, URI, value, value end).
  func outlineStart(
    _ parser: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
    attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    walk.textLength = 0
    // xml:id values are checked (and collected) by libxml2's tree builder: leave them to it.
    for index in 0..<attributeCount {
      guard let attributes else { break }
      if xmlString(attributes[index * 5], is: "id"), xmlString(attributes[index * 5 + 1], is: "xml") {
        return giveUp(parser)
      }
    }
    guard xmlStringsEqual(uri, walk.namespace), walk.frames.count < OutlineWalk.maximumDepth else {
      return giveUp(parser)
    }
    let next: OutlineWalk.Frame
    switch walk.frames.last {
    case nil:
      guard xmlString(localName, is: "tu") else { return giveUp(parser) }
      next = .unit
    case .unit:
      if xmlString(localName, is: "prop") || xmlString(localName, is: "note") {
        next = .plainText
      } else if xmlString(localName, is: "tuv") {
        guard let language = Self.language(attributeCount: attributeCount, attributes: attributes) else {
          return giveUp(parser)
        }
        walk.languages.append(language)
        next = .variant(hasSegment: false)
      } else {
        return giveUp(parser)
      }
    case .variant(let hasSegment):
      if xmlString(localName, is: "prop") || xmlString(localName, is: "note") {
        next = .plainText
      } else if xmlString(localName, is: "seg"), !hasSegment {
        walk.frames[walk.frames.count - 1] = .variant(hasSegment: true)
        next = .inline
      } else {
        return giveUp(parser)
      }
    case .plainText:
      return giveUp(parser)
    case .inline:
      guard let name = localName, Self.isInlineCode(name) else { return giveUp(parser) }
      next = .inline
    }
    if walk.buildsUnits {
      build(next, localName: localName, attributes: Attributes(count: attributeCount, pointers: attributes))
    }
    walk.frames.append(next)
  }

  /// Starts the value of the element that opens `frame`, as ``TreeReader`` would read it.
  private func build(_ frame: OutlineWalk.Frame, localName: UnsafePointer<xmlChar>?, attributes: Attributes) {
    switch frame {
    case .unit:
      var all = attributes.dictionary()
      walk.unit = TranslationUnit(id: all.removeValue(forKey: "tuid"))
      walk.unit.attributes = all
    case .variant:
      var all = attributes.dictionary()
      let language = all.removeValue(forKey: "xml:lang") ?? all.removeValue(forKey: "lang") ?? ""
      walk.variant = TranslationVariant(language: language, attributes: all, segment: Segment(content: []))
    case .plainText:
      walk.plain = (
        xmlString(localName, is: "prop"),
        attributes.lastIndex("type", prefix: nil).map { propertyType(at: $0, of: attributes) },
        attributes.last("lang", prefix: "xml")
      )
      walk.text.removeAll(keepingCapacity: true)
    case .inline:
      if walk.codes.isEmpty {
        walk.codes.append((nil, [:], []))
      } else {
        flushText()
        let kind = localName.flatMap { string(fromXML: $0) }.flatMap(InlineCode.Kind.init(rawValue:))
        walk.codes.append((kind, attributes.dictionary(), []))
      }
      walk.text.removeAll(keepingCapacity: true)
    }
  }

  /// The value of a `<prop>`'s `type` attribute: a type seen before is the same string again
  /// (an alignment's units repeat a dozen types tens of thousands of times).
  private func propertyType(at index: Int, of attributes: Attributes) -> String {
    guard let bytes = attributes.rawValue(at: index), !bytes.contains(UInt8(ascii: "&")) else {
      return attributes.value(at: index)
    }
    func matches(_ index: Int) -> Bool {
      let known = walk.propertyTypes[index]
      guard known.utf8.count == bytes.count else { return false }
      guard !bytes.isEmpty else { return true }
      // memcmp: the generic elementsEqual was 2 % of an export.
      return known.utf8.withContiguousStorageIfAvailable { known in
        guard let left = known.baseAddress, let right = bytes.baseAddress else { return false }
        return memcmp(left, right, bytes.count) == 0
      } ?? false
    }
    // Props come in the same order unit after unit: first try the type that followed the last one.
    let previous = walk.lastPropertyType
    if previous >= 0, case let guess = walk.propertyTypeFollowing[previous], guess >= 0, matches(guess) {
      walk.lastPropertyType = guess
      return walk.propertyTypes[guess]
    }
    var found = walk.propertyTypes.indices.first(where: matches)
    if found == nil, walk.propertyTypes.count < OutlineWalk.maximumPropertyTypes {
      walk.propertyTypes.append(String(decoding: bytes, as: UTF8.self))
      walk.propertyTypeFollowing.append(-1)
      found = walk.propertyTypes.count - 1
    }
    guard let found else {
      walk.lastPropertyType = -1
      return String(decoding: bytes, as: UTF8.self)
    }
    if previous >= 0 { walk.propertyTypeFollowing[previous] = found }
    walk.lastPropertyType = found
    return walk.propertyTypes[found]
  }

  /// The text since the last tag becomes a piece of the innermost code's (or the segment's) content.
  private func flushText() {
    guard !walk.text.isEmpty, !walk.codes.isEmpty else { return }
    let piece = String(decoding: walk.text, as: UTF8.self)
    walk.text.removeAll(keepingCapacity: true)
    let last = walk.codes.count - 1
    if case .text(let previous) = walk.codes[last].content.last {
      walk.codes[last].content[walk.codes[last].content.count - 1] = .text(previous + piece)
    } else {
      walk.codes[last].content.append(.text(piece))
    }
  }

  /// Ends the value of the element that opened `frame` and puts it into its parent's.
  private func finish(_ frame: OutlineWalk.Frame) {
    switch frame {
    case .unit:
      unitSink?(walk.unit)
    case .variant:
      walk.unit.variants.append(walk.variant)
    case .plainText:
      let inVariant = if case .variant = walk.frames.last { true } else { false }
      if walk.plain.isProperty, !inVariant, let filter = propertyFilter {
        // The filter reads the bytes where they are; the text buffer is kept for the next prop.
        var bytes: [UInt8] = []
        swap(&bytes, &walk.text)
        let taken = bytes.withUnsafeBufferPointer { value in
          filter.take(walk.plain.type ?? "", value, walk.plain.language, &walk.unit.properties)
        }
        swap(&bytes, &walk.text)
        if taken {
          walk.text.removeAll(keepingCapacity: true)
          return
        }
      }
      let value = String(decoding: walk.text, as: UTF8.self)
      walk.text.removeAll(keepingCapacity: true)
      if walk.plain.isProperty {
        let property = Property(type: walk.plain.type ?? "", value: value, language: walk.plain.language)
        if inVariant {
          walk.variant.properties.append(property)
        } else {
          walk.unit.properties.append(property)
        }
      } else {
        let note = Note(text: value, language: walk.plain.language)
        if inVariant { walk.variant.notes.append(note) } else { walk.unit.notes.append(note) }
      }
    case .inline:
      flushText()
      guard let code = walk.codes.popLast() else { return }
      if let kind = code.kind, !walk.codes.isEmpty {
        walk.codes[walk.codes.count - 1].content.append(
          .code(InlineCode(kind: kind, attributes: code.attributes, content: code.content)))
      } else {
        walk.variant.segment = Segment(content: code.content)
      }
    }
  }

  /// An end tag inside the walked `<body>`, or `<body>`'s own (which ends the walk).
  func outlineEnd(_ parser: xmlParserCtxtPtr) {
    walk.textLength = 0
    guard let frame = walk.frames.popLast() else {
      walk.body = nil
      return
    }
    if case .variant(hasSegment: false) = frame { return giveUp(parser) }
    if walk.buildsUnits {
      finish(frame)
    } else if case .unit = frame {
      outlineSink?(walk.languages)
    }
    if case .unit = frame { walk.languages.removeAll(keepingCapacity: true) }
  }

  /// Text or CDATA inside the walked `<body>`: only whitespace between structural elements, as
  /// the tree reader requires; any text in `<prop>`, `<note>`, `<seg>` and inline codes.
  func outlineText(_ parser: xmlParserCtxtPtr, _ bytes: UnsafePointer<xmlChar>?, count: Int) {
    walk.textLength += count
    guard walk.textLength <= OutlineWalk.maximumText else { return giveUp(parser) }
    switch walk.frames.last {
    case .plainText, .inline:
      if walk.buildsUnits, let bytes {
        walk.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
      }
    default:
      guard let bytes else { return }
      for index in 0..<count {
        switch bytes[index] {
        case 0x20, 0x9, 0xA, 0xD: continue
        default: return giveUp(parser)
        }
      }
    }
  }

  /// `xml:lang` (or TMX 1.1's `lang`) of a `<tuv>`, as the tree reader takes it; `nil` when there
  /// is none or when the value held a reference (the tree would decode it: give up).
  private static func language(
    attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) -> String? {
    guard let attributes else { return nil }
    var prefixed: Int?
    var plain: Int?
    for index in 0..<attributeCount where xmlString(attributes[index * 5], is: "lang") {
      let prefix = attributes[index * 5 + 1]
      if prefix == nil {
        plain = index
      } else if xmlString(prefix, is: "xml") {
        prefixed = index
      }
    }
    guard let index = prefixed ?? plain else { return nil }
    return Attributes(count: attributeCount, pointers: attributes).value(at: index)
  }

  private static func isInlineCode(_ name: UnsafePointer<xmlChar>) -> Bool {
    xmlString(name, is: "bpt") || xmlString(name, is: "ept") || xmlString(name, is: "it")
      || xmlString(name, is: "ph") || xmlString(name, is: "hi") || xmlString(name, is: "ut")
      || xmlString(name, is: "sub")
  }
}

/// The attributes of a start tag as libxml2's SAX2 hands them (five pointers each: local name,
/// prefix, URI, value, value end), read as ``TreeReader`` reads the attributes of a node.
struct Attributes {
  let count: Int
  let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

  /// The value of attribute `index` as the tree gives it. Without entity substitution libxml2
  /// hands an `&` (from `&amp;` or `&#38;`) as `&#38;` for its tree builder to decode, and every
  /// other reference decoded (or refused): so `&#38;` is `&`.
  func value(at index: Int) -> String {
    guard let pointers, let start = pointers[index * 5 + 3], let end = pointers[index * 5 + 4] else {
      return ""
    }
    let bytes = UnsafeBufferPointer(start: start, count: end - start)
    guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var offset = 0
    let escape = Array("&#38;".utf8)
    while offset < bytes.count {
      if bytes[offset] == UInt8(ascii: "&"), bytes[offset...].starts(with: escape) {
        decoded.append(UInt8(ascii: "&"))
        offset += escape.count
      } else {
        decoded.append(bytes[offset])
        offset += 1
      }
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  /// `prefix:name` (or `name`) of attribute `index`, the key ``TreeReader`` gives it.
  func key(at index: Int) -> String {
    let name = string(fromXML: pointers?[index * 5]) ?? ""
    guard let prefix = string(fromXML: pointers?[index * 5 + 1]) else { return name }
    return prefix + ":" + name
  }

  func dictionary() -> [String: String] {
    guard count > 0 else { return [:] }
    var result = [String: String](minimumCapacity: count)
    for index in 0..<count { result[key(at: index)] = value(at: index) }
    return result
  }

  /// The value of the last attribute `name` with `prefix` (none: no prefix).
  func last(_ name: StaticString, prefix: StaticString?) -> String? {
    lastIndex(name, prefix: prefix).map(value(at:))
  }

  /// The index of the last attribute `name` with `prefix` (none: no prefix).
  func lastIndex(_ name: StaticString, prefix: StaticString?) -> Int? {
    guard let pointers else { return nil }
    var found: Int?
    for index in 0..<count where xmlString(pointers[index * 5], is: name) {
      let attributePrefix = pointers[index * 5 + 1]
      if let prefix {
        guard xmlString(attributePrefix, is: prefix) else { continue }
      } else if attributePrefix != nil {
        continue
      }
      found = index
    }
    return found
  }

  /// The bytes of attribute `index`'s value as libxml2 hands them (an `&` still written `&#38;`).
  func rawValue(at index: Int) -> UnsafeBufferPointer<xmlChar>? {
    guard let pointers, let start = pointers[index * 5 + 3], let end = pointers[index * 5 + 4] else {
      return nil
    }
    return UnsafeBufferPointer(start: start, count: end - start)
  }
}

/// The text hooks of an outline read: inside the walked `<body>` the walk sees the text, outside
/// it libxml2's tree builder does as usual.
let outlineCharacters: charactersSAXFunc = { context, bytes, count in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser) else { return }
  if state.walk.body != nil {
    state.outlineText(parser, bytes, count: Int(count))
  } else {
    xmlSAX2Characters(context, bytes, count)
  }
}

let outlineCDATA: cdataBlockSAXFunc = { context, bytes, count in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser) else { return }
  if state.walk.body != nil {
    state.outlineText(parser, bytes, count: Int(count))
  } else {
    xmlSAX2CDataBlock(context, bytes, count)
  }
}

/// Comments and processing instructions inside the walked `<body>` are not content (the tree
/// reader skips them): no node is made for them.
let outlineComment: commentSAXFunc = { context, text in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser), state.walk.body != nil else {
    xmlSAX2Comment(context, text)
    return
  }
}

let outlineProcessingInstruction: processingInstructionSAXFunc = { context, target, data in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser), state.walk.body != nil else {
    xmlSAX2ProcessingInstruction(context, target, data)
    return
  }
}
