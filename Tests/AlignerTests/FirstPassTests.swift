import TestSupport
import Testing

@testable import Aligner

@Suite("The first pass's cheaper search", .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
struct FirstPassTests {
  /// The dev pair with the first pass's model (the fallback parameters) and the first pass's options.
  static func firstPassProblem() throws -> (model: CostModel, options: AlignerOptions) {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    var options = AlignerOptions()
    options.bandRadius = Aligner.firstPassBandRadius
    let model = Aligner(options: options).model(
      Units(source, useAnchors: true), Units(target, useAnchors: true), options.fallbackParameters)
    return (model, options)
  }

  @Test(
    "on the dev pair, bands of the first pass's radius from a banded coarse level find the full search's path"
  )
  func narrowBandsFindTheFullSearchPath() throws {
    let (model, options) = try Self.firstPassProblem()
    // 468 × 554 sentences: 260 000 cells, above the limit of a full search, and so are the 65 000
    // of the first coarse level; the second (117 × 139) is searched in full.
    let sentenceCells = (model.source.count + 1) * (model.target.count + 1)
    #expect(sentenceCells > BandedSearch.fullSearchCells(options, level: 0))
    #expect(
      (model.source.count / 2 + 1) * (model.target.count / 2 + 1)
        > BandedSearch.fullSearchCells(options, level: 1))
    let banded = BandedSearch.coarseToFine(model, options: options)
    let full = BandedSearch.viterbi(
      model, table: PairTable(model, band: Band.full(rows: model.source.count, columns: model.target.count)))
    #expect(banded.table.band.cellCount < sentenceCells / 5)
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
