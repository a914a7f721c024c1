import TestSupport
import Testing

@testable import Aligner

/// The pair table's cells, filled by looking each target anchor up in the row's slots
/// (``AnchorEvidence/sharedRow(_:_:_:_:slots:_:)``), against the merge of the two units' anchor
/// lists (``AnchorEvidence/shared(_:_:_:_:)``) made afresh for every cell; and the block level's
/// units against their sentences' anchors.
@Suite("PairTable: every cell as the merge of the two units' anchors gives it")
struct PairTableTests {
  /// The default options' model of `source` against `target`.
  static func model(_ source: Units, _ target: Units) -> CostModel {
    let options = AlignerOptions()
    return CostModel(
      source: source, target: target, parameters: options.fallbackParameters, priors: options.priors,
      deletionCost: options.deletionCost, anchorWeight: options.anchorWeight)
  }

  /// The number of cells whose count is not 0; every cell's count and gain equal to the merge's,
  /// bit for bit.
  static func expectMergedCells(_ table: PairTable, _ model: CostModel) -> Int {
    var sharing = 0
    let band = table.band
    for i in 1...max(1, band.rows) where i <= band.rows {
      for j in max(1, band.lo[i])...max(1, band.hi[i]) where j <= band.hi[i] {
        let merged = model.evidence.shared(i - 1, model.source, j - 1, model.target)
        let cell = band.index(i, j)
        #expect(table.count(cell) == (merged.count < Int(PairTable.countOverflow) ? merged.count : nil))
        #expect(table.gains[cell].bitPattern == Float(merged.gain).bitPattern)
        if merged.count > 0 { sharing += 1 }
      }
    }
    return sharing
  }

  /// Runs of `size` consecutive units as the block level groups sentences into paragraphs.
  static func blocks(_ count: Int, size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  @Test("the IMRF letter against the review: sentences in full and in a band, on one worker and on two")
  func sentencesInFullAndInABand() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = Units.pair(letter, review, useAnchors: true)
    let model = Self.model(units.source, units.target)
    let n = units.source.count
    let m = units.target.count
    let diagonal = (0..<n).map { i in (rows: i...(i + 1), columns: (i * m / n)...((i + 1) * m / n)) }
    for band in [
      Band.full(rows: n, columns: m), Band.around(rectangles: diagonal, rows: n, columns: m, radius: 5),
    ] {
      for workers in [1, 2] {
        let table = PairTable(model, band: band, workers: workers)
        // Sentences: the counts in one byte each.
        #expect(table.narrowCounts.count == band.cellCount && table.wideCounts.isEmpty)
        let sharing = Self.expectMergedCells(table, model)
        #expect(sharing > band.cellCount / 50)
      }
    }
  }

  @Test("paragraph-sized units of many anchors each (the block level's) and a coarse level's units")
  func blocksAndCoarseUnits() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = Units.pair(letter, review, useAnchors: true)
    let blockSource = BlockLevel.units(units.source, Self.blocks(units.source.count, size: 9))
    let blockTarget = BlockLevel.units(units.target, Self.blocks(units.target.count, size: 11))
    let blockModel = Self.model(blockSource, blockTarget)
    #expect(blockSource.flatAnchors.count > 20 * blockSource.count)
    let full = Band.full(rows: blockSource.count, columns: blockTarget.count)
    // A few cells of many anchors: shared out on two workers by their work, not their number.
    #expect(full.cellCount < 100_000)
    // Fewer than 255 anchors in every paragraph of the letter: one byte a count.
    #expect(blockSource.mostAnchors < PairTable.narrowLimit)
    for workers in [1, 2] {
      let table = PairTable(blockModel, band: full, workers: workers)
      #expect(table.narrowCounts.count == full.cellCount && table.wideCounts.isEmpty)
      #expect(Self.expectMergedCells(table, blockModel) > full.cellCount / 2)
    }
    let coarse = Self.model(units.source.grouped(quantum: 2).units, units.target.grouped(quantum: 2.5).units)
    let coarseBand = Band.full(rows: coarse.source.count, columns: coarse.target.count)
    #expect(Self.expectMergedCells(PairTable(coarse, band: coarseBand, workers: 2), coarse) > 100)
  }

  @Test("a block unit's anchors are its sentences' anchor IDs, sorted and without repeats")
  func blockUnitsAreTheirSentencesUnion() throws {
    let (letter, _) = try Fixtures.letterAgainstReview()
    let sentences = Units(letter, useAnchors: true)
    for size in [1, 3, 40, sentences.count] {
      let blocks = Self.blocks(sentences.count, size: size)
      let units = BlockLevel.units(sentences, blocks)
      #expect(units.count == blocks.count)
      for (index, block) in blocks.enumerated() {
        let union = Set(block.flatMap { letter[$0].anchors }).sorted()
        #expect(units.anchorIDs(index) == union)
      }
    }
  }

  /// `sentences` cut into blocks of 1, 2, 1, 3, 1, 1 and 5 sentences in turn (as nl–en paragraphs).
  static func mixedBlocks(_ count: Int) -> [Range<Int>] {
    let sizes = [1, 2, 1, 3, 1, 1, 5]
    var blocks: [Range<Int>] = []
    var start = 0
    while start < count {
      let end = min(count, start + sizes[blocks.count % sizes.count])
      blocks.append(start..<end)
      start = end
    }
    return blocks
  }

  /// Checks each block unit against its sentences: the summed length, the class they share (else
  /// -1), the union of their anchor IDs sorted, and a one-sentence block's anchors as the
  /// sentence's own. Returns the numbers of one-sentence blocks and of blocks of mixed classes.
  static func expectBlockUnits(
    _ units: Units, of sentences: Units, _ blocks: [Range<Int>], anchors: [[UInt64]]
  ) -> (single: Int, mixed: Int) {
    #expect(units.count == blocks.count)
    var single = 0
    var mixed = 0
    for (index, block) in blocks.enumerated() {
      #expect(units.lengths[index] == block.reduce(0) { $0 + sentences.lengths[$1] })
      let classes = Set(block.map { sentences.classes[$0] })
      #expect(units.classes[index] == (classes.count == 1 ? classes.first! : -1))
      #expect(units.anchorIDs(index) == Set(block.flatMap { anchors[$0] }).sorted())
      if block.count == 1 {
        single += 1
        #expect(units.anchorIDs(index) == sentences.anchorIDs(block.lowerBound))
      }
      if classes.count > 1 { mixed += 1 }
    }
    return (single, mixed)
  }

  @Test("blocks of one sentence and of several: each block unit is its sentences' length, class and anchors")
  func blockUnitsOfMixedSizes() throws {
    let (letter, _) = try Fixtures.letterAgainstReview()
    // The letter's sentences, their classes changing every fifth sentence, across block
    // boundaries: some blocks are mixed.
    let sentences = Units(
      lengths: letter.map(\.length), classes: letter.indices.map { $0 / 5 }, anchors: letter.map(\.anchors))
    let blocks = Self.mixedBlocks(sentences.count)
    let units = BlockLevel.units(sentences, blocks)
    let (single, mixed) = Self.expectBlockUnits(units, of: sentences, blocks, anchors: letter.map(\.anchors))
    #expect(single > blocks.count / 3 && mixed > 0)
  }

  @Test("distinct anchors in order, read off the bits or sorted, leave the bits clear")
  func distinctSortedBothWays() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = Units.pair(letter, review, useAnchors: true)
    let flat = units.source.flatAnchors
    var seen = [UInt64](repeating: 0, count: (units.source.ranks.count + 63) / 64)
    // The whole document's anchors (close together: read off the bits), a sentence's few (far
    // apart: sorted), two far apart with repeats, and nothing.
    let stretches: [ArraySlice<UInt32>] = [
      flat[...], flat[units.source.anchorPrefix[3]..<units.source.anchorPrefix[4]],
      ArraySlice([flat.max()!, flat.min()!, flat.max()!, flat.min()!]), [],
    ]
    for stretch in stretches {
      var result: [UInt32] = [7]
      BlockLevel.distinctSorted(stretch, seen: &seen, into: &result)
      #expect(result == [7] + Set(stretch).sorted())
      #expect(seen.allSatisfy { $0 == 0 })
    }
  }

  @Test("units of 255 anchors or more on both sides: the counts in two bytes, each the merge's")
  func wideCounts() {
    // Hundreds of anchors a unit on both sides (long paragraphs), sharing 0 to 300 of them.
    let source = [0..<300, 100..<400, 0..<10, 500..<520].map {
      Array(UInt64($0.lowerBound)..<UInt64($0.upperBound))
    }
    let target = [0..<300, 250..<600, 590..<1_000].map {
      Array(UInt64($0.lowerBound)..<UInt64($0.upperBound))
    }
    let model = Self.model(
      Units(lengths: source.map { 10 * $0.count }, classes: source.map { _ in 0 }, anchors: source),
      Units(lengths: target.map { 10 * $0.count }, classes: target.map { _ in 0 }, anchors: target))
    let units = (model.source, model.target)
    #expect(min(units.0.mostAnchors, units.1.mostAnchors) >= PairTable.narrowLimit)
    let full = Band.full(rows: source.count, columns: target.count)
    let table = PairTable(model, band: full, workers: 1)
    #expect(table.wideCounts.count == full.cellCount && table.narrowCounts.isEmpty)
    #expect(Self.expectMergedCells(table, model) == 6)
    #expect(table.count(full.index(1, 1)) == 300)
  }
}
