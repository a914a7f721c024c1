import ArgumentParser
import Foundation
import Segmenter

/// `TweetalBench segment-process`: the built `tweetal segment` as a whole process (read,
/// segment, write) on a large plain-text file, a Markdown file and a PDF-text file: wall
/// seconds, MB/s and the child's peak resident memory.
struct SegmentProcessBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment-process",
    abstract: "Whole-process `tweetal segment`: wall seconds, MB/s and peak RSS per input kind.",
    discussion: """
      Writes a plain-text input of about --megabytes (the nl-en man pages of \
      ../shared/bench/nlen-manpages-dev repeated, or the corpus when that is absent), and a \
      Markdown and a PDF-text input of about --structured-megabytes (the corpus documents of \
      that format repeated) to a temporary folder, then runs `tweetal segment` on each --runs \
      times with its output going to /dev/null. Reports the median wall time and peak RSS \
      (the child's own, from GNU time) and RSS as a multiple of the file size. Build tweetal with \
      -c release first; the machine is shared, so medians of several runs are the numbers to quote.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "The corpus folder (with nl/ and en/).")
  var corpus: String = "corpus"

  @Option(help: "The nl-en man pages (plain text), used when present.")
  var manPages: String = "../shared/bench/nlen-manpages-dev/full"

  @Option(help: "Size of the plain-text input in megabytes.")
  var megabytes: Int = 20

  @Option(help: "Size of the Markdown and PDF-text inputs in megabytes (read whole: no speed target).")
  var structuredMegabytes: Int = 5

  @Option(help: "Runs per input (the median is reported).")
  var runs: Int = 5

  @Flag(help: "Print the results as JSON.")
  var json = false

  /// One measured input.
  struct Result: Codable {
    var input: String
    var bytes: Int
    var wallSeconds: Double
    var megabytesPerSecond: Double
    var peakRSSBytes: Int
    var rssPerFileSize: Double
  }

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tweetal-segment-process-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    var inputs: [(name: String, format: InputFormat, language: String, path: String)] = []
    let plainSources = sourceFiles(manPages, suffix: ".en")
    let corpusFiles =
      sourceFiles(corpus + "/en", suffix: ".txt") + sourceFiles(corpus + "/nl", suffix: ".txt")
    let plainPath = folder.appendingPathComponent("plain.txt").path
    try writeRepeated(plainSources.isEmpty ? corpusFiles : plainSources, megabytes: megabytes, to: plainPath)
    inputs.append(("plain text", .text, "en", plainPath))
    for format in [InputFormat.markdown, .pdfText] {
      let files = try corpusFiles.filter {
        InputFormat.detect(try String(contentsOfFile: $0, encoding: .utf8)) == format
      }
      guard !files.isEmpty else { continue }
      let path = folder.appendingPathComponent("\(format.rawValue).txt").path
      try writeRepeated(files, megabytes: structuredMegabytes, to: path)
      inputs.append((format.rawValue, format, "auto", path))
    }

    var results: [Result] = []
    for input in inputs {
      let bytes = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
      var walls: [Double] = []
      var peaks: [Int] = []
      for _ in 0..<max(1, runs) {
        let (wall, peak) = try measure(
          ["segment", input.path, "--lang", input.language, "--input-format", input.format.rawValue])
        walls.append(wall)
        peaks.append(peak)
      }
      let wall = Self.median(walls)
      let peak = Self.median(peaks.map(Double.init))
      results.append(
        Result(
          input: input.name, bytes: bytes, wallSeconds: wall,
          megabytesPerSecond: Double(bytes) / 1_000_000 / wall, peakRSSBytes: Int(peak),
          rssPerFileSize: peak / Double(bytes)))
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    print("Median of \(runs) runs of `tweetal segment` as a child process (output to /dev/null).")
    print("input        MB       wall s    MB/s     peak RSS MB   RSS / size")
    for result in results {
      print(
        result.input.padding(toLength: 13, withPad: " ", startingAt: 0)
          + String(
            format: "%-9.1f%-10.3f%-9.1f%-14.1f%.2f", Double(result.bytes) / 1_000_000, result.wallSeconds,
            result.megabytesPerSecond, Double(result.peakRSSBytes) / 1_000_000, result.rssPerFileSize))
    }
  }

  /// The files in `folder` whose names end in `suffix`, sorted (empty when there is no folder).
  private func sourceFiles(_ folder: String, suffix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
  }

  /// Writes `files` one after another, a blank line after each round, until `megabytes` are written.
  private func writeRepeated(_ files: [String], megabytes: Int, to path: String) throws {
    guard !files.isEmpty else { throw ValidationError("no input documents found; pass --corpus") }
    let contents = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    var round = contents.reduce(into: Data()) { $0.append($1) }
    round.append(contentsOf: [0x0A])
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw ValidationError("cannot write \(path)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var written = 0
    while written < megabytes * 1_000_000 {
      try handle.write(contentsOf: round)
      written += round.count
    }
  }

  /// Runs tweetal with `arguments` (stdout and stderr to /dev/null): wall seconds and the
  /// child's peak resident set in bytes (`runChildProcess`: the child's own).
  private func measure(_ arguments: [String]) throws -> (wall: Double, peakRSS: Int) {
    let run = try runChildProcess(tweetal, arguments)
    return (run.wall, run.peakRSS)
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
