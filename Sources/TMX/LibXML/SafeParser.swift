internal import CLibXML2
import Synchronization

/// One parse at a time: libxml2 2.9's external entity loader is process-wide, so it is swapped
/// for a refusing one only while this lock is held.
private let parseLock = Mutex<Void>(())

/// Parses bytes into a libxml2 tree with everything dangerous off, and hands the tree to a
/// builder that must copy what it needs into Swift values before returning.
///
/// Safety: `XML_PARSE_NONET`; no `NOENT`, `DTDLOAD`, `DTDATTR`, `XINCLUDE`, `RECOVER`, `HUGE`,
/// so libxml2's default limits (depth 256, names of 50 000 characters) hold; an external entity loader
/// and SAX hooks that refuse every entity declaration, every non-predefined entity reference,
/// every external subset and XInclude element; the first error is kept with line and column.
enum SafeParser {
  /// Formats that users hand to a TMX reader by mistake, known by their first bytes, with what to
  /// do instead: libxml2 would only say that a start tag was expected.
  static func recognisedOtherFormat(_ bytes: [UInt8]) -> (TMXError.Kind, String)? {
    func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
    if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) {
      return (
        .encoding,
        "the file is UTF-32, which the reader does not take; convert it with iconv -f UTF-32 -t UTF-8"
      )
    }
    if starts([0x1F, 0x8B]) {
      return (.notTMX, "the file is gzip-compressed, not a TMX file; unpack it first (gunzip -k FILE)")
    }
    if starts([0x50, 0x4B, 0x03, 0x04]) {
      return (.notTMX, "the file is a ZIP archive, not a TMX file; unpack it and read the .tmx inside")
    }
    if starts(Array("SQLite format 3".utf8)) {
      return (
        .notTMX,
        "the file is an SQLite database (a Trados .sdltm translation memory?), not TMX; export it to TMX from the tool "
          + "that made it"
      )
    }
    if starts(Array("%PDF".utf8)) { return (.notTMX, "the file is a PDF document, not a TMX file") }
    return nil
  }

  /// Parses `bytes` and hands the root to `build`; with `headerOnly`, parsing stops where
  /// `<header>` ends, so that the rest of the file (even a truncated rest) is never read.
  static func parse<Result: Sendable>(
    bytes: [UInt8], name: String, headerOnly: Bool = false,
    build: (xmlNodePtr, ParseState) throws(TMXError) -> Result
  ) throws(TMXError) -> Result {
    try checkStart(bytes[...], name: name)
    guard bytes.count < Int(Int32.max) else { throw tooLarge(bytes.count, name: name) }
    let configure: (ParseState) -> Void = { $0.stopsAfterHeader = headerOnly }
    return try locked(name: name, configure: configure) {
      state throws(TMXError) in try parseLocked(bytes: bytes, state: state, build: build)
    }
  }

  /// The checks on a file's first bytes, before libxml2 sees them: an empty file, and formats
  /// that users hand to a TMX reader by mistake.
  private static func checkStart(_ first: ArraySlice<UInt8>, name: String) throws(TMXError) {
    guard !first.isEmpty else {
      throw TMXError(
        kind: .malformed, message: "the file is empty; a TMX file holds a <tmx> element",
        file: name, line: 1, column: 1)
    }
    if let (kind, message) = recognisedOtherFormat(Array(first.prefix(16))) {
      throw TMXError(kind: kind, message: message, file: name, line: 1, column: 1)
    }
  }

  private static func tooLarge(_ count: Int, name: String) -> TMXError {
    TMXError(
      kind: .limitExceeded,
      message: "the file has \(count) bytes; the reader takes at most 2 GiB per file - "
        + "split the TMX into smaller files", file: name)
  }

  /// The one parse set-up: takes the process-wide lock, initialises libxml2, swaps in the
  /// refusing external entity loader for the time of the parse and makes the state that
  /// libxml2's callbacks record into (set up by `configure`), kept alive while `body` runs.
  private static func locked<Result: Sendable>(
    name: String, configure: (ParseState) -> Void, _ body: (ParseState) throws(TMXError) -> Result
  ) throws(TMXError) -> Result {
    try parseLock.withLock { _ throws(TMXError) -> Result in
      xmlInitParser()
      let previousLoader = xmlGetExternalEntityLoader()
      xmlSetExternalEntityLoader(refuseExternalEntity)
      defer { xmlSetExternalEntityLoader(previousLoader) }
      let state = ParseState(name: name)
      configure(state)
      return try withExtendedLifetime(state) { () throws(TMXError) -> Result in try body(state) }
    }
  }

  private static func parseLocked<Result>(
    bytes: [UInt8], state: ParseState, build: (xmlNodePtr, ParseState) throws(TMXError) -> Result
  ) throws(TMXError) -> Result {
    let created = bytes.withUnsafeBufferPointer { buffer -> xmlParserCtxtPtr? in
      guard let start = buffer.baseAddress else { return nil }
      return start.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
      }
    }
    guard let context = created else {
      throw TMXError(kind: .io, message: "libxml2 could not create a parser", file: state.name)
    }
    return try run(context, state: state, parse: { xmlParseDocument(context) }, build: build)
  }

  /// Sets the safety options and hooks on `context`, runs `parse`, and hands the tree (what is
  /// left of it) to `build`; frees the context and the tree.
  private static func run<Result>(
    _ context: xmlParserCtxtPtr, state: ParseState, parse: () throws(TMXError) -> Void,
    build: (xmlNodePtr, ParseState) throws(TMXError) -> Result
  ) throws(TMXError) -> Result {
    defer { xmlFreeParserCtxt(context) }
    xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
    context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
    installHooks(context, outline: state.walksBody)

    let previousHandler = __xmlStructuredError().pointee
    let previousHandlerContext = __xmlStructuredErrorContext().pointee
    xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(context), captureError)
    defer { xmlSetStructuredErrorFunc(previousHandlerContext, previousHandler) }

    var readError: TMXError?
    do throws(TMXError) { try parse() } catch { readError = error }
    let document = context.pointee.myDoc
    context.pointee.myDoc = nil
    defer { if let document { xmlFreeDoc(document) } }

    if let error = state.firstError { throw error }
    if let readError { throw readError }
    guard context.pointee.wellFormed != 0 || state.headerEnded, let document,
      let root = xmlDocGetRootElement(document)
    else {
      let (line, column) = currentPosition(context)
      throw TMXError(
        kind: .malformed, message: "the file is not well-formed XML", file: state.name,
        line: line, column: column)
    }
    return try build(root, state)
  }

  /// Parses a file as it is read, chunk by chunk, with the same checks, hooks and errors as
  /// ``parse(bytes:name:headerOnly:build:)``: only one chunk of the input and what `configure`'s
  /// sinks keep are in memory. `readChunk` fills the buffer it is given and returns the number of
  /// bytes read, 0 at the end.
  static func stream<Result: Sendable>(
    name: String, size: Int?, configure: (ParseState) -> Void,
    readChunk: (UnsafeMutableRawBufferPointer) throws(TMXError) -> Int,
    build: (xmlNodePtr, ParseState) throws(TMXError) -> Result
  ) throws(TMXError) -> Result {
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    func fill() throws(TMXError) -> Int {
      var failure: TMXError?
      let count = chunk.withUnsafeMutableBytes { buffer in
        do throws(TMXError) { return try readChunk(buffer) } catch {
          failure = error
          return 0
        }
      }
      if let failure { throw failure }
      return count
    }
    // The first bytes decide the encoding and tell other formats apart, as for a whole file.
    var first = try fill()
    while first > 0 && first < 4 {
      var failure: TMXError?
      let count = chunk.withUnsafeMutableBytes { buffer in
        do throws(TMXError) {
          return try readChunk(UnsafeMutableRawBufferPointer(rebasing: buffer[first...]))
        } catch {
          failure = error
          return 0
        }
      }
      if let failure { throw failure }
      guard count > 0 else { break }
      first += count
    }
    try checkStart(chunk[0..<first], name: name)
    if let size, size >= Int(Int32.max) { throw tooLarge(size, name: name) }
    return try locked(name: name, configure: configure) { state throws(TMXError) -> Result in
      // The parser takes the first four bytes to detect the encoding; a shorter file gives what it
      // has (never bytes of the buffer beyond the file).
      let start = min(first, 4)
      let created = chunk.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: start) {
          xmlCreatePushParserCtxt(nil, nil, $0, Int32(start), nil)
        }
      }
      guard let context = created else {
        throw TMXError(kind: .io, message: "libxml2 could not create a parser", file: state.name)
      }
      var pending = first - start
      var offset = start
      var total = first
      return try run(
        context, state: state,
        parse: { () throws(TMXError) in
          while true {
            if pending > 0 {
              chunk.withUnsafeBufferPointer { buffer in
                (buffer.baseAddress! + offset).withMemoryRebound(to: CChar.self, capacity: pending) {
                  _ = xmlParseChunk(context, $0, Int32(pending), 0)
                }
              }
            }
            if state.firstError != nil || context.pointee.instate == XML_PARSER_EOF { return }
            pending = try fill()
            offset = 0
            total += pending
            if total >= Int(Int32.max) { throw tooLarge(total, name: name) }
            if pending == 0 { break }
          }
          xmlParseChunk(context, nil, 0, 1)
        }, build: build)
    }
  }

  private static func installHooks(_ context: xmlParserCtxtPtr, outline: Bool) {
    guard let sax = context.pointee.sax else { return }
    if outline {
      if unsafeBitCast(sax.pointee.ignorableWhitespace, to: UnsafeRawPointer?.self)
        == unsafeBitCast(sax.pointee.characters, to: UnsafeRawPointer?.self)
      {
        sax.pointee.ignorableWhitespace = outlineCharacters
      }
      sax.pointee.characters = outlineCharacters
      sax.pointee.cdataBlock = outlineCDATA
      sax.pointee.comment = outlineComment
      sax.pointee.processingInstruction = outlineProcessingInstruction
    }
    sax.pointee.serror = captureError
    sax.pointee.entityDecl = { context, name, _, _, _, _ in
      refuse(context, .forbidden, "the DOCTYPE declares the entity '\(text(name))'", declaredEntityAdvice)
    }
    sax.pointee.unparsedEntityDecl = { context, name, _, _, _ in
      refuse(context, .forbidden, "the DOCTYPE declares the entity '\(text(name))'", declaredEntityAdvice)
    }
    sax.pointee.getEntity = { context, name in
      refuse(context, .forbidden, "the file refers to the entity &\(text(name));", undeclaredEntityAdvice)
      return nil
    }
    sax.pointee.getParameterEntity = { context, name in
      refuse(
        context, .forbidden, "the DOCTYPE refers to the parameter entity %\(text(name));",
        declaredEntityAdvice)
      return nil
    }
    sax.pointee.reference = { context, name in
      refuse(context, .forbidden, "the file refers to the entity &\(text(name));", undeclaredEntityAdvice)
    }
    sax.pointee.resolveEntity = { _, _, _ in nil }
    sax.pointee.externalSubset = { _, _, _, _ in }  // an external DTD is never read
    sax.pointee.startElementNs = startElement
    sax.pointee.endElementNs = endElement
  }

}

private let declaredEntityAdvice =
  "entities are refused because they can expand without bound or read local files and URLs; "
  + "remove the declarations from the DOCTYPE"
private let undeclaredEntityAdvice =
  "only &amp; &lt; &gt; &quot; &apos; and character references (&#233;) are read; "
  + "replace the entity by the character it stands for"

/// The SAX start-element hook: builds the node as libxml2 would, then records where it ended,
/// refuses a root other than `<tmx>` and any XInclude element.
private let startElement: startElementNsSAX2Func = {
  context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount,
  attributes in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  // Names are compared as bytes; a Swift string is made only for a message.
  if xmlString(uri, is: "http://www.w3.org/2001/XInclude")
    || xmlString(uri, is: "http://www.w3.org/2003/XInclude")
  {
    refuse(
      context, .forbidden, "the file holds an XInclude element <\(text(localName))>",
      "XInclude is never processed: remove the element")
    return
  }
  if parser.pointee.node == nil, !xmlString(localName, is: "tmx") {
    refuse(
      context, .notTMX, "the root element is <\(text(localName))>, not <tmx>: this is not a TMX file",
      "open a TMX file (its root element is <tmx version=\"1.4\">)")
    return
  }
  let outline = ParseState.of(parser).flatMap { $0.walksBody ? $0 : nil }
  if let outline, outline.walk.body != nil {
    outline.outlineStart(
      parser, localName: localName, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
    return
  }
  xmlSAX2StartElementNs(
    context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount,
    attributes)
  if let node = parser.pointee.node {
    let (line, column) = currentPosition(parser)
    node.pointee._private = NodePosition.encode(line: line ?? 0, column: column ?? 0)
    if let outline, outline.firstError == nil, isBodyOfRoot(node) {
      outline.walk.body = node
      outline.walk.buildsUnits = outline.unitSink != nil
      outline.walk.namespace = node.pointee.ns?.pointee.href
    }
  }
}

/// The SAX end-element hook: ends the node as libxml2 would; a finished `<tu>` is converted and
/// freed at once (see ``TreeReader/consumeUnit(_:state:)``).
private let endElement: endElementNsSAX2Func = { context, localName, prefix, uri in
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  if let state = ParseState.of(parser), state.walk.body != nil {
    state.outlineEnd(parser)
    // The walk has ended at `</body>`: the tree ends `<body>` as usual.
    if state.walk.body != nil { return }
  }
  let node = parser.pointee.node
  xmlSAX2EndElementNs(context, localName, prefix, uri)
  if let node, let state = ParseState.of(parser), state.stopsAfterHeader, xmlString(localName, is: "header"),
    node.pointee.parent?.pointee.parent?.pointee.type == XML_DOCUMENT_NODE
  {
    state.headerEnded = true
    xmlStopParser(parser)
    return
  }
  if let node, let state = ParseState.of(parser), state.headerSink != nil, state.firstError == nil,
    xmlString(localName, is: "header")
  {
    TreeReader.consumeHeader(node, state: state)
    return
  }
  guard let node, xmlString(localName, is: "tu"), let state = ParseState.of(parser), state.firstError == nil
  else { return }
  do throws(TMXError) {
    try TreeReader.consumeUnit(node, state: state)
  } catch {
    state.record(error)
    xmlStopParser(parser)
  }
}

/// Refuses every external entity, DTD or XInclude target: nothing is opened.
private let refuseExternalEntity: xmlExternalEntityLoader = { url, _, context in
  if let context {
    refuse(
      UnsafeMutableRawPointer(context), .forbidden,
      "the file asks to load the external resource '\(url.map { String(cString: $0) } ?? "")'",
      "external DTDs and entities are never read: remove the reference")
  }
  return nil
}

/// The structured error handler, for the parser context and (around the parse) the thread.
private let captureError: xmlStructuredErrorFunc = { context, error in
  guard let context, let error else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser) else { return }
  state.record(libxmlError: error.pointee, parser: parser)
}

private func text(_ pointer: UnsafePointer<xmlChar>?) -> String {
  string(fromXML: pointer) ?? ""
}

/// Records a refusal as the first error (if none yet) and stops the parser.
private func refuse(
  _ context: UnsafeMutableRawPointer?, _ kind: TMXError.Kind, _ what: String, _ advice: String
) {
  guard let context else { return }
  let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let state = ParseState.of(parser) else { return }
  let (line, column) = currentPosition(parser)
  state.record(
    TMXError(kind: kind, message: "\(what); \(advice)", file: state.name, line: line, column: column))
  xmlStopParser(parser)
}

/// The parser's current line and column, when it has an input.
func currentPosition(_ parser: xmlParserCtxtPtr) -> (Int?, Int?) {
  guard let input = parser.pointee.input else { return (nil, nil) }
  return (Int(input.pointee.line), Int(input.pointee.col))
}
