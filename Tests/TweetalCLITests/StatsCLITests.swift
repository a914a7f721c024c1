import Foundation
import TestSupport
import Testing

@Suite("tweetal stats, run as a user types it")
struct StatsCLITests {
  /// The TMX samples from other tools with the creation tool their manifest names.
  static func samples() throws -> [(file: String, tool: String)] {
    let manifest = try String(
      contentsOfFile: Shared.path(Shared.tmxSamples + "/MANIFEST.tsv"), encoding: .utf8)
    return manifest.split(separator: "\n").dropFirst().map { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return (Shared.path(Shared.tmxSamples + "/" + fields[0]), fields[4])
    }
  }

  @Test("stats /dev/stdin reads a piped TMX once, as stats - does")
  func devStdin() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/alignments/2022-imrf-letter_vnr.tmx"))
    let dash = try CLI.run(["stats", "-"], stdin: bytes)
    #expect(dash.status == 0, "\(dash.stderr)")
    // A real pipe (CLI.run gives a file, which /dev/stdin reopens from the start): before, the
    // header was read from the pipe first and the full read found it empty.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Repository.binary))
    process.arguments = ["stats", "/dev/stdin"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    DispatchQueue.global().async {
      input.fileHandleForWriting.write(bytes)
      try? input.fileHandleForWriting.close()
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    // The same report but for the name in its first line.
    #expect(report.split(separator: "\n").dropFirst() == dash.output.split(separator: "\n").dropFirst())
    #expect(report.contains("nl-NL (source), en-GB"))
  }

  @Test(
    "every sample from another tool is described with its tool, or refused with its name in the error",
    .enabled(if: Shared.has(Shared.tmxSamples), Shared.reason(Shared.tmxSamples)))
  func samples() throws {
    let samples = try Self.samples()
    #expect(samples.count >= 15)
    var described = 0
    for sample in samples {
      let result = try CLI.run(["stats", "--json", sample.file])
      if result.status == 0 {
        described += 1
        let objects = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]
        #expect(objects?.first?["creationTool"] as? String == sample.tool, "\(sample.file)")
        #expect((objects?.first?["units"] as? Int ?? 0) > 0, "\(sample.file)")
        #expect(objects?.first?["parallelism"] is NSNull, "\(sample.file)")
      } else {
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: ") && result.stderr.contains(sample.file), "\(result.stderr)")
      }
    }
    // The samples are real exports; most of them must load (the TMX reader's tests cover each one).
    #expect(described >= samples.count * 2 / 3, "only \(described) of \(samples.count) samples described")
  }

  @Test("an OmegaT file: tool, languages and unit count in plain text")
  func omegaT() throws {
    let result = try CLI.run(["stats", TMXFixtures.omegaT])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.output.contains("tool          OmegaT 4.2.1_0_dev"))
    #expect(result.output.contains("languages     EN-US (source)"))
    #expect(!result.output.contains("bead types"))
  }

  @Test("a Tweetal file: bead types, statuses, confidence, linked share and parallelism; JSON too")
  func tweetalFile() throws {
    let pair = try CLI.corpusPairs()[0]
    let folder = try TemporaryFolder()
    let path = folder.path + "/pair.tmx"
    let aligned = try CLI.run(["align", pair.0, pair.1, "-o", path])
    #expect(aligned.status == 0, "\(aligned.stderr)")
    let plain = try CLI.run(["stats", path])
    #expect(plain.status == 0, "\(plain.stderr)")
    for label in ["bead types", "statuses", "confidence", "linked", "parallelism"] {
      #expect(plain.output.contains(label), "\(label)")
    }
    let json = try CLI.run(["stats", "--json", path])
    let objects = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
    let object = try #require(objects?.first)
    #expect(object["creationTool"] as? String == "Tweetal")
    let parallelism = try #require(object["parallelism"] as? Double)
    #expect((0...1).contains(parallelism))
    let alignment = try #require(object["alignment"] as? [String: Any])
    let types = try #require(alignment["beadTypes"] as? [String: Int])
    // One translation unit per link; 1-0 and 0-1 beads are props of theirs (docs/tmx-form.md).
    let links = types.filter { type, _ in !type.hasPrefix("0-") && !type.hasSuffix("-0") }
    #expect(links.values.reduce(0, +) == object["units"] as? Int)
    #expect(types.values.reduce(0, +) > links.values.reduce(0, +))
  }

  @Test("a file that is not TMX: exit 1 with the reader's error, after the readable files are printed")
  func unreadable() throws {
    let folder = try TemporaryFolder()
    let broken = folder.path + "/broken.tmx"
    try "<tmx version=\"1.4\"><header".write(toFile: broken, atomically: true, encoding: .utf8)
    let good = TMXFixtures.omegaT
    let result = try CLI.run(["stats", broken, good])
    #expect(result.status == 1)
    #expect(result.output.contains("OmegaT"))
    #expect(result.stderr.contains("Error: ") && result.stderr.contains("broken.tmx"))
    let missing = try CLI.run(["stats", folder.path + "/nothing.tmx"])
    #expect(missing.status == 1 && missing.stderr.contains("nothing.tmx"))
  }

  @Test("a file of one to three bytes: one error line, as export says it, and nothing from libxml2")
  func tiny() throws {
    let folder = try TemporaryFolder()
    for text in ["<", "<?", "<a>", "ab", "\u{FEFF}"] {
      let path = folder.path + "/tiny.tmx"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let stats = try CLI.run(["stats", path])
      let export = try CLI.run(["export", path, "--format", "text", "-o", folder.path + "/out"])
      #expect(stats.status == 1 && export.status != 0, "\(text)")
      // Only Tweetal's own error line: libxml2 was never handed bytes beyond the file's end.
      let lines = stats.stderr.split(separator: "\n")
      #expect(lines.count == 1 && lines.first?.hasPrefix("Error: ") == true, "\(text): \(stats.stderr)")
      #expect(stats.stderr.contains("tiny.tmx"), "\(text): \(stats.stderr)")
    }
  }
}
