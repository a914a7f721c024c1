import ArgumentParser
import Foundation

/// `TweetalBench nlen`: real Dutch–English translations (man pages) aligned from the raw files, as
/// a user runs `tweetal align`, and scored at the paragraph level by the data set's own scorer.
struct NlenBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nlen",
    abstract: "Paragraph accuracy on the nl-en man pages (full and partial), aligning the raw files.",
    discussion: """
      For every page of ../shared/bench/nlen-manpages-dev/{full,partial} runs the built tweetal \
      binary (`tweetal align DOC.nl DOC.en -o DOC.tmx`, default options unless --extra says \
      otherwise) as a separate process (or, with --corpus-run, all of a variant's pages as one \
      corpus run), then scores the TMX files with the data set's \
      score_paragraphs.py (python3). Prints the scorer's total line per variant: paragraph P/R/F1, \
      loose (altered) and straddling sentences, unpaired English sentences linked; and the time \
      the alignments took. Build first: swift build -c release.
      """)

  @Option(help: "The data set folder (with full/, partial/ and score_paragraphs.py).")
  var data = "../shared/bench/nlen-manpages-dev"

  @Option(help: "The tweetal binary to run.")
  var tweetal = ".build/release/tweetal"

  @Option(help: "Variants to score: full, partial or both.")
  var variant = "both"

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Extra options for every tweetal align call, as one string.", valueName: "options"))
  var extra = ""

  @Flag(
    help:
      "Align each variant's pages as one corpus run (`tweetal align --corpus`, one process) instead of one process per page; with --extra --learn-lexicon that learns one table from all the variant's pages."
  )
  var corpusRun = false

  @Flag(help: "Print the scorer's line for every page too.")
  var pages = false

  func validate() throws {
    guard ["full", "partial", "both"].contains(variant) else {
      throw ValidationError("'--variant' must be full, partial or both (got '\(variant)')")
    }
  }

  func run() throws {
    let files = FileManager.default
    guard files.fileExists(atPath: data + "/score_paragraphs.py") else {
      throw ValidationError("\(data) has no score_paragraphs.py; pass --data with the nl-en dev set's folder")
    }
    guard files.isExecutableFile(atPath: tweetal) else {
      throw ValidationError(
        "\(tweetal) is not an executable; build with swift build -c release or pass --tweetal")
    }
    let variants = variant == "both" ? ["full", "partial"] : [variant]
    let extraArguments = extra.split(separator: " ").map(String.init)
    let scratch = files.temporaryDirectory.appendingPathComponent("tweetal-nlen-\(getpid())").path
    defer { try? files.removeItem(atPath: scratch) }
    for name in variants {
      let folder = data + "/" + name
      let hypotheses = scratch + "/" + name
      try files.createDirectory(atPath: hypotheses, withIntermediateDirectories: true)
      let documents = try files.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".nl") }.sorted()
      let clock = ContinuousClock()
      let elapsed = try clock.measure {
        if corpusRun {
          let manifest = hypotheses + ".tsv"
          // Absolute paths: a manifest's relative paths start at its folder's parent.
          let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
          let lines = documents.map { document in
            let page = String(document.dropLast(3))
            return "\(absolute)/\(page).nl\t\(absolute)/\(page).en\t\(page)\n"
          }
          try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: manifest))
          let status = try Self.run(
            tweetal, ["align", "--corpus", manifest, "--output-dir", hypotheses] + extraArguments)
          if status != 0 { print("\(name): tweetal align --corpus exited \(status)") }
          return
        }
        for document in documents {
          let page = String(document.dropLast(3))
          let status = try Self.run(
            tweetal,
            [
              "align", folder + "/" + page + ".nl", folder + "/" + page + ".en", "-o",
              hypotheses + "/" + page + ".tmx",
            ]
              + extraArguments)
          if status != 0 { print("\(name)/\(page): tweetal align exited \(status)") }
        }
      }
      let scorerArguments = ["score_paragraphs.py", "--batch", name, hypotheses] + (pages ? [] : ["--quiet"])
      let output = try Self.capture("/usr/bin/env", ["python3"] + scorerArguments, in: data)
      let lines = output.split(separator: "\n")
      for line in pages ? lines[...] : lines.suffix(1) { print("\(name): \(line)") }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      print(
        "\(name): \(documents.count) pages aligned in \(String(format: "%.2f", seconds)) s (whole processes)")
    }
  }

  /// Runs a program, its output discarded; returns its exit status.
  static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Runs a program in a folder and returns what it printed on stdout.
  static func capture(_ program: String, _ arguments: [String], in folder: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
