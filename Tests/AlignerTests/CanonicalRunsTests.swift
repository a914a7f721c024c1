import Testing

@testable import Aligner

@Suite("Runs of beads with an empty side come in one order")
struct CanonicalRunsTests {
  /// The runs of `beads`: maximal stretches of beads with an empty side, as index ranges.
  static func runs(_ beads: [Bead]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    while start < beads.count {
      var end = start
      while end < beads.count && (beads[end].source.isEmpty || beads[end].target.isEmpty) { end += 1 }
      if end > start { result.append(start..<end) }
      start = max(end, start + 1)
    }
    return result
  }

  /// `beads` with each run's source and target beads interleaved one by one, target first: another
  /// order the search could have returned, with each empty side moved to where its bead now stands.
  static func interleaved(_ beads: [Bead]) -> [Bead] {
    var result = beads
    for run in runs(beads) {
      var sources = beads[run].filter { !$0.source.isEmpty }[...]
      var targets = beads[run].filter { $0.source.isEmpty }[...]
      var nextSource = beads[run.lowerBound].source.lowerBound
      var nextTarget = beads[run.lowerBound].target.lowerBound
      var position = run.lowerBound
      while !sources.isEmpty || !targets.isEmpty {
        let takeTarget = !targets.isEmpty && (sources.isEmpty || position % 2 == run.lowerBound % 2)
        var bead = takeTarget ? targets.removeFirst() : sources.removeFirst()
        if takeTarget { bead.source = nextSource..<nextSource } else { bead.target = nextTarget..<nextTarget }
        nextSource = bead.source.upperBound
        nextTarget = bead.target.upperBound
        result[position] = bead
        position += 1
      }
    }
    return result
  }

  @Test(
    "the IMRF letter against the review: every run has its source beads first, and another interleaving of the same runs gives the same beads"
  )
  func letterAgainstReview() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let beads = Aligner().align(source: source, target: target).beads
    let runs = Self.runs(beads)
    // Related, far from parallel: long runs with sentences of both sides.
    let mixed = runs.filter { run in
      beads[run].contains { $0.source.isEmpty } && beads[run].contains { $0.target.isEmpty }
    }
    #expect(mixed.count >= 3)
    for run in runs {
      let sides = beads[run].map { $0.source.isEmpty ? 1 : 0 }
      #expect(sides == sides.sorted(), "a target bead before a source bead in \(run)")
    }
    #expect(Fixtures.coversInOrder(beads, sourceCount: source.count, targetCount: target.count))

    let other = Self.interleaved(beads)
    #expect(other != beads)
    #expect(Fixtures.coversInOrder(other, sourceCount: source.count, targetCount: target.count))
    #expect(Aligner.canonicalRuns(other) == beads)
  }

  @Test("the links, their confidences and the runs' beads are untouched by the order")
  func linksUntouched() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let beads = Aligner().align(source: source, target: target).beads
    let canonical = Aligner.canonicalRuns(Self.interleaved(beads))
    func linking(_ beads: [Bead]) -> [Bead] { beads.filter { !$0.source.isEmpty && !$0.target.isEmpty } }
    #expect(!linking(beads).isEmpty)
    #expect(linking(canonical) == linking(beads))
    // Each unlinked sentence keeps its bead's confidence and cost, wherever the bead stands.
    func unlinked(_ beads: [Bead]) -> [String: [Double]] {
      var result: [String: [Double]] = [:]
      for bead in beads where bead.source.isEmpty || bead.target.isEmpty {
        result["\(bead.source.isEmpty ? "t" : "s")\(bead.source.isEmpty ? bead.target : bead.source)"] = [
          bead.confidence, bead.cost,
        ]
      }
      return result
    }
    #expect(unlinked(canonical) == unlinked(beads))
  }
}
