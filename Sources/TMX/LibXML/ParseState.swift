internal import CLibXML2

/// What one parse learned: the first error, kept with its place. Reached from libxml2
/// callbacks through the parser context's `_private` pointer.
final class ParseState {
  let name: String
  private(set) var firstError: TMXError?
  /// Units converted (and freed from the tree) while parsing, in document order.
  var units: [TranslationUnit] = []
  /// When set (a streaming read), converted units go here instead of into ``units``.
  var unitSink: ((TranslationUnit) -> Void)?
  /// When set (a streaming read), called once with the header when `<header>` has ended and
  /// converts without error.
  var headerSink: ((Header) -> Void)?
  /// When set (an outline read), the content of `<body>` is walked without a tree (see
  /// ``OutlineWalk``) and each unit's variant languages go here, in order.
  var outlineSink: (([String]) -> Void)?
  /// When set (a streaming read), offered each unit-level `<prop>` of the walked `<body>` before
  /// its value becomes a string (see ``TMXPropertyFilter``).
  var propertyFilter: TMXPropertyFilter?
  /// Unchecked: the walk is touched only from the parser's callbacks, one at a time on one thread,
  /// and the runtime's exclusivity checks on each access were 7 % of an export.
  @exclusivity(unchecked) var walk = OutlineWalk()
  /// Whether the content of `<body>` is walked without a tree: a streaming or an outline read.
  var walksBody: Bool { outlineSink != nil || unitSink != nil }
  /// Stop as soon as `<header>` has ended (for reading a header alone).
  var stopsAfterHeader = false
  /// The parse was stopped after `<header>` on purpose; the tree holds the root and the header.
  var headerEnded = false

  init(name: String) { self.name = name }

  static func of(_ parser: xmlParserCtxtPtr) -> ParseState? {
    guard let raw = parser.pointee._private else { return nil }
    return Unmanaged<ParseState>.fromOpaque(raw).takeUnretainedValue()
  }

  func record(_ error: TMXError) {
    if firstError == nil { firstError = error }
  }

  /// Keeps a libxml2 error (not a warning) as a ``TMXError`` with a kind the caller can act on.
  func record(libxmlError error: xmlError, parser: xmlParserCtxtPtr) {
    guard firstError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue,
      error.code != Int32(XML_ERR_USER_STOP.rawValue)
    else { return }
    var line = Int(error.line) > 0 ? Int(error.line) : nil
    var column = Int(error.int2) > 0 ? Int(error.int2) : nil
    if line == nil { (line, column) = currentPosition(parser) }
    let detail =
      (string(fromXML: error.message.map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) })
      ?? "unknown error")
      .trimmingTrailingWhitespace().replacing("\n", with: " ")
    let (kind, message) = Self.describe(code: Int(error.code), domain: Int(error.domain), detail: detail)
    record(TMXError(kind: kind, message: message, file: name, line: line, column: column))
  }

  private static func describe(code: Int, domain: Int, detail: String) -> (TMXError.Kind, String) {
    let encodingCodes = [XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_INVALID_ENCODING]
      .map { Int($0.rawValue) }
    if encodingCodes.contains(code) || domain == Int(XML_FROM_I18N.rawValue)
      || detail.contains("not proper UTF-8") || detail.contains("encoding error")
    {
      return (
        .encoding,
        "cannot decode the file: \(detail); convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8) "
          + "and fix its encoding declaration"
      )
    }
    if code == Int(XML_ERR_INTERNAL_ERROR.rawValue), detail.contains("depth") {
      return (
        .limitExceeded,
        "elements are nested too deeply (\(detail)); a TMX file needs fewer than ten levels"
      )
    }
    let limitCodes = [XML_ERR_NO_MEMORY, XML_ERR_NAME_TOO_LONG, XML_ERR_ENTITY_LOOP].map { Int($0.rawValue) }
    if limitCodes.contains(code) || detail.contains("XML_PARSE_HUGE") || detail.lowercased().contains("huge")
    {
      return (.limitExceeded, "a size limit of the reader was exceeded: \(detail)")
    }
    if domain == Int(XML_FROM_NAMESPACE.rawValue) {
      return (
        .malformed,
        "namespace error: \(detail); declare the prefix (xmlns:prefix=\"...\") or remove the element"
      )
    }
    return (.malformed, "not well-formed XML: \(detail)")
  }
}

/// Where an element's start tag ended, kept in the node's `_private` pointer during a parse.
enum NodePosition {
  static func encode(line: Int, column: Int) -> UnsafeMutableRawPointer? {
    let packed = (UInt(min(line, 0xFFFF_FFFF)) << 24) | UInt(min(column, 0xFF_FFFF))
    return UnsafeMutableRawPointer(bitPattern: packed)
  }

  static func decode(_ pointer: UnsafeMutableRawPointer?) -> (line: Int?, column: Int?) {
    guard let pointer else { return (nil, nil) }
    let packed = UInt(bitPattern: pointer)
    let line = Int(packed >> 24)
    let column = Int(packed & 0xFF_FFFF)
    return (line > 0 ? line : nil, column > 0 ? column : nil)
  }
}

extension String {
  func trimmingTrailingWhitespace() -> String {
    var result = self
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return result
  }
}
