import TestSupport
import Testing

@testable import Aligner

/// The block plan's confidences from the cells near the block path (``Posterior/Near``) against
/// the whole band's: the same plan.
@Suite(
  "BlockLevel: the plan from the cells near the block path is the whole band's",
  .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
struct BlockPlanTests {
  /// The dev pair with a block boundary after every `every`-th gold bead on the source side and
  /// after every `every + shift`-th on the target side (`shift` 0: blocks that correspond).
  static func blocks(every: Int, shift: Int = 0) throws -> (
    source: [AlignerSentence], target: [AlignerSentence]
  ) {
    var source = try TextBerg.sentences("dev.de", language: "de")
    var target = try TextBerg.sentences("dev.fr", language: "fr")
    // A block starts after the sentences of every `every`-th gold bead (every `every + shift`-th
    // on the target side); sentences no gold bead names stay in the block before them.
    var sourceStarts: [Int] = []
    var targetStarts: [Int] = []
    var (sourceEnd, targetEnd) = (0, 0)
    for (index, (sources, targets)) in try TextBerg.gold().enumerated() {
      sourceEnd = max(sourceEnd, (sources.max() ?? -1) + 1)
      targetEnd = max(targetEnd, (targets.max() ?? -1) + 1)
      if (index + 1) % every == 0 { sourceStarts.append(sourceEnd) }
      if (index + 1) % (every + shift) == 0 { targetStarts.append(targetEnd) }
    }
    for index in source.indices { source[index].block = sourceStarts.filter { $0 <= index }.count }
    for index in target.indices { target[index].block = targetStarts.filter { $0 <= index }.count }
    return (source, target)
  }

  /// The default model with the pair's own length ratio (French runs about 18 % longer than German:
  /// with the fallback `c = 1` the block path deletes and inserts many blocks).
  static func model(_ source: [AlignerSentence], _ target: [AlignerSentence]) -> CostModel {
    let options = AlignerOptions()
    let units = Units.pair(source, target, useAnchors: true)
    var parameters = options.fallbackParameters
    parameters.ratio =
      Double(target.reduce(0) { $0 + $1.length }) / Double(source.reduce(0) { $0 + $1.length })
    return CostModel(
      source: units.source, target: units.target, parameters: parameters,
      priors: options.priors, deletionCost: options.deletionCost, anchorWeight: options.anchorWeight)
  }

  /// The plan searches its blocks with their evidence deferred (``BandedSearch/coarseToFineSearched(_:options:level:skipping:)``),
  /// so that it is not alive through the coarser levels' searches, and reads the confidences from
  /// the model the search hands back: that model must have the evidence a model made with it first
  /// has, or the plan would weigh its blocks without anchors.
  @Test(
    "blocks with their evidence deferred: the same path, table and confidences as with it made first")
  func deferredEvidence() throws {
    let (source, target) = try Self.blocks(every: 2)
    let model = Self.model(source, target)
    let sourceBlocks = BlockLevel.units(model.source, BlockLevel.blockRanges(source))
    let targetBlocks = BlockLevel.units(model.target, BlockLevel.blockRanges(target))
    #expect(sourceBlocks.count > 150 && targetBlocks.count > 150)
    // In full; coarse to fine with level 1 skipped (the band around level 2's path holds).
    for cells in [1_000_000, 1_000] {
      var options = AlignerOptions()
      options.fullSearchCells = cells
      let made = model.with(source: sourceBlocks, target: targetBlocks)
      let (steps, table) = BandedSearch.coarseToFine(made, options: options)
      let searched = BandedSearch.coarseToFineSearched(
        model.deferringEvidence(source: sourceBlocks, target: targetBlocks), options: options)
      #expect(!searched.model.evidencePending && searched.model.evidence.enabled)
      #expect(searched.steps == steps)
      #expect(searched.table.gains == table.gains && searched.table.narrowCounts == table.narrowCounts)
      let expected = Posterior.compute(
        made, extras: [], table: table, steps: steps, temperature: 1
      ).searchBeads
      let found = Posterior.compute(
        searched.model, extras: [], table: searched.table, steps: searched.steps, temperature: 1
      ).searchBeads
      #expect(found == expected)
      // Blocks with anchors in common: without the evidence the confidences would differ.
      #expect(table.gains.contains { $0 != 0 })
    }
  }

  @Test(
    "blocks of ten gold beads: the same plan both ways; every block confidence within 1e-12, none across 0.5")
  func corresponding() throws {
    let options = AlignerOptions()
    let (source, target) = try Self.blocks(every: 10)
    let model = Self.model(source, target)
    let near = BlockLevel.plan(model, source: source, target: target, options: options)
    let whole = BlockLevel.plan(model, source: source, target: target, options: options, near: nil)
    #expect((near == nil) == (whole == nil))
    if let near, let whole {
      #expect(near.band.lo == whole.band.lo && near.band.hi == whole.band.hi)
      #expect(near.sourceGroups == whole.sourceGroups && near.targetGroups == whole.targetGroups)
    }
    // The confidences the plan reads, both ways.
    let blockModel = model.with(
      source: BlockLevel.units(model.source, BlockLevel.blockRanges(source)),
      target: BlockLevel.units(model.target, BlockLevel.blockRanges(target)))
    #expect(blockModel.source.count > 40 && blockModel.target.count > 40)
    let (steps, table) = BandedSearch.coarseToFine(blockModel, options: options)
    func confidences(_ near: Posterior.Near?) -> [Double] {
      Posterior.compute(blockModel, extras: [], table: table, steps: steps, temperature: 1, near: near)
        .searchBeads
    }
    let fromNear = confidences(Posterior.Near())
    let fromWhole = confidences(nil)
    let largest = zip(fromNear, fromWhole).map { abs($0 - $1) }.max() ?? 0
    #expect(largest < 1e-12, "largest difference \(largest)")
    let threshold = BlockLevel.requiredConfidence
    #expect(zip(fromNear, fromWhole).allSatisfy { ($0 >= threshold) == ($1 >= threshold) })
    // Block beads on both sides of the threshold, some close to it: the decision is really read.
    #expect(fromWhole.contains { $0 < threshold } && fromWhole.contains { $0 > 0.9 })
    #expect(fromWhole.contains { abs($0 - threshold) < 0.01 })
  }

  @Test("blocks of one gold bead (mostly one sentence a side): block units as their sentences'")
  func blockUnitsOfGoldBeads() throws {
    let (source, target) = try Self.blocks(every: 1)
    let units = Units.pair(source, target, useAnchors: true)
    for (sentences, side) in [(units.source, source), (units.target, target)] {
      let blocks = BlockLevel.blockRanges(side)
      let (single, _) = PairTableTests.expectBlockUnits(
        BlockLevel.units(sentences, blocks), of: sentences, blocks, anchors: side.map(\.anchors))
      #expect(single > blocks.count / 2 && single < blocks.count)
    }
  }

  @Test("blocks that do not correspond: both give no plan, or the same one")
  func notCorresponding() throws {
    let options = AlignerOptions()
    for shift in [3, 7] {
      let (source, target) = try Self.blocks(every: 10, shift: shift)
      let model = Self.model(source, target)
      let near = BlockLevel.plan(model, source: source, target: target, options: options)
      let whole = BlockLevel.plan(model, source: source, target: target, options: options, near: nil)
      #expect((near == nil) == (whole == nil), "shift \(shift)")
      if let near, let whole {
        #expect(near.band.lo == whole.band.lo && near.band.hi == whole.band.hi)
        #expect(near.sourceGroups == whole.sourceGroups && near.targetGroups == whole.targetGroups)
      }
    }
  }
}
