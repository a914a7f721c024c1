import Aligner
import Foundation
import Pairing
import TestSupport
import Testing
import TweetalKit

/// The pairer on real documents: the bundled corpus and the Dutch–English man pages.
@Suite("Document pairing")
struct DocumentPairerTests {
  static let manPages = "bench/nlen-manpages-dev"
  static let installedLexicon: FreeDictLexicon? = try? FreeDictLexicon.installed(
    sourceLanguage: "nl-NL", targetLanguage: "en-GB")

  static func pairer(lexicon: (any Lexicon)?, jobs: Int = 2) throws -> DocumentPairer {
    let source = try #require(ProfileReader(language: "nl-NL", lexicon: lexicon))
    let target = try #require(ProfileReader(language: "en-GB", lexicon: lexicon))
    return DocumentPairer(options: PairingOptions(jobs: jobs), sourceReader: source, targetReader: target)
  }

  static func checkCorpus(_ lexicon: (any Lexicon)?) throws {
    let nl = try DocumentPairer.documents(in: Repository.path("corpus/nl"))
    let en = try DocumentPairer.documents(in: Repository.path("corpus/en"))
    let result = try pairer(lexicon: lexicon).pair(sources: nl, targets: en)
    #expect(result.failures.isEmpty)
    let found = result.pairs.map {
      ($0.source.split(separator: "/").last!, $0.target.split(separator: "/").last!)
    }
    #expect(found.count == 1)
    #expect(found.first?.0 == "2022-04-29_kamerbrief-imrf-deelname.txt")
    #expect(found.first?.1 == "2022-04-14_gcm-voluntary-national-review.txt")
    #expect(result.pairs.first?.evidence.references.contains("3963666") == true)
    #expect(result.pairs.first?.evidence.description.contains("ref 3963666; ") == true)
    #expect(
      result.unpairedSources.map { $0.path.split(separator: "/").last! } == [
        "2018-06_eerste-kamer-briefwisseling-gcm-gcr.txt", "2018-11_kamerbrief-gcm-marrakesh.txt",
      ])
    #expect(
      result.unpairedTargets.map { $0.path.split(separator: "/").last! } == [
        "2020-11-09_gcm-implementation-input-un-network.txt"
      ])
    // The 2018 letters are about the same compact as the 2020 input, but not its translation.
    for document in result.unpairedSources + result.unpairedTargets {
      #expect((document.best?.score ?? 0) < PairingOptions().minimumScore)
    }
  }

  /// The IMRF letter pairs with the Voluntary National Review (reference 3963666); the 2018
  /// letters and the 2020 input have no partner above the threshold.
  @Test(
    "bundled corpus with the FreeDict lexicon: IMRF letter ↔ review, the others unpaired",
    .enabled(if: installedLexicon != nil, "needs the FreeDict nld-eng dictionary (scripts/install-deps)"))
  func corpusWithLexicon() throws {
    try Self.checkCorpus(Self.installedLexicon)
  }

  @Test("bundled corpus without a lexicon (anchors and cognates only): the same pair, the same unpaired")
  func corpusWithoutLexicon() throws {
    try Self.checkCorpus(nil)
  }

  /// The man pages' Dutch files in one folder; their English files and ten unrelated English
  /// documents (Tweetal's own documentation, the corpus reports, an English letter) in another.
  static func manPageFolders(_ folder: String) throws -> (nl: String, en: String, pages: [String]) {
    let manager = FileManager.default
    let full = Shared.path(manPages + "/full")
    let pages = try manager.contentsOfDirectory(atPath: full).filter { $0.hasSuffix(".nl") }.map {
      String($0.dropLast(3))
    }.sorted()
    let nl = folder + "/nl"
    let en = folder + "/en"
    try manager.createDirectory(atPath: nl, withIntermediateDirectories: true)
    try manager.createDirectory(atPath: en, withIntermediateDirectories: true)
    for page in pages {
      try manager.copyItem(atPath: "\(full)/\(page).nl", toPath: "\(nl)/\(page).txt")
      try manager.copyItem(atPath: "\(full)/\(page).en", toPath: "\(en)/\(page).txt")
    }
    let unrelated = [
      "docs/aligner.md", "docs/anchors.md", "Tests/DocumentsTests/Fixtures/README.md", "docs/review.md",
      "docs/segmenter.md",
      "docs/tmx-form.md", "corpus/README.md", "corpus/en/2020-11-09_gcm-implementation-input-un-network.txt",
      "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
      "Tests/DocumentsTests/Fixtures/letter.en.docx",
    ]
    for (index, path) in unrelated.enumerated() {
      let name = "unrelated-\(index)-" + path.split(separator: "/").last!
      try manager.copyItem(atPath: Repository.path(path), toPath: "\(en)/\(name)")
    }
    return (nl, en, pages)
  }

  @Test("a folder with a link back to itself and a second link to a document lists each document once")
  func linksTakenOnce() throws {
    let folder = NSTemporaryDirectory() + "tweetal-pairing-links-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manager = FileManager.default
    try manager.createDirectory(atPath: folder + "/nl/sub", withIntermediateDirectories: true)
    for name in ["a.txt", "sub/b.txt"] {
      try "Een brief.\n".write(toFile: folder + "/nl/" + name, atomically: true, encoding: .utf8)
    }
    // A loop (walked without the check until the path is too long: 40 copies of each document)
    // and a second name for a.txt.
    try manager.createSymbolicLink(atPath: folder + "/nl/sub/loop", withDestinationPath: "..")
    try manager.createSymbolicLink(atPath: folder + "/nl/z-copy.txt", withDestinationPath: "a.txt")
    let found = try DocumentPairer.documents(in: folder + "/nl")
    #expect(found == [folder + "/nl/a.txt", folder + "/nl/sub/b.txt"])
  }

  @Test(
    "man pages: every page pairs with its original, no wrong pair, ten unrelated documents unpaired",
    .enabled(if: Shared.has(manPages), Shared.reason(manPages)))
  func manPagesPaired() throws {
    let folder = NSTemporaryDirectory() + "tweetal-pairing-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (nl, en, pages) = try Self.manPageFolders(folder)
    let result = try Self.pairer(lexicon: Self.installedLexicon).pair(
      sources: try DocumentPairer.documents(in: nl), targets: try DocumentPairer.documents(in: en))
    #expect(result.failures.isEmpty)
    let found = Dictionary(
      result.pairs.map { ($0.source.split(separator: "/").last!, $0.target.split(separator: "/").last!) },
      uniquingKeysWith: { first, _ in first })
    #expect(result.pairs.count == pages.count)
    for page in pages {
      #expect(found[Substring(page + ".txt")] == Substring(page + ".txt"), "\(page)")
    }
    #expect(result.unpairedSources.isEmpty)
    #expect(result.unpairedTargets.count == 10)
    #expect(result.unpairedTargets.allSatisfy { $0.path.contains("/unrelated-") })
  }
}
