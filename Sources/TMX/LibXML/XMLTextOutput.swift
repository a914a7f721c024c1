internal import CLibXML2

/// libxml2's `xmlTextWriter` writing UTF-8 into a memory buffer that the owner drains piece by
/// piece, so that a document of any size streams out with bounded memory.
///
/// Indentation is not libxml2's: the caller writes the whitespace it wants between structural
/// elements with ``whitespace(_:)``, so nothing is ever inserted inside a `<seg>`.
final class XMLTextOutput {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr

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
  }

  /// `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
  func startDocument() throws(TMXError) {
    try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
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
