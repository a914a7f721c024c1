import TestSupport
import Testing

@testable import Aligner

/// A link with a distinctive leaked anchor as a trouble spot of the local lattice
/// (``AlignerOptions/localLatticeLeaks``, ``Aligner/leakingSteps(_:source:target:)``).
@Suite("The local lattice's windows at leaked anchors")
struct LocalLatticeLeaksTests {
  static func step(_ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int) -> Step {
    Step(i0: i0, j0: j0, i1: i1, j1: j1, typeIndex: 0, cost: 0)
  }

  static func units(_ anchors: [[UInt64]]) -> [AlignerSentence] {
    anchors.map { AlignerSentence(length: 40, anchors: $0) }
  }

  @Test("a link whose anchor the next sentence of its other side carries is marked with that sentence's step")
  func leakMarksTheLinkAndTheNeighbour() {
    // Anchor 7: the first source sentence and the second target sentence. Anchor 9: on four
    // target sentences, not distinctive. Anchor 5: on both sides of the third link, not leaked.
    let source = Self.units([[7], [9], [5], []])
    let target = Self.units([[], [7, 9], [9, 5], [9, 5], [9]])
    let (sourceUnits, targetUnits) = Units.pair(source, target, useAnchors: true)
    let steps = [
      Self.step(0, 0, 1, 1), Self.step(1, 1, 2, 2), Self.step(2, 2, 3, 4), Self.step(3, 4, 4, 5),
    ]
    #expect(
      Aligner.leakingSteps(steps, source: sourceUnits, target: targetUnits) == [true, true, false, false])
    // The same anchor inside the link's other side is no leak.
    let shared = Self.units([[7], [7, 9], [5], []])
    let sharedTarget = Self.units([[7], [7, 9], [9, 5], [9, 5], [9]])
    let (s, t) = Units.pair(shared, sharedTarget, useAnchors: true)
    #expect(Aligner.leakingSteps(steps, source: s, target: t) == [false, false, false, false])
    // Without anchors, nothing.
    let (plainSource, plainTarget) = Units.pair(source, target, useAnchors: false)
    #expect(Aligner.leakingSteps(steps, source: plainSource, target: plainTarget).isEmpty)
    // The marked steps join a confident window's run: one window over both links.
    let windows = Aligner.latticeWindows(
      steps, confidences: [0.99, 0.99, 0.99, 0.99], trouble: 0.7, margin: 0,
      leaking: [true, true, false, false])
    #expect(windows.map(\.steps) == [0..<2])
  }

  /// The gold beads of Text+Berg dev as a path: each bead from where the last ended to past its
  /// last sentence on each side (a few gold beads skip a sentence or cross a neighbour).
  static func goldPath(_ gold: [([Int], [Int])]) -> [Step] {
    var steps: [Step] = []
    var (i, j) = (0, 0)
    for (sources, targets) in gold {
      let (i1, j1) = (max(i, (sources.max() ?? i - 1) + 1), max(j, (targets.max() ?? j - 1) + 1))
      guard i1 > i || j1 > j else { continue }
      steps.append(Self.step(i, j, i1, j1))
      (i, j) = (i1, j1)
    }
    return steps
  }

  /// Whether link `step` has a distinctive leaked anchor, by the definition of `TweetalBench
  /// partial --classify` (sets of the sentences' anchor IDs).
  static func leaked(_ step: Step, _ source: [AlignerSentence], _ target: [AlignerSentence]) -> Bool {
    func carriers(_ sentences: [AlignerSentence]) -> [UInt64: Int] {
      var counts: [UInt64: Int] = [:]
      for sentence in sentences { for anchor in Set(sentence.anchors) { counts[anchor, default: 0] += 1 } }
      return counts
    }
    let (sourceCarriers, targetCarriers) = (carriers(source), carriers(target))
    func leak(
      _ inside: Range<Int>, _ insideSentences: [AlignerSentence], _ other: Range<Int>,
      _ otherSentences: [AlignerSentence]
    )
      -> Set<UInt64>
    {
      let otherAnchors = Set(other.flatMap { otherSentences[$0].anchors })
      let neighbours = [other.lowerBound - 1, other.upperBound].filter { otherSentences.indices.contains($0) }
      let outside = Set(neighbours.flatMap { otherSentences[$0].anchors }).subtracting(otherAnchors)
      return Set(inside.flatMap { insideSentences[$0].anchors }).intersection(outside)
    }
    let (sources, targets) = (step.i0..<step.i1, step.j0..<step.j1)
    return leak(sources, source, targets, target).union(leak(targets, target, sources, source)).contains {
      (sourceCarriers[$0] ?? 0) <= 3 && (targetCarriers[$0] ?? 0) <= 3
    }
  }

  @Test(
    "Text+Berg dev: leaks mark the links the classification's definition marks, rare on gold links, frequent on pieces of bigger beads",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergLeaksMarkPieces() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let gold = try TextBerg.gold()
    let (sourceUnits, targetUnits) = Units.pair(source, target, useAnchors: true)
    let path = Self.goldPath(gold)
    // Every gold bead of three sentences or more with a side of two cut into two links: the first
    // sentence of each side (or the whole single side) against the first sentence of the other.
    var pieces: [Step] = []
    var pieceOf: [Bool] = []
    for step in path {
      let (n, m) = (step.i1 - step.i0, step.j1 - step.j0)
      guard n >= 1, m >= 1, n + m >= 3 else {
        pieces.append(step)
        pieceOf.append(false)
        continue
      }
      let (cutI, cutJ) = (n >= 2 ? step.i0 + 1 : step.i1, m >= 2 ? step.j0 + 1 : step.j1)
      pieces.append(Self.step(step.i0, step.j0, cutI, cutJ))
      pieces.append(Self.step(cutI, cutJ, step.i1, step.j1))
      pieceOf += [true, true]
    }
    for steps in [path, pieces] {
      let leaking = Aligner.leakingSteps(steps, source: sourceUnits, target: targetUnits)
      #expect(leaking.count == steps.count)
      let own = steps.map { $0.i0 < $0.i1 && $0.j0 < $0.j1 && Self.leaked($0, source, target) }
      // Every link with a leak is marked; every other marked step is next to one.
      for k in steps.indices where own[k] { #expect(leaking[k]) }
      for k in steps.indices where leaking[k] && !own[k] {
        let step = steps[k]
        let holdsNeighbour = steps.indices.contains { l in
          let link = steps[l]
          return own[l]
            && ([link.j0 - 1, link.j1].contains { (step.j0..<step.j1).contains($0) }
              || [link.i0 - 1, link.i1].contains { (step.i0..<step.i1).contains($0) })
        }
        #expect(holdsNeighbour, "step \(k) marked but holds no leaking link's neighbour")
      }
    }
    let goldLinks = path.filter { $0.i0 < $0.i1 && $0.j0 < $0.j1 }
    let goldLeaks = goldLinks.filter { Self.leaked($0, source, target) }.count
    let cut = pieces.indices.filter {
      pieceOf[$0] && pieces[$0].i0 < pieces[$0].i1 && pieces[$0].j0 < pieces[$0].j1
    }
    let pieceLeaks = cut.filter { Self.leaked(pieces[$0], source, target) }.count
    // Measured: see docs/aligner.md, "Session 26: a distinctive leaked anchor as a window trigger".
    #expect(Double(goldLeaks) < 0.1 * Double(goldLinks.count))
    #expect(Double(pieceLeaks) > 0.25 * Double(cut.count))
  }

  @Test(
    "Text+Berg dev: on, beads change only inside the windows, which the leaks widen; off, the default",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergWindowsAtLeaks() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    var options = AlignerOptions()
    var off = options
    off.localLatticeLeaks = false
    #expect(
      Aligner(options: off).align(source: source, target: target)
        == Aligner().align(source: source, target: target))
    options.localLatticeLeaks = true
    let leaks = Aligner(options: options).align(source: source, target: target)
    var finalPass = options
    finalPass.localLattice = false
    let final = Aligner(options: finalPass).align(source: source, target: target).beads
    let byDefault = Aligner().align(source: source, target: target).beads
    // The final pass's path and confidences, and the windows with and without the leaks.
    let steps = final.map {
      Self.step($0.source.lowerBound, $0.target.lowerBound, $0.source.upperBound, $0.target.upperBound)
    }
    let (sourceUnits, targetUnits) = Units.pair(source, target, useAnchors: true)
    let leaking = Aligner.leakingSteps(steps, source: sourceUnits, target: targetUnits)
    let confidences = final.map(\.confidence)
    let plain = Aligner.latticeWindows(steps, confidences: confidences, trouble: 0.7, margin: 0)
    let widened = Aligner.latticeWindows(
      steps, confidences: confidences, trouble: 0.7, margin: 0, leaking: leaking)
    let added = leaking.indices.filter { leaking[$0] && confidences[$0] >= 0.7 }
    #expect(!added.isEmpty)
    #expect(
      widened.count > 0 && widened.map(\.steps.count).reduce(0, +) > plain.map(\.steps.count).reduce(0, +))
    // Outside the widened windows, the final pass's beads as they are.
    var inside = Set<Int>()
    for window in widened { inside.formUnion(window.steps) }
    let kept = Set(
      steps.indices.filter { !inside.contains($0) }.map { "\(final[$0].source):\(final[$0].target)" })
    let leakBeads = Set(leaks.beads.map { "\($0.source):\($0.target)" })
    #expect(kept.isSubset(of: leakBeads))
    #expect(leaks.beads != byDefault)
    #expect(Fixtures.coversInOrder(leaks.beads, sourceCount: source.count, targetCount: target.count))
    var oneCore = options
    oneCore.workers = 1
    #expect(Aligner(options: oneCore).align(source: source, target: target) == leaks)
  }
}
