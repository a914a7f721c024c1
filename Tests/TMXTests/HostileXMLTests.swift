import Foundation
import TMX
import Testing

/// Hostile or broken XML: never expands entities, never opens a file or a connection because of
/// the file's content, stops absurd nesting, and reports the first error with line and column.
@Suite("Hostile and broken XML", .serialized)
struct HostileXMLTests {
  static let marker = "TWEETAL-SECRET-7f3a9c"

  /// A TMX document around `segment`, after an optional DOCTYPE.
  static func tmx(doctype: String = "", segment: String = "Hallo") -> [UInt8] {
    Array(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      \(doctype)
      <tmx version="1.4">
        <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" \
      srclang="nl-NL" datatype="plaintext"/>
        <body>
          <tu><tuv xml:lang="nl-NL"><seg>\(segment)</seg></tuv></tu>
        </body>
      </tmx>

      """.utf8)
  }

  /// Reads `bytes`, expecting an error of `kind` with a line and a column, and no secret in it.
  @discardableResult
  func expectRefusal(
    _ bytes: [UInt8], _ kind: TMXError.Kind, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> TMXError {
    let error = try #require(throws: TMXError.self, sourceLocation: sourceLocation) {
      try TMXReader.read(bytes: bytes, name: "hostile.tmx")
    }
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    #expect(error.line != nil && error.column != nil, "\(error)", sourceLocation: sourceLocation)
    #expect(error.file == "hostile.tmx", sourceLocation: sourceLocation)
    #expect(!"\(error)".contains(Self.marker), "\(error)", sourceLocation: sourceLocation)
    return error
  }

  /// A temporary file holding the secret marker, removed after `body`.
  func withSecretFile(_ contents: String? = nil, _ body: (String) throws -> Void) throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("secret.txt").path
    try Data((contents ?? Self.marker).utf8).write(to: URL(fileURLWithPath: path))
    try body(path)
  }

  @Test("billion laughs: the first entity declaration is refused, nothing expands")
  func billionLaughs() throws {
    var declarations = "<!ENTITY lol0 \"lol\">\n"
    for level in 1...9 {
      declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
    }
    let error = try expectRefusal(
      Self.tmx(doctype: "<!DOCTYPE tmx [\n\(declarations)]>", segment: "&lol9;"), .forbidden)
    #expect(error.line == 3 && error.message.contains("'lol0'"))
  }

  @Test("an external entity naming a local file is refused and the file is never read")
  func externalFileEntity() throws {
    try withSecretFile { path in
      let bytes = Self.tmx(
        doctype: "<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file://\(path)\">]>", segment: "before &xxe; after")
      let error = try expectRefusal(bytes, .forbidden)
      #expect(error.message.contains("'xxe'"))
    }
  }

  @Test("an external entity naming an http URL is refused and no connection is made")
  func externalHTTPEntity() throws {
    let listener = try LocalListener()
    let bytes = Self.tmx(
      doctype: "<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"http://127.0.0.1:\(listener.port)/\(Self.marker)\">]>",
      segment: "&xxe;")
    try expectRefusal(bytes, .forbidden)
    #expect(!listener.hasPendingConnection(), "the reader connected to the URL of an external entity")
  }

  @Test("an external DTD is never loaded: its attribute defaults and entities do not apply")
  func externalDTD() throws {
    let dtd = "<!ATTLIST tuv x-secret CDATA \"\(Self.marker)\">\n<!ENTITY secret \"\(Self.marker)\">\n"
    try withSecretFile(dtd) { path in
      let document = try TMXReader.read(
        bytes: Self.tmx(doctype: "<!DOCTYPE tmx SYSTEM \"file://\(path)\">"), name: "hostile.tmx")
      #expect(document.units[0].variants[0].attributes.isEmpty)
      #expect(!"\(document)".contains(Self.marker))
      let reference = Self.tmx(doctype: "<!DOCTYPE tmx SYSTEM \"file://\(path)\">", segment: "&secret;")
      let error = try expectRefusal(reference, .forbidden)
      #expect(error.message.contains("&secret;"))
    }
  }

  @Test("a parameter entity that would pull in a file is refused")
  func parameterEntity() throws {
    try withSecretFile("<!ENTITY leak \"\(Self.marker)\">") { path in
      let bytes = Self.tmx(
        doctype: "<!DOCTYPE tmx [<!ENTITY % remote SYSTEM \"file://\(path)\"> %remote;]>", segment: "&leak;")
      try expectRefusal(bytes, .forbidden)
    }
  }

  @Test("an XInclude element is refused, not processed")
  func xInclude() throws {
    try withSecretFile { path in
      let include =
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(path)\" parse=\"text\"/>"
      let error = try expectRefusal(Self.tmx(segment: "x \(include)"), .forbidden)
      #expect(error.message.contains("XInclude") && error.line == 6)
    }
  }

  @Test("100 000 nested elements stop at libxml2's depth limit")
  func deepNesting() throws {
    let depth = 100_000
    let segment = String(repeating: "<hi>", count: depth) + "x" + String(repeating: "</hi>", count: depth)
    let error = try expectRefusal(Self.tmx(segment: segment), .limitExceeded)
    #expect(error.message.contains("nested too deeply"))
  }

  @Test("an element name longer than libxml2's 50 000-character limit is refused as a size limit")
  func hugeName() throws {
    let name = String(repeating: "n", count: 50_001)
    try expectRefusal(Self.tmx(segment: "<\(name)/>"), .limitExceeded)
  }

  @Test("a 12 MB segment is read in full, not cut")
  func hugeSegment() throws {
    let document = try TMXReader.read(
      bytes: Self.tmx(segment: String(repeating: "ab", count: 6_000_000)), name: "big")
    let text = document.units.first?.variants.first?.segment.plainText
    #expect(text?.utf8.count == 12_000_000)
    #expect(text?.hasSuffix("abab") == true)
  }

  @Test("a truncated file is malformed, with the place where it ends")
  func truncated() throws {
    let bytes = try TMXWriter.bytes(of: TestDocuments.rich)
    let error = try expectRefusal(Array(bytes[..<(bytes.count / 2)]), .malformed)
    #expect(error.message.contains("not well-formed"))
  }

  @Test("a file whose root is not <tmx> is not TMX")
  func wrongRoot() throws {
    let error = try expectRefusal(Array("<?xml version=\"1.0\"?>\n<html><body>x</body></html>".utf8), .notTMX)
    #expect(error.line == 2 && error.message.contains("<html>"))
  }

  @Test("<tmx> without <body> is not TMX")
  func missingBody() throws {
    let bytes = Array("<tmx version=\"1.4\">\n  <header srclang=\"nl\"/>\n</tmx>".utf8)
    let error = try expectRefusal(bytes, .notTMX)
    #expect(error.message.contains("no <body>") && error.line == 1)
  }

  @Test("garbage bytes are malformed")
  func garbage() throws {
    try expectRefusal(
      [0x13, 0x37, 0xC0, 0xFF, 0xEE, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00], .malformed)
  }

  @Test("an empty file is malformed at line 1, column 1")
  func empty() throws {
    let error = try expectRefusal([], .malformed)
    #expect(error.line == 1 && error.column == 1)
  }

  @Test("a declared encoding libxml2 does not know is an encoding error")
  func unsupportedEncoding() throws {
    var bytes = Self.tmx()
    bytes.replaceSubrange(0..<38, with: Array("<?xml version=\"1.0\" encoding=\"x-klingon\"?>".utf8))
    try expectRefusal(bytes, .encoding)
  }

  @Test("bytes that are not UTF-8 in a UTF-8 file are an encoding error at their line")
  func invalidUTF8() throws {
    var broken = Self.tmx(segment: "caf")
    let index = try #require(broken.indices.first { broken[$0...].starts(with: Array("caf<".utf8)) })
    broken.insert(0xE9, at: index + 3)  // windows-1252 é in a UTF-8 file
    let error = try expectRefusal(broken, .encoding)
    #expect(error.line == 6, "\(error)")
    #expect(error.message.contains("Bytes: 0xE9"))
  }

  @Test("gzip, ZIP, SQLite (Trados .sdltm), PDF and UTF-32 files are named for what they are, with the fix")
  func otherFormats() throws {
    let tmx = Array(Self.tmx(segment: "x"))
    let gzip = try expectRefusal([0x1F, 0x8B, 0x08, 0x00] + tmx, .notTMX)
    #expect(gzip.message.contains("gzip-compressed") && gzip.message.contains("gunzip"))
    #expect(try expectRefusal([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], .notTMX).message.contains("ZIP archive"))
    let sqlite = try expectRefusal(
      Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 90), .notTMX)
    #expect(sqlite.message.contains(".sdltm"))
    #expect(try expectRefusal(Array("%PDF-1.7\n".utf8), .notTMX).message.contains("PDF"))
    var utf32: [UInt8] = [0xFF, 0xFE, 0x00, 0x00]
    for scalar in "<tmx/>".unicodeScalars { utf32 += [UInt8(scalar.value), 0, 0, 0] }
    #expect(try expectRefusal(utf32, .encoding).message.contains("iconv -f UTF-32"))
  }

  @Test("reads in parallel each get their own result and errors")
  func concurrentReads() async throws {
    let good = try TMXWriter.bytes(of: TestDocuments.rich)
    let bad = Array(good[..<(good.count / 3)])
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<32 {
        group.addTask {
          if index.isMultiple(of: 2) {
            return try TMXReader.read(bytes: good, name: "good") == TestDocuments.rich
          }
          do {
            _ = try TMXReader.read(bytes: bad, name: "bad")
            return false
          } catch let error as TMXError { return error.kind == .malformed && error.file == "bad" }
        }
      }
      for try await result in group { #expect(result) }
    }
  }
}
