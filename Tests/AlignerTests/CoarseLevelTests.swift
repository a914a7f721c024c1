import TestSupport
import Testing

@testable import Aligner

@Suite("Coarse levels searched in bands")
struct CoarseLevelTests {
  @Test(
    "levels below the coarsest are searched in full up to 60 000 cells, the coarsest up to fullSearchCells")
  func fullSearchLimits() {
    let options = AlignerOptions()
    for level in 0..<BandedSearch.maximumLevels {
      #expect(BandedSearch.fullSearchCells(options, level: level) == 60_000, "level \(level)")
    }
    #expect(BandedSearch.fullSearchCells(options, level: BandedSearch.maximumLevels) == 1_000_000)
    // A smaller option is the limit everywhere.
    let small = AlignerOptions(fullSearchCells: 20_000)
    for level in 0...BandedSearch.maximumLevels {
      #expect(BandedSearch.fullSearchCells(small, level: level) == 20_000, "level \(level)")
    }
  }

  @Test(
    "on the Text+Berg dev pair, coarse to fine through a coarse level searched in a band finds the full search's path",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func bandedCoarseLevelFindsTheFullSearchPath() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    // The first pass's model (the fallback parameters). 468 × 554 sentences: 260 000 cells, and
    // 55 225 at the first coarse level (234 × 234 units); a limit of 50 000 searches that level in
    // a band around the second's path (117 × 117, searched in full), as 10 000 sentences a side
    // search their coarse levels under the 60 000-cell limit.
    let options = AlignerOptions(fullSearchCells: 50_000)
    let model = Aligner(options: options).model(
      Units(source, useAnchors: true), Units(target, useAnchors: true), options.fallbackParameters)
    let banded = BandedSearch.coarseToFine(model, options: options)
    let full = BandedSearch.viterbi(
      model, table: PairTable(model, band: Band.full(rows: model.source.count, columns: model.target.count)))
    let cells = (model.source.count + 1) * (model.target.count + 1)
    #expect(banded.table.band.cellCount < cells / 5)
    let nodes = { (steps: [Step]) in steps.map { [$0.i0, $0.j0, $0.i1, $0.j1, $0.typeIndex] } }
    let got = nodes(banded.steps)
    let expected = nodes(full)
    #expect(got.count == expected.count)
    let firstDifference = got.indices.first { $0 < expected.count && got[$0] != expected[$0] }
    #expect(
      firstDifference == nil,
      "first different bead: \(firstDifference.map { "\(got[$0]) vs \(expected[$0])" } ?? "")")
  }
}
