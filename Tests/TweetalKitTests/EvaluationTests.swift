import Aligner
import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

@Suite("Bead files and strict/lax scoring")
struct EvaluationTests {
  @Test("bead files parse gold lines, empty sides, confidences and non-consecutive indices")
  func parse() throws {
    let beads = try BeadFile.parse("[0]:[0]\n[1, 2]:[1]:0.51\n[]:[2]\n\n[3]:[3, 5]\n[4]:[]\n", file: "gold")
    #expect(beads.count == 5)
    #expect(beads[1] == IndexedBead(source: [1, 2], target: [1], confidence: 0.51))
    #expect(beads[2] == IndexedBead(source: [], target: [2]))
    #expect(beads[3].target == [3, 5])
    #expect(beads[4].target.isEmpty)
  }

  @Test("a malformed line is reported with its file and line number")
  func malformed() {
    #expect {
      try BeadFile.parse("[0]:[0]\n[1]-[1]\n", file: "gold.txt")
    } throws: { error in
      String(describing: error).hasPrefix("gold.txt:2: ")
    }
    #expect(throws: BeadFileError.self) { try BeadFile.parse("[a]:[1]", file: "x") }
  }

  @Test("writing and reading back gives the same beads")
  func roundTrip() throws {
    let beads = [
      Bead(source: 0..<2, target: 0..<1, confidence: 0.93),
      Bead(source: 2..<2, target: 1..<2, confidence: 0.05),
      Bead(source: 2..<3, target: 2..<2, confidence: 1),
    ]
    let text = BeadFile.format(beads)
    #expect(text == "[0, 1]:[0]:0.930\n[]:[1]:0.050\n[2]:[]:1.000\n")
    #expect(try BeadFile.parse(text) == beads.map(IndexedBead.init))
  }

  static func beads(_ text: String) throws -> [IndexedBead] { try BeadFile.parse(text) }

  @Test("identical alignments score 1 everywhere")
  func perfect() throws {
    let gold = try Self.beads("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n[2]:[4]\n")
    let score = Evaluation.score(gold: gold, test: gold)
    #expect(score.strictF1 == 1 && score.laxF1 == 1)
  }

  @Test("strict and lax follow vecalign: partial overlap is lax only; deletions must be identical")
  func conventions() throws {
    let gold = try Self.beads("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n[2]:[4]\n")
    // [1]:[1] overlaps gold [1]:[1,2] (lax hit, strict miss); []:[2] is a deletion not in gold
    // (both miss); [2]:[3, 4] overlaps gold [2]:[4] (lax hit).
    let test = try Self.beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3, 4]\n")
    let score = Evaluation.score(gold: gold, test: test)
    #expect(score.precisionCounts.strictHits == 1 && score.precisionCounts.strictMisses == 3)
    #expect(score.precisionCounts.laxHits == 3 && score.precisionCounts.laxMisses == 1)
    // Recall: gold links [0]:[0], [1]:[1,2], [2]:[4] against test links [0]:[0], [1]:[1], [2]:[3,4].
    #expect(score.recallCounts.strictHits == 1 && score.recallCounts.strictMisses == 2)
    #expect(score.recallCounts.laxHits == 3 && score.recallCounts.laxMisses == 0)
    #expect(abs(score.strictPrecision - 0.25) < 1e-12)
    #expect(abs(score.strictRecall - 1.0 / 3) < 1e-12)
    #expect(abs(score.laxF1 - 2 * 0.75 / 1.75) < 1e-12)
  }

  @Test("counts are summed over document pairs before the ratios")
  func summedOverPairs() throws {
    let gold = try Self.beads("[0]:[0]\n[1]:[1]\n")
    let wrong = try Self.beads("[0]:[1]\n[1]:[0]\n")
    let both = Evaluation.score(pairs: [(gold, gold), (gold, wrong)])
    #expect(both.precisionCounts.strictHits == 2 && both.precisionCounts.strictMisses == 2)
    #expect(abs(both.strictF1 - 0.5) < 1e-12)
  }

  @Test("the evaluator picks a loader by extension; bead files are the default")
  func loaders() {
    #expect(EvaluationInput.loaders["tmx"] != nil)
    #expect(throws: (any Error).self) { try EvaluationInput.load("/nonexistent/gold.txt") }
  }

  @Test(
    "a Tweetal TMX evaluates like the bead file of the same alignment; another tool's TMX and a missing file are refused"
  )
  func tweetalTMX() throws {
    let tmx = TestData.root + "/alignments/2022-imrf-letter_vnr.tmx"
    let document = try AlignmentStore.load(path: tmx)
    let beadPath = NSTemporaryDirectory() + "tweetal-eval-\(UUID().uuidString).beads"
    defer { try? FileManager.default.removeItem(atPath: beadPath) }
    let beads = document.beads.map { IndexedBead(source: Array($0.source), target: Array($0.target)) }
    try Data(BeadFile.format(beads).utf8).write(to: URL(fileURLWithPath: beadPath))
    let fromTMX = try EvaluationInput.load(tmx)
    #expect(fromTMX.map(\.source) == beads.map(\.source))
    #expect(fromTMX.map(\.target) == beads.map(\.target))
    let score = Evaluation.score(gold: try EvaluationInput.load(beadPath), test: fromTMX)
    #expect(score.strictF1 == 1)
    let foreign = TMXFixtures.omegaT
    #expect(FileManager.default.fileExists(atPath: foreign))
    #expect(throws: AlignmentStoreError.self) { try EvaluationInput.load(foreign) }
    // A missing file is reported as missing, not as a TMX that is not Tweetal's.
    let missing = #expect(throws: TMXError.self) { try EvaluationInput.load(TestData.root + "/no-such.tmx") }
    #expect(missing?.message.hasPrefix("no such file") == true)
  }
}
