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

  @Test("a relative path that finds no file says where it was looked for and where manifest paths start")
  func missingRelativeDocument() throws {
    // A manifest written beside its documents: its paths start one folder up.
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/letters", withIntermediateDirectories: true)
    try "Dit is de brief.\n".write(toFile: folder + "/letters/a.nl", atomically: true, encoding: .utf8)
    try "This is the letter.\n".write(toFile: folder + "/letters/a.en", atomically: true, encoding: .utf8)
    let manifest = try CorpusManifest.parse(
      "a.nl\ta.en\ta\n", file: folder + "/letters/pairs.tsv",
      root: CorpusManifest.root(forManifestAt: folder + "/letters/pairs.tsv"))
    let aligner = CorpusAligner(
      manifest: manifest, outputDirectory: folder + "/out", pipeline: Pipeline(), format: .beads, jobs: 1)
    let error = try #require(aligner.run(creationDate: { _ in "20260101T000000Z" })[0].error)
    #expect(error.hasPrefix("a.nl: no such file at \(folder)/a.nl"), "\(error)")
    #expect(error.contains("relative paths start at \(folder), the parent of the folder"), "\(error)")
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
