import Foundation

/// Bead posteriors by forward–backward inside the band.
///
/// The posterior of a bead is the probability, under the model (costs as −log probabilities,
/// divided by a temperature), that the path passes through exactly this bead. It is computed in
/// windows of beads, each with a margin of context beads on both sides whose outer ends are pinned
/// to the best path: the posterior of a bead hardly depends on anything farther away, and this
/// keeps memory O(window · band) and makes the result independent of the document's length.
///
/// Two lattices share one pass (and one computation of every bead cost, the expensive part): the
/// search's own bead types, and those plus the extra types that only the confidence weighs
/// (``AlignerOptions/confidencePriors``).
enum Posterior {
  static let window = 1024
  static let context = 48
  /// Windows between two returns of their freed pages to the system (``compute(_:extras:table:steps:temperature:workers:window:near:)``).
  static let windowsBetweenReturns = 64

  /// Which cells a window weighs first: those within `radius` columns of the path in their row or
  /// `radius` rows of it in their column. When a cell on an edge the radius cut carries more than
  /// e^`edgeLimit` of the window's paths, the paths beyond it may matter (documents far from
  /// parallel) and the window is weighed again with the rows within `margin` of each such cell
  /// widened to the whole band (up to `widenings` times; on the shuffled kind at 100k, 41 of 90
  /// windows, each of which passes after one), then over the whole band. A pass weighed again
  /// starts from the earlier pass's forward rows and bead costs (``Window/Forward``). Over the Text+Berg dev pair the
  /// cells near the path give the whole band's probabilities within 1.1e-16 at radius 8, 4e-8 at 6
  /// and 0.27 at 4; on the IMRF letter against the review they differ by 0.018 at 8 without going
  /// back to the whole band, by 0 with it (`PosteriorRadiusTests`, windows of 128 steps).
  struct Near: Sendable {
    var radius = 8
    var edgeLimit = -30.0
    /// How many times a window whose edge carries paths is weighed again with the rows within
    /// `margin` of those edge cells widened to the whole band, before the whole band is taken.
    var widenings = 2
    var margin = 32
  }

  /// What forward–backward gives for a path.
  struct Result {
    /// Each step's posterior with the extra bead types weighed too.
    var beads: [Double]
    /// Each step's posterior over the search's own bead types (a piece of a bigger bead still
    /// counts as linked): what parallelism weighs links by.
    var searchBeads: [Double]
    /// Per unit, the probability (with the extra types) that it is in a bead whose other side is
    /// empty.
    var sourceUnlinked: [Double]
    var targetUnlinked: [Double]

    /// The confidence of each step. For a linking bead, its posterior averaged over the two models,
    /// with and without the extra bead types (equal weights): the search's types alone make a bead
    /// that is really a piece of a bigger one too sure (Text+Berg dev: 0.97 said, 0.87 right in the
    /// top decile), the extra types alone take too much from true small beads (0.03 said, 0.40
    /// right in the lowest). For a bead with an empty side, the probability that its sentences are
    /// unlinked (the least of them): where a run of 1-0 and 0-1 beads interleaves is arbitrary, so the
    /// posterior of one exact interleaving is tiny even when every sentence in the run is surely
    /// unlinked, and what the bead claims is only the latter.
    func confidences(_ steps: [Step]) -> [Double] {
      steps.indices.map { k in
        let step = steps[k]
        let posterior = (beads[k] + searchBeads[k]) / 2
        if step.i0 < step.i1 && step.j0 < step.j1 { return posterior }
        let units =
          step.i0 < step.i1 ? sourceUnlinked[step.i0..<step.i1] : targetUnlinked[step.j0..<step.j1]
        return max(posterior, units.min() ?? posterior)
      }
    }
  }

  /// Posteriors of `steps`, a path of `model` inside `table`'s band. `extras` are bead types the
  /// search did not use, weighed by ``Result/beads`` and the unlinked probabilities only. With
  /// `near`, each window weighs the cells near the path first (``Near``).
  static func compute(
    _ model: CostModel, extras: [BeadPrior], table: PairTable, steps: [Step], temperature: Double,
    workers: Int = Workers.available, window windowSize: Int = Posterior.window, near: Near? = nil
  ) -> Result {
    let full = model.adding(extras)
    var result = Result(
      beads: [Double](repeating: 0, count: steps.count),
      searchBeads: [Double](repeating: 0, count: steps.count),
      sourceUnlinked: [Double](repeating: 0, count: model.source.count),
      targetUnlinked: [Double](repeating: 0, count: model.target.count))
    let window = Window(
      model: full, searchTypes: model.types.count, pairs: table, scale: 1 / max(1e-6, temperature),
      near: near)
    // The windows are independent (each reads only the model and the path, and reports only its
    // own steps and units), so they run on all cores; each part is written at its own place as
    // soon as it is made, rather than all parts kept until the last (33 MB at 1M sentences a side,
    // at the top of the final pass).
    let windowSize = max(1, windowSize)
    let windowCount = (steps.count + windowSize - 1) / windowSize
    // What the windows freed goes back to the system every few windows, in large problems
    // (``Aligner/returnFreedPages(units:)``): each window's arrays, below glibc's mmap threshold,
    // come from the heap of the thread that runs it, and the holes they leave are not all filled
    // again; at 1M sentences a side the process grew by 43 MB over the final pass's 897 windows
    // with no more data alive.
    let units = model.source.count + model.target.count
    result.beads.withUnsafeMutableBufferPointer { beads in
      result.searchBeads.withUnsafeMutableBufferPointer { searchBeads in
        result.sourceUnlinked.withUnsafeMutableBufferPointer { sourceUnlinked in
          result.targetUnlinked.withUnsafeMutableBufferPointer { targetUnlinked in
            // Disjoint elements per window: its inner steps, and the units they cover.
            nonisolated(unsafe) let outputs = (beads, searchBeads, sourceUnlinked, targetUnlinked)
            _ = Workers.map(windowCount, workers: workers) { index in
              if index > 0 && index % windowsBetweenReturns == 0 { Aligner.returnFreedPages(units: units) }
              let start = index * windowSize
              let end = min(steps.count, start + windowSize)
              let outer = max(0, start - context)..<min(steps.count, end + context)
              Posterior.write(window.posteriors(steps: steps, outer: outer, inner: start..<end), to: outputs)
            }
          }
        }
      }
    }
    return result
  }

  /// Writes a window's `part` at its steps and units in the result's arrays.
  private static func write(
    _ part: Part,
    to outputs: (
      beads: UnsafeMutableBufferPointer<Double>, searchBeads: UnsafeMutableBufferPointer<Double>,
      sourceUnlinked: UnsafeMutableBufferPointer<Double>, targetUnlinked: UnsafeMutableBufferPointer<Double>
    )
  ) {
    for (offset, k) in part.inner.enumerated() {
      outputs.beads[k] = part.beads[offset]
      outputs.searchBeads[k] = part.searchBeads[offset]
    }
    for (offset, unit) in part.source.enumerated() {
      outputs.sourceUnlinked[unit] = part.sourceUnlinked[offset]
    }
    for (offset, unit) in part.target.enumerated() {
      outputs.targetUnlinked[unit] = part.targetUnlinked[offset]
    }
  }

  /// What one window reports: the posteriors of its inner steps and the unlinked probabilities of
  /// the units they cover.
  struct Part: Sendable {
    var inner: Range<Int>
    var source: Range<Int>
    var target: Range<Int>
    var beads: [Double]
    var searchBeads: [Double]
    var sourceUnlinked: [Double]
    var targetUnlinked: [Double]

    init(inner: Range<Int>, source: Range<Int>, target: Range<Int>) {
      self.inner = inner
      self.source = source
      self.target = target
      beads = [Double](repeating: 0, count: inner.count)
      searchBeads = beads
      sourceUnlinked = [Double](repeating: 0, count: source.count)
      targetUnlinked = [Double](repeating: 0, count: target.count)
    }
  }

  /// The band cells between two corners (`i0`, `j0`) and (`i1`, `j1`), numbered row by row, each
  /// row's columns clipped to `j0...j1`.
  struct Cells {
    let i0: Int
    let j0: Int
    let i1: Int
    let j1: Int
    private var lo: [Int]
    private var hi: [Int]
    private var starts: [Int]

    init(band: Band, from first: Step, to last: Step) {
      self.init(band: band, steps: [first, last][...], radius: nil)
    }

    /// The band cells between the ends of `steps`, a run of a path; with `radius`, only those
    /// within `radius` columns of the run in their row or `radius` rows of it in their column,
    /// except in the rows of `whole`, which keep all of theirs.
    init(band: Band, steps: ArraySlice<Step>, radius: Int?, whole: [ClosedRange<Int>] = []) {
      let (first, last) = (steps[steps.startIndex], steps[steps.endIndex - 1])
      (i0, j0, i1, j1) = (first.i0, first.j0, last.i1, last.j1)
      lo = [Int](repeating: 0, count: i1 - i0 + 1)
      hi = [Int](repeating: -1, count: i1 - i0 + 1)
      starts = [Int](repeating: 0, count: i1 - i0 + 2)
      var near = [(lo: Int, hi: Int)](repeating: (j0, j1), count: i1 - i0 + 1)
      if let radius {
        // The columns the run spans in each row; then every cell within `radius` columns of the
        // run in its row or within `radius` rows of it in its column (the run is monotone, so the
        // second are the columns it spans from `radius` rows above to `radius` rows below).
        var spanned = [(lo: Int, hi: Int)](repeating: (Int.max, Int.min), count: i1 - i0 + 1)
        for step in steps {
          for row in (step.i0 - i0)...(step.i1 - i0) {
            spanned[row] = (min(spanned[row].lo, step.j0), max(spanned[row].hi, step.j1))
          }
        }
        let last = i1 - i0
        for row in 0...last {
          near[row] = (
            min(spanned[row].lo - radius, spanned[max(0, row - radius)].lo),
            max(spanned[row].hi + radius, spanned[min(last, row + radius)].hi)
          )
        }
        for rows in whole {
          for row in max(0, rows.lowerBound - i0)...min(last, rows.upperBound - i0) { near[row] = (j0, j1) }
        }
      }
      var cut: [(row: Int, column: Int)] = []
      for row in 0...(i1 - i0) {
        let bandLo = max(band.lo[i0 + row], j0)
        let bandHi = min(band.hi[i0 + row], j1)
        lo[row] = max(bandLo, near[row].lo)
        hi[row] = min(bandHi, near[row].hi)
        starts[row + 1] = starts[row] + max(0, hi[row] - lo[row] + 1)
        if lo[row] > hi[row] { continue }
        if lo[row] > bandLo { cut.append((row, lo[row])) }
        if hi[row] < bandHi { cut.append((row, hi[row])) }
      }
      cutEdges = cut.map { (starts[$0.row] + $0.column - lo[$0.row], i0 + $0.row) }
    }

    /// The cells next to a band cell the radius left out (the first or last of their row), each
    /// with its row.
    private(set) var cutEdges: [(cell: Int, row: Int)] = []

    var count: Int { starts[starts.count - 1] }

    /// The columns of row `i`, empty when the band leaves none.
    func columns(_ i: Int) -> ClosedRange<Int>? {
      let row = i - i0
      return hi[row] < lo[row] ? nil : lo[row]...hi[row]
    }

    func index(_ i: Int, _ j: Int) -> Int? {
      let row = i - i0
      if row < 0 || row >= lo.count || j < lo[row] || j > hi[row] { return nil }
      return starts[row] + j - lo[row]
    }

    /// The number of cells in the rows before row `i` (``count`` after the last row).
    func start(ofRow i: Int) -> Int { starts[min(max(0, i - i0), starts.count - 1)] }

    /// The first row whose columns differ from those of `other`, cells between the same corners;
    /// the row after the last when none does.
    func firstDifferingRow(_ other: Cells) -> Int {
      precondition(i0 == other.i0 && i1 == other.i1 && j0 == other.j0 && j1 == other.j1)
      for row in lo.indices where lo[row] != other.lo[row] || hi[row] != other.hi[row] { return i0 + row }
      return i1 + 1
    }

    /// Whether every row of `other` (cells between the same corners) from row `first` on has its
    /// columns among this one's.
    func contains(_ other: Cells, from first: Int) -> Bool {
      precondition(i0 == other.i0 && i1 == other.i1 && j0 == other.j0 && j1 == other.j1)
      for row in max(0, first - i0)..<lo.count where other.lo[row] <= other.hi[row] {
        if other.lo[row] < lo[row] || other.hi[row] > hi[row] { return false }
      }
      return true
    }

    /// Moves per-cell values (`typeCount` a cell) laid out as `other`'s cells, which this one
    /// ``contains(_:from:)`` from `firstRow` on and equals before it, to this one's layout in
    /// place, filling the cells `other` lacks with `+infinity`. `values` holds this one's cells;
    /// each row goes up or stays, so the rows are moved from the last.
    func move(_ values: UnsafeMutableBufferPointer<Double>, typeCount: Int, from other: Cells, firstRow: Int)
    {
      let base = values.baseAddress!
      for row in stride(from: lo.count - 1, through: max(0, firstRow - i0), by: -1) where lo[row] <= hi[row] {
        let rowStart = starts[row] * typeCount
        let rowEnd = (starts[row] + hi[row] - lo[row] + 1) * typeCount
        if other.lo[row] > other.hi[row] {
          (base + rowStart).update(repeating: .infinity, count: rowEnd - rowStart)
          continue
        }
        let target = (starts[row] + other.lo[row] - lo[row]) * typeCount
        let count = (other.hi[row] - other.lo[row] + 1) * typeCount
        memmove(base + target, base + other.starts[row] * typeCount, count * MemoryLayout<Double>.stride)
        (base + rowStart).update(repeating: .infinity, count: target - rowStart)
        (base + target + count).update(repeating: .infinity, count: rowEnd - target - count)
      }
    }

    /// Each row's first and last column and its first cell, indexed by `i − i0`, as unchecked
    /// views: a row is empty when its first column is after its last.
    func withRows<Result>(
      _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) -> Result
    ) -> Result {
      lo.withUnsafeBufferPointer { lo in
        hi.withUnsafeBufferPointer { hi in starts.withUnsafeBufferPointer { starts in body(lo, hi, starts) } }
      }
    }
  }

  /// Log sums per cell with every type (`full`) and with the search's types only (`search`, empty
  /// when there are no extra types and the two are the same).
  struct Sums {
    var full: [Double]
    var search: [Double]

    init(cells: Int, both: Bool) {
      full = [Double](repeating: -.infinity, count: cells)
      search = both ? [Double](repeating: -.infinity, count: cells) : []
    }
  }

  /// Forward–backward over the band cells between the ends of a run of steps.
  struct Window: Sendable {
    /// The model with every weighed type; its first `searchTypes` types are the search's.
    let model: CostModel
    let searchTypes: Int
    let pairs: PairTable
    let scale: Double
    /// Whether to weigh the cells near the path first (`nil`: the whole band at once).
    var near: Near? = nil

    var spans: [(Int, Int)] { model.types.map { ($0.source, $0.target) } }
    var both: Bool { searchTypes < model.types.count }

    /// Posteriors of the steps `inner` and unlinked probabilities of the units they cover, from the
    /// cells between the ends of the steps `outer`: forward sums (computing every bead cost once),
    /// backward sums (collecting the flow through beads with an empty side), then each step's
    /// share of all paths.
    /// With ``near``, first over the cells near the path only (``Near``); a pass weighed again over
    /// more cells starts from the earlier pass's forward sums and costs (``Forward``).
    func posteriors(steps: [Step], outer: Range<Int>, inner: Range<Int>) -> Part {
      var earlier: Forward?
      if let near {
        // The rows around edge cells that carry paths keep the whole band, and the window is
        // weighed again, up to `near.widenings` times.
        var whole: [ClosedRange<Int>] = []
        for _ in 0...near.widenings {
          let cells = Cells(band: pairs.band, steps: steps[outer], radius: near.radius, whole: whole)
          let pass = posteriors(
            steps: steps, inner: inner, cells: cells, edgeLimit: near.edgeLimit, earlier: &earlier)
          if pass.edgeShare <= near.edgeLimit { return pass.part }
          earlier = pass.forward
          if pass.carrying.isEmpty { break }
          whole += pass.carrying.map { ($0 - near.margin)...($0 + near.margin) }
        }
      }
      return posteriors(
        steps: steps, inner: inner, cells: Cells(band: pairs.band, steps: steps[outer], radius: nil),
        edgeLimit: .infinity, earlier: &earlier
      ).part
    }

    /// A pass's cells with their forward sums and bead costs, kept for the next pass of the same
    /// window over more cells. A cell's forward sums and the costs of the beads that end in it
    /// depend only on the cells of its own row and the rows before it, so up to the first row whose
    /// cells differ the next pass would compute the same numbers in the same order: it copies them.
    struct Forward {
      var cells: Cells
      var sums: Sums
      var costs: CostBuffer
    }

    /// Bead costs per (cell, type) of a pass, in memory of their own (`malloc`). A pass weighed
    /// again over more cells grows the earlier pass's with `realloc` and moves each row to its new
    /// place (``startForward(_:earlier:)``), instead of filling a second array while the first is
    /// still alive: for a large block glibc moves the pages without copying them, so reusing the
    /// costs does not raise the window's peak (a second array raised the shuffled 10k process's
    /// peak by 2.6 MiB).
    final class CostBuffer {
      private(set) var buffer: UnsafeMutableBufferPointer<Double>

      /// `count` costs, each `+infinity`.
      init(count: Int) {
        let raw = malloc(max(1, count) * MemoryLayout<Double>.stride)!
        let start = raw.bindMemory(to: Double.self, capacity: max(1, count))
        start.initialize(repeating: .infinity, count: count)
        buffer = UnsafeMutableBufferPointer(start: start, count: count)
      }

      /// Room for `count` costs (at least as many as now), the first ones kept; the others are
      /// left for the caller to fill.
      func grow(to count: Int) {
        precondition(count >= buffer.count)
        let raw = realloc(
          UnsafeMutableRawPointer(buffer.baseAddress!), max(1, count) * MemoryLayout<Double>.stride)!
        buffer = UnsafeMutableBufferPointer(
          start: raw.bindMemory(to: Double.self, capacity: max(1, count)), count: count)
      }

      deinit { free(UnsafeMutableRawPointer(buffer.baseAddress!)) }
    }

    /// ``posteriors(steps:outer:inner:)`` over `cells`, the largest log share of the paths that
    /// a cell of their ``Cells/cutEdges`` carries (`-infinity` when there are none; `+infinity` when
    /// no path is left), the rows of the edge cells whose share is above `edgeLimit`, and the
    /// forward sums and costs for a next pass. With `earlier` (a pass of the same window over
    /// fewer cells; taken and set to `nil`), its rows before the first that differs are copied.
    func posteriors(
      steps: [Step], inner: Range<Int>, cells: Cells, edgeLimit: Double, earlier: inout Forward?
    ) -> (part: Part, edgeShare: Double, carrying: [Int], forward: Forward) {
      // The units whose unlinked probability this window reports: those of the inner steps.
      let sourceInner = steps[inner.lowerBound].i0..<steps[inner.upperBound - 1].i1
      let targetInner = steps[inner.lowerBound].j0..<steps[inner.upperBound - 1].j1
      var result = Part(inner: inner, source: sourceInner, target: targetInner)
      // Scaled bead costs per (cell, type), computed once in the forward pass, reused backward.
      var (forward, costs, firstRow, reuse) = startForward(cells, earlier: &earlier)
      forwardSums(cells, from: firstRow, sums: &forward, costs: costs.buffer, reusingCosts: reuse)
      guard let goal = cells.index(cells.i1, cells.j1), forward.full[goal] > -.infinity else {
        return (
          result, cells.cutEdges.isEmpty ? -.infinity : .infinity, [],
          Forward(cells: cells, sums: forward, costs: costs)
        )
      }
      let likelihood = (full: forward.full[goal], search: both ? forward.search[goal] : forward.full[goal])
      let backward = backwardSums(
        cells, costs: UnsafeBufferPointer(costs.buffer), forward: forward, likelihood: likelihood.full,
        inner: (sourceInner, targetInner), into: &result)
      var edgeShare = -Double.infinity
      var carrying: [Int] = []
      for (cell, row) in cells.cutEdges {
        var share = forward.full[cell] + backward.full[cell] - likelihood.full
        if both { share = max(share, forward.search[cell] + backward.search[cell] - likelihood.search) }
        edgeShare = max(edgeShare, share)
        if share > edgeLimit && carrying.last != row { carrying.append(row) }
      }
      for k in inner {
        let step = steps[k]
        guard let from = cells.index(step.i0, step.j0), let to = cells.index(step.i1, step.j1) else {
          continue
        }
        let cost = step.cost * scale
        let full = forward.full[from] - cost + backward.full[to] - likelihood.full
        let offset = k - inner.lowerBound
        result.beads[offset] = min(1, max(0, exponential(full)))
        if both {
          let search = forward.search[from] - cost + backward.search[to] - likelihood.search
          result.searchBeads[offset] = min(1, max(0, exponential(search)))
        } else {
          result.searchBeads[offset] = result.beads[offset]
        }
      }
      for offset in result.sourceUnlinked.indices {
        result.sourceUnlinked[offset] = min(1, result.sourceUnlinked[offset])
      }
      for offset in result.targetUnlinked.indices {
        result.targetUnlinked[offset] = min(1, result.targetUnlinked[offset])
      }
      return (result, edgeShare, carrying, Forward(cells: cells, sums: forward, costs: costs))
    }

    /// Empty forward sums and costs for `cells`, with the rows of `earlier` before the first row
    /// whose cells differ copied in (``Forward``), and that row: where the forward pass starts. At
    /// temperature 1 the earlier pass's costs are kept, each moved to its cell's place, for the
    /// forward pass to take where they hold (`reuse`;
    /// ``forwardSums(_:from:sums:costs:reusingCosts:)``). `earlier` is taken and set to `nil`.
    func startForward(_ cells: Cells, earlier: inout Forward?) -> (
      sums: Sums, costs: CostBuffer, firstRow: Int, reuse: Bool
    ) {
      let typeCount = spans.count
      let count = cells.count * typeCount
      guard let old = earlier else {
        return (Sums(cells: cells.count, both: both), CostBuffer(count: count), cells.i0, false)
      }
      earlier = nil
      let firstRow = cells.firstDifferingRow(old.cells)
      let copied = cells.start(ofRow: firstRow)
      let costs: CostBuffer
      let reuse = scale == 1 && cells.contains(old.cells, from: firstRow)
      if reuse {
        costs = old.costs
        costs.grow(to: count)
        cells.move(costs.buffer, typeCount: typeCount, from: old.cells, firstRow: firstRow)
      } else {
        costs = CostBuffer(count: count)
        UnsafeMutableBufferPointer(rebasing: costs.buffer[0..<(copied * typeCount)]).update(
          fromContentsOf: old.costs.buffer[0..<(copied * typeCount)])
      }
      var sums = Sums(cells: cells.count, both: both)
      Self.copy(old.sums.full, count: copied, into: &sums.full)
      if both { Self.copy(old.sums.search, count: copied, into: &sums.search) }
      return (sums, costs, firstRow, reuse)
    }

    /// Copies the first `count` elements of `source` into `target`.
    static func copy(_ source: [Double], count: Int, into target: inout [Double]) {
      precondition(count <= source.count && count <= target.count)
      if count == 0 { return }
      source.withUnsafeBufferPointer { source in
        target.withUnsafeMutableBufferPointer { target in
          target.baseAddress!.update(from: source.baseAddress!, count: count)
        }
      }
    }

    /// Log forward sums from the first corner; fills `costs`.
    func forwardSums(_ cells: Cells, costs: inout [Double]) -> Sums {
      var forward = Sums(cells: cells.count, both: both)
      costs.withUnsafeMutableBufferPointer { costs in
        forwardSums(cells, from: cells.i0, sums: &forward, costs: costs)
      }
      return forward
    }

    /// Log forward sums and bead costs from row `firstRow` on; the rows before it are already in
    /// `forward` and `costs` (``Forward``). The loops read the cells' rows, the sums and the costs
    /// through unchecked views (the indices are those ``Cells/index(_:_:)`` gives, computed in
    /// line) and nothing in them allocates; the sums are taken in the same order as ever.
    ///
    /// With `reusingCosts`, `costs` holds from `firstRow` on the costs an earlier pass of the same
    /// window over fewer cells gave (``startForward(_:earlier:)``, temperature 1), and a finite one
    /// below this pass's bound is taken instead of computed again: the bound only ever skips a bead
    /// whose cost without the length term (never negative) reaches it, so such a cost is exactly
    /// what the model gives again. Every other slot is computed or set to `+infinity`, as in a
    /// pass from scratch.
    func forwardSums(
      _ cells: Cells, from firstRow: Int, sums forward: inout Sums, costs: UnsafeMutableBufferPointer<Double>,
      reusingCosts reuse: Bool = false
    ) {
      let spans = spans
      let typeCount = spans.count
      let (both, searchTypes, scale, model) = (both, searchTypes, scale, model)
      let (i0, j0) = (cells.i0, cells.j0)
      if let origin = cells.index(i0, j0) {
        forward.full[origin] = 0
        if both { forward.search[origin] = 0 }
      }
      var full = [Double]()
      var search = [Double]()
      swap(&full, &forward.full)
      swap(&search, &forward.search)
      defer {
        swap(&full, &forward.full)
        swap(&search, &forward.search)
      }
      PairCells.with(pairs) { pairCells in
        cells.withRows { lo, hi, starts in
          full.withUnsafeMutableBufferPointer { full in
            search.withUnsafeMutableBufferPointer { search in
              do {
                for i in stride(from: max(firstRow, i0), through: cells.i1, by: 1) {
                  let row = i - i0
                  if lo[row] > hi[row] { continue }
                  for j in lo[row]...hi[row] where i > i0 || j > j0 {
                    let cell = starts[row] &+ j &- lo[row]
                    var fullSum = LogSum()
                    var searchSum = LogSum()
                    for typeIndex in 0..<typeCount {
                      let slot = cell &* typeCount &+ typeIndex
                      let (a, b) = spans[typeIndex]
                      let previousRow = row &- a
                      let previousColumn = j &- b
                      if previousRow < 0 || previousColumn < lo[previousRow]
                        || previousColumn > hi[previousRow]
                      {
                        costs[slot] = .infinity
                        continue
                      }
                      let previous = starts[previousRow] &+ previousColumn &- lo[previousRow]
                      let fullPrevious = full[previous]
                      guard fullPrevious > -.infinity else {
                        costs[slot] = .infinity
                        continue
                      }
                      let inSearch = both && typeIndex < searchTypes
                      let searchPrevious = inSearch ? search[previous] : -.infinity
                      // Terms below e^-40 of the running sum change nothing; their length cost is
                      // skipped, but only when the term is negligible in both sums. The running sum
                      // is taken at its lower bound (less than ln 2 below it), so a skipped term
                      // stays below e^-40 of the sum.
                      var bound =
                        fullSum.isEmpty ? Double.infinity : (fullPrevious - fullSum.lowerBound + 40) / scale
                      if searchPrevious > -.infinity {
                        bound = max(
                          bound,
                          searchSum.isEmpty
                            ? Double.infinity : (searchPrevious - searchSum.lowerBound + 40) / scale)
                      }
                      var cost = costs[slot]
                      if !(reuse && cost < bound) {
                        cost =
                          model.cost(typeIndex: typeIndex, endingAt: i, j, cells: pairCells, bound: bound)
                          * scale
                        costs[slot] = cost
                      }
                      if cost == .infinity { continue }
                      fullSum.add(fullPrevious - cost)
                      searchSum.add(searchPrevious - cost)
                    }
                    full[cell] = fullSum.value
                    if both { search[cell] = searchSum.value }
                  }
                }
              }
            }
          }
        }
      }
    }

    /// Log backward sums from the last corner, each cell gathering over its successors (whose bead
    /// costs `costs` holds); adds the flow through every bead with an empty side to the unlinked
    /// probabilities of the `inner` units it covers. Unchecked views, as in the forward pass.
    func backwardSums(
      _ cells: Cells, costs: [Double], forward: Sums, likelihood: Double,
      inner: (source: Range<Int>, target: Range<Int>), into result: inout Part
    ) -> Sums {
      costs.withUnsafeBufferPointer { costs in
        backwardSums(
          cells, costs: costs, forward: forward, likelihood: likelihood, inner: inner, into: &result)
      }
    }

    /// ``backwardSums(_:costs:forward:likelihood:inner:into:)`` over costs in memory of their own.
    func backwardSums(
      _ cells: Cells, costs: UnsafeBufferPointer<Double>, forward: Sums, likelihood: Double,
      inner: (source: Range<Int>, target: Range<Int>), into result: inout Part
    ) -> Sums {
      let spans = spans
      let typeCount = spans.count
      let (both, searchTypes) = (both, searchTypes)
      var backward = Sums(cells: cells.count, both: both)
      guard let goal = cells.index(cells.i1, cells.j1) else { return backward }
      backward.full[goal] = 0
      if both { backward.search[goal] = 0 }
      let (i0, i1, j1) = (cells.i0, cells.i1, cells.j1)
      let lastRow = i1 - i0
      var full = [Double]()
      var search = [Double]()
      swap(&full, &backward.full)
      swap(&search, &backward.search)
      var sourceUnlinked = [Double]()
      var targetUnlinked = [Double]()
      swap(&sourceUnlinked, &result.sourceUnlinked)
      swap(&targetUnlinked, &result.targetUnlinked)
      cells.withRows { lo, hi, starts in
        full.withUnsafeMutableBufferPointer { full in
          search.withUnsafeMutableBufferPointer { search in
            sourceUnlinked.withUnsafeMutableBufferPointer { sourceUnlinked in
              targetUnlinked.withUnsafeMutableBufferPointer { targetUnlinked in
                do {
                  forward.full.withUnsafeBufferPointer { forwardFull in
                    for i in stride(from: i1, through: i0, by: -1) {
                      let row = i - i0
                      if lo[row] > hi[row] { continue }
                      for j in (lo[row]...hi[row]).reversed() where i < i1 || j < j1 {
                        let cell = starts[row] &+ j &- lo[row]
                        var fullSum = LogSum()
                        var searchSum = LogSum()
                        for typeIndex in 0..<typeCount {
                          let (a, b) = spans[typeIndex]
                          // The successor's sums are complete here (the cells after this one came
                          // first).
                          let nextRow = row &+ a
                          let nextColumn = j &+ b
                          if nextRow > lastRow || nextColumn < lo[nextRow] || nextColumn > hi[nextRow] {
                            continue
                          }
                          let next = starts[nextRow] &+ nextColumn &- lo[nextRow]
                          let fullNext = full[next]
                          guard fullNext > -.infinity else { continue }
                          let cost = costs[next &* typeCount &+ typeIndex]
                          if cost == .infinity { continue }
                          fullSum.add(fullNext - cost)
                          if both && typeIndex < searchTypes { searchSum.add(search[next] - cost) }
                          // This edge's flow, when it covers a unit this window reports (the context's
                          // edges would add it to none: their `exp` is not taken).
                          guard a == 0 || b == 0 else { continue }
                          if b == 0 {
                            guard i + a > inner.source.lowerBound && i < inner.source.upperBound else {
                              continue
                            }
                            let flow = exponential(forwardFull[cell] - cost + fullNext - likelihood)
                            for unit in i..<(i + a) where inner.source.contains(unit) {
                              sourceUnlinked[unit - inner.source.lowerBound] += flow
                            }
                          } else {
                            guard j + b > inner.target.lowerBound && j < inner.target.upperBound else {
                              continue
                            }
                            let flow = exponential(forwardFull[cell] - cost + fullNext - likelihood)
                            for unit in j..<(j + b) where inner.target.contains(unit) {
                              targetUnlinked[unit - inner.target.lowerBound] += flow
                            }
                          }
                        }
                        full[cell] = fullSum.value
                        if both { search[cell] = searchSum.value }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      swap(&full, &backward.full)
      swap(&search, &backward.search)
      swap(&sourceUnlinked, &result.sourceUnlinked)
      swap(&targetUnlinked, &result.targetUnlinked)
      return backward
    }
  }

  /// A log-sum-exp taken term by term: the largest term so far and the sum of every term's
  /// exponential relative to it. A term costs at most one `exp` and the sum one `log` at the end,
  /// where a pairwise log-add (`a + log1p(exp(b - a))`) costs an `exp` and a `log1p` per term.
  ///
  /// A term whose `exp` cannot change the scaled sum is not taken: the scaled sum is at least 1, so
  /// half its last place is at least 2^-53 (e^-36.7), and adding e^d < e^-37.5 rounds back to it;
  /// a new largest term more than 40 above the old one with a scaled sum below 16 gives
  /// `scaled · e^d + 1` with `scaled · e^d` < 16 · e^-40 < 2^-53, which rounds to 1. The state is
  /// the same, bit for bit, as when the `exp` is taken (`PosteriorNegligibleTermsTests`); it leaves
  /// out a quarter of the posterior windows' `exp`s on the shuffled kind at 10k (10.7 M → 8.0 M).
  struct LogSum {
    private(set) var largest = -Double.infinity
    private var scaled = 0.0

    /// Terms this far below the largest leave the scaled sum as it is.
    static let negligible = -37.5

    var isEmpty: Bool { largest == -.infinity }

    @inline(__always)
    mutating func add(_ term: Double) {
      if term > largest {
        let difference = largest - term
        if largest == -.infinity || (difference < -40 && scaled < 16) {
          scaled = 1
        } else {
          scaled = scaled * exponential(difference) + 1
        }
        largest = term
      } else {
        let difference = term - largest
        if difference >= LogSum.negligible { scaled += exponential(difference) }
      }
    }

    /// The largest term and the scaled sum, to compare two sums bit for bit.
    var state: (largest: Double, scaled: Double) { (largest, scaled) }

    /// The log of the sum of the terms' exponentials; `-infinity` without terms.
    var value: Double { isEmpty ? -.infinity : largest + naturalLog(scaled) }

    /// At most ``value`` and less than ln 2 below it, without a `log`: the largest term plus the
    /// binary exponent of the scaled sum. The scaled sum is a finite normal number of at least 1,
    /// so its exponent is its biased exponent field less 1023 (what `Double.exponent` gives, without
    /// the branches for zero, subnormals and infinities).
    var lowerBound: Double {
      isEmpty
        ? -.infinity
        : largest + Double(Int(truncatingIfNeeded: scaled.bitPattern >> 52) &- 1023) * 0.693_147_180_559_945_3
    }
  }
}
