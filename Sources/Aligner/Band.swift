/// The cells searched: for each source position `i` in `0...n`, target positions `lo[i]...hi[i]`.
///
/// Both bounds are non-decreasing and each row overlaps the previous one, so every cell can be
/// reached from (0, 0) and reaches (n, m). Memory is O(n · width), never n × m.
struct Band: Sendable {
  var lo: [Int]
  var hi: [Int]
  /// Offset of row `i` in flat per-cell arrays; `rowStart[n + 1]` is the number of cells.
  var rowStart: [Int]

  var rows: Int { lo.count - 1 }
  var cellCount: Int { rowStart[rowStart.count - 1] }

  init(lo: [Int], hi: [Int], columns: Int) {
    var lo = lo
    var hi = hi
    let n = lo.count - 1
    lo[0] = 0
    hi[n] = columns
    for i in 0...n {
      lo[i] = min(max(0, lo[i]), columns)
      hi[i] = min(max(lo[i], hi[i]), columns)
    }
    if n > 0 {
      for i in 1...n { hi[i] = max(hi[i], hi[i - 1]) }
      for i in stride(from: n - 1, through: 0, by: -1) { lo[i] = min(lo[i], lo[i + 1]) }
      for i in 1...n { lo[i] = min(lo[i], hi[i - 1]) }
    }
    var starts = [Int](repeating: 0, count: n + 2)
    for i in 0...n { starts[i + 1] = starts[i] + hi[i] - lo[i] + 1 }
    self.lo = lo
    self.hi = hi
    self.rowStart = starts
  }

  /// Every cell of an `n` × `m` problem.
  static func full(rows n: Int, columns m: Int) -> Band {
    Band(lo: [Int](repeating: 0, count: n + 1), hi: [Int](repeating: m, count: n + 1), columns: m)
  }

  /// A band of half-width `radius` around rectangles `(rows, columns)` that a path passes through.
  static func around(
    rectangles: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)], rows n: Int, columns m: Int,
    radius: Int
  ) -> Band {
    var lo = [Int](repeating: Int.max, count: n + 1)
    var hi = [Int](repeating: Int.min, count: n + 1)
    for rectangle in rectangles {
      // Every row of a rectangle gets its columns ± radius. A flat rectangle (a run of target
      // sentences against no source sentence) also lends its columns to the rows within radius
      // above and below: the fine path may place that run a few source sentences earlier or later,
      // as it may shift a run of source sentences by a few target columns.
      var rows = rectangle.rows
      if rows.lowerBound == rows.upperBound {
        rows = max(0, rows.lowerBound - radius)...min(n, rows.upperBound + radius)
      }
      for i in rows {
        lo[i] = min(lo[i], rectangle.columns.lowerBound - radius)
        hi[i] = max(hi[i], rectangle.columns.upperBound + radius)
      }
    }
    // Rows no rectangle covers (cannot happen for a path, but stay total) take their neighbours'.
    for i in 0...n where lo[i] == Int.max {
      lo[i] = i > 0 ? lo[i - 1] : 0
      hi[i] = i > 0 ? hi[i - 1] : 0
    }
    return Band(lo: lo, hi: hi, columns: m)
  }

  /// Calls `body` with unchecked views of ``lo``, ``hi`` and ``rowStart``, for inner loops.
  @inline(__always)
  func withRows<Result>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) -> Result
  ) -> Result {
    lo.withUnsafeBufferPointer { lo in
      hi.withUnsafeBufferPointer { hi in
        rowStart.withUnsafeBufferPointer { rowStart in body(lo, hi, rowStart) }
      }
    }
  }

  @inline(__always)
  func contains(_ i: Int, _ j: Int) -> Bool { j >= lo[i] && j <= hi[i] }

  @inline(__always)
  func index(_ i: Int, _ j: Int) -> Int { rowStart[i] + j - lo[i] }

  /// Copies the values of the cells this band shares with `other` (`stride` values a cell, in
  /// `other`'s layout in `values`) into `into` (this band's layout); the other cells are left as
  /// they are. A row at a time: the shared cells of a row are contiguous in both.
  func copyShared<Value>(_ values: [Value], of other: Band, stride: Int, into: inout [Value]) {
    precondition(
      values.count == other.cellCount * stride && into.count == cellCount * stride, "a row of values per cell"
    )
    for i in 0...min(rows, other.rows) {
      let first = max(lo[i], other.lo[i])
      let last = min(hi[i], other.hi[i])
      guard first <= last else { continue }
      let from = other.index(i, first) * stride
      let to = index(i, first) * stride
      let count = (last - first + 1) * stride
      into.replaceSubrange(to..<(to + count), with: values[from..<(from + count)])
    }
  }

  /// Whether node (`i`, `j`) lies on an edge of the band that is not a document edge.
  func touchesEdge(_ i: Int, _ j: Int, columns m: Int) -> Bool {
    (j == lo[i] && lo[i] > 0) || (j == hi[i] && hi[i] < m)
  }
}

/// One bead of a search path: from node (`i0`, `j0`) to (`i1`, `j1`).
struct Step: Sendable, Hashable {
  var i0: Int
  var j0: Int
  var i1: Int
  var j1: Int
  var typeIndex: Int
  var cost: Double
}
