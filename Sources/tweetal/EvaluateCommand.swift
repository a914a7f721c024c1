import ArgumentParser
import Foundation
import TweetalKit

struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score alignments against gold alignments (strict and lax precision, recall, F1).",
    discussion: """
      Give files in pairs: GOLD TEST [GOLD TEST ...]. Each is a bead file, one bead per line as \
      [4]:[5, 6, 7] or [6]:[6,7]:0.51 (0-based sentence indices, [] for an empty side). \
      Strict counts beads identical to a gold bead; lax counts a bead that shares a source-target \
      sentence pair with a gold bead (1-0 and 0-1 beads must be identical). Precision is over all \
      test beads, recall over gold beads with sentences on both sides; counts are summed over all \
      pairs (vecalign's conventions).
      """
  )

  @Argument(help: "Gold and test alignment files, alternating: GOLD TEST [GOLD TEST ...].")
  var files: [String]

  @Flag(help: "Print the scores as one JSON object.")
  var json = false

  func validate() throws {
    guard !files.isEmpty, files.count % 2 == 0 else {
      throw ValidationError("give files in pairs, GOLD TEST [GOLD TEST ...] (got \(files.count) files)")
    }
  }

  func run() throws {
    var pairs: [(gold: [IndexedBead], test: [IndexedBead])] = []
    for index in stride(from: 0, to: files.count, by: 2) {
      // A failure propagates: ArgumentParser prints "Error: <file>: <problem>" and exits 1.
      pairs.append((try EvaluationInput.load(files[index]), try EvaluationInput.load(files[index + 1])))
    }
    let score = Evaluation.score(pairs: pairs)
    let console = Console.shared
    if json {
      var object = score.summary.mapValues { $0 as Any }
      object["pairs"] = pairs.count
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      try console.print(String(decoding: data, as: UTF8.self))
    } else {
      func cell(_ value: Double) -> String { String(format: "%.3f", value) }
      try console.print(
        """
                    strict   lax
        precision   \(cell(score.strictPrecision))    \(cell(score.laxPrecision))
        recall      \(cell(score.strictRecall))    \(cell(score.laxRecall))
        F1          \(cell(score.strictF1))    \(cell(score.laxF1))
        """)
    }
  }
}
