import ArgumentParser
import Foundation

/// `TweetalBench documents`: the built `tweetal segment` as a whole process on a many-page PDF
/// (a letter repeated with qpdf), in pages per second, beside `pdftotext` on the same file.
struct DocumentsBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "documents",
    abstract: "Whole-process `tweetal segment` on a many-page PDF: pages/s, beside pdftotext.",
    discussion: """
      Concatenates --copies copies of --pdf into one file with `qpdf --empty --pages` in a \
      temporary folder, then runs `tweetal segment FILE.pdf` (output to /dev/null) and \
      `pdftotext FILE.pdf /dev/null` on it --runs times each. Reports the median wall time, \
      pages per second and peak RSS (the child's own, from GNU time). Needs qpdf, and poppler-utils for \
      the comparison (skipped when pdftotext is missing). Build tweetal with -c release first.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "The PDF to repeat.")
  var pdf: String = "Tests/DocumentsTests/Fixtures/letter.nl.pdf"

  @Option(help: "How many copies of --pdf the measured file holds.")
  var copies: Int = 250

  @Option(help: "Runs per program (the median is reported).")
  var runs: Int = 5

  @Flag(help: "Print the results as JSON.")
  var json = false

  /// One measured program.
  struct Result: Codable {
    var program: String
    var pages: Int
    var wallSeconds: Double
    var pagesPerSecond: Double
    var peakRSSBytes: Int
  }

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    guard let qpdf = Self.executable("qpdf") else {
      throw ValidationError("qpdf is not installed; apt-get install qpdf")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tweetal-documents-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let big = folder.appendingPathComponent("big.pdf").path
    let copies = max(1, copies)
    try Self.run(qpdf, ["--empty", "--pages"] + Array(repeating: pdf, count: copies) + ["--", big])
    let pages = try Self.pageCount(qpdf, big)

    var programs: [(name: String, executable: String, arguments: [String])] = [
      ("tweetal segment", tweetal, ["segment", big])
    ]
    if let pdftotext = Self.executable("pdftotext") {
      programs.append(("pdftotext", pdftotext, [big, "/dev/null"]))
    }
    var results: [Result] = []
    for program in programs {
      var walls: [Double] = []
      var peaks: [Double] = []
      for _ in 0..<max(1, runs) {
        let (wall, peak) = try Self.measure(program.executable, program.arguments)
        walls.append(wall)
        peaks.append(Double(peak))
      }
      let wall = Self.median(walls)
      results.append(
        Result(
          program: program.name, pages: pages, wallSeconds: wall, pagesPerSecond: Double(pages) / wall,
          peakRSSBytes: Int(Self.median(peaks))))
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    print("Median of \(runs) runs on \(pages) pages (\(copies) × \(pdf)), output to /dev/null.")
    print("program           wall s    pages/s   peak RSS MB")
    for result in results {
      print(
        result.program.padding(toLength: 18, withPad: " ", startingAt: 0)
          + String(
            format: "%-10.3f%-10.0f%.1f", result.wallSeconds, result.pagesPerSecond,
            Double(result.peakRSSBytes) / 1_000_000))
    }
  }

  /// The path of `name` on `PATH`, if any.
  private static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  private static func run(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ValidationError("\(executable) \(arguments.prefix(3).joined(separator: " ")) … failed")
    }
  }

  private static func pageCount(_ qpdf: String, _ file: String) throws -> Int {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: qpdf)
    process.arguments = ["--show-npages", file]
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let pages = Int(text) else { throw ValidationError("qpdf --show-npages \(file) said '\(text)'") }
    return pages
  }

  /// Runs `executable` with `arguments` (stdout and stderr to /dev/null): wall seconds and the
  /// child's peak resident set in bytes (`runChildProcess`: the child's own).
  private static func measure(_ executable: String, _ arguments: [String]) throws -> (
    wall: Double, peakRSS: Int
  ) {
    let run = try runChildProcess(executable, arguments)
    return (run.wall, run.peakRSS)
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
