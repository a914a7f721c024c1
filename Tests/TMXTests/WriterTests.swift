import Foundation
import TMX
import Testing

@Suite("Writing TMX")
struct WriterTests {
  static let small = TMXDocument(
    header: Header(
      creationTool: "Tweetal", creationToolVersion: "0.1.0", originalFormat: "Tweetal alignment",
      sourceLanguage: "nl-NL", attributes: ["creationid": "lead", "creationdate": "20240131T120000Z"]),
    units: [
      TranslationUnit(
        id: "1", attributes: ["creationdate": "20240131T120000Z"],
        properties: [Property(type: "x-bead", value: "1-1")],
        variants: [
          TranslationVariant(language: "nl-NL", segment: Segment(text: "Zie artikel 3 & 4.")),
          TranslationVariant(
            language: "en-GB",
            segment: Segment(content: [
              .text("See "), .code(InlineCode(kind: .placeholder, attributes: ["x": "1"])), .text("article <3>."),
            ])),
        ])
    ])

  @Test("the bytes are exactly the TMX 1.4b form: declaration, fixed attribute order, no whitespace in seg")
  func exactBytes() throws {
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4">
        <header creationtool="Tweetal" creationtoolversion="0.1.0" segtype="sentence" \
      o-tmf="Tweetal alignment" adminlang="en" srclang="nl-NL" datatype="plaintext" \
      creationdate="20240131T120000Z" creationid="lead"/>
        <body>
          <tu tuid="1" creationdate="20240131T120000Z">
            <prop type="x-bead">1-1</prop>
            <tuv xml:lang="nl-NL">
              <seg>Zie artikel 3 &amp; 4.</seg>
            </tuv>
            <tuv xml:lang="en-GB">
              <seg>See <ph x="1"/>article &lt;3&gt;.</seg>
            </tuv>
          </tu>
        </body>
      </tmx>

      """
    #expect(String(decoding: try TMXWriter.bytes(of: Self.small), as: UTF8.self) == expected)
  }

  @Test("optional attributes are sorted by name, so the same document always gives the same bytes")
  func deterministicAttributeOrder() throws {
    var reordered = Self.small
    reordered.header.attributes = [:]
    reordered.header.attributes["creationid"] = "lead"
    reordered.header.attributes["creationdate"] = "20240131T120000Z"
    let text = String(decoding: try TMXWriter.bytes(of: reordered), as: UTF8.self)
    #expect(try TMXWriter.bytes(of: reordered) == TMXWriter.bytes(of: Self.small))
    let date = try #require(text.range(of: "creationdate="))
    let id = try #require(text.range(of: "creationid="))
    #expect(date.lowerBound < id.lowerBound)
  }

  @Test("the stream writer, fed unit by unit in pieces, gives the same bytes as the whole-document writer")
  func streamingMatchesWholeDocument() throws {
    let document = TestDocuments.rich
    var pieces: [[UInt8]] = []
    let writer = try TMXStreamWriter(header: document.header) { (piece: UnsafeRawBufferPointer) throws(TMXError) in
      pieces.append(Array(piece))
    }
    #expect(pieces.count == 1, "the header is handed out before any unit is written")
    for unit in document.units { try writer.write(unit) }
    #expect(pieces.count == 1 + document.units.count, "each unit is handed out as soon as it is written")
    try writer.finish()
    #expect(pieces.joined().elementsEqual(try TMXWriter.bytes(of: document)))
    #expect(throws: TMXError.self) { try writer.write(document.units[0]) }
  }

  @Test("a control character XML cannot carry is refused with where it is")
  func invalidCharacterIsRefused() throws {
    var document = Self.small
    document.units[0].variants[1].segment = Segment(text: "bell\u{7}")
    let error = try #require(throws: TMXError.self) { try TMXWriter.bytes(of: document) }
    #expect(error.kind == .notTMX)
    #expect(error.message.contains("U+7") && error.message.contains("character 5"))
  }

  @Test("an attribute that duplicates a model field, or has a foreign prefix, is refused")
  func badAttributeNamesAreRefused() throws {
    var duplicate = Self.small
    duplicate.header.attributes["srclang"] = "en-GB"
    let first = try #require(throws: TMXError.self) { try TMXWriter.bytes(of: duplicate) }
    #expect(first.message.contains("'srclang'"))
    var prefixed = Self.small
    prefixed.units[0].attributes["t5:n"] = "1"
    let second = try #require(throws: TMXError.self) { try TMXWriter.bytes(of: prefixed) }
    #expect(second.message.contains("'t5:n'"))
  }

  @Test("dates are written as YYYYMMDDThhmmssZ in UTC and parsed back")
  func dates() {
    #expect(TMXDate.format(secondsSince1970: 0) == "19700101T000000Z")
    #expect(TMXDate.format(secondsSince1970: 1_706_745_599) == "20240131T235959Z")
    #expect(TMXDate.format(secondsSince1970: 951_782_400) == "20000229T000000Z")
    #expect(TMXDate.format(secondsSince1970: -1) == "19691231T235959Z")
    #expect(TMXDate.parse("20240131T235959Z") == 1_706_745_599)
    #expect(TMXDate.parse("20000229T000000Z") == 951_782_400)
    #expect(TMXDate.parse("19000229T000000Z") == nil, "1900 is not a leap year")
    #expect(TMXDate.parse("20240131T235959") == nil)
    #expect(TMXDate.parse("2024-01-31T23:59:59Z") == nil)
    for seconds in stride(from: Int64(-3_000_000_000), through: 4_000_000_000, by: 86_399 * 37) {
      #expect(TMXDate.parse(TMXDate.format(secondsSince1970: seconds)) == seconds)
    }
  }
}
