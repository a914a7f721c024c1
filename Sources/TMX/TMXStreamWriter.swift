/// Writes a TMX 1.4b document piece by piece: the header when created, then one translation
/// unit per ``write(_:)``, then ``finish()``. Memory stays bounded by the largest unit.
///
/// Output is TMX 1.4b (`<tmx version="1.4">`, whatever version a document was read as), UTF-8
/// with `<?xml version="1.0" encoding="UTF-8"?>`, no DOCTYPE, structure indented by two
/// spaces and nothing added inside `<seg>`. Attribute order is fixed: required
/// attributes in the order of the TMX specification, then the optional ones sorted by name, so
/// equal documents give equal bytes. Not thread-safe: one writer per task.
public final class TMXStreamWriter {
  let output: XMLTextOutput
  let sink: (UnsafeRawBufferPointer) throws(TMXError) -> Void
  private let file: Destination?
  private var state = State.open
  /// Where a fragment writer (``serialized(writing:)``) collects its bytes; `nil` for a document.
  let collected: CollectedBytes?
  /// The bytes of the unit being written by ``writeUnit(id:creationDate:changeDate:changeID:_:)``
  /// (kept for their capacity between units).
  var unitBytes: [UInt8] = []
  /// Whether libxml2's writer has ended the `<body>` start tag (with the `>` the first unit's
  /// layout writes), so that units made without it can follow.
  private var bodyStartEnded = false

  private enum State { case open, finished, failed }

  /// Where a document written to a path goes.
  private enum Destination {
    /// Always replaced (atomically).
    case replaced(AtomicFile)
    /// Replaced only when its bytes change.
    case changed(ChangedFile)

    var path: String {
      switch self {
      case .replaced(let file): file.path
      case .changed(let file): file.path
      }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(TMXError) {
      switch self {
      case .replaced(let file): try file.write(bytes)
      case .changed(let file): try file.write(bytes)
      }
    }

    /// Whether the file was written.
    func commit() throws(TMXError) -> Bool {
      switch self {
      case .replaced(let file):
        try file.commit()
        return true
      case .changed(let file): return try file.commit()
      }
    }
  }

  /// Starts a document whose bytes go to `output` in pieces, in order: once for the header,
  /// once per unit, once for the end. A piece is valid only during the call; copy it to keep it.
  public convenience init(
    header: Header,
    output: @escaping (UnsafeRawBufferPointer) throws(TMXError) -> Void
  ) throws(TMXError) {
    try self.init(header: header, sink: output, file: nil)
  }

  /// Starts a document written atomically to `path`: the bytes go to a temporary file beside
  /// it, and only ``finish()`` syncs it and renames it over `path`. A writer dropped before
  /// `finish()` (or after an error) removes the temporary file and leaves `path` untouched.
  public convenience init(header: Header, path: String) throws(TMXError) {
    let file = Destination.replaced(try AtomicFile(path: path))
    try self.init(header: header, sink: file.write, file: file)
  }

  /// Starts a document that replaces `path` only if its bytes differ from the file's: the pieces
  /// are compared with the file as they come, and a temporary file is started (with the equal
  /// prefix) only at the first difference. ``finish()`` then says whether the file was written;
  /// an unchanged file is not touched. Memory stays bounded by the largest unit, as for ``init(header:path:)``.
  public convenience init(header: Header, replacingIfChanged path: String) throws(TMXError) {
    let file = Destination.changed(try ChangedFile(path: path))
    try self.init(header: header, sink: file.write, file: file)
  }

  private init(
    header: Header,
    sink: @escaping (UnsafeRawBufferPointer) throws(TMXError) -> Void, file: Destination?
  ) throws(TMXError) {
    self.output = try XMLTextOutput()
    self.sink = sink
    self.file = file
    self.collected = nil
    try guarded { () throws(TMXError) in
      try output.startDocument()
      try output.startElement("tmx")
      try output.attribute("version", "1.4")
      try output.whitespace("\n  ")
      try writeHeader(header)
      try output.whitespace("\n  ")
      try output.startElement("body")
      try output.drain(into: sink)
    }
  }

  /// Writes one `<tu>`: its props and notes, then its variants in the given order.
  ///
  /// The source variant should come first, with the header's `srclang` as language.
  public func write(_ unit: TranslationUnit) throws(TMXError) {
    try guarded { () throws(TMXError) in
      try output.whitespace("\n    ")
      try output.startElement("tu")
      if let id = unit.id { try output.attribute("tuid", try checked(id, "tu@tuid")) }
      try writeAttributes(unit.attributes, reserved: ["tuid"], of: "tu")
      try writeProperties(unit.properties, notes: unit.notes, indent: "\n      ")
      for variant in unit.variants { try writeVariant(variant) }
      try output.whitespace("\n    ")
      try output.fullEndElement()
      try output.drain(into: sink)
    }
  }

  /// Writes units already made into bytes by ``serialized(_:)``, as ``write(_:)`` would have
  /// written each of them, in order; or, when making them failed, fails as ``write(_:)`` would have
  /// with that error (the writer is failed, the error names its file), the units before the one
  /// that failed not written.
  public func write(serialized made: Result<[UInt8], TMXError>) throws(TMXError) {
    try guarded { () throws(TMXError) in
      let bytes = try made.get()
      // Ends `<body>`'s start tag if no unit has yet (the `>` a first unit's layout would write).
      try output.whitespace("")
      try output.drain(into: sink)
      guard !bytes.isEmpty else { return }
      // `withUnsafeBytes` rethrows untyped: the sink's error is carried out by hand.
      var failure: TMXError?
      bytes.withUnsafeBytes { piece in
        do throws(TMXError) { try sink(piece) } catch { failure = error }
      }
      if let failure { throw failure }
    }
  }

  /// The bytes ``write(_:)`` writes for each of `units`, in order, made without a document: a
  /// writer's units can so be made on several threads and written with ``write(serialized:)``.
  /// The same bytes, because a unit's bytes depend on nothing written before it but that the
  /// element around it (`<body>`) has its start tag ended, which both do first.
  public static func serialized(_ units: some Sequence<TranslationUnit>) throws(TMXError) -> [UInt8] {
    try serialized { (writer) throws(TMXError) in
      for unit in units { try writer.write(unit) }
    }
  }

  /// The bytes `body` writes through the writer it is given, made without a document, as
  /// ``serialized(_:)`` makes them: for units written with ``writeUnit(id:creationDate:changeDate:changeID:_:)``.
  /// The writer is valid only during the call.
  public static func serialized(
    writing body: (TMXStreamWriter) throws(TMXError) -> Void
  ) throws(TMXError) -> [UInt8] {
    let collected = CollectedBytes()
    let writer = try TMXStreamWriter(fragmentInto: collected)
    try body(writer)
    return collected.bytes
  }

  /// A writer whose units go to `collected`, inside a `<body>` of its own whose start tag is
  /// ended and left out. Its document is declared UTF-8 like a whole document's, and the
  /// declaration left out too: libxml2 writes an attribute's non-ASCII characters as they are in
  /// a declared document but as character references in an undeclared one, and a unit's bytes
  /// must not depend on which writer (which thread) made it.
  private init(fragmentInto collected: CollectedBytes) throws(TMXError) {
    self.output = try XMLTextOutput()
    self.sink = { collected.bytes.append(contentsOf: $0) }
    self.file = nil
    self.collected = collected
    try guarded { () throws(TMXError) in
      try output.startDocument()
      try output.startElement("body")
      try output.whitespace("")
      try output.drain { _ in }
    }
    bodyStartEnded = true
  }

  /// Has libxml2's writer end the `<body>` start tag, if no unit has yet, and hands that `>` to
  /// the sink: units made without the writer come after it.
  func endBodyStartTag() throws(TMXError) {
    guard !bodyStartEnded else { return }
    try output.whitespace(literal: "")
    try output.drain(into: sink)
    bodyStartEnded = true
  }

  /// Closes the document and, for a file, syncs it and renames it into place.
  /// Nothing can be written afterwards. Returns whether a file was written: `false` only for
  /// ``init(header:replacingIfChanged:)`` when the file already had exactly these bytes.
  @discardableResult
  public func finish() throws(TMXError) -> Bool {
    var written = true
    try guarded { () throws(TMXError) in
      try output.whitespace("\n  ")
      try output.fullEndElement()  // body
      try output.whitespace("\n")
      try output.fullEndElement()  // tmx
      try output.endDocument()
      try output.drain(into: sink)
      written = try file?.commit() ?? true
      state = .finished
    }
    return written
  }

  /// Runs `body` if the writer is open; any error leaves the writer failed.
  func guarded(_ body: () throws(TMXError) -> Void) throws(TMXError) {
    switch state {
    case .finished:
      throw TMXError(kind: .io, message: "the TMX document is already finished", file: file?.path)
    case .failed:
      throw TMXError(kind: .io, message: "an earlier write failed; start a new document", file: file?.path)
    case .open:
      do {
        try body()
      } catch {
        state = .failed
        var error = error
        if error.file == nil { error.file = file?.path }
        throw error
      }
    }
  }

  private func writeHeader(_ header: Header) throws(TMXError) {
    try output.startElement("header")
    let required = [
      ("creationtool", header.creationTool), ("creationtoolversion", header.creationToolVersion),
      ("segtype", header.segmentType), ("o-tmf", header.originalFormat),
      ("adminlang", header.adminLanguage), ("srclang", header.sourceLanguage),
      ("datatype", header.dataType),
    ]
    for (name, value) in required { try output.attribute(name, try checked(value, "header@\(name)")) }
    try writeAttributes(header.attributes, reserved: Set(required.map(\.0)), of: "header")
    try writeProperties(header.properties, notes: header.notes, indent: "\n    ")
    if !header.properties.isEmpty || !header.notes.isEmpty { try output.whitespace("\n  ") }
    try output.endElement()
  }

  private func writeVariant(_ variant: TranslationVariant) throws(TMXError) {
    try output.whitespace("\n      ")
    try output.startElement("tuv")
    try output.attribute("xml:lang", try checked(variant.language, "tuv@xml:lang"))
    try writeAttributes(variant.attributes, reserved: ["xml:lang"], of: "tuv")
    try writeProperties(variant.properties, notes: variant.notes, indent: "\n        ")
    try output.whitespace("\n        ")
    try output.startElement("seg")
    try writeContent(variant.segment.content, in: "seg")
    try output.fullEndElement()
    try output.whitespace("\n      ")
    try output.fullEndElement()
  }

  /// Notes before props, as the TMX DTD orders them (`(note|prop)*` in any order is valid).
  private func writeProperties(_ properties: [Property], notes: [Note], indent: String) throws(TMXError) {
    for note in notes {
      try output.whitespace(indent)
      try output.startElement("note")
      if let language = note.language {
        try output.attribute("xml:lang", try checked(language, "note@xml:lang"))
      }
      try output.text(try checked(note.text, "note"))
      try output.fullEndElement()
    }
    for property in properties {
      try output.whitespace(indent)
      try output.startElement("prop")
      try output.attribute("type", try checked(property.type, "prop@type"))
      if let language = property.language {
        try output.attribute("xml:lang", try checked(language, "prop@xml:lang"))
      }
      try output.text(try checked(property.value, "prop"))
      try output.fullEndElement()
    }
  }

  private func writeContent(_ content: [InlineContent], in element: String) throws(TMXError) {
    for item in content {
      switch item {
      case .text(let text):
        try output.text(try checked(text, element))
      case .code(let code):
        let name = code.kind.rawValue
        try output.startElement(name)
        try writeAttributes(code.attributes, reserved: [], of: name)
        try writeContent(code.content, in: name)
        try output.endElement()
      }
    }
  }

  /// Optional attributes sorted by name; a name that clashes with one written from a model
  /// field, or that XML cannot carry, is an error.
  private func writeAttributes(
    _ attributes: [String: String], reserved: Set<String>, of element: String
  ) throws(TMXError) {
    for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
      guard !reserved.contains(name) else {
        throw TMXError(
          kind: .notTMX,
          message: "<\(element)> attribute '\(name)' is also a field of the model; "
            + "set the field instead of putting it in `attributes`")
      }
      guard XMLCharacters.isAttributeName(name) else {
        throw TMXError(
          kind: .notTMX,
          message: "<\(element)> attribute name '\(name)' is not an XML name without a namespace "
            + "prefix (only 'xml:' is allowed); rename or drop it")
      }
      try output.attribute(name, try checked(value, "\(element)@\(name)"))
    }
  }

  func checked(_ text: String, _ place: String) throws(TMXError) -> String {
    if let offset = XMLCharacters.firstInvalidScalarOffset(in: text) {
      let scalar = text.unicodeScalars[
        text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: offset)]
      let code = String(scalar.value, radix: 16, uppercase: true)
      throw TMXError(
        kind: .notTMX,
        message: "\(place) holds U+\(code) at character \(offset + 1), which XML 1.0 cannot carry; "
          + "remove or replace it before writing")
    }
    return text
  }
}

/// The bytes a fragment writer (``TMXStreamWriter/serialized(_:)``) has made so far.
final class CollectedBytes {
  var bytes: [UInt8] = []
}
