import Corpus
import Foundation
import TestSupport
import Testing
import TweetalKit

@Suite("Aligning a corpus manifest")
struct CorpusAlignerTests {
  func temporaryFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "tweetal-corpus-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test("a pair with a missing document fails alone, naming the file; the others are written in order")
  func missingDocument() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manifestText = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    var manifest = try CorpusManifest.parse(manifestText, file: "corpus/pairs.tsv", root: TestData.root)
    manifest.pairs.insert(
      CorpusPair(source: "corpus/nl/gone.txt", target: manifest.pairs[0].target, name: "gone", line: 9), at: 1
    )
    let aligner = CorpusAligner(
      manifest: manifest, outputDirectory: folder + "/out", pipeline: Pipeline(), format: .beads, jobs: 2)
    let results = aligner.run(creationDate: { _ in "20260101T000000Z" })
    #expect(results.map(\.pair.name) == manifest.pairs.map(\.name))
    #expect(results[1].error?.contains("gone.txt: no such file") == true)
    for result in results where result.pair.name != "gone" {
      #expect(result.error == nil && result.written)
      let lines = String(decoding: try TestData.bytes(result.outputPath), as: UTF8.self).split(
        separator: "\n")
      #expect(lines.count == result.document?.beads.count)
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/gone.beads"))
  }

  @Test("a date that cannot be decided fails the pair with that reason")
  func dateFailure() throws {
    struct NoDate: Error, CustomStringConvertible {
      var description: String { "SOURCE_DATE_EPOCH=x is not a number" }
    }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manifestText = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    let manifest = try CorpusManifest.parse(manifestText, file: "corpus/pairs.tsv", root: TestData.root)
    let results = CorpusAligner(manifest: manifest, outputDirectory: folder, pipeline: Pipeline())
      .run(creationDate: { _ in throw NoDate() })
    #expect(results.allSatisfy { $0.error == "SOURCE_DATE_EPOCH=x is not a number" })
  }
}
