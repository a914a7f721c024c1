import Foundation
import TMX
import TestSupport
import Testing

/// The streaming reader (`TMXStreamReader`, used by `stats` and `export`) gives what the tree
/// reader (`TMXReader`) gives: the same version, header and units in the same order for every
/// file, and the same error (kind, message, line, column) for every broken or hostile one,
/// whatever size the pieces the file arrives in.
@Suite("Streaming reader = tree reader", .serialized)
struct StreamReaderTests {
  /// What a read gives: the document, or the error.
  enum Outcome: Equatable, CustomStringConvertible {
    case document(TMXDocument)
    case failure(TMXError)

    var description: String {
      switch self {
      case .document(let document): "document with \(document.units.count) units"
      case .failure(let error): "error \(error.kind): \(error)"
      }
    }
  }

  static func tree(_ bytes: [UInt8], name: String) -> Outcome {
    do throws(TMXError) { return .document(try TMXReader.read(bytes: bytes, name: name)) } catch {
      return .failure(error)
    }
  }

  /// The streamed units put back into a document, checking that the header is handed over
  /// once, before the units, and equal to the summary's.
  static func streamed(_ bytes: [UInt8], name: String, chunkSize: Int = 1 << 18) -> Outcome {
    var headers: [Header] = []
    var units: [TranslationUnit] = []
    var unitsBeforeHeader = 0
    do throws(TMXError) {
      let summary = try TMXStreamReader.read(
        bytes: bytes, name: name, chunkSize: chunkSize, header: { headers.append($0) },
        unit: {
          if headers.isEmpty { unitsBeforeHeader += 1 }
          units.append($0)
        })
      #expect(headers == [summary.header], "\(name)")
      #expect(unitsBeforeHeader == 0, "\(name)")
      #expect(summary.unitCount == units.count)
      return .document(TMXDocument(version: summary.version, header: summary.header, units: units))
    } catch {
      return .failure(error)
    }
  }

  /// An outline read (what `stats` uses) as a document whose units hold only their variants'
  /// languages; the header handed over once, before the units.
  static func outlined(_ bytes: [UInt8], name: String, chunkSize: Int = 1 << 18) -> Outcome {
    var headers: [Header] = []
    var units: [TranslationUnit] = []
    var unitsBeforeHeader = 0
    do throws(TMXError) {
      let summary = try TMXStreamReader.outline(
        bytes: bytes, name: name, chunkSize: chunkSize, header: { headers.append($0) },
        unit: {
          if headers.isEmpty { unitsBeforeHeader += 1 }
          units.append(languagesOnly($0))
        })
      #expect(headers == [summary.header], "\(name)")
      #expect(unitsBeforeHeader == 0, "\(name)")
      #expect(summary.unitCount == units.count)
      return .document(TMXDocument(version: summary.version, header: summary.header, units: units))
    } catch {
      return .failure(error)
    }
  }

  /// A unit that holds only variants with these languages (and empty segments).
  static func languagesOnly(_ languages: [String]) -> TranslationUnit {
    var unit = TranslationUnit(id: nil)
    unit.variants = languages.map { TranslationVariant(language: $0, segment: Segment(content: [])) }
    return unit
  }

  /// What an outline read must give for `outcome`, a tree reader's.
  static func outline(of outcome: Outcome) -> Outcome {
    guard case .document(let document) = outcome else { return outcome }
    return .document(
      TMXDocument(
        version: document.version, header: document.header,
        units: document.units.map { languagesOnly($0.variants.map(\.language)) }))
  }

  /// Expects both readers, and the outline read, to agree on `bytes`, in one piece and in small
  /// pieces.
  func expectSame(
    _ bytes: [UInt8], name: String, chunkSizes: [Int] = [1 << 18, 4096, 61],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let expected = Self.tree(bytes, name: name)
    let expectedOutline = Self.outline(of: expected)
    for size in chunkSizes {
      let actual = Self.streamed(bytes, name: name, chunkSize: size)
      #expect(actual == expected, "\(name) in pieces of \(size) bytes", sourceLocation: sourceLocation)
      let outlined = Self.outlined(bytes, name: name, chunkSize: size)
      #expect(
        outlined == expectedOutline, "\(name) outlined in pieces of \(size) bytes",
        sourceLocation: sourceLocation)
    }
  }

  static func files(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmx") }.sorted()
      .map { folder + "/" + $0 }
  }

  @Test(
    "every file of ../shared/tmx-samples gives the same document or the same error",
    .enabled(if: Shared.has(Shared.tmxSamples), Shared.reason(Shared.tmxSamples)))
  func sharedSamples() throws {
    let paths = try Self.files(in: Shared.path(Shared.tmxSamples))
    #expect(paths.count >= 15)
    for path in paths {
      let bytes = try #require(FileManager.default.contents(atPath: path))
      expectSame(Array(bytes), name: path)
      try expectSameFromPath(path)
    }
  }

  @Test("the shipped alignments and the fixtures give the same documents")
  func shippedFiles() throws {
    let paths =
      try Self.files(in: Repository.path("alignments"))
      + Self.files(in: Repository.path("Tests/TMXTests/Fixtures"))
    #expect(paths.count >= 10)
    for path in paths {
      let bytes = try #require(FileManager.default.contents(atPath: path))
      expectSame(Array(bytes), name: path)
      try expectSameFromPath(path)
    }
  }

  /// Reading by path agrees too (the file is read in chunks from its descriptor).
  func expectSameFromPath(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected: Outcome
    do throws(TMXError) { expected = .document(try TMXReader.read(path: path)) } catch {
      expected = .failure(error)
    }
    var units: [TranslationUnit] = []
    let actual: Outcome
    do throws(TMXError) {
      let summary = try TMXStreamReader.read(path: path) { units.append($0) }
      actual = .document(TMXDocument(version: summary.version, header: summary.header, units: units))
    } catch {
      actual = .failure(error)
    }
    #expect(actual == expected, "\(path)", sourceLocation: sourceLocation)
    var languages: [TranslationUnit] = []
    let outlined: Outcome
    do throws(TMXError) {
      let summary = try TMXStreamReader.outline(path: path) { languages.append(Self.languagesOnly($0)) }
      outlined = .document(TMXDocument(version: summary.version, header: summary.header, units: languages))
    } catch {
      outlined = .failure(error)
    }
    #expect(outlined == Self.outline(of: expected), "\(path) outlined", sourceLocation: sourceLocation)
  }

  @Test("a missing file and a folder give the tree reader's errors")
  func missingAndFolder() throws {
    try expectSameFromPath("/nonexistent/tweetal/none.tmx")
    try expectSameFromPath(Repository.path("alignments"))
  }

  @Test("hostile and broken files give the same error, with the same line and column")
  func hostileFiles() throws {
    var entities = "<!ENTITY lol0 \"lol\">\n"
    for level in 1...9 {
      entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
    }
    let doctypes = [
      "<!DOCTYPE tmx [\n\(entities)]>", "<!DOCTYPE tmx SYSTEM \"file:///etc/passwd\">",
      "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">",
      "<!DOCTYPE tmx [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x\"> %p;]>",
      "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
    ]
    var inputs: [(String, [UInt8])] = doctypes.enumerated().map {
      ("doctype \($0.offset)", HostileXMLTests.tmx(doctype: $0.element, segment: "&lol9; &x;"))
    }
    let segments = [
      "&nbsp;", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>",
      String(repeating: "<hi>", count: 300) + "x" + String(repeating: "</hi>", count: 300),
      "<" + String(repeating: "n", count: 50_001) + "/>", "caf\u{E9} &amp; &#233; <![CDATA[ <x> ]]>",
      "<bpt i=\"1\">&lt;b&gt;</bpt>x<ept i=\"1\">&lt;/b&gt;</ept>", "<unknown/>", "<t5:n xmlns:t5=\"u\"/>",
      "<p:x/>", "a</seg><seg>b", "<!-- c -->x<?pi y?>z",
    ]
    inputs += segments.enumerated().map { ("segment \($0.offset)", HostileXMLTests.tmx(segment: $0.element)) }
    let bodies = [
      "text", "<x/>", "<tu><tuv><seg>a</seg></tuv></tu>", "<tu><tuv xml:lang=\"nl\"/></tu>",
      StructureErrorTests.unit + "\n<note>n</note>\n" + StructureErrorTests.unit,
      String(repeating: StructureErrorTests.unit + "\n", count: 50) + "</body><body>",
    ]
    inputs += bodies.enumerated().map { ("body \($0.offset)", StructureErrorTests.tmx(body: $0.element)) }
    inputs += [
      ("wrong root", Array("<?xml version=\"1.0\"?>\n<html><body>x</body></html>".utf8)),
      ("no body", Array("<tmx version=\"1.4\">\n  <header srclang=\"nl\"/>\n</tmx>".utf8)),
      ("no header", Array("<tmx version=\"1.4\">\n  <body/>\n</tmx>".utf8)),
      ("body first", Array("<tmx><body>\(StructureErrorTests.unit)</body><header/></tmx>".utf8)),
      ("bad header", Array("<tmx><header><x/></header><body>\(StructureErrorTests.unit)</body></tmx>".utf8)),
      ("two headers", Array("<tmx><header/><header/><body/></tmx>".utf8)),
      ("garbage", [0x13, 0x37, 0xC0, 0xFF, 0xEE, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]),
      ("empty", []), ("one byte", [0x3C]), ("gzip", [0x1F, 0x8B, 0x08, 0x00]),
      ("pdf", Array("%PDF-1.7\n".utf8)),
      ("klingon", Array("<?xml version=\"1.0\" encoding=\"x-klingon\"?><tmx/>".utf8)),
    ]
    var broken = HostileXMLTests.tmx(segment: "caf")
    let index = try #require(broken.indices.first { broken[$0...].starts(with: Array("caf<".utf8)) })
    broken.insert(0xE9, at: index + 3)
    inputs.append(("invalid UTF-8", broken))
    for (name, bytes) in inputs { expectSame(bytes, name: name) }
  }

  @Test("the outline read accepts and refuses what the tree reader does, also where it gives up")
  func outlineEdges() throws {
    let unit = StructureErrorTests.unit
    let deep = String(repeating: "<hi>", count: 220) + "x" + String(repeating: "</hi>", count: 220)
    let bodies = [
      "<!-- c -->\n" + unit + "\n<?pi x?>\n" + unit, "<![CDATA[  ]]>" + unit + "<![CDATA[\n]]>",
      "<tu tuid=\"1\"><prop type=\"x\">a &amp; b</prop><note>n</note><tuv lang=\"en\"><note>x</note>"
        + "<seg>a<bpt i=\"1\">&lt;b&gt;</bpt><hi>h<sub>s</sub></hi><!-- c --></seg></tuv>"
        + "<tuv xml:lang=\"nl\" lang=\"de\"><seg/></tuv></tu>",
      "<tu><tuv xml:lang=\"n&#233;l\"><seg>x</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"a&amp;b\"><seg>x</seg></tuv><tuv xml:lang=\"a&#38;b\"><seg/></tuv></tu>",
      "<tu xml:id=\"a\"><tuv xml:lang=\"nl\"><seg>x</seg></tuv></tu><tu xml:id=\"a\"><tuv xml:lang=\"nl\"><seg/></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><seg>" + String(repeating: "lang ", count: 300_000) + "</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><seg>" + deep + "</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><seg>a</seg><seg>b</seg></tuv></tu>",
      "<tu><prop type=\"x\"><ph/></prop><tuv xml:lang=\"nl\"><seg>a</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><seg>a<b/></seg></tuv></tu>",
      "<tu>x<tuv xml:lang=\"nl\"><seg>a</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><![CDATA[x]]><seg>a</seg></tuv></tu>",
      "<tu><tuv foo:lang=\"nl\" xmlns:foo=\"u\"><seg>a</seg></tuv></tu>",
      "<tu><tuv xml:lang=\"nl\"><seg><x:hi xmlns:x=\"u\"/></seg></tuv></tu>", "<tu><ude/></tu>",
      "<tu tuid=\"a&amp;b\" x=\"&#38;&lt;&quot;&#9;y&#10;\" changeid=\"A &amp; B\"><prop type=\"t&amp;\">v</prop>"
        + "<tuv xml:lang=\"nl\" n=\"&#38;#38;\"><seg>a<ph x=\"&amp;amp;\">&amp;</ph>b<!-- c -->c<![CDATA[d]]></seg>"
        + "</tuv></tu>",
      "<tu xmlns:q=\"u\" q:x=\"1\"><tuv xml:lang=\"nl\" q:y=\"2\" lang=\"de\"><seg>a</seg></tuv></tu>",
      "<tu><prop type=\"a\">x<!-- c -->y<![CDATA[]]></prop><note xml:lang=\"nl\">z</note><tuv xml:lang=\"nl\"><seg/>"
        + "<prop type=\"b\" type2=\"c\"/><note/></tuv></tu>",
      unit + "</body><body>" + unit, unit + "\n" + unit + "\ntext",
    ]
    var inputs = bodies.enumerated().map { ("body \($0.offset)", StructureErrorTests.tmx(body: $0.element)) }
    let header =
      "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" "
      + "adminlang=\"en\" srclang=\"nl\"/>"
    let documents = [
      "<!DOCTYPE tmx [<!ATTLIST tu tuid ID #IMPLIED>]><tmx version=\"1.4\">\(header)<body>"
        + "<tu tuid=\"a\"><tuv xml:lang=\"nl\"><seg/></tuv></tu><tu tuid=\"a\"><tuv xml:lang=\"nl\"><seg/></tuv></tu>"
        + "</body></tmx>",
      "<t:tmx xmlns:t=\"http://www.lisa.org/tmx14\" version=\"1.4\">"
        + header.replacing("<header", with: "<t:header")
        + "<t:body><t:tu><t:tuv xml:lang=\"nl\"><t:seg>a</t:seg>"
        + "</t:tuv></t:tu></t:body></t:tmx>",
      "<t:tmx xmlns:t=\"http://www.lisa.org/tmx14\" version=\"1.4\">"
        + header.replacing("<header", with: "<t:header") + "<t:body><tu/></t:body></t:tmx>",
      "<tmx xmlns=\"http://www.lisa.org/tmx14\" version=\"1.4\">\(header)<body>\(unit)</body></tmx>",
      "<tmx version=\"1.4\">\(header)<body>\(unit)</body><!-- after --></tmx><?pi end?>",
    ]
    inputs += documents.enumerated().map { ("document \($0.offset)", Array($0.element.utf8)) }
    for (name, bytes) in inputs { expectSame(bytes, name: name) }
  }

  @Test("a file cut at every tenth byte gives the same error (or document) in pieces of 1 KiB and 7 bytes")
  func truncatedEverywhere() throws {
    let bytes = try TMXWriter.bytes(of: TestDocuments.rich)
    for end in stride(from: 0, through: bytes.count, by: 10) {
      expectSame(Array(bytes[..<end]), name: "cut at \(end)", chunkSizes: [1024, 7])
    }
  }

  @Test("random valid documents, written and read, give the same units in pieces of 1 to 4096 bytes")
  func randomDocuments() throws {
    var random = RandomDocuments(seed: 14)
    for round in 0..<40 {
      let bytes = try TMXWriter.bytes(of: random.document())
      expectSame(bytes, name: "random \(round)", chunkSizes: [4096, 1 + round % 13])
    }
  }

  @Test("units are handed over one at a time: 20 000 units stream without being kept")
  func manyUnits() throws {
    let units = String(repeating: StructureErrorTests.unit + "\n", count: 20_000)
    var count = 0
    var texts = Set<String>()
    let summary = try TMXStreamReader.read(bytes: StructureErrorTests.tmx(body: units), name: "many") {
      count += 1
      texts.insert($0.variants.first?.segment.plainText ?? "")
    }
    #expect(count == 20_000 && summary.unitCount == 20_000 && texts == ["Goed."])
    #expect(summary.header.sourceLanguage == "nl")
  }
}
