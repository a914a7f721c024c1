/// The Gale–Church bead cost with anchor evidence, over two ``Units`` sequences.
///
/// Cost of a bead with `a` source and `b` target units, in nats (−log probability):
/// `−log prior(a-b) − log 2(1 − Φ(|δ|)) + anchor term`, with
/// `δ = (l2 − c·l1) / √(s²·(l1 + l2/c)/2)`: as in the original `align` program, the variance uses
/// the mean of the two lengths (so a side of length 0 is still defined, and swapping the sides with
/// c = 1 gives the same cost). Deletions (`1-0`, `0-1`) cost their prior, plus the length term
/// against nothing when ``DeletionCost/galeChurch`` is chosen.
struct CostModel: Sendable {
  var source: Units
  var target: Units
  var parameters: AlignmentParameters {
    didSet {
      if lengthTable != nil
        && (parameters.ratio != oldValue.ratio || parameters.variance != oldValue.variance)
      {
        lengthTable = LengthCostTable(ratio: parameters.ratio, variance: parameters.variance)
      }
    }
  }
  /// ``lengthCost(_:_:)`` of short beads, looked up (``LengthCostTable``); `nil` for small problems,
  /// where making it would cost more than it saves.
  private var lengthTable: LengthCostTable?
  var deletionCost: DeletionCost
  /// Bead types with their −log prior, in search order (one cost per type: the cost reads
  /// ``priorCosts`` unchecked at a type's index).
  private(set) var types: [BeadType]
  private(set) var priorCosts: [Double]
  /// What each anchor is worth (``AnchorEvidence``), for the current units; `.disabled` while
  /// ``evidencePending`` (``deferringEvidence(source:target:)``).
  var evidence: AnchorEvidence
  /// Whether the evidence is still to be made (``withEvidence()``) before the model is searched.
  private(set) var evidencePending = false
  /// The match rate and weight the evidence was made with, to remake it for other units.
  private let anchorMatch: Double
  private let anchorWeight: Double
  private(set) var maximumSourceSpan: Int
  private(set) var maximumTargetSpan: Int

  init(
    source: Units, target: Units, parameters: AlignmentParameters, priors: [BeadPrior],
    deletionCost: DeletionCost, anchorWeight: Double, deferringEvidence: Bool = false
  ) {
    (self.source, self.target) = Units.sharingRanks(source, target)
    self.parameters = parameters
    self.deletionCost = deletionCost
    let usable = priors.filter { $0.probability > 0 && ($0.type.source > 0 || $0.type.target > 0) }
    types = usable.map(\.type)
    priorCosts = usable.map { -naturalLog($0.probability) }
    maximumSourceSpan = types.map(\.source).max() ?? 1
    maximumTargetSpan = types.map(\.target).max() ?? 1
    anchorMatch = min(0.99, max(0.01, parameters.anchorMatch))
    self.anchorWeight = anchorWeight
    if self.source.count + self.target.count >= LengthCostTable.minimumUnits {
      lengthTable = LengthCostTable(ratio: parameters.ratio, variance: parameters.variance)
    }
    evidencePending = deferringEvidence
    evidence =
      deferringEvidence
      ? .disabled
      : AnchorEvidence(source: self.source, target: self.target, match: anchorMatch, weight: anchorWeight)
  }

  /// The same model over other units (a coarse level).
  func with(source: Units, target: Units) -> CostModel {
    var copy = self
    (copy.source, copy.target) = Units.sharingRanks(source, target)
    copy.evidence = AnchorEvidence(
      source: copy.source, target: copy.target, match: anchorMatch, weight: anchorWeight)
    copy.evidencePending = false
    return copy
  }

  /// The same model over other units, its evidence made only by ``withEvidence()``: coarse-to-fine
  /// search makes a coarse level's evidence once the levels above it are searched and gone, so that
  /// no two levels' evidence are alive together (18 MB at 100 000 sentences a side).
  func deferringEvidence(source: Units, target: Units) -> CostModel {
    var copy = self
    (copy.source, copy.target) = Units.sharingRanks(source, target)
    copy.evidence = .disabled
    copy.evidencePending = true
    return copy
  }

  /// This model with its evidence made, when it was deferred (``deferringEvidence(source:target:)``).
  func withEvidence() -> CostModel {
    guard evidencePending else { return self }
    return with(source: source, target: target)
  }

  /// The same model over the same units with refined classes (``Units/regrouped(_:)``). Anchors
  /// and unit counts are unchanged, and the evidence depends on nothing else, so it is kept rather
  /// than made again.
  func regrouped(source: Units, target: Units) -> CostModel {
    var copy = self
    (copy.source, copy.target) = Units.sharingRanks(source, target)
    return copy
  }

  /// The same model over the same units with other bead types and `parameters` of the same
  /// `anchorMatch`: the evidence, which depends on neither, is kept rather than made again.
  func with(priors: [BeadPrior], parameters: AlignmentParameters) -> CostModel {
    precondition(parameters.anchorMatch == self.parameters.anchorMatch, "the evidence would change")
    var copy = self
    copy.parameters = parameters
    let usable = priors.filter { $0.probability > 0 && ($0.type.source > 0 || $0.type.target > 0) }
    copy.types = usable.map(\.type)
    copy.priorCosts = usable.map { -naturalLog($0.probability) }
    copy.maximumSourceSpan = copy.types.map(\.source).max() ?? 1
    copy.maximumTargetSpan = copy.types.map(\.target).max() ?? 1
    return copy
  }

  /// The same model with more bead types (those already present are skipped).
  func adding(_ extra: [BeadPrior]) -> CostModel {
    var copy = self
    for prior in extra where prior.probability > 0 && !types.contains(prior.type) {
      copy.types.append(prior.type)
      copy.priorCosts.append(-naturalLog(prior.probability))
    }
    return copy
  }

  /// This model with its length table made (`true`) or dropped, whatever the number of units: the
  /// same costs either way (`CostModelTests`).
  func withLengthTable(_ made: Bool) -> CostModel {
    var copy = self
    copy.lengthTable = made ? LengthCostTable(ratio: parameters.ratio, variance: parameters.variance) : nil
    return copy
  }

  /// Whether ``lengthCost(_:_:)`` looks short beads up (``LengthCostTable``).
  var hasLengthTable: Bool { lengthTable != nil }

  /// Length cost of linking `l1` source characters to `l2` target characters.
  @inline(__always)
  func lengthCost(_ l1: Int, _ l2: Int) -> Double {
    if let lengthTable, let cost = lengthTable.cost(l1, l2) { return cost }
    return CostModel.lengthCost(l1, l2, ratio: parameters.ratio, variance: parameters.variance)
  }

  /// ``lengthCost(_:_:)`` computed: `−log 2(1 − Φ(|δ|))` (from ``TailCostTable``) with
  /// `δ = (l2 − c·l1) / √(s²·(l1 + l2/c)/2)`.
  static func lengthCost(_ l1: Int, _ l2: Int, ratio c: Double, variance: Double) -> Double {
    if l1 == 0 && l2 == 0 { return 0 }
    let mean = (Double(l1) + Double(l2) / c) / 2
    let delta = (Double(l2) - c * Double(l1)) / (variance * mean).squareRoot()
    return NormalDistribution.tabulatedTailCost(delta)
  }

  /// This model with the prior cost of every `1-0` and `0-1` type multiplied by `scale`: a coarse
  /// level's unit stands for several units of the level below (``AlignerOptions/coarseDeletionScale``).
  func scalingDeletions(by scale: Double) -> CostModel {
    var copy = self
    for (index, type) in types.enumerated() where type.source == 0 || type.target == 0 {
      copy.priorCosts[index] *= scale
    }
    return copy
  }

  /// Cost of the bead of type `types[typeIndex]` that ends at node (`i`, `j`), or `+infinity`
  /// when it mixes unit classes.
  ///
  /// With `bound`, the length term (the expensive part, never negative) is skipped and `+infinity`
  /// returned as soon as the rest of the cost reaches `bound`: the caller knows a cheaper way.
  @inline(__always)
  func cost(
    typeIndex: Int, endingAt i: Int, _ j: Int, pairs: PairTable? = nil, bound: Double = .infinity
  ) -> Double {
    PairCells.with(pairs) { cost(typeIndex: typeIndex, endingAt: i, j, cells: $0, bound: bound) }
  }

  /// ``cost(typeIndex:endingAt:_:pairs:bound:)`` with the pair table's `cells` (``PairCells``),
  /// which a search makes once for all its cells rather than once a bead.
  ///
  /// The bead's sides are checked once to lie inside the units; the per-unit arrays are then read
  /// without bounds checks (``Units/length(unchecked:)``): this runs for every bead type at every
  /// band cell, and the checks, field loads and spills around the pair loop were about 250
  /// instructions a call.
  @inline(__always)
  func cost(
    typeIndex: Int, endingAt i: Int, _ j: Int, cells: PairCells, bound: Double = .infinity
  ) -> Double {
    let type = types[typeIndex]
    let i0 = i &- type.source
    let j0 = j &- type.target
    precondition(
      0 <= i0 && i0 <= i && i <= source.count && 0 <= j0 && j0 <= j && j <= target.count,
      "a bead outside the units")
    let sources = Range(uncheckedBounds: (i0, i))
    let targets = Range(uncheckedBounds: (j0, j))
    if !source.isUniform(unchecked: sources) || !target.isUniform(unchecked: targets) { return .infinity }
    let l1 = source.length(unchecked: sources)
    let l2 = target.length(unchecked: targets)
    let prior = priorCosts.unchecked(typeIndex)
    if type.source == 0 || type.target == 0 {
      switch deletionCost {
      case .galeChurch: return prior + lengthCost(l1, l2)
      case .lengthIndependent: return prior
      }
    }
    // Both sides have a unit: i0 < i ≤ source.count, j0 < j ≤ target.count.
    if !Units.compatible(source.classes.unchecked(i0), target.classes.unchecked(j0)) { return .infinity }
    var fixed = prior + anchorCost(unchecked: sources, targets, cells: cells)
    if parameters.blockCost > 0 {
      let boundaries =
        source.blockBoundaries(unchecked: sources) + target.blockBoundaries(unchecked: targets)
      fixed += parameters.blockCost * Double(boundaries)
    }
    let alpha = parameters.unrelatedLength
    if alpha > 0 {
      fixed += naturalLog(alpha)
      if fixed >= bound { return .infinity }
      return fixed + (1 - alpha) * lengthCost(l1, l2)
    }
    if fixed >= bound { return .infinity }
    return fixed + lengthCost(l1, l2)
  }

  /// Minus the anchor log-likelihood ratio (``AnchorEvidence``): each anchor of the side with fewer
  /// anchors is either found on the other side or not. Multi-unit sides count the anchors of their
  /// units together; each unit of the sparser side shares at most as many anchors as it has.
  func anchorCost(_ sources: Range<Int>, _ targets: Range<Int>, pairs: PairTable?) -> Double {
    precondition(
      sources.lowerBound >= 0 && sources.upperBound <= source.count && targets.lowerBound >= 0
        && targets.upperBound <= target.count, "a bead outside the units")
    return PairCells.with(pairs) { anchorCost(unchecked: sources, targets, cells: $0) }
  }

  /// ``anchorCost(_:_:pairs:)`` of sides the caller has checked to lie inside the units, the table
  /// as `cells`.
  @inline(__always)
  private func anchorCost(unchecked sources: Range<Int>, _ targets: Range<Int>, cells: PairCells) -> Double {
    if !evidence.enabled { return 0 }
    let sourceCount = source.anchorCount(unchecked: sources)
    let targetCount = target.anchorCount(unchecked: targets)
    let opportunities = min(sourceCount, targetCount)
    if opportunities == 0 { return 0 }
    let sparserIsSource = sourceCount <= targetCount
    let misses =
      sparserIsSource
      ? evidence.sourceMissPrefix[sources.upperBound] - evidence.sourceMissPrefix[sources.lowerBound]
      : evidence.targetMissPrefix[targets.upperBound] - evidence.targetMissPrefix[targets.lowerBound]
    // Each unit of the sparser side finds at most its own anchors on the other side: an anchor
    // found in two units there would otherwise count twice.
    let (units, others) = sparserIsSource ? (sources, targets) : (targets, sources)
    // The table's cells read unchecked (``PairCells``): this loop runs for every pair of units of
    // every bead type at every band cell, a fifth of a 10k process's instructions with checks.
    var gain = 0.0
    for unit in units {
      var shared = 0
      var unitGain = 0.0
      for other in others {
        let (s, t) = sparserIsSource ? (unit, other) : (other, unit)
        if let cell = cells.cell(s + 1, t + 1) {
          shared += cells.count(cell) ?? sharedCount(s, t)
          unitGain += Double(cells.gains[cell])
        } else {
          let found = sharedPair(s, t)
          shared += found.count
          unitGain += found.gain
        }
      }
      let own =
        sparserIsSource
        ? source.anchorCount(unchecked: Range(uncheckedBounds: (unit, unit &+ 1)))
        : target.anchorCount(unchecked: Range(uncheckedBounds: (unit, unit &+ 1)))
      if shared > own { unitGain *= Double(own) / Double(shared) }
      gain += unitGain
    }
    return misses - gain
  }
}

/// ``CostModel/lengthCost(_:_:ratio:variance:)`` of every pair of lengths below ``side``, computed
/// once for a model's `c` and `s²`: the same numbers, bit for bit, for one load instead of two
/// divisions, a square root and a cubic piece per bead (the length term was about a tenth of a
/// 10k process's CPU).
struct LengthCostTable: Sendable {
  /// Lengths (characters of a bead's side) below this are looked up: most sentences, and most
  /// beads of two, on the Text+Berg and nlen pairs.
  static let side = 512
  /// Units of both sides from which a model makes a table (2 MB, about 4 ms).
  static let minimumUnits = 4_000
  let ratio: Double
  let variance: Double
  private let values: [Double]

  /// With two `workers`, each fills half the rows (every value is computed alone: the same table).
  init(ratio: Double, variance: Double, workers: Int = Workers.available) {
    self.ratio = ratio
    self.variance = variance
    let side = LengthCostTable.side
    var values = [Double](repeating: 0, count: side * side)
    values.withUnsafeMutableBufferPointer { buffer in
      // Disjoint rows per half: no two workers write the same element.
      nonisolated(unsafe) let cells = buffer
      _ = Workers.map(2, workers: workers) { half in
        for l1 in (half * side / 2)..<((half + 1) * side / 2) {
          for l2 in 0..<side {
            cells[l1 * side + l2] = CostModel.lengthCost(l1, l2, ratio: ratio, variance: variance)
          }
        }
      }
    }
    self.values = values
  }

  /// The cost of `l1` against `l2`, when both are below ``side``.
  @inline(__always)
  func cost(_ l1: Int, _ l2: Int) -> Double? {
    let side = LengthCostTable.side
    guard l1 >= 0, l2 >= 0, l1 < side, l2 < side else { return nil }
    return values.withUnsafeBufferPointer { $0[l1 &* side &+ l2] }
  }
}

extension CostModel {
  /// The number of anchors source unit `s` and target unit `t` share, for a pair table's cell that
  /// could not hold it; out of line, so that the cost's inner loop stays small.
  @inline(never)
  func sharedCount(_ s: Int, _ t: Int) -> Int {
    evidence.shared(s, source, t, target).count
  }

  /// The anchors source unit `s` and target unit `t` share and their gain, for a pair outside the
  /// pair table's band (or without a table); out of line too, which keeps the cost's registers for
  /// the table's cells (7 % fewer instructions in the cost at 10k).
  @inline(never)
  func sharedPair(_ s: Int, _ t: Int) -> (count: Int, gain: Double) {
    evidence.shared(s, source, t, target)
  }
}

/// Shared-anchor counts of the sentence pair ending at each band cell, `(i − 1, j − 1)` for cell
/// `(i, j)`, computed once so that the bead types that contain the pair do not recount it.
struct PairTable: Sendable {
  var band: Band
  /// One byte per cell when no pair of units can share ``narrowLimit`` anchors or more (one side's
  /// units all have fewer: sentences, the coarse levels of most text), so that every count fits;
  /// else ``wideCounts``, and ``narrowCounts`` is empty. One byte instead of two is 34 MB at 1M
  /// sentences a side, in the band of both passes' sentence-level searches.
  var narrowCounts: [UInt8]
  static let narrowLimit = Int(UInt8.max)
  /// Two bytes per cell, for units with many anchors on both sides (a block level's paragraphs):
  /// ``countOverflow`` stands for a count too big for them, which the cost then counts again (a
  /// pair sharing 65 535 anchors or more: whole blocks of a long document). Four bytes held every
  /// count but cost 7 MB in the 100k final pass; one byte overflowed on the block level's pairs of
  /// paragraphs, whose recounting cost 10 % of the time.
  var wideCounts: [UInt16]
  static let countOverflow = UInt16.max
  /// Cells times target anchors per unit from which a table is filled on all cores.
  static let pieceWork = 1_000_000
  /// Cells from which a table is filled on all cores whatever its anchors: the bands the split
  /// search takes (``BandedSearch/splitCells``), whose tables are otherwise made on one core
  /// before the search can use two (a coarse level of a 10k pair: 20 000 – 90 000 cells).
  static let pieceCells = 20_000
  /// Summed gains (``AnchorEvidence``) of the shared anchors.
  var gains: [Float]

  init(_ model: CostModel, band: Band, workers: Int = Workers.available) {
    self.band = band
    precondition(!model.evidencePending, "a model whose evidence is deferred is not searched")
    guard model.evidence.enabled, band.rows > 0 else {
      narrowCounts = [UInt8](repeating: 0, count: band.cellCount)
      wideCounts = []
      gains = []
      return
    }
    let narrow =
      min(model.source.mostAnchors, model.target.mostAnchors) < PairTable.narrowLimit
    // Rows are independent: a big band is filled in pieces of rows on all cores, each piece writing
    // only its own rows' cells. Big: by the target anchors a cell looks up, so that a block level's
    // few cells of many anchors each are shared out too.
    let rows = band.rows
    let anchorsPerUnit = model.target.flatAnchors.count / max(1, model.target.count)
    let work = band.cellCount * (1 + anchorsPerUnit)
    let pieces =
      band.cellCount < PairTable.pieceCells && work < PairTable.pieceWork ? 1 : min(rows, 8 * max(1, workers))
    let rankCount = max(model.source.ranks.count, model.target.ranks.count)
    var narrowCounts = [UInt8](repeating: 0, count: narrow ? band.cellCount : 0)
    var wideCounts = [UInt16](repeating: 0, count: narrow ? 0 : band.cellCount)
    var gains = [Float](repeating: 0, count: band.cellCount)
    narrowCounts.withUnsafeMutableBufferPointer { narrowBuffer in
      wideCounts.withUnsafeMutableBufferPointer { wideBuffer in
        gains.withUnsafeMutableBufferPointer { gainBuffer in
          // Disjoint cells per piece: no two workers write the same element.
          nonisolated(unsafe) let narrowCells = narrowBuffer
          nonisolated(unsafe) let wideCells = wideBuffer
          nonisolated(unsafe) let gainCells = gainBuffer
          _ = Workers.map(pieces, workers: workers) { piece in
            var slots = [Int32](repeating: -1, count: rankCount)
            slots.withUnsafeMutableBufferPointer { slots in
              for i in (1 + piece * rows / pieces)..<(1 + (piece + 1) * rows / pieces) {
                let first = max(1, band.lo[i])
                guard first <= band.hi[i] else { continue }
                let rowCell = band.index(i, first)
                model.evidence.sharedRow(
                  i - 1, model.source, (first - 1)...(band.hi[i] - 1), model.target, slots: slots
                ) { t, count, gain in
                  let cell = rowCell + t + 1 - first
                  if narrow {
                    narrowCells[cell] = UInt8(count)
                  } else {
                    wideCells[cell] = UInt16(min(count, Int(PairTable.countOverflow)))
                  }
                  gainCells[cell] = Float(gain)
                }
              }
            }
          }
        }
      }
    }
    self.narrowCounts = narrowCounts
    self.wideCounts = wideCounts
    self.gains = gains
  }

  /// The number of anchors the pair of `cell` shares, or `nil` when it was too big to store.
  @inline(__always)
  func count(_ cell: Int) -> Int? {
    if !narrowCounts.isEmpty { return Int(narrowCounts[cell]) }
    let count = wideCounts[cell]
    return count < PairTable.countOverflow ? Int(count) : nil
  }
}

/// A ``PairTable`` read without bounds checks, for the duration of one call: the band's rows and
/// the cells' counts and gains as buffer pointers, whose indices ``cell(_:_:)`` keeps in range
/// (a row the band has, a column between its bounds). No table: no cell.
struct PairCells {
  let lo: UnsafeBufferPointer<Int>
  let hi: UnsafeBufferPointer<Int>
  let rowStart: UnsafeBufferPointer<Int>
  let narrowCounts: UnsafeBufferPointer<UInt8>
  let wideCounts: UnsafeBufferPointer<UInt16>
  let gains: UnsafeBufferPointer<Float>
  /// The last row ``cell(_:_:)`` finds, −1 for none.
  let lastRow: Int
  /// Whether the counts are in ``narrowCounts`` (chosen once for the table, not per cell).
  let narrow: Bool

  /// Calls `body` with the cells of `table`, or with none when there is no table (or a table
  /// without gains, made for a model without evidence).
  @inline(__always)
  static func with<Result>(_ table: PairTable?, _ body: (PairCells) -> Result) -> Result {
    guard let table else { return body(PairCells.none) }
    return table.band.withRows { lo, hi, rowStart in
      table.narrowCounts.withUnsafeBufferPointer { narrowCounts in
        table.wideCounts.withUnsafeBufferPointer { wideCounts in
          table.gains.withUnsafeBufferPointer { gains in
            let cellCount = table.band.cellCount
            let filled =
              gains.count == cellCount
              && (narrowCounts.isEmpty ? wideCounts.count : narrowCounts.count) == cellCount
            return body(
              PairCells(
                lo: lo, hi: hi, rowStart: rowStart, narrowCounts: narrowCounts, wideCounts: wideCounts,
                gains: gains, lastRow: filled ? table.band.rows : -1, narrow: !narrowCounts.isEmpty))
          }
        }
      }
    }
  }

  static var none: PairCells {
    PairCells(
      lo: UnsafeBufferPointer(start: nil, count: 0), hi: UnsafeBufferPointer(start: nil, count: 0),
      rowStart: UnsafeBufferPointer(start: nil, count: 0),
      narrowCounts: UnsafeBufferPointer(start: nil, count: 0),
      wideCounts: UnsafeBufferPointer(start: nil, count: 0), gains: UnsafeBufferPointer(start: nil, count: 0),
      lastRow: -1, narrow: false)
  }

  /// The cell (`i`, `j`) of the band, or `nil` when the band does not hold it.
  @inline(__always)
  func cell(_ i: Int, _ j: Int) -> Int? {
    guard i >= 0, i <= lastRow else { return nil }
    let first = lo[i]
    guard j >= first, j <= hi[i] else { return nil }
    return rowStart[i] &+ j &- first
  }

  /// ``PairTable/count(_:)`` of a cell ``cell(_:_:)`` gave.
  @inline(__always)
  func count(_ cell: Int) -> Int? {
    if narrow { return Int(narrowCounts[cell]) }
    let count = wideCounts[cell]
    return count < PairTable.countOverflow ? Int(count) : nil
  }
}
