internal import CLibXML2
import Glibc
import Synchronization

/// One parse at a time: libxml2's external entity loader and error handler are process-wide,
/// so they are swapped only while this lock is held.
private let parseLock = Mutex<Void>(())

/// Parses the XML parts of DOCX and ODT packages and HTML pages with libxml2, safely: no network
/// (`XML_PARSE_NONET`), an external entity loader that refuses everything, no entity
/// substitution, no DTD loading, libxml2's default limits (depth 256, no `XML_PARSE_HUGE`);
/// an XML part with a DOCTYPE is refused (Office and OpenDocument never write one; a DOCTYPE
/// can declare entities that expand without bound or read local files), and an HTML page nested
/// deeper than ``DocumentLimits/maxDepth`` is refused before it is walked.
///
/// The tree is handed to `body` as an ``XMLNode`` that is valid only inside it.
enum SafeXML {
  /// Parses an XML part (`part` names it in errors, e.g. `word/document.xml`).
  static func parseXML<Result>(
    _ bytes: [UInt8], file: String, part: String, limits: DocumentLimits,
    body: (XMLNode) throws(DocumentError) -> Result
  ) throws(DocumentError) -> Result {
    if Self.contains(bytes, "<!DOCTYPE") {
      throw DocumentError(
        file: file,
        message: "its part \(part) has a DOCTYPE, which Office and OpenDocument files never have; refused "
          + "because a DOCTYPE can declare entities that expand without bound or read local files")
    }
    return try parse(bytes, file: file, html: false, limits: limits) { root throws(DocumentError) in
      guard let root else {
        throw DocumentError(
          file: file, message: "its part \(part) is not well-formed XML; save the document again")
      }
      return try body(root)
    }
  }

  /// Parses an HTML or XHTML page leniently, as browsers do.
  /// `encoding` (an iconv name) overrides what libxml2 would find (``HTMLEncoding``).
  static func parseHTML<Result>(
    _ bytes: [UInt8], file: String, limits: DocumentLimits, encoding: String? = nil,
    body: (XMLNode) throws(DocumentError) -> Result
  ) throws(DocumentError) -> Result {
    try parse(bytes, file: file, html: true, encoding: encoding, limits: limits) {
      root throws(DocumentError) in
      guard let root else {
        throw DocumentError(file: file, message: "has no HTML content that libxml2 could read")
      }
      let depth = Self.depth(root)
      if depth > limits.maxDepth {
        throw DocumentError(
          file: file,
          message: "nests elements \(depth) deep, past the limit of \(limits.maxDepth); refused as "
            + "hostile or broken HTML")
      }
      return try body(root)
    }
  }

  private static func parse<Result>(
    _ bytes: [UInt8], file: String, html: Bool, encoding: String? = nil, limits: DocumentLimits,
    body: (XMLNode?) throws(DocumentError) -> Result
  ) throws(DocumentError) -> Result {
    guard bytes.count < Int(Int32.max) else {
      throw DocumentError(
        file: file, message: "is larger than 2 GiB, which the reader does not take; split it")
    }
    return try parseLock.withLock { _ throws(DocumentError) -> Result in
      xmlInitParser()
      let previousLoader = xmlGetExternalEntityLoader()
      xmlSetExternalEntityLoader { _, _, _ in nil }
      defer { xmlSetExternalEntityLoader(previousLoader) }
      let previousHandler = __xmlStructuredError().pointee
      let previousHandlerContext = __xmlStructuredErrorContext().pointee
      xmlSetStructuredErrorFunc(nil) { _, _ in }
      defer { xmlSetStructuredErrorFunc(previousHandlerContext, previousHandler) }

      let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
        guard let start = buffer.baseAddress else { return nil }
        return start.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
          if html {
            let options =
              HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
              | HTML_PARSE_RECOVER.rawValue
            return htmlReadMemory(pointer, Int32(buffer.count), nil, encoding, Int32(options))
          }
          let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
          return xmlReadMemory(pointer, Int32(buffer.count), nil, nil, Int32(options))
        }
      }
      defer { if let document { xmlFreeDoc(document) } }
      return try body(document.flatMap { xmlDocGetRootElement($0) }.map(XMLNode.init))
    }
  }

  /// The deepest element nesting under `root`, counted without recursion.
  private static func depth(_ root: XMLNode) -> Int {
    var deepest = 0
    var node: xmlNodePtr? = root.pointer
    var level = 1
    while let current = node {
      deepest = max(deepest, level)
      if let child = current.pointee.children, current.pointee.type == XML_ELEMENT_NODE {
        node = child
        level += 1
        continue
      }
      var climb: xmlNodePtr? = current
      while let up = climb, up != root.pointer, up.pointee.next == nil {
        climb = up.pointee.parent
        level -= 1
      }
      if let up = climb, up != root.pointer { node = up.pointee.next } else { node = nil }
    }
    return deepest
  }

  private static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first, bytes.count >= pattern.count else { return false }
    var index = 0
    let last = bytes.count - pattern.count
    while index <= last {
      if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
      index += 1
    }
    return false
  }
}

/// An element or text node of a tree parsed by ``SafeXML``; valid only while the parse's
/// closure runs.
struct XMLNode {
  let pointer: xmlNodePtr

  var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
  var isText: Bool {
    pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE
  }

  /// Whether the element has any attribute.
  var hasAttributes: Bool { pointer.pointee.properties != nil }

  /// The local name (HTML element names are lower case).
  var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }

  /// Whether this is an element named `local` (lower case for HTML).
  func isElement(_ local: String) -> Bool {
    guard isElement, let name = pointer.pointee.name else { return false }
    return local.withCString {
      xmlStrEqual(name, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0
    }
  }

  /// The namespace URI of the element, if any.
  var namespace: String? { pointer.pointee.ns?.pointee.href.map { String(cString: $0) } }

  /// The attribute `local` in namespace `namespace` (`nil`: an attribute without a namespace).
  /// Read from the attribute's text children, without an allocation by libxml2.
  func attribute(_ local: String, namespace: String? = nil) -> String? {
    var attribute = pointer.pointee.properties
    while let current = attribute {
      defer { attribute = current.pointee.next }
      guard let name = current.pointee.name, Self.equal(name, local) else { continue }
      let href = current.pointee.ns?.pointee.href
      if let namespace {
        guard let href, Self.equal(href, namespace) else { continue }
      } else if href != nil {
        continue
      }
      var value = ""
      var child = current.pointee.children
      while let node = child {
        if let content = node.pointee.content { value += String(cString: content) }
        child = node.pointee.next
      }
      return value
    }
    return nil
  }

  private static func equal(_ name: UnsafePointer<xmlChar>, _ string: String) -> Bool {
    string.withCString { xmlStrEqual(name, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0 }
  }

  /// The text of a text node (empty for other nodes).
  var text: String {
    guard isText, let content = pointer.pointee.content else { return "" }
    return String(cString: content)
  }

  /// The UTF-8 bytes of a text node, without a copy (empty for other nodes); valid while the
  /// tree is.
  var textBytes: UnsafeBufferPointer<UInt8> {
    guard isText, let content = pointer.pointee.content else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    return UnsafeBufferPointer(
      start: content, count: Int(strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
  }

  /// The child nodes, in document order.
  var children: Children { Children(first: pointer.pointee.children) }

  struct Children: Sequence, IteratorProtocol {
    var first: xmlNodePtr?
    mutating func next() -> XMLNode? {
      guard let node = first else { return nil }
      first = node.pointee.next
      return XMLNode(pointer: node)
    }
  }
}
