import Testing

@testable import Aligner

@Suite("Partly parallel documents: the second pass")
struct PartialParallelismTests {
  @Test("priors re-estimated from unsure links make leaving a sentence out cheap, and sum to 1")
  func reestimatedPriors() {
    // Ten links the first pass was unsure of (0.05), twenty sentences it left out on each side.
    let beads =
      (0..<10).map { Bead(source: $0..<$0 + 1, target: $0..<$0 + 1, confidence: 0.05) }
      + (10..<30).map { Bead(source: $0..<$0 + 1, target: 10..<10) }
      + (10..<30).map { Bead(source: 30..<30, target: $0..<$0 + 1) }
    let priors = Aligner.reestimated(priors: AlignerOptions.withThreeToOne, from: beads)
    let deletion = priors.first { $0.type == .deletion }?.probability ?? 0
    let oneToOne = priors.first { $0.type == .oneToOne }?.probability ?? 1
    #expect(deletion > 0.1)
    #expect(oneToOne < 0.89)
    #expect(abs(priors.map(\.probability).reduce(0, +) - 1) < 0.02)
  }

  @Test("an unsure link without shared anchors is split; one sharing a distinctive anchor is kept")
  func unlinkingRule() {
    let source = Units(lengths: [40, 40, 40], classes: [0, 0, 0], anchors: [[7], [1, 2], [9]])
    let target = Units(lengths: [40, 40, 40], classes: [0, 0, 0], anchors: [[7], [3, 4], [9]])
    let beads = [
      Bead(source: 0..<1, target: 0..<1, confidence: 0.1),  // shares 7, found once: kept
      Bead(source: 1..<2, target: 1..<2, confidence: 0.1),  // shares nothing: split
      Bead(source: 2..<3, target: 2..<3, confidence: 0.9),  // sure: kept
    ]
    let result = Aligner.unlinkingUnsupported(beads, source, target)
    #expect(result.map(\.type) == [.oneToOne, .deletion, .insertion, .oneToOne])
    #expect(result[1].source == 1..<2 && result[1].target.isEmpty)
    #expect(result[2].target == 1..<2 && result[2].source.isEmpty)
  }

  @Test("the IMRF letter against the review: far fewer forced links with the second pass")
  func corpusLetterKeepsFewLinks() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    // Without the extra bead types the reported confidence is the link posterior the rule reads.
    var options = AlignerOptions()
    options.confidencePriors = []
    // The partial pass itself: by default the lattice runs first and keeps its own links here
    // (`LatticeTriggerTests`).
    options.latticeBelowPartial = false
    var forcedOptions = options
    forcedOptions.partialPass = false
    let forced = Aligner(options: forcedOptions).align(source: source, target: target)
    let second = Aligner(options: options).align(source: source, target: target)
    #expect(second.links.count * 3 < forced.links.count)
    let sourceUnits = Units(source, useAnchors: true)
    let targetUnits = Units(target, useAnchors: true)
    for bead in second.links where bead.confidence < Aligner.unlinkBelow {
      #expect(Aligner.sharesAnchor(bead, sourceUnits, targetUnits))
    }
    #expect(second.parallelism < 0.6)
    // Every sentence is still in exactly one bead, in order.
    #expect(second.beads.map(\.source.count).reduce(0, +) == source.count)
    #expect(second.beads.map(\.target.count).reduce(0, +) == target.count)
  }
}
