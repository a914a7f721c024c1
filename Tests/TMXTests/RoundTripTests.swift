import Foundation
import TMX
import TestSupport
import Testing

/// Writing a document and reading the bytes back gives the identical model.
@Suite("Writer to reader round trip")
struct RoundTripTests {
  @Test("props, notes, nested inline codes, Unicode, & < > \" ' and whitespace survive a round trip")
  func richDocument() throws {
    let bytes = try TMXWriter.bytes(of: TestDocuments.rich)
    let read = try TMXReader.read(bytes: bytes, name: "rich.tmx")
    #expect(read == TestDocuments.rich)
    #expect(
      read.units[1].variants[0].segment.plainText
        == "Zie artikel 3 & 4 <niet> \"bindend\" 'GCM'\ttab\r\nregel")
  }

  @Test(
    "random documents survive a round trip, and writing what was read gives the same bytes", arguments: 1...40
  )
  func randomDocument(seed: UInt64) throws {
    var random = RandomDocuments(seed: seed)
    let document = random.document()
    let bytes = try TMXWriter.bytes(of: document)
    let read = try TMXReader.read(bytes: bytes, name: "random-\(seed).tmx")
    #expect(read == document, "seed \(seed)")
    #expect(try TMXWriter.bytes(of: read) == bytes, "seed \(seed)")
  }

  @Test("a file written to disk reads back identical")
  func throughFile() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("rich.tmx").path
    try TMXWriter.write(TestDocuments.rich, toPath: path)
    #expect(try TMXReader.read(path: path) == TestDocuments.rich)
  }

  @Test(
    "written files are valid against the TMX 1.4b DTD (xmllint --dtdvalid)",
    .enabled(if: Shared.has(Shared.dtd), Shared.reason(Shared.dtd)),
    .enabled(if: XMLLint.isInstalled, "needs xmllint (Debian package libxml2-utils)"))
  func validAgainstDTD() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    var documents = [TestDocuments.rich]
    for seed in UInt64(100)..<105 {
      var random = RandomDocuments(seed: seed)
      documents.append(random.document())
    }
    for (index, document) in documents.enumerated() {
      let path = directory.appendingPathComponent("doc\(index).tmx").path
      try TMXWriter.write(document, toPath: path)
      let (status, message) = try XMLLint.validate(path)
      #expect(status == 0, "document \(index): \(message)")
    }
  }
}
