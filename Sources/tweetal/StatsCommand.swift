import ArgumentParser
import Foundation
import TMX
import TweetalKit

/// `tweetal stats`: what is in TMX files, Tweetal's or any other tool's.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Describe TMX files: tool, languages, units; for Tweetal alignments beads and confidence.",
    discussion: """
      Reads any TMX 1.4b file (Tweetal's own or one exported by Trados, OmegaT, Okapi, memoQ, …) and \
      prints, per file, the creation tool, the languages and the number of translation units. For a \
      Tweetal alignment it adds the bead types and review statuses, the distribution of confidence, \
      the share of sentences linked to the other side, and the document parallelism (0 to 1).

      A file that cannot be read is reported on stderr with the reader's error (file, line, column) \
      after the others are printed, and the exit status is 1.

      Examples:
        tweetal stats alignments/*.tmx
        tweetal stats --json alignments/2022-imrf-letter_vnr.tmx | jq '.[0].parallelism'
      """
  )

  @Argument(help: ArgumentHelp("TMX files to describe; '-' reads one from stdin.", valueName: "file.tmx"))
  var files: [String]

  @Flag(help: "Print a JSON array with one object per file (keys sorted; parallelism is null when absent).")
  var json = false

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Name at least one TMX file.") }
    guard files.filter({ $0 == "-" }).count <= 1 else {
      throw ValidationError("Only one file can come from stdin ('-').")
    }
  }

  func run() throws {
    let console = Console.shared
    var statistics: [TMXStatistics] = []
    var errors: [String] = []
    for file in files {
      do {
        // Streamed: another tool's TMX of any size is counted in flat memory.
        let input = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
        statistics.append(try TMXStatistics(streaming: file, bytes: input))
      } catch let error as TMXError {
        errors.append(error.file == nil ? "\(file): \(error.description)" : error.description)
      } catch {
        errors.append("\(error)")
      }
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(statistics)
      try console.print(String(decoding: data, as: UTF8.self))
    } else {
      for (index, item) in statistics.enumerated() {
        if index > 0 { try console.print("") }
        try console.print(StatsReport.text(for: item, bold: console.bold))
      }
    }
    for error in errors { console.error(error) }
    if !errors.isEmpty { throw ExitCode.failure }
  }
}
