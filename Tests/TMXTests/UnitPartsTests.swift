import TMX
import Testing

/// `TMXStreamWriter.writeUnit` makes a unit's bytes itself, escaping each text and attribute
/// value with the libxml2 function the text writer escapes it with; `write(_:)` has libxml2's
/// text writer make them. The two must give the same bytes and the same errors.
@Suite("A unit written from its parts: the bytes and errors of libxml2's text writer")
struct UnitPartsTests {
  static let header = Header(
    creationTool: "Tweetal", creationToolVersion: "0.1.0", originalFormat: "Tweetal",
    sourceLanguage: "nl-NL", attributes: ["creationdate": "20240131T120000Z"])

  /// The ASCII characters XML carries (tab, line feed, carriage return, 0x20–0x7F).
  static let ascii = [9, 10, 13] + Array(32..<128)

  /// Every ASCII character XML carries between two letters, and alone; markup, entities, line
  /// breaks, tabs and non-ASCII text (two-, three- and four-byte characters, a BOM); empty.
  static let values: [String] =
    ascii.map { "a\(String(UnicodeScalar(UInt8($0))))b" } + ascii.map { String(UnicodeScalar(UInt8($0))) }
    + [
      "", "ré viewer & <co>", "\"quoted\" 'single' &amp; &#38;", "line\nbreak\r\nand\ttab", "Straße € 😀",
      "\u{FEFF}bom", "]]>", "ä\"&<>\r\n\t", String(repeating: "é&", count: 300),
    ]

  /// `value` in every place of a unit: its id and dates, a prop's type, language and value, a
  /// variant's language and text; and a prop and a variant written from bytes.
  static func unit(_ value: String) -> TranslationUnit {
    TranslationUnit(
      id: "7" + value, attributes: ["creationdate": value, "changedate": "d" + value, "changeid": value],
      properties: [
        Property(type: "x-" + value, value: value, language: value), Property(type: "x-bytes", value: value),
      ],
      variants: [
        TranslationVariant(language: value, segment: Segment(text: value)),
        TranslationVariant(language: "en", segment: Segment(text: value)),
      ])
  }

  /// ``unit(_:)`` written from its parts.
  static func writeParts(_ value: String, to writer: TMXStreamWriter) throws(TMXError) {
    try writer.writeUnit(id: "7" + value, creationDate: value, changeDate: "d" + value, changeID: value) {
      (parts) throws(TMXError) in
      try parts.property(type: "x-" + value, value: value, language: value)
      var bytes = Array(value.utf8)
      try parts.property(type: "x-bytes", utf8: &bytes)
      #expect(bytes.isEmpty)
      try parts.variant(language: value, text: value)
      bytes = Array(value.utf8)
      try parts.variant(language: "en", utf8: &bytes)
    }
  }

  /// A whole document of `values`' units, each written by libxml2's text writer or from its parts.
  static func document(_ values: [String], fromParts: (Int) -> Bool) throws(TMXError) -> [UInt8] {
    var bytes: [UInt8] = []
    let writer = try TMXStreamWriter(header: header) { bytes.append(contentsOf: $0) }
    for (index, value) in values.enumerated() {
      if fromParts(index) {
        try writeParts(value, to: writer)
      } else {
        try writer.write(unit(value))
      }
    }
    try writer.finish()
    return bytes
  }

  @Test(
    "every ASCII character, markup, line breaks, non-ASCII: the same bytes in a document and in a fragment")
  func sameBytes() throws {
    var escaped = 0
    for value in Self.values {
      let made = try TMXStreamWriter.serialized([Self.unit(value)])
      let fromParts = try TMXStreamWriter.serialized { (writer) throws(TMXError) in
        try Self.writeParts(value, to: writer)
      }
      #expect(fromParts == made, "\(Array(value.unicodeScalars))")
      let alone = try Self.document([value]) { _ in false }
      #expect(try Self.document([value]) { _ in true } == alone, "\(Array(value.unicodeScalars))")
      if !String(decoding: made, as: UTF8.self).contains("<seg>\(value)</seg>") { escaped += 1 }
    }
    // Real escaping happened (`&`, `<`, `>`, `"`, carriage return at least).
    #expect(escaped >= 8)
    // Units of both kinds one after another in one document, starting with either.
    let mixed = try Self.document(Self.values) { _ in false }
    #expect(try Self.document(Self.values) { $0 % 2 == 0 } == mixed)
    #expect(try Self.document(Self.values) { $0 % 3 != 0 } == mixed)
    #expect(try Self.document(Self.values) { _ in true } == mixed)
    // No unit at all, and a unit from parts alone.
    #expect(try Self.document([]) { _ in true } == Self.document([]) { _ in false })
  }

  @Test("an attribute's non-ASCII characters: the same bytes in a fragment as in a document")
  func nonASCIIAttributes() throws {
    // libxml2 writes them as they are in a declared document and as character references in an
    // undeclared one; a fragment is declared (and the declaration left out), so that a saved
    // alignment's bytes do not depend on how many threads made its units.
    for value in ["ré viewer", "Straße € 😀", "\u{FEFF}bom"] {
      let document = String(decoding: try Self.document([value]) { _ in true }, as: UTF8.self)
      #expect(document.contains("changeid=\"\(value)\""))
      for fromParts in [true, false] {
        let fragment = String(
          decoding: try TMXStreamWriter.serialized { (writer) throws(TMXError) in
            if fromParts {
              try Self.writeParts(value, to: writer)
            } else {
              try writer.write(Self.unit(value))
            }
          }, as: UTF8.self)
        #expect(fragment.contains("changeid=\"\(value)\""), "\(fromParts)")
        #expect(!fragment.contains("&#x"), "\(fromParts)")
        #expect(document.contains(fragment), "\(fromParts)")
      }
    }
  }

  @Test("a character XML cannot carry, in each place: the same error, and nothing of the unit written")
  func sameErrors() throws {
    var failures = 0
    for bad in ["\u{1}", "\u{B}", "\u{FFFE}", "a\u{0}b"] {
      for place in 0..<5 {
        func value(_ index: Int) -> String { index == place ? "x" + bad : "x" }
        let unit = TranslationUnit(
          id: value(0), attributes: ["changeid": value(1)],
          properties: [Property(type: value(2), value: value(3))],
          variants: [TranslationVariant(language: "nl", segment: Segment(text: value(4)))])
        var madeBytes: [UInt8] = []
        let madeWriter = try TMXStreamWriter(header: Self.header) { madeBytes.append(contentsOf: $0) }
        var partsBytes: [UInt8] = []
        let partsWriter = try TMXStreamWriter(header: Self.header) { partsBytes.append(contentsOf: $0) }
        let made = Result { () throws(TMXError) in try madeWriter.write(unit) }
        let fromParts = Result { () throws(TMXError) in
          try partsWriter.writeUnit(id: value(0), creationDate: nil, changeDate: nil, changeID: value(1)) {
            (parts) throws(TMXError) in
            try parts.property(type: value(2), value: value(3))
            try parts.variant(language: "nl", text: value(4))
          }
        }
        guard case .failure(let expected) = made else {
          Issue.record("libxml2's writer wrote \(Array(bad.unicodeScalars)) in place \(place)")
          continue
        }
        #expect(throws: expected) { try fromParts.get() }
        #expect(partsBytes == madeBytes)
        failures += 1
      }
    }
    #expect(failures == 20)
  }
}
