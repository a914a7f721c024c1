import TestSupport
import Testing

@testable import Aligner

@Suite("The Gale–Church cost model")
struct CostModelTests {
  @Test("log erfc matches reference values to 1e-6 relative, and never underflows")
  func logErfc() {
    let reference: [(Double, Double)] = [
      (0, 1), (0.5, 0.4795001221869535), (1, 0.15729920705028513), (2, 0.004677734981047266),
      (5, 1.5374597944280349e-12), (10, 2.088487583762545e-45),
    ]
    for (x, value) in reference {
      let computed = NormalDistribution.logErfc(x)
      #expect(abs(computed - value.logValue) < 1e-6 * max(1, abs(value.logValue)), "x = \(x)")
    }
    #expect(NormalDistribution.logErfc(60).isFinite)
    #expect(NormalDistribution.twoSidedTailCost(0) < 1e-6)
  }

  @Test("the slope of the log erfc fit is its derivative (central differences, to 1e-6)")
  func logErfcSlope() {
    for x in stride(from: 0.01, through: 25, by: 0.37) {
      let step = 1e-5
      let difference =
        (NormalDistribution.logErfc(x + step) - NormalDistribution.logErfc(x - step)) / (2 * step)
      let slope = NormalDistribution.logErfcSlope(x)
      #expect(abs(slope - difference) < 1e-6 * max(1, abs(difference)), "x = \(x)")
    }
  }

  @Test("the tabulated length term is within 1e-10 nats of the function, and is it beyond the table")
  func tabulatedTailCost() {
    var random = SeededGenerator(seed: 14)
    let grid = stride(from: 0.0, to: TailCostTable.limit, by: 1e-3).map { $0 }
    let scattered = (0..<20_000).map { _ in Double.random(in: 0..<TailCostTable.limit, using: &random) }
    var worst = 0.0
    for delta in grid + scattered {
      let tabulated = NormalDistribution.tabulatedTailCost(delta)
      let error = abs(tabulated - NormalDistribution.twoSidedTailCost(delta))
      worst = max(worst, error)
      #expect(error <= 1e-10, "δ = \(delta)")
      #expect(NormalDistribution.tabulatedTailCost(-delta) == tabulated)
    }
    #expect(worst > 0, "the table is an approximation, not the function")
    #expect(NormalDistribution.tabulatedTailCost(0) == 0)
    for delta in [TailCostTable.limit, 40, 250, -33.5] {
      #expect(NormalDistribution.tabulatedTailCost(delta) == NormalDistribution.twoSidedTailCost(delta))
    }
  }

  /// Sentences of `lengths`, each with two anchors of a pool of 40 (the first shifted by `offset`),
  /// so that sentences of two sides share some anchors and not others.
  static func sentences(_ lengths: [Int], offset: Int) -> [AlignerSentence] {
    let pool = (1...40).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
    return lengths.enumerated().map { index, length in
      AlignerSentence(
        length: length, anchors: [pool[(index + offset) % 40], pool[(3 * index + 20) % 40]].sorted())
    }
  }

  @Test("a regrouped model keeps its anchor evidence: every bead cost as if made anew")
  func regroupedModelKeepsEvidence() {
    let source = Units(Self.sentences([40, 52, 31, 77, 45, 60], offset: 0), useAnchors: true)
    let target = Units(Self.sentences([44, 50, 35, 70, 90], offset: 1), useAnchors: true)
    let groups = (source: [0, 0, 0, 1, 1, 1], target: [0, 0, 1, 1, 1])
    let model = CostModel(
      source: source, target: target, parameters: AlignmentParameters(ratio: 1.1, variance: 6.8),
      priors: AlignerOptions.withThreeToOne, deletionCost: .galeChurch, anchorWeight: 0.5)
    let kept = model.regrouped(
      source: source.regrouped(groups.source), target: target.regrouped(groups.target))
    let fresh = CostModel(
      source: source.regrouped(groups.source), target: target.regrouped(groups.target),
      parameters: model.parameters, priors: AlignerOptions.withThreeToOne, deletionCost: .galeChurch,
      anchorWeight: 0.5)
    #expect(kept.evidence.enabled)
    var finite = 0
    for typeIndex in kept.types.indices {
      for i in 0...source.count {
        for j in 0...target.count where i >= kept.types[typeIndex].source && j >= kept.types[typeIndex].target
        {
          let cost = kept.cost(typeIndex: typeIndex, endingAt: i, j)
          #expect(cost.bitPattern == fresh.cost(typeIndex: typeIndex, endingAt: i, j).bitPattern)
          if cost.isFinite { finite += 1 }
        }
      }
    }
    #expect(finite > 50)
  }

  @Test(
    "units ranked apart are ranked anew in one table: the same IDs, and costs equal bit for bit to one table's"
  )
  func ranksApartAndTogether() {
    let source = Self.sentences([40, 52, 31, 77, 45, 60, 38], offset: 0)
    let target = Self.sentences([44, 50, 35, 70, 90, 41], offset: 7)
    let together = Units.pair(source, target, useAnchors: true)
    let apart = (source: Units(source, useAnchors: true), target: Units(target, useAnchors: true))
    #expect(together.source.ranks === together.target.ranks)
    #expect(apart.source.ranks !== apart.target.ranks)
    func model(_ units: (source: Units, target: Units)) -> CostModel {
      CostModel(
        source: units.source, target: units.target,
        parameters: AlignmentParameters(ratio: 1.1, variance: 6.8),
        priors: AlignerOptions.withThreeToOne, deletionCost: .galeChurch, anchorWeight: 0.5)
    }
    let reranked = model(apart)
    let shared = model(together)
    #expect(reranked.source.ranks === reranked.target.ranks)
    for (index, sentence) in source.enumerated() {
      #expect(reranked.source.anchorIDs(index) == sentence.anchors)
    }
    for (index, sentence) in target.enumerated() {
      #expect(reranked.target.anchorIDs(index) == sentence.anchors)
    }
    var withAnchors = 0
    for typeIndex in shared.types.indices {
      let type = shared.types[typeIndex]
      for i in type.source...source.count {
        for j in type.target...target.count {
          let cost = shared.cost(typeIndex: typeIndex, endingAt: i, j)
          #expect(cost.bitPattern == reranked.cost(typeIndex: typeIndex, endingAt: i, j).bitPattern)
          if cost.isFinite && shared.anchorCost(i - type.source..<i, j - type.target..<j, pairs: nil) < 0 {
            withAnchors += 1
          }
        }
      }
    }
    #expect(withAnchors > 5)
  }

  @Test("a coarse unit keeps the smallest anchors of its members' union; the capped merge gives the same")
  func coarseAnchorSketch() {
    // Four sentences of 10 anchors each, overlapping by half: 25 distinct IDs, more than the cap.
    let pool = (1...25).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }.sorted()
    let members = (0..<4).map { k in Array(pool[(5 * k)..<(5 * k + 10)]) }
    let units = Units(members.map { AlignerSentence(length: 40, anchors: $0) }, useAnchors: true)
    let coarse = units.grouped(quantum: 4).units
    #expect(coarse.count == 1)
    #expect(coarse.anchorIDs(0) == Array(pool.prefix(Units.coarseAnchorLimit)))
    for limit in [0, 1, 7, 15, 100] {
      let whole = AnchorOverlap.union(members[0], members[1])
      #expect(AnchorOverlap.union(members[0], members[1], limit: limit) == Array(whole.prefix(limit)))
    }
  }

  @Test("the union of many anchor sets is the pairwise merge's, sorted and without repeats")
  func unionOfMany() {
    var random = SeededGenerator(seed: 14)
    for count in [0, 1, 2, 5, 40] {
      let sets = (0..<count).map { _ in
        let size = Int.random(in: 0...12, using: &random)
        return Set((0..<size).map { _ in UInt64.random(in: 1...60, using: &random) }).sorted()
      }
      let merged = sets.reduce(into: [UInt64]()) { $0 = AnchorOverlap.union($0, $1) }
      #expect(AnchorOverlap.union(of: sets) == merged, "\(count) sets")
      #expect(merged == Set(sets.joined()).sorted())
    }
  }

  static func model(_ source: [Int], _ target: [Int], ratio: Double = 1) -> CostModel {
    CostModel(
      source: Units(source.map { AlignerSentence(length: $0) }, useAnchors: false),
      target: Units(target.map { AlignerSentence(length: $0) }, useAnchors: false),
      parameters: AlignmentParameters(ratio: ratio, variance: 6.8), priors: AlignerOptions.withThreeToOne,
      deletionCost: .galeChurch, anchorWeight: 0)
  }

  @Test("with c = 1 the cost is symmetric: swapping the sides mirrors every bead type's cost")
  func symmetricCost() {
    var random = SeededGenerator(seed: 3)
    for _ in 0..<200 {
      let a = (0..<3).map { _ in Int.random(in: 0...300, using: &random) }
      let b = (0..<3).map { _ in Int.random(in: 0...300, using: &random) }
      let forward = Self.model(a, b)
      let backward = Self.model(b, a)
      for (index, type) in forward.types.enumerated() {
        guard let mirrored = backward.types.firstIndex(of: BeadType(source: type.target, target: type.source))
        else { continue }
        let cost = forward.cost(typeIndex: index, endingAt: type.source, type.target)
        let swapped = backward.cost(typeIndex: mirrored, endingAt: type.target, type.source)
        #expect(abs(cost - swapped) < 1e-9, "\(type) on \(a) / \(b)")
      }
    }
  }

  @Test("the paper's numbers: 1-1 of equal lengths costs −log 0.89; a length mismatch costs more")
  func paperValues() {
    let model = Self.model([100], [100])
    let oneToOne = model.types.firstIndex(of: .oneToOne) ?? 0
    #expect(abs(model.cost(typeIndex: oneToOne, endingAt: 1, 1) - (-(0.89).logValue)) < 1e-6)
    let mismatch = Self.model([100], [160])
    #expect(
      mismatch.cost(typeIndex: oneToOne, endingAt: 1, 1) > model.cost(typeIndex: oneToOne, endingAt: 1, 1) + 2
    )
  }

  @Test("swapping the documents mirrors the beads (c = 1, no estimation)")
  func mirroredAlignment() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    let (source, target, _) = Fixtures.syntheticTranslation(of: lengths, seed: 5)
    let options = AlignerOptions(estimateParameters: false)
    let forward = Aligner(options: options).align(source: source, target: target).beads
    let backward = Aligner(options: options).align(source: target, target: source).beads
    #expect(forward.map { [$0.source, $0.target] } == backward.map { [$0.target, $0.source] })
    for (a, b) in zip(forward, backward) { #expect(abs(a.confidence - b.confidence) < 1e-9) }
  }

  @Test(
    "shared rare anchors lower a bead's cost, rare ones unshared raise it, one in every sentence is worth nothing"
  )
  func anchorEvidence() {
    // Twenty sentences a side. Sentence 0 of each side carries the anchors under test; anchor 100 is
    // in every sentence of both documents (`GCM` in a letter about the GCM).
    func cost(_ sourceAnchors: [UInt64], _ targetAnchors: [UInt64]) -> Double {
      func side(_ first: [UInt64]) -> Units {
        let sentences = (0..<20).map { index in
          AlignerSentence(length: 100, anchors: index == 0 ? first : [100, UInt64(1_000 + index)])
        }
        return Units(sentences, useAnchors: true)
      }
      let model = CostModel(
        source: side(sourceAnchors), target: side(targetAnchors), parameters: .galeChurch,
        priors: AlignerOptions.galeChurchPriors, deletionCost: .lengthIndependent, anchorWeight: 1)
      return model.cost(typeIndex: 0, endingAt: 1, 1)
    }
    let plain = cost([], [])
    #expect(cost([1, 2, 3], [2, 3, 9]) < plain - 2)
    #expect(cost([1, 2, 3, 4], [5, 6, 7, 8]) > plain)
    #expect(cost([1], []) == plain)
    #expect(abs(cost([100], [100]) - plain) < 1e-9, "an anchor in every sentence is no evidence")
    // A shared anchor counts for more the rarer it is: 2 is in sentence 0 only, 1005 in sentence 5 too.
    #expect(cost([2], [2]) < cost([1005], [1005]) - 0.5)
  }
}

extension Double {
  fileprivate var logValue: Double { naturalLog(self) }
}
