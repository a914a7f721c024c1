import TestSupport
import Testing

@testable import Aligner

/// The two-state lattice with bigger beads in windows around a complete translation's weak steps
/// (``AlignerOptions/localLattice``, `LocalLattice.swift`).
@Suite("The local lattice on complete translations")
struct LocalLatticeTests {
  static func options(local: Bool, workers: Int = Workers.available) -> AlignerOptions {
    var options = AlignerOptions()
    options.localLattice = local
    options.workers = workers
    return options
  }

  static func step(_ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int) -> Step {
    Step(i0: i0, j0: j0, i1: i1, j1: j1, typeIndex: 0, cost: 0)
  }

  @Test(
    "a window is a run of weak steps (a link below the threshold, a step with an empty side), with the margin"
  )
  func windowsAreRunsOfWeakSteps() {
    let steps = [
      Self.step(0, 0, 1, 1), Self.step(1, 1, 2, 2), Self.step(2, 2, 2, 3), Self.step(2, 3, 3, 4),
      Self.step(3, 4, 4, 5), Self.step(4, 5, 5, 6), Self.step(5, 6, 6, 8),
    ]
    let confidences = [0.99, 0.95, 0.9, 0.5, 0.99, 0.99, 0.6]
    let windows = Aligner.latticeWindows(steps, confidences: confidences, trouble: 0.7, margin: 0)
    #expect(windows.map(\.steps) == [2..<4, 6..<7])
    #expect(windows.map { [$0.i0, $0.j0, $0.i1, $0.j1] } == [[2, 2, 3, 4], [5, 6, 6, 8]])
    // One step more on either side joins the two runs' windows into one.
    let wide = Aligner.latticeWindows(steps, confidences: confidences, trouble: 0.7, margin: 1)
    #expect(wide.map(\.steps) == [1..<7])
    #expect(
      Aligner.latticeWindows(steps, confidences: confidences, trouble: 0.4, margin: 0).map(\.steps) == [2..<3]
    )
  }

  @Test("a synthetic translation with one source sentence split into four: the local lattice links it as 1-4")
  func syntheticOneToFour() {
    var random = SeededGenerator(seed: 24)
    let lengths = (0..<120).map { _ in Int.random(in: 40...160, using: &random) }
    var (source, target, gold) = Fixtures.syntheticTranslation(of: lengths, seed: 24)
    // A `1-1` gold bead near the middle: its source sentence becomes 240 characters, its target
    // sentence four of 66.
    guard
      let bead = gold.first(where: {
        $0.source.lowerBound >= 60 && $0.source.count == 1 && $0.target.count == 1
      })
    else {
      Issue.record("no 1-1 gold bead")
      return
    }
    let (sentence, start) = (bead.source.lowerBound, bead.target.lowerBound)
    source[sentence] = AlignerSentence(length: 240)
    target.replaceSubrange(bead.target, with: (0..<4).map { _ in AlignerSentence(length: 66) })
    let byDefault = Aligner(options: Self.options(local: false)).align(source: source, target: target)
    let local = Aligner(options: Self.options(local: true)).align(source: source, target: target)
    let oneToFour = Bead(source: sentence..<sentence + 1, target: start..<start + 4)
    #expect(byDefault.parallelism >= Aligner.latticeBelow)
    #expect(!byDefault.beads.contains { $0.source == oneToFour.source && $0.target == oneToFour.target })
    #expect(local.beads.contains { $0.source == oneToFour.source && $0.target == oneToFour.target })
    #expect(Fixtures.coversInOrder(local.beads, sourceCount: source.count, targetCount: target.count))
  }

  /// Exact matches of `beads`' links with the gold links.
  static func rightLinks(_ beads: [Bead], gold: [([Int], [Int])]) -> Int {
    let links = Set(
      gold.filter { !$0.0.isEmpty && !$0.1.isEmpty }.map { "\($0.0):\($0.1)" })
    return beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }.filter {
      links.contains("\(Array($0.source)):\(Array($0.target))")
    }.count
  }

  @Test(
    "Text+Berg dev: the local lattice finds gold beads bigger than the final pass's types, and more gold beads in all",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergGainsBiggerBeads() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let gold = try TextBerg.gold()
    let byDefault = Aligner(options: Self.options(local: false)).align(source: source, target: target)
    let local = Aligner(options: Self.options(local: true)).align(source: source, target: target)
    let big = gold.filter { $0.0.count + $0.1.count >= 5 && !$0.0.isEmpty && !$0.1.isEmpty }
    // Measured on the benchmark's beads (`TweetalBench aligner --write-beads`): none of the 21
    // linking gold beads of five sentences or more by default (no search type is that big), 8 with
    // the local lattice; 322 against 339 gold links found exactly.
    #expect(Self.rightLinks(byDefault.beads, gold: big) == 0)
    #expect(Self.rightLinks(local.beads, gold: big) >= 3)
    #expect(Self.rightLinks(local.beads, gold: gold) >= Self.rightLinks(byDefault.beads, gold: gold) + 10)
    #expect(Fixtures.coversInOrder(local.beads, sourceCount: source.count, targetCount: target.count))
    #expect(local.beads.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 })
    #expect(local.parallelism >= Aligner.latticeBelow)
    // Deterministic, on one core as on all.
    let again = Aligner(options: Self.options(local: true, workers: 1)).align(source: source, target: target)
    #expect(again == local)
  }

  @Test("off, the default's beads; below 0.75 parallelism the local lattice does not run")
  func offIsTheDefault() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let byDefault = Aligner().align(source: source, target: target)
    #expect(byDefault.parallelism < Aligner.latticeBelow)
    #expect(Aligner(options: Self.options(local: true)).align(source: source, target: target) == byDefault)
  }
}
