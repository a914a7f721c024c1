import Foundation
import TestSupport
import Testing
import TweetalKit

@Suite("tweetal: help, bad arguments, missing files")
struct ArgumentCLITests {
  @Test("--help on the root command lists align and stats and the exit statuses")
  func rootHelp() throws {
    let result = try CLI.run(["--help"])
    #expect(result.status == 0)
    #expect(result.output.contains("align") && result.output.contains("stats"))
    #expect(result.output.contains("64 for bad arguments"))
  }

  @Test("align --help explains both modes with examples; stats --help too")
  func subcommandHelp() throws {
    let align = try CLI.run(["align", "--help"])
    #expect(align.status == 0)
    #expect(align.output.contains("corpus/pairs.tsv"))
    #expect(align.output.contains("--presegmented") && align.output.contains("SOURCE_DATE_EPOCH"))
    #expect(align.output.contains("tweetal align corpus/nl/brief.txt"))
    let stats = try CLI.run(["stats", "--help"])
    #expect(stats.status == 0)
    #expect(stats.output.contains("--json") && stats.output.contains("parallelism"))
  }

  @Test(
    "bad arguments exit 64 with the usage",
    arguments: [
      ["align", "--source-lang", "nl NL"],
      ["align", "--target-lang", "e"],
      ["align", "only-one.txt"],
      ["align", "a", "b", "c"],
      ["align", "-", "-"],
      ["align", "--jobs", "0"],
      ["align", "-o", "x.tmx"],
      ["align", "--format", "xml"],
      ["align", "--lexicon", "x", "--no-lexicon"],
      ["align", "a.txt", "b.txt", "--source-lang", "de"],
      ["align", "--bogus"],
      ["stats"],
      ["frobnicate"],
    ])
  func badArguments(arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains("Usage:") || result.stderr.contains("USAGE:"))
  }

  @Test("a missing document exits 1 and names the file")
  func missingDocument() throws {
    let result = try CLI.run([
      "align", "corpus/nl/missing.txt", "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error: corpus/nl/missing.txt: no such file"))
  }

  @Test("a missing corpus manifest exits 1 and says how to name one")
  func missingManifest() throws {
    let folder = try TemporaryFolder()
    let result = try CLI.run(["align"], directory: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("corpus/pairs.tsv") && result.stderr.contains("--corpus"))
  }

  @Test("a bad manifest line is reported with its line number")
  func badManifest() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/corpus", withIntermediateDirectories: true)
    try "# pairs\nonly two\tfields\n".write(
      toFile: folder.path + "/corpus/pairs.tsv", atomically: true, encoding: .utf8)
    let result = try CLI.run(["align"], directory: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("corpus/pairs.tsv:2: has 2 tab-separated fields"))
  }
}

@Suite("output that cannot be written (a full disk)")
struct OutputFailureTests {
  static let english = "corpus/en/2022-04-14_gcm-voluntary-national-review.txt"
  static let dutch = "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt"

  /// Runs `tweetal arguments…` with standard output on `/dev/full` (every write fails with
  /// ENOSPC); the exit status and stderr.
  static func runToFullDisk(_ arguments: [String], standardInput: String? = nil) throws -> (
    status: Int32, stderr: String
  ) {
    let binary = try #require(Repository.binary, "run `swift build` first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
    let scratch = try TemporaryFolder()
    let errPath = scratch.path + "/stderr"
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    process.standardError = err
    process.standardInput =
      try standardInput.map { try #require(FileHandle(forReadingAtPath: Repository.path($0))) }
      ?? FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try err.close()
    return (
      process.terminationStatus,
      String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
    )
  }

  @Test(
    "segment of a plain-text file to a full disk exits 1 and says what failed, without a crash",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
  func segmentFullDisk() throws {
    let result = try Self.runToFullDisk(["segment", Self.english, "--input-format", "text"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write the units to standard output"))
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test(
    "segment of Markdown, a PDF and standard input to a full disk exits 1 and says what failed, without a crash",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"),
    arguments: [
      ["segment", english, "--input-format", "markdown"],
      ["segment", "Tests/DocumentsTests/Fixtures/letter.nl.pdf"],
      ["segment", "-", "--lang", "en"],
    ])
  func segmentOtherPathsFullDisk(arguments: [String]) throws {
    let result = try Self.runToFullDisk(
      arguments, standardInput: arguments.contains("-") ? Self.english : nil)
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write the units to standard output (No space left on device)"))
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test(
    "align -o - (TMX and beads) to a full disk exits 1 and says what failed, without a crash",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"),
    arguments: ["tmx", "beads"])
  func alignFullDisk(format: String) throws {
    let result = try Self.runToFullDisk(["align", Self.dutch, Self.english, "-o", "-", "--format", format])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write to standard output (No space left on device)"))
    #expect(!result.stderr.contains("Fatal error"))
    #expect(!result.stderr.contains("stdout: "), "no summary of a TMX that was not written")
  }

  @Test(
    "export -o - (TMX and TSV) to a full disk exits 1 and names standard output, without a crash",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"),
    arguments: ["tmx", "tsv"])
  func exportFullDisk(format: String) throws {
    let result = try Self.runToFullDisk([
      "export", "alignments/2022-imrf-letter_vnr.tmx", "-o", "-", "--format", format,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error: -: cannot write to standard output (No space left on device)"))
    #expect(!result.stderr.contains("Fatal error"))
    #expect(!result.stderr.contains("exported"))
  }

  @Test(
    "stats, show, report -o - and corpus report to a full disk exit 1 and say so (they printed nothing and exited 0)",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"),
    arguments: [
      ["stats", "alignments/2022-imrf-letter_vnr.tmx"],
      ["stats", "--json", "alignments/2022-imrf-letter_vnr.tmx"],
      ["show", "alignments/2022-imrf-letter_vnr.tmx"],
      ["report", "alignments/2022-imrf-letter_vnr.tmx", "-o", "-"],
      ["corpus", "report", "alignments"],
    ])
  func reportsFullDisk(arguments: [String]) throws {
    let result = try Self.runToFullDisk(arguments)
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write to standard output (No space left on device)"))
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test(
    "evaluate to a full disk exits 1 and says so",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
  func evaluateFullDisk() throws {
    let folder = try TemporaryFolder()
    let beads = folder.path + "/beads.txt"
    try Data("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n".utf8).write(to: URL(fileURLWithPath: beads))
    for arguments in [["evaluate", beads, beads], ["evaluate", "--json", beads, beads]] {
      let result = try Self.runToFullDisk(arguments)
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr.contains("cannot write to standard output (No space left on device)"))
    }
  }

  @Test(
    "a corpus run whose summary lines cannot be written still writes every alignment, then exits 1",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
  func corpusRunFullDisk() throws {
    let folder = try TemporaryFolder()
    let manifest = folder.path + "/pairs.tsv"
    let pair = "\(Repository.root)/\(Self.dutch)\t\(Repository.root)/\(Self.english)\timrf\n"
    try Data(pair.utf8).write(to: URL(fileURLWithPath: manifest))
    let result = try Self.runToFullDisk([
      "align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--no-lexicon",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write to standard output (No space left on device)"))
    #expect(result.stderr.contains("1 of 1 pairs done"), "the run finished before failing")
    let written = try AlignmentStore.load(path: folder.path + "/out/imrf.tmx")
    #expect(written.beads.count > 100)
  }
}
