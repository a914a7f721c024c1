import Foundation
import TMX
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

  @Test("another tool's TMX 1.1 file is written back as TMX 1.4b with the same units")
  func tmx11IsWrittenAs14() throws {
    let document = try TMXReader.read(path: TestFiles.sample("19_mymemory_tmx11_en-ru.tmx"))
    #expect(document.version == "1.1")
    let bytes = try TMXWriter.bytes(of: document)
    #expect(String(decoding: bytes.prefix(80), as: UTF8.self).contains("<tmx version=\"1.4\">"))
    var reread = try TMXReader.read(bytes: bytes, name: "rewritten.tmx")
    #expect(reread.version == "1.4")
    reread.version = "1.1"
    #expect(reread == document)
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
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")))
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
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
      process.arguments = ["--noout", "--nonet", "--dtdvalid", TestFiles.dtdPath, path]
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "document \(index): \(message)")
    }
  }
}
