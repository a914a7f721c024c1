import ArgumentParser
import Foundation
import ReviewWeb
import TMX
import TweetalKit

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write an alignment as one self-contained, read-only HTML file: all beads and the map.",
    discussion: """
      The report is the review page of `tweetal serve` without the editing: both documents side by \
      side, bead by bead, coloured by confidence, with status, and the alignment map (an SVG: source \
      sentence index across, target down; each mark links to its bead). It has no script and loads \
      nothing from the network, so it can be mailed to a translator or attached to a corpus release.

      Example: tweetal report alignments/2022-imrf-letter_vnr.tmx -o imrf.html
      """)

  @Argument(help: "The alignment (a TMX written by `tweetal align`; '-' reads standard input).")
  var file: String

  @Option(name: .shortAndLong, help: "The HTML file to write (`-` for stdout).")
  var output: String

  @Option(help: "Confidence below which an unconfirmed bead is suspicious.")
  var minConfidence = 0.5

  func validate() throws {
    guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be in 0...1") }
  }

  func run() throws {
    try OutputGuard.check(output, against: [file], documents: OutputGuard.alignedDocuments(of: [file]))
    let document: AlignedDocument
    do { document = try Input.alignment(file) } catch {
      throw CommandFailure.exit(file: file, error)
    }
    let html = ReviewPage(minConfidence: minConfidence).page(
      document, title: (file as NSString).lastPathComponent, interactive: false,
      generator: "Tweetal \(Tweetal.configuration.version)")
    if output == "-" {
      try Console.shared.write(Array(html.utf8))
      return
    }
    do { try SafeFile.write(Array(html.utf8), toPath: output) } catch {
      throw CommandFailure.exit(file: output, error)
    }
    TerminalSupport.write(
      "\(output): \(document.beads.count) beads and the map\n", to: TerminalSupport.standardError)
  }
}
