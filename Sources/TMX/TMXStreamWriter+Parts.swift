extension TMXStreamWriter {
  /// Writes one `<tu>` from its parts, as they come, with exactly the bytes and the errors of
  /// ``write(_:)`` for the unit they make: `id` as its `tuid`, the given attributes, then what
  /// `body` writes through ``UnitParts`` (its props first, then its variants), in that order.
  ///
  /// For a caller that makes many units of one shape (`tweetal align`'s output): no
  /// ``TranslationUnit``, no string per prop value, no attribute dictionary to sort, no call into
  /// libxml2's text writer per element (``UnitParts`` makes the bytes that writer makes).
  public func writeUnit(
    id: String, creationDate: String?, changeDate: String?, changeID: String?,
    _ body: (inout UnitParts) throws(TMXError) -> Void
  ) throws(TMXError) {
    try guarded { () throws(TMXError) in
      // A fragment's units go straight into its bytes; a document's into a buffer handed to the
      // sink unit by unit.
      var parts = UnitParts(
        writer: self, bytes: collected.map { Self.taken(&$0.bytes) } ?? Self.taken(&unitBytes))
      defer {
        if let collected {
          collected.bytes = Self.taken(&parts.bytes)
        } else {
          parts.bytes.removeAll(keepingCapacity: true)
          unitBytes = Self.taken(&parts.bytes)
        }
      }
      let mark = parts.bytes.count
      do throws(TMXError) {
        parts.append("\n    <tu")
        try parts.attribute("tuid", try checked(id, "tu@tuid"))
        // Sorted by name, as write(_:) sorts a unit's attributes.
        if let changeDate { try parts.attribute("changedate", try checked(changeDate, "tu@changedate")) }
        if let changeID { try parts.attribute("changeid", try checked(changeID, "tu@changeid")) }
        if let creationDate {
          try parts.attribute("creationdate", try checked(creationDate, "tu@creationdate"))
        }
        try body(&parts)
        parts.endStartTag()
        parts.append("\n    </tu>")
      } catch {
        // Nothing of a unit that failed is written.
        parts.bytes.removeSubrange(mark...)
        throw error
      }
      if collected == nil {
        try endBodyStartTag()
        // withUnsafeBytes rethrows untyped: the sink's error is carried out by hand.
        var failure: TMXError?
        parts.bytes.withUnsafeBytes { piece in
          do throws(TMXError) { try sink(piece) } catch { failure = error }
        }
        if let failure { throw failure }
      }
    }
  }

  /// `value`, leaving an empty array in its place.
  private static func taken(_ value: inout [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    swap(&result, &value)
    return result
  }

  /// The props and variants of a unit being written by ``TMXStreamWriter/writeUnit(id:creationDate:changeDate:changeID:_:)``;
  /// valid only during that call. Props come before variants, as ``TMXStreamWriter/write(_:)``
  /// writes them. A value given as bytes is written and emptied (its capacity kept), so that one
  /// buffer serves every prop of every unit.
  ///
  /// The unit's bytes are made here, not by libxml2's text writer: its elements and layout as
  /// the writer writes them (`docs/tmx-form.md`), and each text and attribute value as it is when
  /// it holds nothing to escape, else escaped by the libxml2 function the writer escapes it with
  /// (``XMLTextOutput/appendEscapedText(_:to:)``, ``XMLTextOutput/appendEscapedAttribute(_:_:to:)``): the bytes
  /// of ``TMXStreamWriter/write(_:)`` for the unit they make, without a call into the writer per
  /// element (a third of `tweetal align`'s output phase).
  public struct UnitParts: ~Copyable {
    fileprivate let writer: TMXStreamWriter
    fileprivate var bytes: [UInt8]
    /// Whether the `<tu>` start tag still waits for its `>` (until the first prop or variant).
    private var startTagOpen = true

    fileprivate init(writer: TMXStreamWriter, bytes: [UInt8]) {
      self.writer = writer
      self.bytes = bytes
    }

    /// A `<prop>` of `type`, in `language` if given, holding `value`.
    public mutating func property(type: String, value: String, language: String? = nil) throws(TMXError) {
      try start(type: type, language: language)
      let value = try writer.checked(value, "prop")
      try appendText(value)
      append("</prop>")
    }

    /// ``property(type:value:language:)`` of `property`.
    public mutating func property(_ property: Property) throws(TMXError) {
      try self.property(type: property.type, value: property.value, language: property.language)
    }

    /// A `<prop>` of `type` holding the UTF-8 `value` (valid UTF-8), which is then emptied.
    public mutating func property(type: String, utf8 value: inout [UInt8]) throws(TMXError) {
      try start(type: type, language: nil)
      try text(&value, "prop")
      append("</prop>")
    }

    private mutating func start(type: String, language: String?) throws(TMXError) {
      endStartTag()
      append("\n      <prop")
      try attribute("type", try writer.checked(type, "prop@type"))
      if let language {
        try attribute("xml:lang", try writer.checked(language, "prop@xml:lang"))
      }
      append(">")
    }

    /// A `<tuv>` in `language` whose `<seg>` holds `text` alone.
    public mutating func variant(language: String, text: String) throws(TMXError) {
      try startVariant(language: language)
      // Segment(text:) holds no content for an empty text.
      if !text.isEmpty {
        let text = try writer.checked(text, "seg")
        try appendText(text)
      }
      endVariant()
    }

    /// A `<tuv>` in `language` whose `<seg>` holds the UTF-8 `text` (valid UTF-8), which is then
    /// emptied.
    public mutating func variant(language: String, utf8 text: inout [UInt8]) throws(TMXError) {
      try startVariant(language: language)
      if !text.isEmpty { try self.text(&text, "seg") }
      endVariant()
    }

    private mutating func startVariant(language: String) throws(TMXError) {
      endStartTag()
      append("\n      <tuv")
      try attribute("xml:lang", try writer.checked(language, "tuv@xml:lang"))
      append(">\n        <seg>")
    }

    private mutating func endVariant() {
      append("</seg>\n      </tuv>")
    }

    /// Character data from bytes, checked as ``TMXStreamWriter/write(_:)`` checks a string (the
    /// same error, from the string, when a byte may be one XML cannot carry).
    private mutating func text(_ text: inout [UInt8], _ place: String) throws(TMXError) {
      if text.withUnsafeBufferPointer(XMLCharacters.mayHoldInvalid) {
        _ = try writer.checked(String(decoding: text, as: UTF8.self), place)
      }
      defer { text.removeAll(keepingCapacity: true) }
      let plain = text.withUnsafeBufferPointer { XMLTextOutput.appendPlainText($0, to: &bytes) }
      if !plain {
        try withBytes(text) { (text) throws(TMXError) in try XMLTextOutput.appendEscapedText(text, to: &bytes)
        }
      }
    }

    /// Character data of `text`, as ``TMXStreamWriter/write(_:)`` writes it.
    private mutating func appendText(_ text: String) throws(TMXError) {
      let plain =
        text.utf8.withContiguousStorageIfAvailable { XMLTextOutput.appendPlainText($0, to: &bytes) }
        ?? Array(text.utf8).withUnsafeBufferPointer { XMLTextOutput.appendPlainText($0, to: &bytes) }
      if !plain {
        try withBytes(Array(text.utf8)) { (text) throws(TMXError) in
          try XMLTextOutput.appendEscapedText(text, to: &bytes)
        }
      }
    }

    /// ` name="value"` in the start tag being written.
    fileprivate mutating func attribute(_ name: StaticString, _ value: String) throws(TMXError) {
      let plain =
        value.utf8.withContiguousStorageIfAvailable {
          XMLTextOutput.appendPlainAttribute(name, $0, to: &bytes)
        }
        ?? Array(value.utf8).withUnsafeBufferPointer {
          XMLTextOutput.appendPlainAttribute(name, $0, to: &bytes)
        }
      if !plain {
        try withBytes(Array(value.utf8)) { (value) throws(TMXError) in
          try writer.output.appendEscapedAttribute(name, value, to: &bytes)
        }
      }
    }

    /// The `>` of the `<tu>` start tag, if not yet written.
    fileprivate mutating func endStartTag() {
      if startTagOpen {
        bytes.append(UInt8(ascii: ">"))
        startTagOpen = false
      }
    }

    fileprivate mutating func append(_ literal: StaticString) {
      bytes.append(
        contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
  }
}

/// `body` of `bytes`.
private func withBytes(
  _ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(TMXError) -> Void
) throws(TMXError) {
  // withUnsafeBufferPointer rethrows untyped: the error is carried out by hand.
  var failure: TMXError?
  bytes.withUnsafeBufferPointer { bytes in
    do throws(TMXError) { try body(bytes) } catch { failure = error }
  }
  if let failure { throw failure }
}
