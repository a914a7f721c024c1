import Corpus
import Foundation
import Testing
import TweetalKit

private let date: @Sendable (String) throws -> String = { _ in "20260101T000000Z" }

@Suite("Resumable and sharded corpus runs")
struct CorpusResumeTests {
  @Test("A second run skips every current pair without aligning and leaves the bytes; --force aligns again")
  func resume() throws {
    let fixture = try CorpusFixture(pairs: Array(CorpusFixture.allPairs.prefix(3)))
    defer { fixture.remove() }
    let out = fixture.root + "/out"
    let aligner = CorpusAligner(manifest: try fixture.manifest(), outputDirectory: out, pipeline: Pipeline())
    let first = aligner.run(creationDate: date)
    #expect(first.allSatisfy { $0.error == nil && !$0.skipped && $0.written })
    let before = try CorpusFixture.files(in: out)
    #expect(before.count == 3)

    let second = aligner.run(creationDate: { _ in "20300101T000000Z" })
    #expect(second.allSatisfy { $0.error == nil && $0.skipped && !$0.written })
    #expect(second.map { $0.document?.beads.count } == first.map { $0.document?.beads.count })
    #expect(try CorpusFixture.files(in: out) == before, "skipped pairs keep their files, date included")

    var forced = aligner
    forced.force = true
    let third = forced.run(creationDate: date)
    #expect(third.allSatisfy { $0.error == nil && !$0.skipped && !$0.written })
    #expect(try CorpusFixture.files(in: out) == before)
  }

  @Test("A changed input document or changed options make a pair out of date; the others stay skipped")
  func outOfDate() throws {
    let fixture = try CorpusFixture(pairs: Array(CorpusFixture.allPairs.prefix(3)))
    defer { fixture.remove() }
    let out = fixture.root + "/out"
    let aligner = CorpusAligner(manifest: try fixture.manifest(), outputDirectory: out, pipeline: Pipeline())
    _ = aligner.run(creationDate: date)

    // p-0-0 and p-0-1 share the first Dutch document; p-1-0 does not.
    let changed = fixture.root + "/corpus/nl/" + CorpusFixture.dutch[0]
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: changed))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\nEen nieuwe zin aan het einde.\n".utf8))
    try handle.close()
    let rerun = aligner.run(creationDate: date)
    #expect(rerun.map(\.skipped) == [false, false, true])
    #expect(rerun.allSatisfy { $0.error == nil })

    // Other aligner options: nothing is current any more.
    var options = aligner.pipeline
    options.aligner.options.deletionCost = .galeChurch
    let other = CorpusAligner(manifest: try fixture.manifest(), outputDirectory: out, pipeline: options)
    #expect(other.run(creationDate: date).allSatisfy { !$0.skipped && $0.error == nil })
    // A damaged output is aligned again.
    try Data("<tmx".utf8).write(to: URL(fileURLWithPath: out + "/p-1-0.tmx"))
    let repaired = other.run(creationDate: date)
    #expect(repaired.map(\.skipped) == [true, true, false])
  }

  @Test("Shards 1/3, 2/3 and 3/3 split the manifest and together write exactly one run's files")
  func shardsEqualOneRun() throws {
    let fixture = try CorpusFixture()
    defer { fixture.remove() }
    let manifest = try fixture.manifest()
    let single = CorpusAligner(
      manifest: manifest, outputDirectory: fixture.root + "/single", pipeline: Pipeline())
    #expect(single.run(creationDate: date).allSatisfy { $0.error == nil })
    var covered: [String] = []
    for index in 1...3 {
      let shard = try #require(Shard(index: index, count: 3))
      let aligner = CorpusAligner(
        manifest: manifest, outputDirectory: fixture.root + "/sharded", pipeline: Pipeline(), shard: shard)
      let results = aligner.run(creationDate: date)
      #expect(results.allSatisfy { $0.error == nil })
      covered += results.map(\.pair.name)
      let report = ShardReport(shard: shard, results: results, seconds: 1)
      try report.write(outputDirectory: fixture.root + "/sharded", shard: shard)
    }
    #expect(covered.sorted() == manifest.pairs.map(\.name).sorted(), "every pair in exactly one shard")
    let one = try CorpusFixture.files(in: fixture.root + "/single")
    #expect(one.count == manifest.pairs.count)
    #expect(try CorpusFixture.files(in: fixture.root + "/sharded") == one)

    let report = try CorpusReport(directory: fixture.root + "/sharded")
    #expect(report.pairs == manifest.pairs.count)
    #expect(report.shards == ["1/3", "2/3", "3/3"] && report.missingShards.isEmpty)
    #expect(report.failures.isEmpty && report.unreadable.isEmpty)
    let documents = try manifest.pairs.map {
      try AlignmentStore.load(path: fixture.root + "/single/" + $0.name + ".tmx")
    }
    #expect(report.beads == documents.reduce(0) { $0 + $1.beads.count })
    #expect(report.sourceSentences == documents.reduce(0) { $0 + $1.source.count })
    #expect(
      report.links
        == documents.reduce(0) { $0 + $1.beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }.count })
    #expect(report.parallelismHistogram.values.reduce(0, +) == manifest.pairs.count)
  }

  @Test("A pair's shard depends only on its output name, not on the other lines or their order")
  func shardsAreStable() throws {
    let names = (0..<200).map { "document-\($0)" }
    for count in [1, 2, 3, 7] {
      var seen = Set<String>()
      for index in 1...count {
        let shard = try #require(Shard(index: index, count: count))
        let mine = names.filter { shard.contains(name: $0) }
        #expect(mine.count > 200 / count / 2, "shards are roughly even")
        #expect(seen.isDisjoint(with: mine))
        seen.formUnion(mine)
        let reordered = names.reversed().filter { shard.contains(name: $0) }
        #expect(Set(reordered) == Set(mine))
      }
      #expect(seen.count == names.count)
    }
    #expect(Shard("2/3") == Shard(index: 2, count: 3))
    for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", ""] { #expect(Shard(bad) == nil) }
  }
}
