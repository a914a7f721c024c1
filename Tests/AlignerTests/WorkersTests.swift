import TestSupport
import Testing

@testable import Aligner

@Suite("Both cores: the same result with one worker and with two")
struct WorkersTests {
  /// The alignment of `source`/`target` with `workers` threads.
  static func aligned(
    _ source: [AlignerSentence], _ target: [AlignerSentence], workers: Int,
    options: AlignerOptions = AlignerOptions()
  ) -> AlignmentResult {
    var options = options
    options.workers = workers
    return Aligner(options: options).align(source: source, target: target)
  }

  @Test("posterior windows on two workers: the same posteriors as one after another")
  func posteriorWindows() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    let (source, target, _) = Fixtures.syntheticTranslation(of: Array(lengths.prefix(100)), seed: 14)
    let model = CostModel(
      source: Units(source, useAnchors: false), target: Units(target, useAnchors: false),
      parameters: AlignerOptions().fallbackParameters, priors: AlignerOptions().priors,
      deletionCost: .lengthIndependent, anchorWeight: 0)
    let (steps, table) = BandedSearch.coarseToFine(model, options: AlignerOptions())
    // Windows of 8 beads: about ten of them, taken by the two workers in whatever order they finish.
    let posteriors = [1, 2].map { workers in
      Posterior.compute(
        model, extras: AlignerOptions.confidenceExtras, table: table, steps: steps, temperature: 1,
        workers: workers, window: 8)
    }
    #expect(steps.count > 8 * 8)
    #expect(posteriors[0].beads == posteriors[1].beads)
    #expect(posteriors[0].searchBeads == posteriors[1].searchBeads)
    #expect(posteriors[0].sourceUnlinked == posteriors[1].sourceUnlinked)
    #expect(posteriors[0].targetUnlinked == posteriors[1].targetUnlinked)
    // Real posteriors: most beads of a clean translation sure, some not.
    #expect(posteriors[0].beads.filter { $0 > 0.9 }.count > steps.count / 2)
    #expect(posteriors[0].beads.contains { $0 < 0.9 })
  }

  @Test("related documents through the partial pass: the same beads, confidences and parallelism")
  func partialPass() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(60)), Array(review.prefix(80)))
    let one = Self.aligned(source, target, workers: 1)
    #expect(one.parallelism < Aligner.partialBelow)
    #expect(Self.aligned(source, target, workers: 2) == one)
  }

  @Test("anchor evidence with each side on a core: the same codes, gains and miss sums as in turn")
  func anchorEvidence() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    // Real sentences, repeated until each side has enough anchors to be made on a core of its own.
    var (source, target) = (letter, review)
    while Units(source, useAnchors: true).flatAnchors.count < AnchorEvidence.splitOccurrences
      || Units(target, useAnchors: true).flatAnchors.count < AnchorEvidence.splitOccurrences
    {
      (source, target) = (source + letter, target + review)
    }
    let units = Units.pair(source, target, useAnchors: true)
    let evidence = [1, 2].map {
      AnchorEvidence(source: units.source, target: units.target, match: 0.7, weight: 1, workers: $0)
    }
    let (one, two) = (evidence[0], evidence[1])
    #expect(one.enabled && two.enabled)
    #expect(one.sourceGainCodes == two.sourceGainCodes)
    #expect(one.targetGainCodes == two.targetGainCodes)
    #expect(one.gainValues == two.gainValues)
    #expect(one.sourceMissPrefix == two.sourceMissPrefix)
    #expect(one.targetMissPrefix == two.targetMissPrefix)
    // Real evidence: the codes stand for more than one gain on each side.
    #expect(Set(one.sourceGainCodes).count > 10 && Set(one.targetGainCodes).count > 10)
  }

  @Test("units of the two sides made a side a core: the same units as one after the other")
  func unitsOnTwoWorkers() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = [1, 2].map { workers in
      var (source, target) = (letter, review)
      let units = Units.pair(taking: &source, &target, useAnchors: true, workers: workers)
      #expect((source + target).allSatisfy { $0.anchors.isEmpty })
      return units
    }
    for (one, two) in [(units[0].source, units[1].source), (units[0].target, units[1].target)] {
      #expect(one.count == two.count)
      #expect((0..<one.count).allSatisfy { one.lengths[$0] == two.lengths[$0] })
      #expect(one.classes == two.classes && one.startsBlock == two.startsBlock)
      #expect(one.lengthPrefix == two.lengthPrefix && one.signatures == two.signatures)
      #expect((0...one.count).allSatisfy { one.anchorPrefix[$0] == two.anchorPrefix[$0] })
      #expect((0...one.count).allSatisfy { one.breakPrefix[$0] == two.breakPrefix[$0] })
      #expect((0...one.count).allSatisfy { one.blockPrefix[$0] == two.blockPrefix[$0] })
      #expect(one.flatAnchors == two.flatAnchors && one.ranks.ids == two.ranks.ids)
    }
    // Each pass's units share one rank table between the sides; real units: many anchors.
    #expect(units[1].source.ranks === units[1].target.ranks)
    let anchors = units[0].source.flatAnchors.count + units[0].target.flatAnchors.count
    #expect(anchors > 1_000)
  }

  @Test("the length cost table filled half on each worker: the same costs as one worker's")
  func lengthTableOnTwoWorkers() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    // Parameters as a real pair's estimate gives them, and the fallback ones.
    for (ratio, variance) in [(1.0, 6.8), (1.13, 9.4)] {
      let tables = [1, 2].map { LengthCostTable(ratio: ratio, variance: variance, workers: $0) }
      let side = LengthCostTable.side
      #expect(
        (0..<side).allSatisfy { l1 in
          (0..<side).allSatisfy { tables[0].cost(l1, $0) == tables[1].cost(l1, $0) }
        })
      // Real costs: the review's sentence lengths against themselves cost least near the ratio.
      for l1 in lengths where l1 > 20 && Double(l1) * ratio < Double(side - 1) {
        let near = tables[1].cost(l1, Int((Double(l1) * ratio).rounded()))!
        #expect(
          near < tables[1].cost(l1, l1 / 3)!
            && near
              == CostModel.lengthCost(
                l1, Int((Double(l1) * ratio).rounded()), ratio: ratio, variance: variance)
        )
      }
    }
  }

  @Test("Workers.map keeps index order whatever the number of workers")
  func mapOrder() {
    let expected = (0..<100).map { $0 * $0 }
    for workers in [1, 2, 4] {
      #expect(Workers.map(100, workers: workers) { $0 * $0 } == expected)
    }
    #expect(Workers.map(0, workers: 2) { $0 }.isEmpty)
  }

  @Test("a handed-over value is taken once, and goes when its taker is done with it")
  func handOver() {
    final class Payload: Sendable {}
    weak var watched: Payload?
    let handOver: HandOver<Payload>
    do {
      let payload = Payload()
      watched = payload
      handOver = HandOver(payload)
    }
    #expect(watched != nil)
    let (taken, _) = Workers.both(workers: 2, { handOver.take() != nil }, { 0 })
    #expect(taken)
    #expect(handOver.take() == nil)
    // The hand-over is still alive; the value is not.
    #expect(watched == nil)
  }
}

extension WorkersTests {
  @Test("what the work captures goes when Workers.map returns, not when Dispatch lets its block go")
  func capturesGoOnReturn() {
    final class Payload: Sendable {
      func value(_ index: Int) -> Int { index + 1 }
    }
    weak var watched: Payload?
    for _ in 0..<50 {
      do {
        let payload = Payload()
        watched = payload
        let values = Workers.map(8, workers: 2) { payload.value($0) }
        #expect(values == Array(1...8))
      }
      #expect(watched == nil)
    }
  }
}
