import ArgumentParser
import Foundation
import TweetalKit

/// `TweetalBench tmx-process`: whole `tweetal stats` and `tweetal export` processes on TMX files
/// of a few sizes, another tool's and Tweetal's own: median wall seconds and the child's peak RSS
/// (`wait4`), for the built binary and optionally a baseline binary.
struct TMXProcessBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tmx-process",
    abstract: "Whole-process `tweetal stats` / `export` on TMX files of several sizes: wall and peak RSS.",
    discussion: """
      Writes, for every size in --sizes (megabytes), a TMX from another tool (the units of the \
      largest file of ../shared/tmx-samples, MyMemory's TMX 1.1 export, repeated; the shipped \
      alignments/2022-imrf-letter_vnr.tmx when the samples are absent) and a Tweetal alignment \
      (the shipped alignment's document repeated, with the beads renumbered so that it decodes), \
      then runs `tweetal stats FOREIGN`, `tweetal stats ALIGNMENT` and `tweetal export ALIGNMENT \
      --format text` --runs times each. Reports the median wall time and the median peak RSS of \
      the child (its own, from GNU time: see runChildProcess). With --baseline the same runs are made with another \
      binary (e.g. main's) for comparison; --baseline-max-megabytes skips its slow large sizes.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "Another tweetal binary to run on the same files (e.g. main's), for comparison.")
  var baseline: String?

  @Option(help: "Sizes of the generated TMX files in megabytes, comma-separated.")
  var sizes: String = "5,50"

  @Option(help: "Run the baseline only on files up to this many megabytes.")
  var baselineMaxMegabytes: Int = 50

  @Option(help: "Runs per measurement (the median is reported).")
  var runs: Int = 5

  @Option(help: "The other tool's TMX whose units are repeated.")
  var foreignSample: String = "../shared/tmx-samples/19_mymemory_tmx11_en-ru.tmx"

  @Option(help: "The Tweetal alignment whose document is repeated.")
  var alignment: String = "alignments/2022-imrf-letter_vnr.tmx"

  @Option(
    help: "Write the generated files into this folder and keep them (default: a temporary folder, removed).")
  var keepFiles: String?

  @Flag(help: "Print the results as JSON.")
  var json = false

  struct Result: Codable {
    var binary: String
    var command: String
    var input: String
    var bytes: Int
    var wallSeconds: Double
    var peakRSSBytes: Int
  }

  func run() throws {
    let sizeList = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !sizeList.isEmpty, sizeList.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("--sizes takes positive megabytes, e.g. 5,50,500")
    }
    var binaries = [("tweetal", tweetal)]
    if let baseline { binaries.append(("baseline", baseline)) }
    for (_, path) in binaries where !FileManager.default.isExecutableFile(atPath: path) {
      throw ValidationError("no tweetal binary at \(path); run `swift build -c release` or pass --tweetal")
    }
    let folder =
      keepFiles.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("tweetal-tmx-process-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if keepFiles == nil { try? FileManager.default.removeItem(at: folder) } }
    let foreignSource = FileManager.default.fileExists(atPath: foreignSample) ? foreignSample : alignment
    let base = try AlignmentStore.load(path: alignment)
    let baseBytes = try Data(contentsOf: URL(fileURLWithPath: alignment)).count

    var results: [Result] = []
    for megabytes in sizeList {
      let foreign = folder.appendingPathComponent("foreign-\(megabytes)MB.tmx").path
      try Self.writeRepeatedUnits(of: foreignSource, megabytes: megabytes, to: foreign)
      let tweetalFile = folder.appendingPathComponent("alignment-\(megabytes)MB.tmx").path
      let copies = max(1, megabytes * 1_000_000 / max(1, baseBytes))
      try AlignmentStore.save(Self.repeated(base, copies: copies), toPath: tweetalFile)
      let output = folder.appendingPathComponent("export").path
      let commands: [(String, String, [String])] = [
        ("stats", foreign, ["stats", foreign]),
        ("stats", tweetalFile, ["stats", tweetalFile]),
        ("export text", tweetalFile, ["export", tweetalFile, "-o", output, "--format", "text"]),
      ]
      for (name, binary) in binaries {
        if name == "baseline", megabytes > baselineMaxMegabytes { continue }
        for (command, input, arguments) in commands {
          var walls: [Double] = []
          var peaks: [Double] = []
          for _ in 0..<max(1, runs) {
            let run = try runChildProcess(binary, arguments)
            walls.append(run.wall)
            peaks.append(Double(run.peakRSS))
          }
          let bytes = (try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
          results.append(
            Result(
              binary: name, command: command,
              input: input == foreign ? "other tool" : "Tweetal alignment", bytes: bytes,
              wallSeconds: Self.median(walls), peakRSSBytes: Int(Self.median(peaks))))
        }
      }
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    print("Median of \(runs) runs of whole tweetal processes (stdout to /dev/null).")
    print("binary    command      input               MB       wall s   peak RSS MB")
    for result in results {
      print(
        result.binary.padding(toLength: 10, withPad: " ", startingAt: 0)
          + result.command.padding(toLength: 13, withPad: " ", startingAt: 0)
          + result.input.padding(toLength: 20, withPad: " ", startingAt: 0)
          + String(
            format: "%-9.1f%-9.3f%.1f", Double(result.bytes) / 1_000_000, result.wallSeconds,
            Double(result.peakRSSBytes) / 1_000_000))
    }
  }

  /// Writes the file at `sample` with the content of its `<body>` repeated until the file holds
  /// about `megabytes`: another tool's header and units, as many as fit.
  static func writeRepeatedUnits(of sample: String, megabytes: Int, to path: String) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
    guard let open = bytes.range(of: Data("<body>".utf8)), let close = bytes.range(of: Data("</body>".utf8)),
      open.upperBound <= close.lowerBound
    else { throw ValidationError("\(sample) has no <body>...</body> in UTF-8 to repeat") }
    let units = bytes[open.upperBound..<close.lowerBound]
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw ValidationError("cannot write \(path)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.write(contentsOf: bytes[..<open.upperBound])
    var written = open.upperBound
    while written < megabytes * 1_000_000 {
      try handle.write(contentsOf: units)
      written += units.count
    }
    try handle.write(contentsOf: bytes[close.lowerBound...])
  }

  /// `document` `copies` times one after the other, as one alignment whose beads are numbered anew.
  static func repeated(_ document: AlignedDocument, copies: Int) -> AlignedDocument {
    var result = document
    result.source = []
    result.target = []
    result.beads = []
    for _ in 0..<copies {
      let (sourceOffset, targetOffset) = (result.source.count, result.target.count)
      for bead in document.beads {
        var copy = bead
        copy.source = (bead.source.lowerBound + sourceOffset)..<(bead.source.upperBound + sourceOffset)
        copy.target = (bead.target.lowerBound + targetOffset)..<(bead.target.upperBound + targetOffset)
        copy.id = result.beads.count + 1
        result.beads.append(copy)
      }
      result.source += document.source
      result.target += document.target
    }
    return result
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
