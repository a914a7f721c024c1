import Foundation
import TestSupport
import Testing

/// `tweetal pair` and `tweetal align --pairs-from` as a user types them.
@Suite("pair command")
struct PairCLITests {
  @Test("a score outside 0…1 or a missing folder is refused with what to do")
  func badArguments() throws {
    let score = try CLI.run(["pair", "corpus/nl", "corpus/en", "--min-score", "2"])
    #expect(score.status == 64)
    #expect(score.stderr.contains("'--min-score 2.0' must be between 0 and 1"))
    let missing = try CLI.run(["pair", "corpus/nl", "corpus/missing", "--no-lexicon"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("corpus/missing: is not a folder; give a folder of documents"))
    let both = try CLI.run(["align", "--pairs-from", "corpus/nl"])
    #expect(both.status == 64)
    #expect(both.stderr.contains("'--pairs-from' takes two folders"))
  }

  /// The three others are unpaired on stderr and in --unpaired; `align --corpus` reads the manifest.
  @Test("bundled corpus: a manifest with the IMRF letter and the review, score and evidence")
  func corpus() throws {
    let folder = try TemporaryFolder()
    let manifest = "corpus/pairs-found-\(UUID().uuidString).tsv"
    defer { try? FileManager.default.removeItem(atPath: CLI.root + "/" + manifest) }
    let result = try CLI.run([
      "pair", "corpus/nl", "corpus/en", "-o", manifest, "--unpaired", folder.path + "/unpaired.tsv",
      "--no-lexicon",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: CLI.root + "/" + manifest, encoding: .utf8)
    let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(lines.count == 1)
    let fields = lines.first?.split(separator: "\t").map(String.init) ?? []
    #expect(fields.count == 6)
    #expect(fields.first == "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt")
    #expect(fields.dropFirst().first == "corpus/en/2022-04-14_gcm-voluntary-national-review.txt")
    #expect(fields.last?.contains("ref 3963666; ") == true)
    #expect(result.stderr.contains("unpaired: corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt: no partner"))
    let unpaired = try String(contentsOfFile: folder.path + "/unpaired.tsv", encoding: .utf8)
    #expect(unpaired.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 3)
    // The manifest as written is one `align --corpus` accepts.
    let aligned = try CLI.run([
      "align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--format", "beads",
      "--no-lexicon",
    ])
    #expect(aligned.status == 0, "\(aligned.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: folder.path + "/out/2022-04-29_kamerbrief-imrf-deelname.beads"))
  }

  @Test("`align --pairs-from` pairs the two folders and aligns what it found")
  func alignPairsFrom() throws {
    let folder = try TemporaryFolder()
    let result = try CLI.run([
      "align", "--pairs-from", "corpus/nl", "corpus/en", "--output-dir", folder.path, "--no-lexicon",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.output.contains("2022-04-29_kamerbrief-imrf-deelname.tmx"))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names == ["2022-04-29_kamerbrief-imrf-deelname.tmx"])
  }
}
