import TestSupport
import Testing

@testable import Aligner

/// The banded search split in two halves searched at once (``BandedSearch/searchSplit``) against
/// the search row by row: the same steps, each with the same cost, whatever the row of the cut.
@Suite("BandedSearch: the split search finds the row-by-row path")
struct BandedSearchTests {
  /// The default options' model of two documents, with their anchors, and its pair table over `band`
  /// (the whole problem when `nil`).
  static func search(_ source: [AlignerSentence], _ target: [AlignerSentence], band: Band? = nil)
    -> (model: CostModel, table: PairTable)
  {
    let options = AlignerOptions()
    let units = Units.pair(source, target, useAnchors: true)
    let model = CostModel(
      source: units.source, target: units.target, parameters: options.fallbackParameters,
      priors: options.priors, deletionCost: options.deletionCost, anchorWeight: options.anchorWeight)
    let table = PairTable(model, band: band ?? Band.full(rows: source.count, columns: target.count))
    return (model, table)
  }

  @Test(
    "Text+Berg dev pair in full (260 000 cells): the same steps and costs on two workers as on one",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func devPairInFull() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let (model, table) = Self.search(source, target)
    #expect(table.band.cellCount >= 4 * BandedSearch.splitCells)
    let one = BandedSearch.viterbi(model, table: table, workers: 1)
    #expect(BandedSearch.viterbi(model, table: table, workers: 2) == one)
    // A real path: every sentence once, mostly 1-1 beads, some unlinked sentences.
    #expect(one.first?.i0 == 0 && one.last?.i1 == source.count && one.last?.j1 == target.count)
    #expect(zip(one, one.dropFirst()).allSatisfy { $0.i1 == $1.i0 && $0.j1 == $1.j0 })
    #expect(one.filter { $0.i1 - $0.i0 == 1 && $0.j1 - $0.j0 == 1 }.count > one.count / 2)
    #expect(one.contains { $0.i0 == $0.i1 || $0.j0 == $0.j1 })
  }

  @Test(
    "Text+Berg opening in the band coarse-to-fine search picks: cut near either edge or in the middle",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func devOpeningInItsBand() throws {
    let (source, target) = try TextBerg.opening()
    var options = AlignerOptions()
    options.fullSearchCells = 1_000
    let (model, _) = Self.search(source, target)
    let band = BandedSearch.coarseToFine(model, options: options).table.band
    let table = PairTable(model, band: band)
    #expect(table.band.cellCount < (source.count + 1) * (target.count + 1) / 2)
    let rowByRow = BandedSearch.viterbi(model, table: table, workers: 1, cut: nil)
    #expect(rowByRow.count > 100)
    for cut in [0, 1, 2, source.count / 2, source.count - 2, source.count - 1] {
      for workers in [1, 2] {
        #expect(BandedSearch.viterbi(model, table: table, workers: workers, cut: cut) == rowByRow)
      }
    }
  }

  @Test("related documents, many sentences unlinked (ties of 1-0 and 0-1 orders): cut after every row")
  func relatedDocumentsEveryCut() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(40)), Array(review.prefix(50)))
    let (model, table) = Self.search(source, target)
    let rowByRow = BandedSearch.viterbi(model, table: table, workers: 1, cut: nil)
    let unlinked = rowByRow.filter { $0.i0 == $0.i1 || $0.j0 == $0.j1 }.count
    #expect(unlinked > rowByRow.count / 4)
    for cut in 0..<source.count {
      #expect(BandedSearch.viterbi(model, table: table, workers: cut % 2 + 1, cut: cut) == rowByRow)
    }
  }

  @Test("a tiny band stays below the split's threshold; split anyway, it finds the same path")
  func tinyBand() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(3)), Array(review.prefix(4)))
    let (model, table) = Self.search(source, target)
    #expect(table.band.cellCount < BandedSearch.splitCells)
    let rowByRow = BandedSearch.viterbi(model, table: table, workers: 1)
    #expect(rowByRow.last?.i1 == 3 && rowByRow.last?.j1 == 4)
    #expect(BandedSearch.viterbi(model, table: table, workers: 2) == rowByRow)
    for cut in 0..<source.count {
      #expect(BandedSearch.viterbi(model, table: table, workers: 2, cut: cut) == rowByRow)
    }
  }

  @Test("the split search's two-byte bounds never exceed the cost to (n, m), and stay within 1 % of it")
  func narrowedBounds() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(40)), Array(review.prefix(50)))
    let (model, table) = Self.search(source, target)
    let band = table.band
    let shape = SearchShape(model, band: band)
    // Every row's exact costs beside the bounds, from row 1 on.
    let toGo = BandedSearch.costToGo(
      rows: 1...band.rows, model, table: table, shape: shape, exactRows: band.rows)
    var aboveLeast = 0
    for i in 1...band.rows {
      for j in band.lo[i]...band.hi[i] {
        let exact = toGo.exact[band.rowStart[i] - band.rowStart[1] + j - band.lo[i]]
        let bound = toGo.lowerBound(i, j, band: band)
        #expect(bound <= exact, "(\(i), \(j)): bound \(bound) above the cost \(exact)")
        let above = exact - toGo.rowLeast[i - 1]
        #expect(exact - bound <= above / 128 + 1e-9, "(\(i), \(j)): \(bound) for \(exact)")
        if bound > toGo.rowLeast[i - 1] + 1 { aboveLeast += 1 }
      }
    }
    // The bounds tell cells apart, not just rows.
    #expect(aboveLeast > band.cellCount / 2)
    // Sums of large costs round: the narrowed bound stays below the cost as the search adds it up.
    for k in 0..<20_000 {
      let least = Double(k) * 499.993_7
      let cost = least + Double(k % 2_003) * 0.998_7 + Double(k % 7) * 1e-9
      let bound = least + CostToGo.widened(CostToGo.narrowed(cost, least: least))
      #expect(bound <= cost)
      #expect(cost - bound <= (cost - least) / 128 + 4 * least.ulp)
    }
    #expect(CostToGo.widened(CostToGo.narrowed(.infinity, least: 3)) == .infinity)
    #expect(CostToGo.narrowed(3, least: 3) == 0)
  }

  /// Coarse to fine with level 1 skipped where it can be, against every level searched.
  static func expectSkippingKeepsPath(
    _ source: [AlignerSentence], _ target: [AlignerSentence], fullSearchCells: Int, radii: [Int]
  ) {
    let (model, _) = Self.search(source, target)
    for radius in radii {
      var options = AlignerOptions()
      options.fullSearchCells = fullSearchCells
      options.bandRadius = radius
      let everyLevel = BandedSearch.coarseToFine(model, options: options, skipping: false).steps
      // Level 1 is not the coarsest: searching level 0 around level 2's path is what is tried.
      let skipped = BandedSearch.skippingLevelOne(model, options: options)
      #expect(skipped?.steps == everyLevel, "radius \(radius)")
      #expect(BandedSearch.coarseToFine(model, options: options).steps == everyLevel, "radius \(radius)")
      #expect(everyLevel.last?.i1 == source.count && everyLevel.last?.j1 == target.count)
    }
  }

  @Test(
    "Text+Berg dev pair coarse to fine: skipping level 1 finds the path of every level searched",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func devPairSkippingLevels() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    // Levels of 234, 117, 59 and 30 units a side above the sentences, the last searched in full;
    // a band of radius 1 or 2 around level 2's path touches its edge (level 1 searched after all).
    Self.expectSkippingKeepsPath(source, target, fullSearchCells: 1_000, radii: [1, 2, 4, 12])
  }

  @Test("a letter against a review (many sentences unlinked): skipping level 1, the same path")
  func relatedDocumentsSkippingLevels() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    #expect(letter.count >= 40 && review.count >= 40)
    Self.expectSkippingKeepsPath(letter, review, fullSearchCells: 30, radii: [1, 2, 12])
  }
}
