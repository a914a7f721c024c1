extension TMXStreamWriter {
  /// Writes one `<tu>` from its parts, as they come, with exactly the bytes and the errors of
  /// ``write(_:)`` for the unit they make: `id` as its `tuid`, the given attributes, then what
  /// `body` writes through ``UnitParts`` (its props first, then its variants), in that order.
  ///
  /// For a caller that makes many units of one shape (`tweetal align`'s output): no
  /// ``TranslationUnit``, no string per prop value, no attribute dictionary to sort. Every call to
  /// libxml2's text writer is the one ``write(_:)`` makes, so the bytes are the same.
  public func writeUnit(
    id: String, creationDate: String?, changeDate: String?, changeID: String?,
    _ body: (inout UnitParts) throws(TMXError) -> Void
  ) throws(TMXError) {
    try guarded { () throws(TMXError) in
      try output.whitespace(literal: "\n    ")
      try output.startElement(literal: "tu")
      try output.attribute(literal: "tuid", try checked(id, "tu@tuid"))
      // Sorted by name, as write(_:) sorts a unit's attributes.
      if let changeDate {
        try output.attribute(literal: "changedate", try checked(changeDate, "tu@changedate"))
      }
      if let changeID { try output.attribute(literal: "changeid", try checked(changeID, "tu@changeid")) }
      if let creationDate {
        try output.attribute(literal: "creationdate", try checked(creationDate, "tu@creationdate"))
      }
      var parts = UnitParts(writer: self)
      try body(&parts)
      try output.whitespace(literal: "\n    ")
      try output.fullEndElement()
      try output.drain(into: sink)
    }
  }

  /// The props and variants of a unit being written by ``TMXStreamWriter/writeUnit(id:creationDate:changeDate:changeID:_:)``;
  /// valid only during that call. Props come before variants, as ``TMXStreamWriter/write(_:)``
  /// writes them. A value given as bytes is written and emptied (its capacity kept), so that one
  /// buffer serves every prop of every unit.
  public struct UnitParts: ~Copyable {
    fileprivate let writer: TMXStreamWriter

    /// A `<prop>` of `type`, in `language` if given, holding `value`.
    public mutating func property(type: String, value: String, language: String? = nil) throws(TMXError) {
      try start(type: type, language: language)
      let value = try writer.checked(value, "prop")
      try writer.output.text(value)
      try writer.output.fullEndElement()
    }

    /// ``property(type:value:language:)`` of `property`.
    public mutating func property(_ property: Property) throws(TMXError) {
      try self.property(type: property.type, value: property.value, language: property.language)
    }

    /// A `<prop>` of `type` holding the UTF-8 `value` (valid UTF-8), which is then emptied.
    public mutating func property(type: String, utf8 value: inout [UInt8]) throws(TMXError) {
      try start(type: type, language: nil)
      try text(&value, "prop")
      try writer.output.fullEndElement()
    }

    private func start(type: String, language: String?) throws(TMXError) {
      try writer.output.whitespace(literal: "\n      ")
      try writer.output.startElement(literal: "prop")
      try writer.output.attribute(literal: "type", try writer.checked(type, "prop@type"))
      if let language {
        try writer.output.attribute(literal: "xml:lang", try writer.checked(language, "prop@xml:lang"))
      }
    }

    /// A `<tuv>` in `language` whose `<seg>` holds `text` alone.
    public mutating func variant(language: String, text: String) throws(TMXError) {
      try startVariant(language: language)
      // Segment(text:) holds no content for an empty text.
      if !text.isEmpty { try writer.output.text(try writer.checked(text, "seg")) }
      try endVariant()
    }

    /// A `<tuv>` in `language` whose `<seg>` holds the UTF-8 `text` (valid UTF-8), which is then
    /// emptied.
    public mutating func variant(language: String, utf8 text: inout [UInt8]) throws(TMXError) {
      try startVariant(language: language)
      if !text.isEmpty { try self.text(&text, "seg") }
      try endVariant()
    }

    private func startVariant(language: String) throws(TMXError) {
      try writer.output.whitespace(literal: "\n      ")
      try writer.output.startElement(literal: "tuv")
      try writer.output.attribute(literal: "xml:lang", try writer.checked(language, "tuv@xml:lang"))
      try writer.output.whitespace(literal: "\n        ")
      try writer.output.startElement(literal: "seg")
    }

    private func endVariant() throws(TMXError) {
      try writer.output.fullEndElement()
      try writer.output.whitespace(literal: "\n      ")
      try writer.output.fullEndElement()
    }

    /// Character data from bytes, checked as ``TMXStreamWriter/write(_:)`` checks a string (the
    /// same error, from the string, when a byte may be one XML cannot carry).
    private func text(_ bytes: inout [UInt8], _ place: String) throws(TMXError) {
      if bytes.withUnsafeBufferPointer(XMLCharacters.mayHoldInvalid) {
        _ = try writer.checked(String(decoding: bytes, as: UTF8.self), place)
      }
      bytes.append(0)
      defer { bytes.removeAll(keepingCapacity: true) }
      // withUnsafeBufferPointer rethrows untyped: the error is carried out by hand.
      var failure: TMXError?
      bytes.withUnsafeBufferPointer { bytes in
        do throws(TMXError) {
          try writer.output.text(nulTerminated: bytes.baseAddress!, count: bytes.count - 1)
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
    }
  }
}
