import Foundation
import Testing

@Suite("tweetal align: common segments, learned by a corpus run or given to one pair")
struct CommonSegmentsCLITests {
  static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]  // 2026-01-01T00:00:00Z
  static let signature = "de staatssecretaris van justitie en veiligheid,"

  @Test("a corpus run writes what it learned; one pair given that list keeps its beads and moves its score")
  func learnedThenGiven() throws {
    let folder = try TemporaryFolder()
    let list = folder.path + "/common.txt"
    let run = try CLI.run(
      ["align", "--output-dir", folder.path + "/out", "--write-common-segments", list, "--no-lexicon"],
      environment: Self.epoch)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("align: 1 common segment(s)"), "\(run.stderr)")
    // The signature of the three Dutch letters; two English documents cannot make one common. The
    // phrases the three letters share follow it, one per line after a tab.
    let lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == Substring(Self.signature))
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("\t") && $0.split(separator: " ").count == 4 })
    #expect(lines.contains("\tde staatssecretaris van justitie"))

    let pair = try CLI.corpusPairs()[0]
    let plain = try CLI.run(["align", pair.0, pair.1, "-o", "-", "--no-lexicon"], environment: Self.epoch)
    let given = try CLI.run(
      ["align", pair.0, pair.1, "-o", "-", "--no-lexicon", "--common-segments", list], environment: Self.epoch
    )
    #expect(plain.status == 0 && given.status == 0, "\(plain.stderr) \(given.stderr)")
    #expect(!plain.output.contains("common-segments="))
    #expect(given.output.contains("<prop type=\"x-tweetal-option\">common-segments=1:"))
    let score = #/x-tweetal-parallelism">([0-9.]+)</#
    let before = try #require(plain.output.firstMatch(of: score)?.1)
    let after = try #require(given.output.firstMatch(of: score)?.1)
    #expect(before != after)
    // The corpus run's output of that pair is the one given the list, byte for byte.
    let corpusOutput = try String(contentsOfFile: folder.path + "/out/" + pair.2 + ".tmx", encoding: .utf8)
    #expect(corpusOutput == given.output)
    let beads = { (extra: [String]) in
      try CLI.run(["align", pair.0, pair.1, "--format", "beads", "--no-lexicon"] + extra).output
    }
    #expect(try beads([]) == beads(["--common-segments", list]))
  }

  @Test("learning options are for a corpus run; a list and no list exclude each other")
  func misuse() throws {
    let pair = try CLI.corpusPairs()[0]
    let one = try CLI.run(["align", pair.0, pair.1, "--no-common-segments"])
    #expect(one.status == 64 && one.stderr.contains("for a corpus run"), "\(one.stderr)")
    let both = try CLI.run(["align", "--no-common-segments", "--common-segments", "x.txt"])
    #expect(both.status == 64 && both.stderr.contains("exclude each other"), "\(both.stderr)")
    let missing = try CLI.run(["align", pair.0, pair.1, "--common-segments", "/nonexistent/common.txt"])
    #expect(
      missing.status == 1 && missing.stderr.contains("cannot read the common segments"), "\(missing.stderr)")
  }
}
