import Aligner
import Corpus
import Foundation
import TestSupport
import Testing
import TweetalKit

private let date: @Sendable (String) throws -> String = { _ in "20260101T000000Z" }

@Suite("A corpus run learns one lexicon from all its pairs")
struct CorpusLexiconTests {
  static let pages = "bench/nlen-manpages-dev/full"
  /// Four coreutils pages: chgrp and chown share `--reference=RFILE`, which the four learn together.
  static let names = ["chgrp.1", "chmod.1", "chown.1", "date.1"]
  /// The three short ones (59–69 lines a side), where any pages will do.
  static let short = Array(names.prefix(3))

  /// The man pages `names` (Dutch against their English) as a manifest.
  static func manifest(_ names: [String]) -> CorpusManifest {
    CorpusManifest(
      root: Shared.path(pages),
      pairs: names.enumerated().map { index, name in
        CorpusPair(source: name + ".nl", target: name + ".en", name: name, line: index + 1)
      })
  }

  /// A corpus aligner over `names` into a fresh folder below `folder`, with the learned lexicon on.
  static func aligner(_ names: [String], into folder: String, jobs: Int = 1) -> CorpusAligner {
    var options = AlignerOptions()
    options.learnLexicon = true
    return CorpusAligner(
      manifest: manifest(names), outputDirectory: folder,
      pipeline: Pipeline(aligner: Aligner(options: options)),
      jobs: jobs)
  }

  /// The training links one page gives on its own.
  static func links(of pair: CorpusPair, in aligner: CorpusAligner, limit: Int = .max) throws -> [(
    source: [UInt64], target: [UInt64]
  )] {
    let root = Shared.path(pages)
    let source = InputDocument(name: pair.source, bytes: try TestData.bytes(root + "/" + pair.source))
    let target = InputDocument(name: pair.target, bytes: try TestData.bytes(root + "/" + pair.target))
    return try aligner.pipeline.lexiconTrainingPairs(source: source, target: target, limit: limit)
  }

  static func scratch() -> String { NSTemporaryDirectory() + "tweetal-corpus-lexicon-" + UUID().uuidString }

  @Test(
    "four coreutils pages together teach translations that no page teaches alone, with one job or two",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func runWideTable() throws {
    let aligner = Self.aligner(Self.names, into: Self.scratch())
    let learned = aligner.learnLexicon()
    #expect(learned.pairsRead == Self.names.count)
    // Two jobs read the pairs in another order of completion and learn the same table. (Outputs
    // with a given table are each pair's own: the CLI suite compares a run with its shards.)
    let twoJobs = Self.aligner(Self.names, into: Self.scratch(), jobs: 2).learnLexicon()
    #expect(twoJobs.model.translations == learned.model.translations)
    let limits = aligner.pipeline.aligner.options.wordModelLimits
    var perPage: [Set<[UInt64]>] = []
    var links = 0
    for pair in aligner.manifest.pairs {
      let own = try Self.links(of: pair, in: aligner)
      links += own.count
      perPage.append(Set(WordModel(pairs: own, limits: limits).translations.map { [$0.source, $0.target] }))
    }
    // Every confident link of every page is trained on (far below the cap).
    #expect(learned.model.pairsUsed == links)
    let runWide = Set(learned.model.translations.map { [$0.source, $0.target] })
    let onlyTogether = runWide.filter { pair in perPage.allSatisfy { !$0.contains(pair) } }
    #expect(
      !onlyTogether.isEmpty, "\(runWide.count) learned together, \(onlyTogether.count) by no page alone")
    #expect(perPage.allSatisfy { $0.count < runWide.count })
    // chgrp and chown both say "--reference=RFILE" ("REFERENTIEBESTAND"): too few confident links
    // for either page alone, enough for the two together. "bestand" ↔ "file" is on most pages.
    let dutch = AnchorExtractor(language: "nl")
    let english = AnchorExtractor(language: "en")
    let reference = [dutch.words(for: "REFERENTIEBESTAND")[0], english.words(for: "RFILE")[0]]
    #expect(onlyTogether.contains(reference))
    #expect(runWide.contains([dutch.words(for: "bestand")[0], english.words(for: "file")[0]]))
  }

  @Test(
    "the table's checksum is recorded: a run with the same table skips every pair, a changed table aligns again",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func recordedTable() throws {
    let folder = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var two = Self.aligner(Array(Self.short.prefix(2)), into: folder)
    let learned = two.learnLexicon()
    two.pipeline.learnedLexicon = learned.model
    let first = two.run(creationDate: date)
    for result in first {
      let recorded = try #require(result.document?.metadata.options["learn-lexicon"], "\(result.error ?? "")")
      #expect(recorded.hasPrefix("run:\(learned.model.translations.count):"))
      #expect(recorded.count == "run:\(learned.model.translations.count):".count + 12)
    }
    #expect(two.run(creationDate: date).allSatisfy { $0.skipped })

    // A third page changes the table: the two pages are aligned again, with another record.
    var three = Self.aligner(Self.short, into: folder)
    let more = three.learnLexicon()
    #expect(more.model.translations != learned.model.translations)
    three.pipeline.learnedLexicon = more.model
    let second = three.run(creationDate: date)
    #expect(second.allSatisfy { !$0.skipped && $0.error == nil })
    #expect(
      second[0].document?.metadata.options["learn-lexicon"]
        != first[0].document?.metadata.options["learn-lexicon"])

    // Without the table (the per-pair pass) the outputs are not current either.
    let perPair = Self.aligner(Array(Self.short.prefix(2)), into: folder)
    let third = perPair.run(creationDate: date)
    #expect(third.allSatisfy { !$0.skipped && $0.document?.metadata.options["learn-lexicon"] == "true" })
  }

  @Test(
    "the first round stops at the cap: it reads only the pairs it needs and trains on the first links",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func cap() throws {
    var aligner = Self.aligner(Self.short, into: Self.scratch(), jobs: 2)
    aligner.pipeline.aligner.options.wordModelLimits.maximumPairs = 60
    let learned = aligner.learnLexicon()
    let limits = aligner.pipeline.aligner.options.wordModelLimits
    var links: [(source: [UInt64], target: [UInt64])] = []
    var needed = 0
    for pair in aligner.manifest.pairs where links.count < 60 {
      links += try Self.links(of: pair, in: aligner).prefix(60 - links.count)
      needed += 1
    }
    #expect(needed < Self.short.count, "the cap is reached before the last page")
    // Read two at a time (two jobs): the pairs needed, rounded up to a whole batch.
    #expect(learned.pairsRead == (needed + 1) / 2 * 2)
    #expect(learned.model.pairsUsed == WordModel(pairs: links, limits: limits).pairsUsed)
    #expect(learned.model.translations == WordModel(pairs: links, limits: limits).translations)
  }
}
