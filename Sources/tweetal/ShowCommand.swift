import ArgumentParser
import ReviewUI
import TweetalKit

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print an alignment's beads side by side: source left, target right.",
    discussion: """
      Beads are numbered from 1 (the numbers `tweetal edit` takes). Each bead has a header line with \
      its type (1-1, 2-1, 0-1, ...), confidence and status (auto, confirmed, edited); a trailing `!` \
      marks a suspicious bead: not confirmed, and below --min-confidence or not 1-1. Text is wrapped \
      to the terminal width, or to --width (100 when the output is not a terminal). Colour is used \
      only on a terminal and never when NO_COLOR is set.
      """)

  @Argument(help: "The alignment (a TMX written by `tweetal align`; '-' reads standard input).")
  var file: String

  @Option(help: "Total width in columns (default: the terminal's, or 100).")
  var width: Int?

  @Option(help: "First bead to show (from 1).")
  var from: Int?

  @Option(help: "Last bead to show.")
  var to: Int?

  @Flag(help: "Show only suspicious beads.")
  var suspicious = false

  @Option(help: "Confidence below which an unconfirmed bead is suspicious.")
  var minConfidence = 0.5

  func validate() throws {
    if let width, width < 30 { throw ValidationError("--width must be at least 30 columns") }
    if let from, from < 1 { throw ValidationError("--from counts beads from 1") }
    if let from, let to, to < from { throw ValidationError("--to must not be before --from") }
    guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be in 0...1") }
  }

  func run() throws {
    let document: AlignedDocument
    do { document = try Input.alignment(file) } catch {
      throw CommandFailure.exit(file: file, error)
    }
    let columns = width ?? TerminalSupport.size()?.columns ?? 100
    let renderer = BeadRenderer(
      width: columns, colour: Terminal.usesColour(), minConfidence: minConfidence)
    if let from, from > document.beads.count {
      throw ValidationError(
        "--from \(from) is past the last bead: \(file) has \(document.beads.count) bead(s).")
    }
    let first = min((from ?? 1) - 1, document.beads.count)
    let last = min(to ?? document.beads.count, document.beads.count)
    var output = ""
    var shown = 0
    for index in first..<max(first, last) {
      if suspicious && !document.isSuspicious(index, minConfidence: minConfidence) { continue }
      output += renderer.lines(document, bead: index).joined(separator: "\n") + "\n"
      shown += 1
    }
    try Console.shared.write(Array(output.utf8))
    if suspicious {
      TerminalSupport.write("\(shown) suspicious bead(s)\n", to: TerminalSupport.standardError)
    }
  }
}
