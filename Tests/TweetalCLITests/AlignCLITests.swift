import Foundation
import TMX
import TestSupport
import Testing
import TweetalKit

@Suite("tweetal align, run as a user types it")
struct AlignCLITests {
  static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]  // 2026-01-01T00:00:00Z

  /// The alignment of a corpus pair made in-process, to compare with what the binary writes.
  func expected(_ pair: (String, String, String), date: String = "20260101T000000Z") throws -> AlignedDocument
  {
    let source = InputDocument(name: pair.0, bytes: try SafeFile.load(path: CLI.root + "/" + pair.0))
    let target = InputDocument(name: pair.1, bytes: try SafeFile.load(path: CLI.root + "/" + pair.1))
    return try Pipeline().align(source: source, target: target, creationDate: date)
  }

  @Test("beads format: one line per bead, 0-based indices, the same beads as the library makes")
  func beadsFormat() throws {
    let pair = try CLI.corpusPairs()[0]
    let result = try CLI.run(["align", pair.0, pair.1, "--format", "beads", "-o", "-", "--no-lexicon"])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try expected(pair)
    #expect(result.output == BeadFile.format(document))
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == document.beads.count)
    let shape = #/^\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]:[01]\.\d{3}$/#
    #expect(lines.allSatisfy { $0.wholeMatch(of: shape) != nil })
    #expect(result.stderr.contains("sentences") && result.stderr.contains("beads"))
  }

  @Test("pre-segmented German–French from stdin: every line is a sentence, blank lines end blocks")
  func presegmented() throws {
    let folder = try TemporaryFolder()
    try "Der Berg ist hoch.\nEr misst 4478 Meter.\n\nDas Wetter war gut.\n".write(
      toFile: folder.path + "/a.de", atomically: true, encoding: .utf8)
    let french = Data("La montagne est haute.\nElle mesure 4478 mètres.\n\nLe temps était beau.\n".utf8)
    let result = try CLI.run(
      [
        "align", folder.path + "/a.de", "-", "--source-lang", "de", "--target-lang", "fr", "--presegmented",
        "--format", "beads",
      ], stdin: french)
    #expect(result.status == 0, "\(result.stderr)")
    var covered = (source: Set<Int>(), target: Set<Int>())
    for line in result.output.split(separator: "\n") {
      let parts = line.split(separator: ":")
      let numbers = { (text: Substring) in
        text.filter { $0.isNumber || $0 == "," }.split(separator: ",").compactMap { Int($0) }
      }
      covered.source.formUnion(numbers(parts[0]))
      covered.target.formUnion(numbers(parts[1]))
    }
    #expect(covered.source == [0, 1, 2] && covered.target == [0, 1, 2])
  }

  @Test("text with control characters XML cannot carry aligns into a TMX that reads back, segmented or not")
  func controlCharacters() throws {
    // Exported from a word processor: optional (U+001F) and non-breaking (U+001E) hyphens, and a
    // stray U+0001. Before, the TMX writer refused the pair after aligning it.
    let folder = try TemporaryFolder()
    try "Een zacht\u{1F}afbreekstreepje.\nEen vast\u{1E}streepje en \u{01} een teken.\n".write(
      toFile: folder.path + "/a.nl", atomically: true, encoding: .utf8)
    try "A soft\u{1F}hyphen.\nA hard\u{1E}hyphen and \u{01} a sign.\n".write(
      toFile: folder.path + "/a.en", atomically: true, encoding: .utf8)
    for extra in [[], ["--presegmented"]] {
      let result = try CLI.run(
        ["align", "a.nl", "a.en", "-o", "out.tmx", "--no-lexicon"] + extra, directory: folder.path)
      #expect(result.status == 0, "\(extra) \(result.stderr)")
      let document = try TMXReader.read(path: folder.path + "/out.tmx")
      let texts = document.units.flatMap { $0.variants.map(\.segment.plainText) }
      #expect(texts.contains { $0.hasPrefix("Een zacht afbreekstreepje.") }, "\(texts)")
      #expect(texts.contains { $0.contains("A hard hyphen and") }, "\(texts)")
      #expect(!texts.contains { $0.unicodeScalars.contains { $0.value < 0x20 } }, "\(texts)")
    }
  }

  @Test("show - and report - read the alignment from standard input, as align -o - writes it")
  func showFromStandardInput() throws {
    let pair = try CLI.corpusPairs()[0]
    let aligned = try CLI.run(["align", pair.0, pair.1, "-o", "-", "--no-lexicon"])
    #expect(aligned.status == 0, "\(aligned.stderr)")
    let folder = try TemporaryFolder()
    try aligned.stdout.write(to: URL(fileURLWithPath: folder.path + "/pair.tmx"))
    let fromFile = try CLI.run(["show", folder.path + "/pair.tmx", "--to", "3"])
    let show = try CLI.run(["show", "-", "--to", "3"], stdin: aligned.stdout)
    #expect(show.status == 0, "\(show.stderr)")
    #expect(!show.output.isEmpty && show.output == fromFile.output)
    let report = try CLI.run(["report", "-", "-o", "-"], stdin: aligned.stdout)
    #expect(report.status == 0 && report.output.hasPrefix("<!DOCTYPE html>"), "\(report.stderr)")
    let broken = try CLI.run(["show", "-"], stdin: Data("not a TMX\n".utf8))
    #expect(
      broken.status == 1 && broken.stderr.contains("Error: -:1:1: not well-formed XML"), "\(broken.stderr)")
  }

  @Test(
    "export - reads the alignment from standard input: the same TSV and TMX as from the file, with files after it"
  )
  func exportFromStandardInput() throws {
    let pair = try CLI.corpusPairs()[0]
    let aligned = try CLI.run(["align", pair.0, pair.1, "-o", "-", "--no-lexicon"])
    #expect(aligned.status == 0, "\(aligned.stderr)")
    let folder = try TemporaryFolder()
    let file = folder.path + "/pair.tmx"
    try aligned.stdout.write(to: URL(fileURLWithPath: file))
    for format in ["tsv", "tmx"] {
      let fromFile = try CLI.run(["export", file, "-o", "-", "--format", format])
      let fromStdin = try CLI.run(["export", "-", "-o", "-", "--format", format], stdin: aligned.stdout)
      #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
      #expect(!fromStdin.output.isEmpty && fromStdin.output == fromFile.output)
    }
    let both = try CLI.run(["export", "-", file, "-o", "-", "--format", "tsv"], stdin: aligned.stdout)
    #expect(both.status == 0 && both.stderr.contains("from 2 file(s)"), "\(both.stderr)")
    let broken = try CLI.run(["export", "-", "-o", "-"], stdin: Data("not a TMX\n".utf8))
    #expect(
      broken.status == 1 && broken.stderr.contains("Error: -:1:1: not well-formed XML"), "\(broken.stderr)")
    let twice = try CLI.run(["export", "-", "-", "-o", "-"], stdin: aligned.stdout)
    #expect(
      twice.status == 64 && twice.stderr.contains("only one input can come from stdin"), "\(twice.stderr)")
  }

  @Test("-o /dev/stdout into a pipe writes the TMX and ends (the pipe is not read back for a date)")
  func devStdoutIntoPipe() throws {
    let binary = try #require(Repository.binary)
    let folder = try TemporaryFolder()
    try "Dit is een zin.\n".write(toFile: folder.path + "/a.nl", atomically: true, encoding: .utf8)
    try "This is a sentence.\n".write(toFile: folder.path + "/a.en", atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["align", "a.nl", "a.en", "-o", "/dev/stdout", "--no-lexicon"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
    process.standardInput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    // Before, the process read /dev/stdout (the pipe) for an earlier TMX's date and waited
    // forever: killed after a minute, the pipe closes and the test fails instead of hanging.
    DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    #expect(String(decoding: output, as: UTF8.self).contains("<seg>This is a sentence.</seg>"))
  }

  @Test("-o - writes the TMX to stdout, byte for byte what the writer makes of the alignment")
  func tmxToStdout() throws {
    let pair = try CLI.corpusPairs()[1]
    let result = try CLI.run(["align", pair.0, pair.1, "-o", "-", "--no-lexicon"], environment: Self.epoch)
    #expect(result.status == 0, "\(result.stderr)")
    let bytes = try TMXWriter.bytes(of: AlignmentStore.encode(try expected(pair)))
    #expect([UInt8](result.stdout) == bytes)
  }

  @Test("-o FILE writes a Tweetal TMX that reads back as the same alignment; a re-run leaves it untouched")
  func tmxFile() throws {
    let pair = try CLI.corpusPairs()[0]
    let folder = try TemporaryFolder()
    let path = folder.path + "/out.tmx"
    let first = try CLI.run(["align", pair.0, pair.1, "-o", path, "--no-lexicon"], environment: Self.epoch)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("parallelism"))
    let loaded = try AlignmentStore.load(path: path)
    #expect(loaded == (try expected(pair)))
    let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    // Without SOURCE_DATE_EPOCH the existing file's creationdate is kept and nothing is rewritten.
    let second = try CLI.run(["align", pair.0, pair.1, "-o", path, "--no-lexicon"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("unchanged"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    #expect((try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) == before)
  }

  @Test("with no documents, every corpus pair goes to <output-dir>/<name>.tmx; --jobs 2 gives the same bytes")
  func corpusMode() throws {
    let pairs = try CLI.corpusPairs()
    let one = try TemporaryFolder()
    let result = try CLI.run(["align", "--output-dir", one.path], environment: Self.epoch)
    #expect(result.status == 0, "\(result.stderr)")
    let summaries = result.output.split(separator: "\n")
    #expect(summaries.count == pairs.count)
    for (pair, summary) in zip(pairs, summaries) {
      #expect(summary.hasPrefix("\(one.path)/\(pair.2).tmx: "))
      #expect(summary.contains("beads") && summary.contains("parallelism"))
    }
    #expect(result.stderr.contains("[1/\(pairs.count)]"))
    let two = try TemporaryFolder()
    let parallel = try CLI.run(["align", "--output-dir", two.path, "--jobs", "2"], environment: Self.epoch)
    #expect(parallel.status == 0, "\(parallel.stderr)")
    for pair in pairs {
      let a = try Data(contentsOf: URL(fileURLWithPath: "\(one.path)/\(pair.2).tmx"))
      let b = try Data(contentsOf: URL(fileURLWithPath: "\(two.path)/\(pair.2).tmx"))
      #expect(a == b, "\(pair.2)")
      let document = try AlignmentStore.load(path: "\(one.path)/\(pair.2).tmx")
      #expect(document.metadata.sourceFile == pair.0 && document.metadata.creationDate == "20260101T000000Z")
    }
  }
}
