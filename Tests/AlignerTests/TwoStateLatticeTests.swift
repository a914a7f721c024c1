import Foundation
import TestSupport
import Testing

@testable import Aligner

@Suite("Partly parallel documents: the two-state lattice")
struct TwoStateLatticeTests {
  /// A lattice over an `n` × `m` problem in full, with a hand-made cost for every parallel bead.
  static func lattice(
    n: Int, m: Int, open: Double = 2, sourceStep: Double = 0.7, targetStep: Double = 0.9,
    cost: @escaping (Int, Int, Int) -> Double = tableCost
  ) -> TwoStateLattice {
    TwoStateLattice(
      band: Band.full(rows: n, columns: m), spans: spans, cost: cost, openCost: open,
      sourceStepCost: sourceStep, targetStepCost: targetStep)
  }

  static let spans: [(source: Int, target: Int)] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]

  /// Costs that differ by type and place, in [0.4, 4.4).
  static func tableCost(_ typeIndex: Int, _ i: Int, _ j: Int) -> Double {
    let place: Int = typeIndex * 7 + i * 13 + j * 5 + i * j * 3
    return 0.4 + Double(place % 11) * 0.4
  }

  /// Every path of the lattice from (0, 0) to (n, m), as its edges (`typeIndex` nil for a sentence
  /// of the unrelated state) and its cost, by enumeration.
  static func allPaths(_ lattice: TwoStateLattice) -> [(edges: [TwoStateLattice.Edge], cost: Double)] {
    let n = lattice.band.rows
    let m = lattice.band.hi[n]
    var paths: [(edges: [TwoStateLattice.Edge], cost: Double)] = []
    func walk(
      _ i: Int, _ j: Int, _ state: TwoStateLattice.State, _ edges: [TwoStateLattice.Edge], _ cost: Double
    ) {
      if i == n && j == m { paths.append((edges, cost)) }
      for (typeIndex, span) in lattice.spans.enumerated() where i + span.source <= n && j + span.target <= m {
        let c = lattice.cost(typeIndex, i + span.source, j + span.target)
        let edge = TwoStateLattice.Edge(
          i0: i, j0: j, i1: i + span.source, j1: j + span.target, typeIndex: typeIndex, opens: false, cost: c)
        walk(i + span.source, j + span.target, .parallel, edges + [edge], cost + c)
      }
      let open = state == .parallel ? lattice.openCost : 0
      if i < n && state != .unrelatedTarget {
        let c = open + lattice.sourceStepCost
        let edge = TwoStateLattice.Edge(
          i0: i, j0: j, i1: i + 1, j1: j, typeIndex: nil, opens: open > 0, cost: c)
        walk(i + 1, j, .unrelatedSource, edges + [edge], cost + c)
      }
      if j < m {
        let c = open + lattice.targetStepCost
        let edge = TwoStateLattice.Edge(
          i0: i, j0: j, i1: i, j1: j + 1, typeIndex: nil, opens: open > 0, cost: c)
        walk(i, j + 1, .unrelatedTarget, edges + [edge], cost + c)
      }
    }
    walk(0, 0, .parallel, [], 0)
    return paths
  }

  @Test("Viterbi finds the cheapest of all paths of a small lattice, found by enumeration")
  func viterbiIsBruteForce() {
    for (n, m) in [(3, 3), (2, 4), (4, 3)] {
      for open in [0.3, 2.0, 6.0] {
        let lattice = Self.lattice(n: n, m: m, open: open)
        let paths = Self.allPaths(lattice)
        let cheapest = paths.map(\.cost).min()!
        let found = lattice.viterbi()
        let cost = found.map(\.cost).reduce(0, +)
        #expect(abs(cost - cheapest) < 1e-9, "n \(n), m \(m), open \(open)")
        // The path is a path: connected from (0, 0) to (n, m), and among the enumerated ones.
        #expect(found.first.map { $0.i0 == 0 && $0.j0 == 0 } ?? false)
        #expect(found.last.map { $0.i1 == n && $0.j1 == m } ?? false)
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.i1 == $1.i0 && $0.j1 == $1.j0 })
        #expect(paths.contains { $0.edges == found })
      }
    }
  }

  @Test("forward–backward gives the enumerated likelihood, unlinked probabilities and expected counts")
  func forwardBackwardIsBruteForce() {
    let n = 3
    let m = 4
    let lattice = Self.lattice(n: n, m: m, open: 1.2)
    let paths = Self.allPaths(lattice)
    let total = paths.map { exp(-$0.cost) }.reduce(0, +)
    let flows = lattice.forwardBackward()
    #expect(abs(flows.logLikelihood - log(total)) < 1e-9)
    var sourceUnlinked = [Double](repeating: 0, count: n)
    var targetUnlinked = [Double](repeating: 0, count: m)
    var links = 0.0
    var regions = 0.0
    var sourceInRegions = 0.0
    for path in paths {
      let weight = exp(-path.cost) / total
      for edge in path.edges {
        let span: (source: Int, target: Int) =
          edge.typeIndex.map { Self.spans[$0] } ?? (edge.i1 - edge.i0, edge.j1 - edge.j0)
        if span.source > 0 && span.target > 0 {
          links += weight
          continue
        }
        for unit in edge.i0..<edge.i1 { sourceUnlinked[unit] += weight }
        for unit in edge.j0..<edge.j1 { targetUnlinked[unit] += weight }
        if edge.typeIndex == nil {
          if edge.opens { regions += weight }
          if edge.i0 < edge.i1 { sourceInRegions += weight }
        }
      }
    }
    for unit in 0..<n { #expect(abs(flows.sourceUnlinked[unit] - sourceUnlinked[unit]) < 1e-9) }
    for unit in 0..<m { #expect(abs(flows.targetUnlinked[unit] - targetUnlinked[unit]) < 1e-9) }
    #expect(abs(flows.links - links) < 1e-9)
    #expect(abs(flows.regions - regions) < 1e-9)
    #expect(abs(flows.sourceInRegions - sourceInRegions) < 1e-9)
  }

  @Test(
    "costs computed once into a table (the local lattice's windows) give the same path and flows, bit for bit"
  )
  func costTableIsTheCalledCosts() {
    // A band narrower than the problem, and beads that mix unit classes (cost +infinity).
    let n = 9
    let m = 11
    let band = Band.around(
      rectangles: [(0...3, 0...4), (3...4, 4...4), (4...9, 4...11)], rows: n, columns: m, radius: 2)
    let cost: (Int, Int, Int) -> Double = { typeIndex, i, j in
      (i * 7 + j) % 13 == 0 && typeIndex != 0 ? .infinity : Self.tableCost(typeIndex, i, j)
    }
    let called = TwoStateLattice(
      band: band, spans: Self.spans, cost: cost, openCost: 1.1, sourceStepCost: 0.7, targetStepCost: 0.9)
    var table = [Double](repeating: .infinity, count: band.cellCount * Self.spans.count)
    for i in 0...n {
      for j in band.lo[i]...band.hi[i] {
        for (typeIndex, span) in Self.spans.enumerated() {
          guard i >= span.source, j >= span.target, band.contains(i - span.source, j - span.target) else {
            continue
          }
          table[band.index(i, j) * Self.spans.count + typeIndex] = cost(typeIndex, i, j)
        }
      }
    }
    let read = TwoStateLattice(
      band: band, spans: Self.spans, costs: table, openCost: 1.1, sourceStepCost: 0.7, targetStepCost: 0.9)
    let path = called.viterbi()
    #expect(!path.isEmpty)
    #expect(read.viterbi() == path)
    let expected = called.forwardBackward()
    #expect(expected.links > 0)
    for flows in [read.forwardBackward(), read.forwardBackward(countingLinks: false)] {
      #expect(flows.logLikelihood == expected.logLikelihood)
      #expect(flows.sourceUnlinked == expected.sourceUnlinked)
      #expect(flows.targetUnlinked == expected.targetUnlinked)
      #expect(flows.regions == expected.regions)
      for edge in path where edge.typeIndex != nil {
        #expect(
          flows.posterior(edge.i0, edge.j0, edge.i1, edge.j1, cost: edge.cost)
            == expected.posterior(edge.i0, edge.j0, edge.i1, edge.j1, cost: edge.cost))
      }
    }
    #expect(read.forwardBackward().links == expected.links)
    #expect(read.forwardBackward(countingLinks: false).links == 0)
  }

  @Test(
    "costs asked once for a band's Viterbi searches (narrow, then widened) and both forward-backward passes (search types, then more) give the same path and flows, bit for bit"
  )
  func keptCostsAreTheCalledCosts() {
    let n = 9
    let m = 11
    let rectangles = [
      (rows: 0...3, columns: 0...4), (rows: 3...4, columns: 4...4), (rows: 4...9, columns: 4...11),
    ]
    let narrow = Band.around(rectangles: rectangles, rows: n, columns: m, radius: 1)
    let band = Band.around(rectangles: rectangles, rows: n, columns: m, radius: 2)
    #expect(narrow.cellCount < band.cellCount)
    // The search's types, then the confidence's extra ones after them (as `CostModel.adding`).
    let more = Self.spans + [(2, 3), (3, 2)]
    let stride = more.count
    var asked: [String: Int] = [:]
    let cost: (Int, Int, Int) -> Double = { typeIndex, i, j in
      (i * 7 + j) % 13 == 0 && typeIndex != 0 ? .infinity : Self.tableCost(typeIndex, i, j)
    }
    func lattice(_ band: Band, _ spans: [(source: Int, target: Int)], counting: Bool) -> TwoStateLattice {
      TwoStateLattice(
        band: band, spans: spans,
        cost: { typeIndex, i, j in
          if counting { asked["\(typeIndex) \(i) \(j)", default: 0] += 1 }
          return cost(typeIndex, i, j)
        }, openCost: 1.1, sourceStepCost: 0.7, targetStepCost: 0.9)
    }
    let narrowPath = lattice(narrow, Self.spans, counting: false).viterbi()
    let path = lattice(band, Self.spans, counting: false).viterbi()
    let searchFlows = lattice(band, Self.spans, counting: false).forwardBackward(countingLinks: false)
    let fullFlows = lattice(band, more, counting: false).forwardBackward()

    let known = Self.spans.count
    var narrowKept = [Double](repeating: .nan, count: narrow.cellCount * stride)
    #expect(
      lattice(narrow, Self.spans, counting: true).viterbi(keeping: &narrowKept, stride: stride, known: known)
        == narrowPath)
    let askedInNarrow = asked.count
    var kept = [Double](repeating: .nan, count: band.cellCount * stride)
    band.copyShared(narrowKept, of: narrow, stride: stride, into: &kept)
    #expect(
      lattice(band, Self.spans, counting: true).viterbi(keeping: &kept, stride: stride, known: known) == path)
    let full = lattice(band, more, counting: true).forwardBackward(
      keeping: &kept, stride: stride, known: known)
    let search = lattice(band, Self.spans, counting: true).forwardBackward(
      countingLinks: false, keeping: &kept, stride: stride, known: known)
    #expect(!path.isEmpty && fullFlows.links > 0)
    for (flows, expected) in [(full, fullFlows), (search, searchFlows)] {
      #expect(flows.logLikelihood == expected.logLikelihood)
      #expect(flows.sourceUnlinked == expected.sourceUnlinked)
      #expect(flows.targetUnlinked == expected.targetUnlinked)
      #expect(flows.links == expected.links)
      #expect(flows.regions == expected.regions)
      #expect(flows.backwardParallel == expected.backwardParallel)
    }
    // Every bead asked once, in the narrow band's search or after it.
    #expect(askedInNarrow > 50 && asked.count > askedInNarrow)
    #expect(asked.values.allSatisfy { $0 == 1 })
  }

  @Test(
    "the lattice's band holds at most 64 cells a sentence, at least the full search's, and no bound overflows"
  )
  func bandBudget() {
    var options = AlignerOptions()
    #expect(Aligner.latticeBandBudget(options, rows: 100_000, columns: 10_000) == 64 * 110_002)
    // A small pair may still be searched in a band as wide as the full search would be.
    #expect(
      Aligner.latticeBandBudget(options, rows: 200, columns: 20)
        == BandedSearch.fullSearchCells(options, level: 0))
    // A 1 000 × 100 excerpt widened to radius 96 around a path down one column: beyond the bound.
    let excerpt = Band.around(
      rectangles: [
        (rows: 0...450, columns: 0...0), (rows: 450...550, columns: 0...100),
        (rows: 550...1_000, columns: 100...100),
      ],
      rows: 1_000, columns: 100, radius: 96)
    #expect(excerpt.cellCount > Aligner.latticeBandBudget(options, rows: 1_000, columns: 100))
    options.latticeCellsPerSentence = .max
    #expect(Aligner.latticeBandBudget(options, rows: 1_000_000, columns: 1_000_000) == .max)
  }

  @Test("each sentence is linked or unlinked: its bead posteriors and unlinked probability sum to 1")
  func posteriorsSumToOne() {
    let n = 5
    let m = 4
    let lattice = Self.lattice(n: n, m: m, open: 0.8)
    let flows = lattice.forwardBackward()
    var sourceLinked = [Double](repeating: 0, count: n)
    var targetLinked = [Double](repeating: 0, count: m)
    for i1 in 0...n {
      for j1 in 0...m {
        for (typeIndex, span) in Self.spans.enumerated() where span.source > 0 && span.target > 0 {
          let i0 = i1 - span.source
          let j0 = j1 - span.target
          guard i0 >= 0 && j0 >= 0 else { continue }
          let posterior = flows.posterior(i0, j0, i1, j1, cost: lattice.cost(typeIndex, i1, j1))
          for unit in i0..<i1 { sourceLinked[unit] += posterior }
          for unit in j0..<j1 { targetLinked[unit] += posterior }
        }
      }
    }
    for unit in 0..<n { #expect(abs(sourceLinked[unit] + flows.sourceUnlinked[unit] - 1) < 1e-9) }
    for unit in 0..<m { #expect(abs(targetLinked[unit] + flows.targetUnlinked[unit] - 1) < 1e-9) }
  }

  @Test("a stretch unlinked on both sides is one region: one opening, source sentences first")
  func oneRegion() {
    // 1-1 links on the diagonal are cheap except at sentences 2–3 of each side (9); every other
    // bead dearer still (30).
    func cost(_ typeIndex: Int, _ i: Int, _ j: Int) -> Double {
      typeIndex != 0 || i != j ? 30 : (3...4).contains(i) ? 9 : 0.1
    }
    let lattice = Self.lattice(n: 6, m: 6, open: 3, sourceStep: 0.5, targetStep: 0.5, cost: cost)
    let edges = lattice.viterbi()
    let unrelated = edges.filter { $0.typeIndex == nil }
    #expect(unrelated.count == 4)
    #expect(unrelated.filter(\.opens).count == 1)
    #expect(unrelated.map { $0.i1 - $0.i0 } == [1, 1, 0, 0])
    // As steps: one source run and one target run, then the links on.
    let types: [BeadType] = [
      .oneToOne, .deletion, .insertion, BeadType(source: 2, target: 1), BeadType(source: 1, target: 2),
    ]
    let steps = Aligner.steps(edges, types: types, scale: 1)
    #expect(
      steps.map { types[$0.typeIndex] } == [
        .oneToOne, .oneToOne, .deletion, .insertion, .oneToOne, .oneToOne,
      ])
    #expect(steps[2].i0 == 2 && steps[2].i1 == 4 && steps[3].j0 == 2 && steps[3].j1 == 4)
    // An opening dearer than the two dear links (20 + 4 · 0.5 against 2 · 9) leaves them linked.
    let dear = Self.lattice(n: 6, m: 6, open: 20, sourceStep: 0.5, targetStep: 0.5, cost: cost)
    #expect(dear.viterbi().allSatisfy { $0.typeIndex == 0 })
  }

  @Test("EM: long unlinked regions make openings likelier and regions longer; links rarer")
  func estimate() {
    let priors = AlignerOptions.withThreeToOne
    var flows = TwoStateLattice.Flows(
      links: 100, regions: 20, sourceInRegions: 200, targetInRegions: 180)
    var parameters = TwoStateLattice.Parameters(flows, translation: priors)
    #expect(parameters.open > 0.1 && parameters.link < 0.9)
    #expect(parameters.sourceContinue > 0.85 && parameters.targetContinue > 0.85)
    flows = TwoStateLattice.Flows(
      links: 100, regions: 0, sourceInRegions: 0, targetInRegions: 0)
    parameters = TwoStateLattice.Parameters(flows, translation: priors)
    #expect(parameters.open == TwoStateLattice.Parameters.leastOpen && parameters.link > 0.95)
  }

  @Test("EM's prior: a few expected regions do not make regions long; many do")
  func prior() {
    let priors = AlignerOptions.withThreeToOne
    // The first round's counts on a complete Text+Berg chunk: maximum likelihood would give
    // q = 2.6 / (2.6 + 2.7) ≈ 0.49 and 1.8 / (1.8 + 2.7) = 0.4.
    let weak = TwoStateLattice.Parameters(
      TwoStateLattice.Flows(links: 65, regions: 2.7, sourceInRegions: 2.6, targetInRegions: 1.8),
      translation: priors)
    #expect(weak.sourceContinue < 0.3 && weak.targetContinue < 0.3)
    // Long regions in the counts outweigh the prior's ten pseudo-observations.
    let strong = TwoStateLattice.Parameters(
      TwoStateLattice.Flows(links: 65, regions: 20, sourceInRegions: 200, targetInRegions: 200),
      translation: priors)
    #expect(strong.sourceContinue > 0.85 && abs(strong.sourceContinue - 200.0 / 220) < 0.05)
  }
  @Test(
    "Text+Berg chunks in the lattice: a translation stays mostly linked, another chunk's mostly not",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergChunks() throws {
    let chunks = Array(try TextBergTests.chunks().prefix(6))
    #expect(chunks.count == 6)
    var options = AlignerOptions()
    options.twoStateModel = true
    options.twoStateLattice = true
    var own = (linked: 0, sentences: 0)
    var other = (linked: 0, sentences: 0)
    for (index, chunk) in chunks.enumerated() {
      let foreign = chunks[(index + 3) % chunks.count].target
      let mine = Aligner(options: options).align(source: chunk.source, target: chunk.target)
      let theirs = Aligner(options: options).align(source: chunk.source, target: foreign)
      own.linked += mine.links.map(\.source.count).reduce(0, +)
      own.sentences += chunk.source.count
      other.linked += theirs.links.map(\.source.count).reduce(0, +)
      other.sentences += chunk.source.count
      // Every sentence in exactly one bead, in order.
      #expect(mine.beads.map(\.source.count).reduce(0, +) == chunk.source.count)
      #expect(mine.beads.map(\.target.count).reduce(0, +) == chunk.target.count)
    }
    // Measured: 336 of the 361 source sentences linked against their own translation (the lattice
    // leaves a few stretches of the hard chunks unlinked, docs/aligner.md), 1 against another chunk's.
    #expect(Double(own.linked) >= 0.85 * Double(own.sentences))
    #expect(Double(other.linked) <= 0.05 * Double(other.sentences))
  }
}
