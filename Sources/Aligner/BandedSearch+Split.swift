/// What ``BandedSearch/viterbi(_:table:workers:)`` needs of the bead types and the band: each
/// type's spans, the widest source span (`reach`, the rows a bead reaches back) and the widest row.
struct SearchShape: Sendable {
  let spans: [(source: Int, target: Int)]
  let reach: Int
  let width: Int

  init(_ model: CostModel, band: Band) {
    spans = model.types.map { ($0.source, $0.target) }
    reach = spans.map(\.source).max() ?? 0
    var width = 1
    for i in 0...band.rows { width = max(width, band.hi[i] - band.lo[i] + 1) }
    self.width = width
  }

  /// The costs of the last `reach + 1` rows, row `i` at `(i % (reach + 1)) * width`: all
  /// unreachable but (0, 0).
  func emptyRing() -> [Double] {
    var ring = [Double](repeating: .infinity, count: (reach + 1) * width)
    ring[0] = 0
    return ring
  }

  /// The row after which a split search divides `band`: the last row within the first 10/19 of its
  /// cells (52.6 %). The cost to go (``BandedSearch/costToGo(rows:_:table:shape:exactRows:)``)
  /// takes more instructions a cell than the forward search (it also narrows each cell's cost to
  /// two bytes): with the cut at half the cells, the cost-to-go halves of all split searches took
  /// 1.11 (shuffled de–fr 10k) and 1.13 (nl–en 10k) times the forward halves (callgrind), and the
  /// forward half waited (`docs/aligner.md`, session 25). The path is the same for every cut.
  static func cut(_ band: Band) -> Int? {
    guard band.rows >= 2 else { return nil }
    var cut = 0
    while cut + 1 < band.rows && band.rowStart[cut + 2] * 19 <= band.cellCount * 10 { cut += 1 }
    return cut
  }
}

/// A lower bound of the least cost from each cell of rows `first...n` to (n, m), for a forward
/// search of those rows that leaves out cells no cheapest path can pass (``BandedSearch/corridor``).
///
/// Per cell two bytes (``narrowed(_:least:)``): the cost above its row's least as the upper half
/// of a `Float` (8 bits of exponent, 7 of mantissa: within 0.8 % of the cost), rounded down, so
/// that the bound stays at or below the `Double` cost it stands for; a whole `Float` took twice
/// the memory (7 MB at 100k sentences a side, alive with the pair table at the peak of the first
/// pass). A relative precision, not steps of a fixed size: far from the path (a coarse level's
/// full search) cells lie thousands of nats above their row's least and are still left out.
/// `exact`: the `Double` costs of rows `first ..< first + reach`.
struct CostToGo: Sendable {
  var first: Int
  var rowLeast: [Double]
  var aboveLeast: [UInt16]
  var exact: [Double]
  /// Cells whose cost from (0, 0) plus their bound exceed this are on no cheapest path.
  var limit = Double.infinity

  /// `cost − least` (at least 0) as the upper half of a `Float`'s bits, rounded down, such that
  /// `least + ``widened(_:)``` is at most `cost`, summed as ``lowerBound(_:_:band:)`` sums it
  /// (infinity stays infinity).
  @inline(__always)
  static func narrowed(_ cost: Double, least: Double) -> UInt16 {
    var above = Float(cost - least)
    if Double(above) > cost - least { above = above.nextDown }
    // Dropping the low half of a positive `Float`'s bits rounds it toward zero.
    var bits = UInt16(max(0, above).bitPattern >> 16)
    while bits > 0 && least + widened(bits) > cost { bits -= 1 }
    return bits
  }

  @inline(__always)
  static func widened(_ bits: UInt16) -> Double {
    Double(Float(bitPattern: UInt32(bits) << 16))
  }

  /// At most the least cost from (`i`, `j`) to (n, m).
  @inline(__always)
  func lowerBound(_ i: Int, _ j: Int, band: Band) -> Double {
    rowLeast[i - first]
      + Self.widened(aboveLeast[band.rowStart[i] - band.rowStart[first] + j - band.lo[i]])
  }
}

extension BandedSearch {
  /// Bands of at least this many cells are searched from both ends at once with two workers
  /// (``searchSplit(_:table:shape:cut:workers:)``); below, starting a thread costs about what it
  /// saves. At 50 000 the coarse levels of a 10k pair of long blocks (levels 3, 4 and 6: 23 000 –
  /// 43 000 cells, 92 000 together) ran on one core, each after the other (`docs/aligner.md`, session 24).
  static let splitCells = 20_000

  /// The back pointers of ``forward(rows:_:table:shape:cost:back:toGo:)`` over the whole band, with
  /// the band's two halves searched at once (meet in the middle, as in Hirschberg's algorithm).
  ///
  /// One worker searches rows `0...cut` forward as ``viterbi(_:table:workers:)`` does; the other,
  /// at the same time, the least cost from each cell of rows `cut + 1...n` to (n, m) (``costToGo``).
  /// Every path has one bead from a row up to `cut` to one of the `reach` rows after it; over those
  /// rows, the least cost from (0, 0) plus the cost to (n, m) is the path's cost, `best`. The forward
  /// search then goes on through the second half, but only through cells whose cost plus their cost
  /// to (n, m) is within rounding of `best`: a thin corridor around the cheapest paths, a small part
  /// of the second half's work. Leaving cells out only raises the costs of others, and no cell of the
  /// path ``viterbi(_:table:workers:)`` finds is left out, so each of the path's cells gets the same
  /// cost and back pointer as in the search row by row: the same path, ties and all (short of two
  /// beads whose sums agree to the last bit once one of them is cut short by `bound:`).
  static func searchSplit(
    _ model: CostModel, table: PairTable, shape: SearchShape, cut: Int, workers: Int
  ) -> [UInt8] {
    let band = table.band
    let n = band.rows
    var cost = shape.emptyRing()
    var back = [UInt8](repeating: UInt8.max, count: band.cellCount)
    cost.withUnsafeMutableBufferPointer { cost in
      back.withUnsafeMutableBufferPointer { back in
        // The first half's cells and the ring are the first worker's alone until both are done.
        nonisolated(unsafe) let firstCost = cost
        nonisolated(unsafe) let firstBack = back
        var toGo = Workers.both(
          workers: workers,
          { forward(rows: 0...cut, model, table: table, shape: shape, cost: firstCost, back: firstBack) },
          { costToGo(rows: (cut + 1)...n, model, table: table, shape: shape) }
        ).1
        let crossing = (cut + 1)...min(n, cut + shape.reach)
        forward(rows: crossing, model, table: table, shape: shape, cost: cost, back: back)
        var best = Double.infinity
        for i in crossing {
          let ring = (i % (shape.reach + 1)) * shape.width
          for j in band.lo[i]...band.hi[i] {
            let cell = band.rowStart[i] - band.rowStart[cut + 1] + j - band.lo[i]
            best = min(best, cost[ring + j - band.lo[i]] + toGo.exact[cell])
          }
        }
        toGo.limit = best + roundingSlack(best, model: model)
        if crossing.upperBound < n {
          corridor(
            rows: (crossing.upperBound + 1)...n, model, table: table, shape: shape, cost: cost, back: back,
            toGo: toGo)
        }
      }
    }
    return back
  }

  /// ``forward(rows:_:table:shape:cost:back:)`` through the second half of a split search, leaving
  /// a cell whose cost plus its least cost to (n, m) exceeds `toGo.limit` unreachable
  /// (``CostToGo``), and visiting in each row only the columns a reachable cell of the rows before
  /// it (or of its own, by a bead without a source unit) can lead to: the corridor is a few cells
  /// a row of a band of 30 or more, and each cell outside it had cost a test of every bead type's
  /// start, on one core while the other waits. A cell left out has no reachable start, so it gets
  /// what the row-by-row search gives it: `+infinity` and no back pointer (the value `back` holds).
  static func corridor(
    rows: ClosedRange<Int>, _ model: CostModel, table: PairTable, shape: SearchShape,
    cost: UnsafeMutableBufferPointer<Double>, back: UnsafeMutableBufferPointer<UInt8>, toGo: CostToGo
  ) {
    let band = table.band
    let spans = shape.spans
    let reach = shape.reach
    let width = shape.width
    // The widest target span of a bead without a source unit: how far right of a reachable cell
    // of its own row a cell can be reached.
    let sameRow = spans.filter { $0.source == 0 }.map(\.target).max() ?? 0
    // The first and last reachable column of each row in the ring (first > last: none).
    var first = [Int](repeating: Int.max, count: reach + 1)
    var last = [Int](repeating: Int.min, count: reach + 1)
    for a in 1...max(1, reach) where a <= reach && rows.lowerBound - a >= 0 {
      let i = rows.lowerBound - a
      let ring = (i % (reach + 1)) * width
      for j in band.lo[i]...band.hi[i] where cost[ring + j - band.lo[i]] < .infinity {
        first[i % (reach + 1)] = min(first[i % (reach + 1)], j)
        last[i % (reach + 1)] = max(last[i % (reach + 1)], j)
      }
    }
    var base = [Int](repeating: 0, count: reach + 1)
    base.withUnsafeMutableBufferPointer { base in
      PairCells.with(table) { cells in
        band.withRows { lo, hi, rowStart in
          for i in rows {
            for a in 0...reach where a <= i { base[a] = ((i - a) % (reach + 1)) * width }
            // The columns beads from the rows before can end at.
            var from = Int.max
            var to = Int.min
            for (a, b) in spans where a > 0 && a <= i {
              let slot = (i - a) % (reach + 1)
              if first[slot] > last[slot] { continue }
              from = min(from, first[slot] + b)
              to = max(to, last[slot] + b)
            }
            let slot = i % (reach + 1)
            (first[slot], last[slot]) = (Int.max, Int.min)
            (cost.baseAddress! + base[0]).update(repeating: .infinity, count: hi[i] - lo[i] + 1)
            if from > hi[i] || to < lo[i] { continue }
            var j = max(lo[i], from)
            while j <= hi[i] && (j <= to || (last[slot] >= lo[i] && j - last[slot] <= sameRow)) {
              let (cheapest, bestType) = cheapestBead(
                into: i, j, model, spans: spans, base: base, lo: lo, hi: hi, cost: cost, cells: cells)
              var best = cheapest
              if best < .infinity, best + toGo.lowerBound(i, j, band: band) > toGo.limit { best = .infinity }
              cost[base[0] + j - lo[i]] = best
              back[rowStart[i] + j - lo[i]] = bestType
              if best < .infinity {
                if first[slot] > last[slot] { first[slot] = j }
                last[slot] = j
              }
              j += 1
            }
          }
        }
      }
    }
  }

  /// More than the rounding of sums of `n + m` bead costs can move a path's cost of about `best`
  /// (bead costs below 30 nats in size): a path's cost from both ends and ``forward``'s differ by far less.
  static func roundingSlack(_ best: Double, model: CostModel) -> Double {
    1e-7 * (best.magnitude + 30 * Double(model.source.count + model.target.count + 1))
  }

  /// The least cost from each cell of `rows` (through n) to (n, m), searched backward from (n, m)
  /// with a ring of rows like the forward search's; exact for the first `exactRows` rows (by
  /// default the `reach` rows the split search needs).
  static func costToGo(
    rows: ClosedRange<Int>, _ model: CostModel, table: PairTable, shape: SearchShape, exactRows: Int? = nil
  ) -> CostToGo {
    let band = table.band
    let n = band.rows
    let m = model.target.count
    let spans = shape.spans
    let reach = shape.reach
    let width = shape.width
    let first = rows.lowerBound
    let firstCell = band.rowStart[first]
    var ring = [Double](repeating: .infinity, count: (reach + 1) * width)
    var rowLeast = [Double](repeating: 0, count: rows.count)
    var aboveLeast = [UInt16](repeating: 0, count: band.cellCount - firstCell)
    let exactCells = band.rowStart[min(n, first + (exactRows ?? reach) - 1) + 1] - firstCell
    var exact = [Double](repeating: .infinity, count: exactCells)
    // Where row `i + a` is in the ring: `base[a]`.
    var base = [Int](repeating: 0, count: reach + 1)
    ring.withUnsafeMutableBufferPointer { ring in
      base.withUnsafeMutableBufferPointer { base in
        PairCells.with(table) { cells in
          band.withRows { lo, hi, rowStart in
            for i in rows.reversed() {
              for a in 0...reach where i + a <= n { base[a] = ((i + a) % (reach + 1)) * width }
              var least = Double.infinity
              for j in stride(from: hi[i], through: lo[i], by: -1) {
                var best = Double.infinity
                if i == n && j == m {
                  best = 0
                } else {
                  for typeIndex in spans.indices {
                    let (a, b) = spans[typeIndex]
                    let ni = i + a
                    let nj = j + b
                    if ni > n || nj < lo[ni] || nj > hi[ni] { continue }
                    let next = ring[base[a] + nj - lo[ni]]
                    if next == .infinity { continue }
                    let bead = model.cost(
                      typeIndex: typeIndex, endingAt: ni, nj, cells: cells, bound: best - next)
                    let total = next + bead
                    if total < best { best = total }
                  }
                }
                ring[base[0] + j - lo[i]] = best
                least = min(least, best)
              }
              let row = i - first
              rowLeast[row] = least < .infinity ? least : 0
              for j in lo[i]...hi[i] {
                let value = ring[base[0] + j - lo[i]]
                let cell = rowStart[i] - firstCell + j - lo[i]
                if cell < exact.count { exact[cell] = value }
                aboveLeast[cell] = CostToGo.narrowed(value, least: rowLeast[row])
              }
            }
          }
        }
      }
    }
    return CostToGo(first: first, rowLeast: rowLeast, aboveLeast: aboveLeast, exact: exact)
  }
}
