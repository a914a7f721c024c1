import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

@Suite("The TMX form of an alignment through the real writer and reader")
struct AlignmentStoreFileTests {
  @Test("random documents (seeded) survive write then read unchanged", arguments: 1...60)
  func randomRoundTrip(seed: UInt64) throws {
    let document = RandomAlignment.document(seed: seed * 7919)
    let bytes = try TMXWriter.bytes(of: AlignmentStore.encode(document))
    let read = try TMXReader.read(bytes: bytes, name: "random.tmx")
    #expect(try AlignmentStore.decode(read, file: "random.tmx") == document)
  }

  @Test("every corpus pair: save, load gives the same documents and beads; the bytes are stable")
  func corpusRoundTrip() throws {
    let manifestText = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    let manifest = try CorpusManifest.parse(manifestText, file: "corpus/pairs.tsv", root: TestData.root)
    let folder = NSTemporaryDirectory() + "tweetal-store-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for pair in manifest.pairs {
      let source = InputDocument(name: pair.source, bytes: try TestData.bytes(manifest.path(of: pair.source)))
      let target = InputDocument(name: pair.target, bytes: try TestData.bytes(manifest.path(of: pair.target)))
      let document = try Pipeline().align(source: source, target: target, creationDate: "20260101T000000Z")
      let path = "\(folder)/\(pair.name).tmx"
      #expect(try AlignmentStore.saveIfChanged(document, toPath: path))
      #expect(try AlignmentStore.load(path: path) == document, "\(pair.name)")
      #expect(AlignmentStore.existingCreationDate(atPath: path) == "20260101T000000Z")
      // Same alignment again: identical bytes, so the file is not rewritten.
      #expect(try AlignmentStore.saveIfChanged(document, toPath: path) == false)
      var changed = document
      changed.metadata.creationDate = "20260102T000000Z"
      #expect(try AlignmentStore.saveIfChanged(changed, toPath: path))
    }
  }

  @Test("an existing file's creationdate is kept only when its header is Tweetal's")
  func existingDate() throws {
    #expect(AlignmentStore.existingCreationDate(atPath: TMXFixtures.omegaT) == nil)
    #expect(AlignmentStore.existingCreationDate(atPath: TestData.root + "/corpus") == nil)
    #expect(AlignmentStore.existingCreationDate(atPath: TestData.root + "/no-such.tmx") == nil)
    // The header is read through the TMX reader: entities decoded, a truncated rest never read.
    let header = try TMXReader.readHeader(
      bytes: Array(
        #"<?xml version="1.0"?><tmx version="1.4"><header creationtool='Tweetal' o-tmf="Tweetal" creationdate="20250101T101010Z" creationid="A &amp; B"/><body><tu"#
          .utf8), name: "cut.tmx")
    #expect(header.creationTool == "Tweetal")
    #expect(header.attributes["creationdate"] == "20250101T101010Z")
    #expect(header.attributes["creationid"] == "A & B")
    #expect(throws: TMXError.self) {
      try TMXReader.readHeader(bytes: Array("<tmx><body>".utf8), name: "x.tmx")
    }
  }

  @Test("statistics of a written alignment count its beads, links and confidence")
  func statistics() throws {
    let document = AlignmentStoreTests.sample
    let tmx = try TMXReader.read(
      bytes: try TMXWriter.bytes(of: AlignmentStore.encode(document)), name: "s.tmx")
    let statistics = try TMXStatistics(tmx: tmx, file: "s.tmx")
    // Two translation units: the two links (the 1-0 and the 0-1 bead are props of theirs).
    #expect(statistics.creationTool == "Tweetal" && statistics.units == 2)
    #expect(statistics.languages == ["nl-NL", "en-GB"])
    #expect(statistics.parallelism == 0.42)
    let alignment = try #require(statistics.alignment)
    #expect(alignment.beadTypes == ["1-1": 1, "1-0": 1, "2-1": 1, "0-1": 1])
    #expect(alignment.statuses == ["auto": 3, "confirmed": 1])
    #expect(alignment.sourceLinked == 3 && alignment.targetLinked == 2)
    #expect(abs(alignment.linkedShare - 5.0 / 7.0) < 1e-12)
    #expect(alignment.confidence.deciles == [0, 0, 1, 0, 0, 1, 0, 0, 1, 1])
    #expect(alignment.confidence.median == (0.5 + 0.873) / 2)
  }

  @Test("an invalid Tweetal file read back reports the file and the unit")
  func inconsistentFile() throws {
    var tmx = AlignmentStore.encode(AlignmentStoreTests.sample)
    tmx.units.remove(at: 1)
    let read = try TMXReader.read(bytes: try TMXWriter.bytes(of: tmx), name: "cut.tmx")
    #expect(throws: AlignmentStoreError.self) { try TMXStatistics(tmx: read, file: "cut.tmx") }
  }
}
