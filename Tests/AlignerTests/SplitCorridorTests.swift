import TestSupport
import Testing

@testable import Aligner

/// The split search's corridor (``BandedSearch/corridor(rows:_:table:shape:cost:back:toGo:)``),
/// which visits only the columns a reachable cell can lead to, against the computation it replaced:
/// the forward search over every cell of the rows, each reachable cell above the limit made
/// unreachable. The same back pointers at every cell and the same costs in every row of the ring.
@Suite("BandedSearch: the corridor leaves out only cells the search over whole rows leaves unreachable")
struct SplitCorridorTests {
  /// The forward search through `rows` over every cell, with the corridor's test of the bound: the
  /// corridor's computation before session 24. Returns how many of the cells stay reachable.
  @discardableResult
  static func wholeRows(
    rows: ClosedRange<Int>, _ model: CostModel, table: PairTable, shape: SearchShape,
    cost: UnsafeMutableBufferPointer<Double>, back: UnsafeMutableBufferPointer<UInt8>, toGo: CostToGo
  ) -> Int {
    let band = table.band
    let spans = shape.spans
    let reach = shape.reach
    let width = shape.width
    var reachable = 0
    for i in rows {
      for j in band.lo[i]...band.hi[i] where i > 0 || j > 0 {
        var best = Double.infinity
        var bestType = UInt8.max
        for (typeIndex, (a, b)) in spans.enumerated() {
          let (pi, pj) = (i - a, j - b)
          if pi < 0 || pj < 0 || pj < band.lo[pi] || pj > band.hi[pi] { continue }
          let previous = cost[((pi % (reach + 1)) * width) + pj - band.lo[pi]]
          if previous == .infinity { continue }
          let total =
            previous + model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: table, bound: best - previous)
          if total < best { (best, bestType) = (total, UInt8(typeIndex)) }
        }
        if best < .infinity, best + toGo.lowerBound(i, j, band: band) > toGo.limit { best = .infinity }
        cost[(i % (reach + 1)) * width + j - band.lo[i]] = best
        back[band.rowStart[i] + j - band.lo[i]] = bestType
        if best < .infinity { reachable += 1 }
      }
    }
    return reachable
  }

  /// Searches rows `0...cut` and the rows a bead reaches past it as the split search does, then the
  /// rest both ways with the limit the split search sets, `slack` times wider, and with none; returns
  /// how many cells of the rest the corridor found reachable, over all limits.
  @discardableResult
  static func expectSameCorridor(
    _ model: CostModel, table: PairTable, cut: Int, slacks: [Double] = [1, 1e6], comment: String
  ) -> Int {
    let band = table.band
    let n = band.rows
    let shape = SearchShape(model, band: band)
    guard shape.reach > 0, cut + shape.reach < n else { return 0 }
    var ring = shape.emptyRing()
    var back = [UInt8](repeating: UInt8.max, count: band.cellCount)
    let crossing = (cut + 1)...(cut + shape.reach)
    var toGo = BandedSearch.costToGo(rows: (cut + 1)...n, model, table: table, shape: shape)
    ring.withUnsafeMutableBufferPointer { ring in
      back.withUnsafeMutableBufferPointer { back in
        BandedSearch.forward(
          rows: 0...crossing.upperBound, model, table: table, shape: shape, cost: ring, back: back)
      }
    }
    var best = Double.infinity
    for i in crossing {
      for j in band.lo[i]...band.hi[i] {
        let cell = band.rowStart[i] - band.rowStart[cut + 1] + j - band.lo[i]
        best = min(best, ring[(i % (shape.reach + 1)) * shape.width + j - band.lo[i]] + toGo.exact[cell])
      }
    }
    var reachable = 0
    for limit in slacks.map({ best + $0 * BandedSearch.roundingSlack(best, model: model) }) + [.infinity] {
      toGo.limit = limit
      var (wholeRing, wholeBack) = (ring, back)
      var (corridorRing, corridorBack) = (ring, back)
      let rest = (crossing.upperBound + 1)...n
      wholeRing.withUnsafeMutableBufferPointer { cost in
        wholeBack.withUnsafeMutableBufferPointer { back in
          reachable += wholeRows(
            rows: rest, model, table: table, shape: shape, cost: cost, back: back, toGo: toGo)
        }
      }
      corridorRing.withUnsafeMutableBufferPointer { cost in
        corridorBack.withUnsafeMutableBufferPointer { back in
          BandedSearch.corridor(
            rows: rest, model, table: table, shape: shape, cost: cost, back: back, toGo: toGo)
        }
      }
      #expect(corridorBack == wholeBack, "\(comment), cut \(cut), limit \(limit)")
      // The ring's rows of the last reach + 1 rows, each over its own columns.
      for i in max(0, n - shape.reach)...n {
        let start = (i % (shape.reach + 1)) * shape.width
        let count = band.hi[i] - band.lo[i] + 1
        #expect(
          corridorRing[start..<(start + count)] == wholeRing[start..<(start + count)],
          "\(comment), cut \(cut), row \(i), limit \(limit)")
      }
    }
    return reachable
  }

  @Test("related documents, many sentences unlinked: every cut, the split's limit, a wider one and none")
  func relatedDocumentsEveryCut() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(40)), Array(review.prefix(50)))
    let (model, table) = BandedSearchTests.search(source, target)
    var reachable = 0
    for cut in 0..<source.count {
      reachable += Self.expectSameCorridor(model, table: table, cut: cut, comment: "letter")
    }
    // The corridor is not empty, nor the whole band, at the split's limit.
    #expect(reachable > 0)
  }

  @Test(
    "Text+Berg opening in its coarse-to-fine band: cuts near either edge and in the middle",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func devOpeningInItsBand() throws {
    let (source, target) = try TextBerg.opening()
    var options = AlignerOptions()
    options.fullSearchCells = 1_000
    let (model, _) = BandedSearchTests.search(source, target)
    let band = BandedSearch.coarseToFine(model, options: options).table.band
    let table = PairTable(model, band: band)
    for cut in [0, 1, 2, 40, source.count / 2, source.count - 10] {
      Self.expectSameCorridor(model, table: table, cut: cut, comment: "opening")
    }
  }

  @Test("the corridor at the split's limit is a small part of the rows it searches")
  func corridorIsNarrow() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let (source, target) = (Array(letter.prefix(40)), Array(review.prefix(50)))
    let (model, table) = BandedSearchTests.search(source, target)
    let cut = source.count / 2
    let whole = Self.expectSameCorridor(model, table: table, cut: cut, slacks: [], comment: "no limit")
    let narrow = Self.expectSameCorridor(model, table: table, cut: cut, slacks: [1], comment: "limit") - whole
    #expect(narrow > 0 && narrow < whole / 4)
  }
}
