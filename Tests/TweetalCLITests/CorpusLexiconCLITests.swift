import Foundation
import TestSupport
import Testing

@Suite("A corpus run with --learn-lexicon from the command line")
struct CorpusLexiconCLITests {
  static let pages = "bench/nlen-manpages-dev/full"
  static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]

  @Test(
    "two man pages: one table, said on stderr; one run and two shards write the same files",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func jobsAndShards() throws {
    let folder = try TemporaryFolder()
    let root = Shared.path(Self.pages)
    let manifest = folder.path + "/pairs.tsv"
    let lines = ["chgrp.1", "chown.1"].map {
      "\(root)/\($0).nl\t\(root)/\($0).en\t\($0)\n"
    }
    try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: manifest))
    func align(_ out: String, _ extra: [String]) throws -> CLI.Result {
      let result = try CLI.run(
        ["align", "--corpus", manifest, "--output-dir", folder.path + "/" + out, "--learn-lexicon"] + extra,
        environment: Self.epoch)
      #expect(result.status == 0, "\(result.stderr)")
      return result
    }
    // 1 against 2 jobs is CorpusLexiconTests' (in the library, cheaper than two more processes).
    let one = try align("one", ["--jobs", "2"])
    #expect(one.stderr.contains("learning a lexicon from 2 pairs"))
    let note = try #require(one.stderr.split(separator: "\n").first { $0.hasPrefix("align: learned ") })
    #expect(note.contains("of the first 2 of 2 pairs"), "\(note)")
    #expect(!note.hasPrefix("align: learned 0 "), "\(note)")
    let expected = try files(in: folder.path + "/one")
    #expect(expected.count == 2)
    for data in expected.values {
      #expect(String(decoding: data, as: UTF8.self).contains("learn-lexicon=run:"))
    }
    // Each shard learns from the whole manifest: together they write what one run writes.
    _ = try align("shards", ["--shard", "1/2"])
    _ = try align("shards", ["--shard", "2/2"])
    #expect(try files(in: folder.path + "/shards") == expected)
  }
}
