import TMX
import Testing

/// Well-formed XML that is not usable TMX is refused with what is wrong and the line it is on.
@Suite("TMX structure errors")
struct StructureErrorTests {
  /// A TMX document whose `<body>` holds `body` (one unit per line after line 4).
  static func tmx(body: String) -> [UInt8] {
    Array(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4">
      <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="nl"/>
      <body>
      \(body)
      </body>
      </tmx>
      """.utf8)
  }

  static let unit = "<tu><tuv xml:lang=\"nl\"><seg>Goed.</seg></tuv></tu>"

  func refusal(_ body: String) throws -> TMXError {
    let error = try #require(throws: TMXError.self) {
      try TMXReader.read(bytes: Self.tmx(body: body), name: "s.tmx")
    }
    #expect(error.kind == .notTMX)
    return error
  }

  @Test("text between units is refused at its line")
  func strayText() throws {
    let error = try refusal("\(Self.unit)\n\(Self.unit)\nverdwaald\n\(Self.unit)")
    #expect(error.message.contains("'verdwaald'"))
    #expect(error.line == 4)
  }

  @Test("an unknown element in <body> is refused at its line")
  func unknownElementInBody() throws {
    let error = try refusal("\(Self.unit)\n<group/>\n\(Self.unit)")
    #expect(error.message.contains("unexpected element <group> in <body>"))
    #expect(error.line == 6)
  }

  @Test("a variant without a segment in the third unit is refused at that unit's line")
  func variantWithoutSegment() throws {
    let error = try refusal("\(Self.unit)\n\(Self.unit)\n<tu><tuv xml:lang=\"en\"></tuv></tu>")
    #expect(error.message.contains("has no <seg>"))
    #expect(error.line == 7)
  }

  @Test("a variant with two segments, or without a language, is refused")
  func variantShape() throws {
    let two = try refusal("<tu><tuv xml:lang=\"en\"><seg>a</seg><seg>b</seg></tuv></tu>")
    #expect(two.message.contains("more than one <seg>"))
    let noLanguage = try refusal("<tu><tuv><seg>a</seg></tuv></tu>")
    #expect(noLanguage.message.contains("no xml:lang"))
  }

  @Test("an element TMX does not define inside <seg> is refused")
  func unknownInlineElement() throws {
    let error = try refusal("<tu><tuv xml:lang=\"en\"><seg>a <b>bold</b></seg></tuv></tu>")
    #expect(error.message.contains("unexpected element <b> in <seg>"))
    #expect(error.line == 5)
  }

  @Test("units after many freed ones are still all read, in order")
  func manyUnits() throws {
    let body = (1...500).map { "<tu tuid=\"\($0)\"><tuv xml:lang=\"nl\"><seg>Zin \($0).</seg></tuv></tu>" }
    let document = try TMXReader.read(bytes: Self.tmx(body: body.joined(separator: "\n")), name: "many")
    #expect(document.units.map(\.id) == (1...500).map { String($0) })
    #expect(document.units.last?.variants.first?.segment.plainText == "Zin 500.")
  }
}
