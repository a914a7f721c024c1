/// Dynamic programming inside a ``Band``: the cheapest path and its beads.
enum BandedSearch {
  static let maximumLevels = 7

  /// The most cells a problem of sentences (not coarse units) is searched in full, when
  /// ``AlignerOptions/fullSearchCells`` allows more: above, coarse to fine, whose band finds the
  /// same path (the same beads on the Text+Berg dev pair, every nlen page and the bundled corpus)
  /// for a fraction of the cells — the dev pair's 260 000 cells were searched in full twice and
  /// their posteriors taken over all of them. Coarse levels have a limit of their own.
  static let sentenceLevelFullSearchCells = 60_000

  /// The most cells a coarse level below ``maximumLevels`` is searched in full, when
  /// ``AlignerOptions/fullSearchCells`` allows more: above, one more coarse level and a band. At
  /// 10⁶ the coarsest level of a 10k pair (about 640 units a side) cost more cells than the
  /// sentences' whole band, 45 % of the first pass's; at 10⁵ its units are twice as coarse and a
  /// quarter of the cells (`docs/aligner.md`, session 21). The last level keeps the option's limit:
  /// there no coarser level follows, only a wide band around the diagonal, dearer than the full search.
  static let coarseLevelFullSearchCells = 100_000

  /// The full-search limit at `level` (0: sentences).
  static func fullSearchCells(_ options: AlignerOptions, level: Int) -> Int {
    if level == 0 { return min(options.fullSearchCells, sentenceLevelFullSearchCells) }
    if level >= maximumLevels { return options.fullSearchCells }
    return min(options.fullSearchCells, coarseLevelFullSearchCells)
  }

  /// The cheapest path from (0, 0) to (n, m) inside `band`. Ties go to the bead type listed first.
  ///
  /// A bead reaches back at most its widest source span: the cost of the path to a cell is kept
  /// for that many rows before the current one only (a ring of rows, each as wide as the band's
  /// widest row), not a `Double` per band cell (27 MB of the 100k final pass); the back pointers
  /// stay per cell, and the path's step costs are summed again along the path, in the search's order.
  ///
  /// With two `workers`, a band of ``splitCells`` or more is searched from both ends at once
  /// (``searchSplit(_:table:shape:cut:workers:)``), for the same path.
  static func viterbi(_ model: CostModel, table: PairTable, workers: Int) -> [Step] {
    let band = table.band
    let cut = workers > 1 && band.cellCount >= splitCells ? SearchShape.cut(band) : nil
    return viterbi(model, table: table, workers: workers, cut: cut)
  }

  /// ``viterbi(_:table:workers:)`` split after row `cut` when given (0 ≤ cut < n), else row by row.
  static func viterbi(_ model: CostModel, table: PairTable, workers: Int, cut: Int?) -> [Step] {
    let band = table.band
    let shape = SearchShape(model, band: band)
    let back: [UInt8]
    if let cut, shape.reach > 0, cut >= 0, cut < band.rows {
      back = searchSplit(model, table: table, shape: shape, cut: cut, workers: workers)
    } else {
      var cost = shape.emptyRing()
      var pointers = [UInt8](repeating: UInt8.max, count: band.cellCount)
      cost.withUnsafeMutableBufferPointer { cost in
        pointers.withUnsafeMutableBufferPointer { pointers in
          forward(rows: 0...band.rows, model, table: table, shape: shape, cost: cost, back: pointers)
        }
      }
      back = pointers
    }
    return steps(model, table: table, shape: shape, back: consume back)
  }

  /// Fills the ring `cost` and the back pointers `back` for `rows` (from row 0, or continuing the
  /// rows before them).
  static func forward(
    rows: ClosedRange<Int>, _ model: CostModel, table: PairTable, shape: SearchShape,
    cost: UnsafeMutableBufferPointer<Double>, back: UnsafeMutableBufferPointer<UInt8>
  ) {
    let band = table.band
    let spans = shape.spans
    let reach = shape.reach
    let width = shape.width
    // Where row `i − a` is in the ring: `base[a]`.
    var base = [Int](repeating: 0, count: reach + 1)
    // Unchecked views of the band's rows and the pair table's cells, made once: this loop visits
    // every cell once per bead type, and nothing in it allocates.
    base.withUnsafeMutableBufferPointer { base in
      PairCells.with(table) { cells in
        band.withRows { lo, hi, rowStart in
          for i in rows {
            for a in 0...reach where a <= i { base[a] = ((i - a) % (reach + 1)) * width }
            for j in lo[i]...hi[i] where i > 0 || j > 0 {
              let (best, bestType) = cheapestBead(
                into: i, j, model, spans: spans, base: base, lo: lo, hi: hi, cost: cost, cells: cells)
              cost[base[0] + j - lo[i]] = best
              back[rowStart[i] + j - lo[i]] = bestType
            }
          }
        }
      }
    }
  }

  /// The cheapest bead ending at cell (`i`, `j`) and the cost of the path through it: the least,
  /// over the bead types whose start is a reachable cell of the ring `cost` (row `i − a` at
  /// `base[a]`), of the start's cost plus the bead's. Ties go to the type listed first;
  /// `(+infinity, UInt8.max)` when no start is reachable. Each bead's cost is cut short once it
  /// cannot beat the best so far (`bound:`). The one cell relaxation of ``forward`` and
  /// ``corridor``, which must agree to the bit (a split search's path is the row-by-row one's).
  @inline(__always)
  static func cheapestBead(
    into i: Int, _ j: Int, _ model: CostModel, spans: [(source: Int, target: Int)],
    base: UnsafeMutableBufferPointer<Int>, lo: UnsafeBufferPointer<Int>, hi: UnsafeBufferPointer<Int>,
    cost: UnsafeMutableBufferPointer<Double>, cells: PairCells
  ) -> (cost: Double, type: UInt8) {
    var best = Double.infinity
    var bestType = UInt8.max
    for typeIndex in 0..<spans.count {
      let (a, b) = spans[typeIndex]
      let pi = i - a
      let pj = j - b
      if pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi] { continue }
      let previous = cost[base[a] + pj - lo[pi]]
      if previous == .infinity { continue }
      let total =
        previous + model.cost(typeIndex: typeIndex, endingAt: i, j, cells: cells, bound: best - previous)
      if total < best {
        best = total
        bestType = UInt8(typeIndex)
      }
    }
    return (best, bestType)
  }

  /// The path the back pointers lead to from (n, m), with each step's cost.
  ///
  /// The back pointers (a byte a cell) go once the path is read from them, and the path's nodes are
  /// kept in 12 bytes each until the steps (48 bytes each) are made: at 1M sentences a side the
  /// three had been alive together at the top of the first pass (35, 24 and 48 MB).
  static func steps(_ model: CostModel, table: PairTable, shape: SearchShape, back: consuming [UInt8])
    -> [Step]
  {
    let band = table.band
    let spans = shape.spans
    let pairs: PairTable? = table
    var path: [(i: Int32, j: Int32, typeIndex: UInt8)] = []
    var i = model.source.count
    var j = model.target.count
    while i > 0 || j > 0 {
      let typeIndex = back[band.index(i, j)]
      guard Int(typeIndex) < spans.count else { break }
      // Units are counted in 32 bits (``Units``).
      path.append((Int32(i), Int32(j), typeIndex))
      i -= spans[Int(typeIndex)].0
      j -= spans[Int(typeIndex)].1
    }
    _ = consume back
    // A reachable (n, m) leads back to (0, 0): from there, the cost to each step's end is the cost
    // to its start plus its bead's, the same sum the search made, and a step costs the difference.
    var steps: [Step] = []
    steps.reserveCapacity(path.count)
    var total = 0.0
    for node in path.reversed() {
      let (i, j, typeIndex) = (Int(node.i), Int(node.j), Int(node.typeIndex))
      let (a, b) = spans[typeIndex]
      let next = total + model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: pairs)
      steps.append(Step(i0: i - a, j0: j - b, i1: i, j1: j, typeIndex: typeIndex, cost: next - total))
      total = next
    }
    return steps
  }

  /// Coarse-to-fine search: small problems in full; larger ones by aligning the problem with
  /// consecutive units merged in pairs, then searching a band around the projected coarse path,
  /// widened while the path touches its edge. Time and memory are linear in n + m for a fixed band.
  ///
  /// Units are merged at most ``maximumLevels`` times (128 sentences a unit): coarser units of a
  /// long, repetitive text all look alike and no longer place the path. A problem still too large
  /// at that level is searched in a wide band around the diagonal instead of in full.
  ///
  /// With `skipping`, level 1 is searched only when the band around level 2's path does not hold
  /// the sentences' path (``skippingLevelOne(_:options:)``).
  static func coarseToFine(
    _ model: CostModel, options: AlignerOptions, level: Int = 0, skipping: Bool = true
  )
    -> (steps: [Step], table: PairTable)
  {
    let searched = coarseToFineSearched(model, options: options, level: level, skipping: skipping)
    return (searched.steps, searched.table)
  }

  /// A search's path, the pair table it was made in, and the model as it was searched (its
  /// evidence made).
  typealias Searched = (steps: [Step], table: PairTable, model: CostModel)

  /// ``coarseToFine(_:options:level:skipping:)`` and the model it searched: a caller that hands it
  /// a model whose evidence is deferred gets it with its evidence made at the last level, after
  /// the coarser levels were searched and gone (the block level, ``BlockLevel/plan(_:source:target:options:near:)``).
  static func coarseToFineSearched(
    _ model: CostModel, options: AlignerOptions, level: Int = 0, skipping: Bool = true
  ) -> Searched {
    let n = model.source.count
    let m = model.target.count
    if (n + 1) * (m + 1) <= fullSearchCells(options, level: level) || n + m <= 2 {
      // The coarsest level, searched in full: a unit left unlinked there costs more than one
      // sentence (``AlignerOptions/coarseDeletionScale`` per level); the levels searched in a band
      // do not need it, and pricing them too made shuffled text widen (1.34× the CPU at 100k).
      var scale = 1.0
      for _ in 0..<level { scale *= options.coarseDeletionScale }
      let model = model.withEvidence().scalingDeletions(by: scale)
      let band = Band.full(rows: n, columns: m)
      let table = PairTable(model, band: band)
      return (viterbi(model, table: table, workers: options.workers), table, model)
    }
    if level >= maximumLevels {
      let diagonal = (0..<max(1, n)).map { i in
        (rows: i...min(n, i + 1), columns: i * m / max(1, n)...min(m, (i + 1) * m / max(1, n)))
      }
      var wide = options
      wide.bandRadius = max(options.bandRadius, 4 * options.fullSearchCells / (2 * (n + 1)))
      wide.maximumBandRadius = max(wide.maximumBandRadius, wide.bandRadius)
      return refineSearched(model, around: diagonal, options: wide)
    }
    if skipping && level == 0 && options.maximumBandRadius > max(1, options.bandRadius),
      let found = skippingLevelOne(model, options: options)
    {
      return found
    }
    return refineSearched(
      model, around: coarsePath(model, options: options, level: level, skipping: skipping), options: options)
  }

  /// Rectangles of the units `sourceStarts`/`targetStarts` index, one per step of a coarser path.
  typealias Rectangles = [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)]

  /// The path of the next coarser level, as rectangles of this level's units. Its own function, so
  /// that the coarse units are gone before this level is searched (10 MB at 100 000 sentences a side).
  private static func coarsePath(_ model: CostModel, options: AlignerOptions, level: Int, skipping: Bool)
    -> Rectangles
  {
    let (coarse, sourceStarts, targetStarts) = merged(model)
    let coarseSteps = coarseToFine(coarse, options: options, level: level + 1, skipping: skipping).steps
    return projected(coarseSteps, sourceStarts, targetStarts)
  }

  /// Coarse to fine from the sentences (level 0) with level 1 searched only when needed: level 0
  /// is searched once in a band around level 2's path (units four times as fine); when its path
  /// touches the band's edge, level 1 is searched around level 2's path after all, and level 0
  /// around level 1's, as without skipping. `nil` when level 1 is the coarsest (searched in full).
  ///
  /// A level costs about as much as all the coarser ones together, so level 1 was half the coarse
  /// levels' cells (1.7 of 4.0 million at 100 000 sentences a side). The band around level 2's
  /// path finds the same path on every check (`BandedSearchTests`; `docs/aligner.md`, session 20);
  /// skipping level 3 as well moved links across pages on a partly parallel pair of the nlen pages,
  /// so no other level is skipped. Only searches that may widen skip (a chance sample's band may not).
  static func skippingLevelOne(_ model: CostModel, options: AlignerOptions) -> Searched? {
    // Level 2's path and where its units start in level 1's: all that outlives the coarse units,
    // which are made again if level 1 is searched after all.
    let (sourceGroups, targetGroups, coarserSteps, around): ([Int], [Int], [Step], Rectangles)
    do {
      guard let two = levelTwo(model, options: options) else { return nil }
      (sourceGroups, targetGroups) = (two.sourceGroups, two.targetGroups)
      coarserSteps = coarseToFine(two.model, options: options, level: 2).steps
      around = projected(coarserSteps, two.sourceStarts, two.targetStarts)
    }
    var once = options
    once.maximumBandRadius = max(1, options.bandRadius)
    // Each search's table and units are gone before the next is made (in scopes of their own):
    // at 1M sentences a side, the level-0 search after a failed direct one had held level 1's
    // units beside it (115 MB, the shuffled kind's peak).
    do {
      let direct = refineSearched(model, around: around, options: once)
      if !touchesEdge(direct.steps, band: direct.table.band, columns: model.target.count) { return direct }
    }
    let levelOnePath: Rectangles
    do {
      let (coarse, sourceStarts, targetStarts) = merged(model)
      let coarseSteps = refine(
        coarse, around: projected(coarserSteps, sourceGroups, targetGroups), options: options
      ).steps
      levelOnePath = projected(coarseSteps, sourceStarts, targetStarts)
    }
    return refineSearched(model, around: levelOnePath, options: options)
  }

  /// Level 2 of `model` (its evidence deferred), where each of its units starts in level 1
  /// (`sourceGroups`, `targetGroups`) and in `model` (`sourceStarts`, `targetStarts`); `nil` when
  /// level 1 is the coarsest. Level 1's units are gone when this returns, before level 2 is
  /// searched: held to the end of ``skippingLevelOne(_:options:)``'s scope, they were alive through
  /// every coarser level's search (112 MB at 1M sentences a side on the nl–en kind's block level,
  /// whose level 4 widens to a band of 35 M cells there: the process's peak).
  private static func levelTwo(_ model: CostModel, options: AlignerOptions) -> (
    model: CostModel, sourceGroups: [Int], targetGroups: [Int], sourceStarts: [Int], targetStarts: [Int]
  )? {
    let (coarse, sourceStarts, targetStarts) = merged(model)
    if isCoarsest(coarse, options: options, level: 1) { return nil }
    let (coarser, sourceGroups, targetGroups) = merged(coarse)
    return (
      coarser, sourceGroups, targetGroups, sourceGroups.map { sourceStarts[$0] },
      targetGroups.map { targetStarts[$0] }
    )
  }

  /// The rectangles of `steps` in the units of the level below: coarse unit `k` of a side starts at
  /// that level's unit `starts[k]`.
  private static func projected(_ steps: [Step], _ sourceStarts: [Int], _ targetStarts: [Int]) -> Rectangles {
    steps.map { step in
      (
        rows: sourceStarts[step.i0]...sourceStarts[step.i1],
        columns: targetStarts[step.j0]...targetStarts[step.j1]
      )
    }
  }

  /// Whether a path (its last step aside) reaches an edge of `band` that is not a document edge.
  static func touchesEdge(_ steps: [Step], band: Band, columns m: Int) -> Bool {
    steps.dropLast().contains { band.touchesEdge($0.i1, $0.j1, columns: m) }
  }

  /// The next coarser level of `model` (its evidence deferred) and, for each side, the index of
  /// each coarse unit's first unit (plus the unit count at the end).
  private static func merged(_ model: CostModel) -> (
    model: CostModel, sourceStarts: [Int], targetStarts: [Int]
  ) {
    let n = model.source.count
    let m = model.target.count
    // The shorter side's units merged in pairs, the longer side's in proportion to its unit count,
    // so that both coarse sequences have the same length and their units the same share of text.
    let shorter = Double(max(1, min(n, m)))
    let (coarseSource, sourceStarts) = model.source.grouped(quantum: 2 * Double(max(1, n)) / shorter)
    let (coarseTarget, targetStarts) = model.target.grouped(quantum: 2 * Double(max(1, m)) / shorter)
    // The coarse level's evidence is made when that level is searched, after the levels above it;
    // this level's once they are done (``CostModel/deferringEvidence(source:target:)``).
    return (model.deferringEvidence(source: coarseSource, target: coarseTarget), sourceStarts, targetStarts)
  }

  /// Whether ``coarseToFine(_:options:level:skipping:)`` at `level` searches no coarser level.
  static func isCoarsest(_ model: CostModel, options: AlignerOptions, level: Int) -> Bool {
    let n = model.source.count
    let m = model.target.count
    return (n + 1) * (m + 1) <= fullSearchCells(options, level: level) || n + m <= 2 || level >= maximumLevels
  }

  /// A path at full resolution inside a band around `rectangles`, widened while it touches the edge.
  static func refine(
    _ model: CostModel, around rectangles: Rectangles, options: AlignerOptions
  ) -> (steps: [Step], table: PairTable) {
    let searched = refineSearched(model, around: rectangles, options: options)
    return (searched.steps, searched.table)
  }

  /// ``refine(_:around:options:)`` and the model it searched (its evidence made).
  static func refineSearched(
    _ model: CostModel, around rectangles: Rectangles, options: AlignerOptions
  ) -> Searched {
    let model = model.withEvidence()
    let n = model.source.count
    let m = model.target.count
    var radius = max(1, options.bandRadius)
    while true {
      // What the coarser levels and the narrower bands freed, before this band's table is made.
      Aligner.returnFreedPages(units: n + m)
      let band = Band.around(rectangles: rectangles, rows: n, columns: m, radius: radius)
      let table = PairTable(model, band: band)
      let steps = viterbi(model, table: table, workers: options.workers)
      let touches = touchesEdge(steps, band: band, columns: m)
      if !touches || radius >= options.maximumBandRadius { return (steps, table, model) }
      radius = min(options.maximumBandRadius, radius * 2)
    }
  }
}
