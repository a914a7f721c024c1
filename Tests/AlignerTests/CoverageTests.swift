import TestSupport
import Testing

@testable import Aligner

@Suite("Beads cover every sentence exactly once, in order")
struct CoverageTests {
  static func randomSide(_ random: inout SeededGenerator, kind: Int) -> [AlignerSentence] {
    let count: Int
    switch kind {
    case 0: count = 0
    case 1: count = 1
    default: count = Int.random(in: 0...120, using: &random)
    }
    return (0..<count).map { _ in
      let length: Int
      switch Int.random(in: 0..<10, using: &random) {
      case 0: length = 0
      case 1: length = Int.random(in: 2_000...20_000, using: &random)
      case 2: length = 1
      case 3: length = 80
      default: length = Int.random(in: 5...200, using: &random)
      }
      let anchors = (0..<Int.random(in: 0...3, using: &random)).map { _ in
        UInt64.random(in: 0...20, using: &random)
      }
      return AlignerSentence(
        length: length, block: 0, unitClass: Int.random(in: 0..<10, using: &random) == 0 ? 1 : 0,
        anchors: Array(Set(anchors)).sorted())
    }
  }

  @Test("random inputs: empty sides, one side empty, very long and short sentences, equal lengths")
  func randomInputs() {
    var random = SeededGenerator(seed: 2026)
    let small = AlignerOptions(fullSearchCells: 400)  // forces coarse-to-fine on most inputs
    for round in 0..<150 {
      let source = Self.randomSide(&random, kind: round % 7)
      let target = Self.randomSide(&random, kind: (round / 7) % 5)
      for options in [AlignerOptions(), small, .original] {
        let result = Aligner(options: options).align(source: source, target: target)
        #expect(
          Fixtures.coversInOrder(result.beads, sourceCount: source.count, targetCount: target.count),
          "round \(round): \(source.count) × \(target.count)")
        #expect((0...1).contains(result.parallelism))
      }
    }
  }

  @Test("a heading never shares a bead with a body sentence")
  func unitClassesStaySeparate() {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<40 {
      let source = Self.randomSide(&random, kind: 2)
      let target = Self.randomSide(&random, kind: 2)
      let beads = Aligner().align(source: source, target: target).beads
      for bead in beads {
        let classes = Set(bead.source.map { source[$0].unitClass } + bead.target.map { target[$0].unitClass })
        #expect(classes.count <= 1)
      }
    }
  }

  @Test("blocks that correspond are aligned first: no bead links sentences of different blocks")
  func twoLevel() throws {
    let lengths = try Fixtures.corpusSentences(Fixtures.englishReview).map(\.count)
    var (source, target, gold) = Fixtures.syntheticTranslation(of: lengths, seed: 11)
    // Paragraphs of 8 source sentences; each target sentence is in its gold partner's paragraph.
    for index in source.indices { source[index].block = index / 8 }
    for bead in gold {
      for t in bead.target { target[t].block = (bead.source.first ?? 0) / 8 }
    }
    let beads = Aligner().align(source: source, target: target).beads
    #expect(Fixtures.coversInOrder(beads, sourceCount: source.count, targetCount: target.count))
    for bead in beads where !bead.source.isEmpty && !bead.target.isEmpty {
      let blocks = Set(bead.source.map { source[$0].block } + bead.target.map { target[$0].block })
      #expect(blocks.count == 1, "bead \(bead.source) – \(bead.target) crosses paragraphs")
    }
  }
}
