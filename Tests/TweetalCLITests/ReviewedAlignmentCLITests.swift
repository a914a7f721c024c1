import Foundation
import TestSupport
import Testing

/// `tweetal align` never replaces an alignment a reviewer has worked on: a corpus re-run after a
/// document changed, `--force`, or `-o` naming it all fail for that pair and leave the file as it is.
@Suite("Reviewed alignments are not replaced by align")
struct ReviewedAlignmentCLITests {
  /// A folder with one pair in `corpus/`, its manifest, and its alignment in `al/imrf.tmx` with
  /// beads 1 and 2 confirmed and then 2 merged with 3 (one confirmed bead, one edited).
  static func reviewedFolder() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let files = FileManager.default
    try files.createDirectory(atPath: folder.path + "/corpus", withIntermediateDirectories: true)
    try "Dit is de brief. Hij is kort.\n\nDe minister schrijft aan de Kamer.\n".write(
      toFile: folder.path + "/corpus/brief.nl", atomically: true, encoding: .utf8)
    try "This is the letter. It is short.\n\nThe minister writes to Parliament.\n".write(
      toFile: folder.path + "/corpus/brief.en", atomically: true, encoding: .utf8)
    try "corpus/brief.nl\tcorpus/brief.en\tbrief\n".write(
      toFile: folder.path + "/corpus/pairs.tsv", atomically: true, encoding: .utf8)
    for arguments in [
      ["align", "--output-dir", "al", "--no-lexicon"], ["edit", "al/brief.tmx", "confirm", "1-2"],
      ["edit", "al/brief.tmx", "merge", "2"],
    ] {
      let result = try CLI.run(arguments, directory: folder.path)
      #expect(result.status == 0, "\(arguments) \(result.stderr)")
    }
    return folder
  }

  @Test("a corpus re-run after a document changed, and with --force, fails the pair and keeps the review")
  func corpusRun() throws {
    let folder = try Self.reviewedFolder()
    let path = folder.path + "/al/brief.tmx"
    let reviewed = try Data(contentsOf: URL(fileURLWithPath: path))
    let unchanged = try CLI.run(["align", "--output-dir", "al", "--no-lexicon"], directory: folder.path)
    #expect(unchanged.status == 0, "a current pair is skipped as before: \(unchanged.stderr)")
    try "Dit is de brief. Hij is kort.\n\nDe minister schrijft aan de Kamer. Een zin erbij.\n".write(
      toFile: folder.path + "/corpus/brief.nl", atomically: true, encoding: .utf8)
    for extra in [[], ["--force"]] {
      let result = try CLI.run(
        ["align", "--output-dir", "al", "--no-lexicon"] + extra, directory: folder.path)
      #expect(result.status == 1, "\(extra)")
      #expect(
        result.stderr.contains("al/brief.tmx: holds 2 reviewed bead(s) (1 confirmed, 1 edited)"),
        "\(result.stderr)")
      #expect(result.stderr.contains("tweetal realign"), "\(result.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == reviewed, "\(extra)")
    }
    // Moved aside, the pair aligns again.
    try FileManager.default.moveItem(atPath: path, toPath: folder.path + "/brief-reviewed.tmx")
    let fresh = try CLI.run(["align", "--output-dir", "al", "--no-lexicon"], directory: folder.path)
    #expect(fresh.status == 0, "\(fresh.stderr)")
  }

  @Test("align -o an alignment under review fails before aligning; an unreviewed one is replaced as before")
  func onePair() throws {
    let folder = try Self.reviewedFolder()
    let arguments = ["align", "corpus/brief.nl", "corpus/brief.en", "-o", "al/brief.tmx", "--no-lexicon"]
    let reviewed = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/al/brief.tmx"))
    let refused = try CLI.run(arguments, directory: folder.path)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("reviewed bead(s)"), "\(refused.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/al/brief.tmx")) == reviewed)
    let unreviewed = ["align", "corpus/brief.nl", "corpus/brief.en", "-o", "al/other.tmx", "--no-lexicon"]
    for _ in 0..<2 {
      let result = try CLI.run(unreviewed, directory: folder.path)
      #expect(result.status == 0, "\(result.stderr)")
    }
  }
}
