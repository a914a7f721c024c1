internal import CLibXML2

/// libxml2's `xmlTextWriter` writing UTF-8 into a memory buffer that the owner drains piece by
/// piece, so that a document of any size streams out with bounded memory.
///
/// Indentation is not libxml2's: the caller writes the whitespace it wants between structural
/// elements with ``whitespace(_:)``, so nothing is ever inserted inside a `<seg>`.
final class XMLTextOutput {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr
  /// Where ``appendAttribute(_:_:to:)`` has libxml2 escape a value that needs it; made on first use.
  private var attributeBuffer: xmlBufferPtr?
  /// A document whose encoding is set, as the writer's own is once ``startDocument()`` has written
  /// the declaration; `nil` before. libxml2 escapes an attribute's non-ASCII characters as
  /// character references for a document without an encoding, and writes them as they are for one
  /// with an encoding: ``appendAttribute(_:_:to:)`` hands it this one to do as the writer would.
  private var declaredDocument: xmlDocPtr?

  init() throws(TMXError) {
    guard let buffer = xmlBufferCreate() else {
      throw TMXError(kind: .io, message: "libxml2 could not allocate an output buffer")
    }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
      xmlBufferFree(buffer)
      throw TMXError(kind: .io, message: "libxml2 could not create a text writer")
    }
    self.buffer = buffer
    self.writer = writer
  }

  deinit {
    xmlFreeTextWriter(writer)
    xmlBufferFree(buffer)
    if let attributeBuffer { xmlBufferFree(attributeBuffer) }
    if let declaredDocument { xmlFreeDoc(declaredDocument) }
  }

  /// `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
  func startDocument() throws(TMXError) {
    try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    // What xmlTextWriterStartDocument does to the writer's document (its `encoding`, the
    // encoder's name), for appendAttribute(_:_:to:).
    guard let document = xmlNewDoc(nil) else {
      throw TMXError(kind: .io, message: "libxml2 could not allocate a document")
    }
    document.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
    declaredDocument = document
  }

  func startElement(_ name: String) throws(TMXError) {
    try check(withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "<\(name)>")
  }

  /// An attribute of the element just started; the value is escaped (`&`, `<`, `"`, tab, line breaks).
  func attribute(_ name: String, _ value: String) throws(TMXError) {
    let result = withXMLChars(name) { name in
      withXMLChars(value) { xmlTextWriterWriteAttribute(writer, name, $0) }
    }
    try check(result, "attribute \(name)")
  }

  /// Character data, escaped (`&`, `<`, `>`, `"`, carriage return).
  func text(_ text: String) throws(TMXError) {
    try check(withXMLChars(text) { written($0, count: text.utf8.count) }, "text")
  }

  /// `xmlTextWriterWriteString` of the `count` bytes at `bytes` (followed by a NUL), inside an
  /// element. It escapes `&`, `<`, `>`, `"` and carriage return into a copy it allocates (a
  /// kilobyte at least) and measures again: a text with none of them (and no NUL) is written as it
  /// is by `xmlTextWriterWriteRawLen`, the same bytes (its call before the copy), at a third of
  /// the cost for the short texts of a unit's props.
  private func written(_ bytes: UnsafePointer<xmlChar>, count: Int) -> Int32 {
    guard count < Int(Int32.max) else { return xmlTextWriterWriteString(writer, bytes) }
    for index in 0..<count {
      switch bytes[index] {
      case 0, 0x0D, 0x22, 0x26, 0x3C, 0x3E: return xmlTextWriterWriteString(writer, bytes)
      default: continue
      }
    }
    return xmlTextWriterWriteRawLen(writer, bytes, Int32(count))
  }

  /// ``text(_:)`` always through `xmlTextWriterWriteString` (the tests' yardstick for ``text(_:)``).
  func escapedText(_ text: String) throws(TMXError) {
    try check(withXMLChars(text) { xmlTextWriterWriteString(writer, $0) }, "text")
  }

  /// Whitespace between structural elements (layout only; never inside a segment).
  func whitespace(_ spaces: String) throws(TMXError) {
    try check(withXMLChars(spaces) { xmlTextWriterWriteRaw(writer, $0) }, "layout")
  }

  /// ``startElement(_:)`` of a literal name, without making a C string of it.
  func startElement(literal name: StaticString) throws(TMXError) {
    try check(xmlTextWriterStartElement(writer, name.utf8Start), "<\(name)>")
  }

  /// ``attribute(_:_:)`` of a literal name.
  func attribute(literal name: StaticString, _ value: String) throws(TMXError) {
    try check(
      withXMLChars(value) { xmlTextWriterWriteAttribute(writer, name.utf8Start, $0) }, "attribute \(name)")
  }

  /// ``text(_:)`` of the `count` UTF-8 bytes at `bytes`, followed by a NUL.
  func text(nulTerminated bytes: UnsafePointer<UInt8>, count: Int) throws(TMXError) {
    try check(written(bytes, count: count), "text")
  }

  /// ``whitespace(_:)`` of a literal.
  func whitespace(literal spaces: StaticString) throws(TMXError) {
    try check(xmlTextWriterWriteRaw(writer, spaces.utf8Start), "layout")
  }

  /// Appends the UTF-8 `bytes` to `output` as character data if ``text(_:)`` writes them as they
  /// are: when none is `&`, `<`, `>`, `"`, carriage return or NUL (it hands them to
  /// `xmlTextWriterWriteRawLen`). Returns `false`, appending nothing, when one is:
  /// ``appendEscapedText(_:to:)`` writes them then.
  static func appendPlainText(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
    var start = 0
    if let base = bytes.baseAddress {
      // Eight bytes at a time: a byte of `word` equals `c` exactly when `word ^ (ones * c)` has a
      // zero byte, which `(x - ones) & ~x & highs` detects.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
      while start + 8 <= bytes.count {
        let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self)
        if hasZero(word) || hasZero(word ^ (ones &* 0x0D)) || hasZero(word ^ (ones &* 0x22))
          || hasZero(word ^ (ones &* 0x26)) || hasZero(word ^ (ones &* 0x3C))
          || hasZero(word ^ (ones &* 0x3E))
        {
          return false
        }
        start += 8
      }
    }
    for index in start..<bytes.count {
      switch bytes[index] {
      case 0, 0x0D, 0x22, 0x26, 0x3C, 0x3E: return false
      default: continue
      }
    }
    output.append(contentsOf: bytes)
    return true
  }

  /// Appends the UTF-8 `bytes` to `output` as character data escaped by libxml2's
  /// `xmlEncodeSpecialChars`, the function `xmlTextWriterWriteString` escapes text with: the bytes
  /// ``text(_:)`` writes for a text ``appendPlainText(_:to:)`` refuses.
  static func appendEscapedText(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8])
    throws(TMXError)
  {
    try escaping(bytes) { (text) throws(TMXError) in
      guard let escaped = xmlEncodeSpecialChars(nil, text) else {
        throw TMXError(kind: .io, message: "libxml2 could not escape a text")
      }
      defer { tweetal_xmlFree(escaped) }
      output.append(contentsOf: UnsafeBufferPointer(start: escaped, count: Int(xmlStrlen(escaped))))
    }
  }

  /// Appends ` name="value"` to `output` if ``attribute(_:_:)`` writes the UTF-8 `value` as it
  /// is: when all its bytes are printable ASCII other than `&`, `<`, `>` and `"`. Returns `false`,
  /// appending nothing, else: ``appendEscapedAttribute(_:_:to:)`` writes it then.
  static func appendPlainAttribute(
    _ name: StaticString, _ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
  ) -> Bool {
    for byte in value {
      switch byte {
      case 0x22, 0x26, 0x3C, 0x3E: return false
      case 0x20...0x7E: continue
      default: return false
      }
    }
    output.append(UInt8(ascii: " "))
    output.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    output.append(UInt8(ascii: "="))
    output.append(UInt8(ascii: "\""))
    output.append(contentsOf: value)
    output.append(UInt8(ascii: "\""))
    return true
  }

  /// Appends ` name="value"` to `output` with the bytes ``attribute(_:_:)`` writes for the UTF-8
  /// `value` in an element's start tag: escaped by libxml2's `xmlAttrSerializeTxtContent` with a
  /// document standing for the writer's own (the function and document `xmlTextWriterWriteString`
  /// escapes an attribute with).
  func appendEscapedAttribute(
    _ name: StaticString, _ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
  ) throws(TMXError) {
    if attributeBuffer == nil { attributeBuffer = xmlBufferCreate() }
    guard let attributeBuffer else {
      throw TMXError(kind: .io, message: "libxml2 could not allocate an output buffer")
    }
    output.append(UInt8(ascii: " "))
    output.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    output.append(UInt8(ascii: "="))
    output.append(UInt8(ascii: "\""))
    try Self.escaping(value) { (text) throws(TMXError) in
      xmlAttrSerializeTxtContent(attributeBuffer, declaredDocument, nil, text)
      defer { xmlBufferEmpty(attributeBuffer) }
      if let content = xmlBufferContent(attributeBuffer) {
        output.append(
          contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(attributeBuffer))))
      }
    }
    output.append(UInt8(ascii: "\""))
  }

  /// `escape` of `bytes` as a NUL-terminated libxml2 string.
  private static func escaping(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ escape: (UnsafePointer<xmlChar>) throws(TMXError) -> Void
  ) throws(TMXError) {
    var text = Array(bytes)
    text.append(0)
    // withUnsafeBufferPointer rethrows untyped: the error is carried out by hand.
    var failure: TMXError?
    text.withUnsafeBufferPointer { text in
      do throws(TMXError) { try escape(text.baseAddress!) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Ends the current element: `/>` when it has no content, else `</name>`.
  func endElement() throws(TMXError) {
    try check(xmlTextWriterEndElement(writer), "an end tag")
  }

  /// Ends the current element always with an end tag (`<seg></seg>`, never `<seg/>`).
  func fullEndElement() throws(TMXError) {
    try check(xmlTextWriterFullEndElement(writer), "an end tag")
  }

  func endDocument() throws(TMXError) {
    try check(xmlTextWriterEndDocument(writer), "the end of the document")
  }

  /// Hands everything written since the last drain to `sink`, then forgets it.
  func drain(into sink: (UnsafeRawBufferPointer) throws(TMXError) -> Void) throws(TMXError) {
    try check(xmlTextWriterFlush(writer), "flushing")
    let count = Int(xmlBufferLength(buffer))
    guard count > 0, let content = xmlBufferContent(buffer) else { return }
    try sink(UnsafeRawBufferPointer(start: content, count: count))
    xmlBufferEmpty(buffer)
  }

  /// `what` is made only for an error: made for every call, its strings were 5–8 % of the
  /// output phase's CPU.
  private func check(_ result: Int32, _ what: @autoclosure () -> String) throws(TMXError) {
    guard result < 0 else { return }
    throw TMXError(kind: .io, message: "libxml2's text writer failed while writing \(what())")
  }
}
