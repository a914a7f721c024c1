import ArgumentParser
import Corpus
import Foundation
import TweetalKit

/// `tweetal corpus`: commands over a whole corpus output folder.
struct CorpusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "corpus",
    abstract: "Summarise a corpus output folder (the TMX files and the shard reports of its runs).",
    subcommands: [CorpusReportCommand.self]
  )
}

/// `tweetal corpus report DIR`: the TMX headers and shard reports of a folder merged into one summary.
struct CorpusReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Merge the shard reports and TMX files of a corpus output folder into one summary.",
    discussion: """
      Reads every Tweetal TMX in the folder (one at a time) and the shard reports that \
      `tweetal align --shard K/N` wrote into <folder>/.tweetal/, and prints: pairs, sentences, links \
      (pairs of sentence runs), the histogram of parallelism, which shards reported and which of the \
      same N did not, and the failures the shards listed. Exits 1 when a shard is missing, a pair \
      failed or a TMX cannot be read, so that a script can check a cluster run.

      Examples:
        tweetal corpus report alignments
        tweetal corpus report out --json | jq .links
      """
  )

  @Argument(help: ArgumentHelp("The output folder of a corpus run.", valueName: "folder"))
  var directory: String

  @Flag(help: "Print one JSON object (keys sorted).")
  var json = false

  func run() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
      throw Failure(file: directory, "is not a folder; name the --output-dir of a corpus run")
    }
    let report: CorpusReport
    do {
      report = try CorpusReport(directory: directory)
    } catch {
      throw Failure(file: directory, "cannot be read (\(error.localizedDescription))")
    }
    let console = Console.shared
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try console.print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      try console.print(Self.text(report, directory: directory))
    }
    var problems: [String] = []
    if !report.missingShards.isEmpty {
      problems.append("shard(s) \(report.missingShards.joined(separator: ", ")) wrote no report")
    }
    if !report.failures.isEmpty { problems.append("\(report.failures.count) pair(s) failed") }
    if !report.unreadable.isEmpty { problems.append("\(report.unreadable.count) file(s) unreadable") }
    if !problems.isEmpty {
      throw Failure(file: directory, problems.joined(separator: "; ") + "; see the report above")
    }
  }

  static func text(_ report: CorpusReport, directory: String) -> String {
    var lines = ["\(directory): \(report.pairs) pairs"]
    lines.append("  sentences: \(report.sourceSentences) source + \(report.targetSentences) target")
    lines.append(
      "  links: \(report.links) (\(report.linkedSourceSentences) source and \(report.linkedTargetSentences) "
        + "target sentences), \(report.beads) beads in all")
    let levels = ["parallel", "loosely related", "unrelated"].map {
      "\($0) \(report.parallelismLevels[$0] ?? 0)"
    }
    lines.append("  parallelism: " + levels.joined(separator: ", "))
    let most = max(1, report.parallelismHistogram.values.max() ?? 1)
    for bin in CorpusReport.bins {
      let count = report.parallelismHistogram[bin] ?? 0
      lines.append("    \(bin) \(String(repeating: "#", count: (count * 30 + most - 1) / most)) \(count)")
    }
    if !report.shards.isEmpty {
      var text = "  shards: \(report.shards.joined(separator: ", ")) in \(Summary.decimal(report.seconds)) s"
      if !report.missingShards.isEmpty { text += "; missing \(report.missingShards.joined(separator: ", "))" }
      lines.append(text)
    }
    for failure in report.failures { lines.append("  failed: \(failure.name): \(failure.error)") }
    for file in report.unreadable { lines.append("  unreadable: \(file.name): \(file.error)") }
    return lines.joined(separator: "\n")
  }
}
