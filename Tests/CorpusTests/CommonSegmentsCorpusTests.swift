import Corpus
import Foundation
import TestSupport
import Testing
import TweetalKit

@Suite("A corpus run learns its common segments")
struct CommonSegmentsCorpusTests {
  static let pages = "bench/nlen-manpages-dev/full"

  @Test(
    "coreutils pages: the colophon is common; a crossed pair's score drops, the own pairs' beads stay",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func coreutilsPages() throws {
    let folder = NSTemporaryDirectory() + "tweetal-common-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let names = ["chgrp.1", "chmod.1", "chown.1", "date.1"]
    let manifest = Self.manifest(names)
    let plain = CorpusAligner(
      manifest: manifest, outputDirectory: folder + "/plain", pipeline: Pipeline(), format: .beads, jobs: 2)
    let common = plain.learnCommonSegments()
    #expect(common.contains("There is NO WARRANTY, to the extent permitted by law."))
    #expect(common.contains("Deze software kent geen garantie, voor zover de wet dit toestaat."))
    // A line of one page only is content.
    #expect(!common.contains("Change the group of each FILE to GROUP."))
    var discounting = plain
    discounting.outputDirectory = folder + "/discounted"
    discounting.pipeline.commonSegments = common
    try Self.expectCrossedDrops(
      by: 0.1, ownAtLeast: 0.8, names: names, Self.scores(before: plain, after: discounting))
  }

  @Test(
    "system-call pages: a template sentence around each page's name is phrases; the crossed pair drops",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func systemCallPages() throws {
    let folder = NSTemporaryDirectory() + "tweetal-phrases-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let names = ["link.2", "mkdir.2", "readlink.2"]
    let learning = CorpusAligner(
      manifest: Self.manifest(names), outputDirectory: folder + "/segments", pipeline: Pipeline(),
      format: .beads, jobs: 2)
    let common = learning.learnCommonSegments()
    // *The linkat() system call operates in exactly the same way as link(), …*: no page's sentence is
    // another's word for word, but its words around the names are.
    #expect(!common.contains("The linkat() system call operates in exactly the same way as link()."))
    #expect(common.phrases.contains("system call operates in"))
    #expect(common.phrases.contains("systeem aanroep werkt op"))
    var segmentsOnly = learning
    segmentsOnly.pipeline.commonSegments = CommonSegments(common.segments)
    var withPhrases = learning
    withPhrases.outputDirectory = folder + "/phrases"
    withPhrases.pipeline.commonSegments = common
    try Self.expectCrossedDrops(
      by: 0.04, ownAtLeast: 0.75, names: names, Self.scores(before: segmentsOnly, after: withPhrases))
  }

  /// Each page against its own translation, and the first page against the second's as `crossed`.
  static func manifest(_ names: [String]) -> CorpusManifest {
    var pairs = names.enumerated().map { index, name in
      CorpusPair(source: name + ".nl", target: name + ".en", name: name, line: index + 1)
    }
    pairs.append(
      CorpusPair(source: names[0] + ".nl", target: names[1] + ".en", name: "crossed", line: names.count + 1))
    return CorpusManifest(root: Shared.path(pages), pairs: pairs)
  }

  /// The crossed pair's score falls by more than `drop`; every own pair stays at `ownAtLeast` and
  /// far above the crossed pair.
  static func expectCrossedDrops(
    by drop: Double, ownAtLeast floor: Double, names: [String],
    _ score: [String: (before: Double, after: Double)]
  ) throws {
    let crossed = try #require(score["crossed"])
    #expect(crossed.after < crossed.before - drop, "\(crossed)")
    for name in names {
      let own = try #require(score[name])
      #expect(own.after >= floor && own.after > crossed.after + 0.5, "\(name): \(own)")
    }
  }

  /// Each pair's parallelism from two corpus runs of one manifest, after checking that the two
  /// give every pair the same beads (only the score may move).
  static func scores(before: CorpusAligner, after: CorpusAligner) throws -> [String: (
    before: Double, after: Double
  )] {
    var score: [String: (before: Double, after: Double)] = [:]
    let old = before.run(creationDate: { _ in "20260101T000000Z" })
    let new = after.run(creationDate: { _ in "20260101T000000Z" })
    for (old, new) in zip(old, new) {
      let oldDocument = try #require(old.document, "\(old.error ?? "")")
      let newDocument = try #require(new.document, "\(new.error ?? "")")
      #expect(oldDocument.beads == newDocument.beads, "\(old.pair.name)")
      score[old.pair.name] = (
        try #require(oldDocument.metadata.parallelism), try #require(newDocument.metadata.parallelism)
      )
    }
    return score
  }
}
