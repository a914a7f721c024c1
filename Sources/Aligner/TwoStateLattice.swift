/// The two-state lattice of partly parallel text (``AlignerOptions/twoStateLattice``; see
/// `docs/aligner.md`, "The two-state lattice").
///
/// Every band cell has three states: *parallel* (`P`, the last event was a bead of the
/// translation's types, its own `1-0`/`0-1` included) and the two phases of one *unrelated* region
/// (`S`, unlinked source sentences; `T`, unlinked target sentences after them). A region is
/// entered from `P` once, for ``openCost``; inside it each source sentence costs
/// ``sourceStepCost`` and each target sentence ``targetStepCost``, with no limit on its length; it
/// ends where the next bead of `P` starts, at no further cost. Source sentences come first, so a
/// stretch unlinked on both sides is one path, weighed against the links it replaces by one
/// opening instead of one per run.
///
/// The lattice knows nothing of sentences: the beads of `P` and their costs come from `cost`
/// (``CostModel``'s in the aligner, a hand-made table in the tests).
struct TwoStateLattice {
  /// The cells searched.
  var band: Band
  /// The bead types of the parallel state, as (source, target) spans.
  var spans: [(source: Int, target: Int)]
  /// The cost of the parallel bead of type `typeIndex` ending at (`i`, `j`), `+infinity` when
  /// there is none; only called for beads whose start lies in the band.
  var cost: (_ typeIndex: Int, _ i: Int, _ j: Int) -> Double
  /// The same costs computed once by the caller, by the bead's end cell: `band.index(i, j) ·
  /// spans.count + typeIndex` (``init(band:spans:costs:openCost:sourceStepCost:targetStepCost:)``);
  /// the searches then read them here and never call `cost`.
  var costs: [Double]? = nil
  /// The cost of entering the unrelated state.
  var openCost: Double
  /// The cost of one unlinked source (target) sentence inside the unrelated state.
  var sourceStepCost: Double
  var targetStepCost: Double

  /// The states of a cell.
  enum State: UInt8, Sendable {
    case parallel = 0
    case unrelatedSource = 1
    case unrelatedTarget = 2
  }

  /// One edge of the best path: a bead of the parallel state (`typeIndex`), or one unlinked
  /// sentence of the unrelated state (`typeIndex` nil; `opens` when it enters the state).
  struct Edge: Sendable, Hashable {
    var i0: Int
    var j0: Int
    var i1: Int
    var j1: Int
    var typeIndex: Int?
    var opens: Bool
    var cost: Double
  }

  /// The cheapest path from (0, 0) to (n, m), as edges. Ties go to the parallel state, then to the
  /// bead type listed first.
  func viterbi() -> [Edge] {
    if let costs {
      return costs.withUnsafeBufferPointer { table in
        viterbi(TableCosts(table: table, types: spans.count))
      }
    }
    return viterbi(CalledCosts(call: cost, kept: nil, stride: spans.count))
  }

  /// What forward–backward gives: the expected counts of each kind of edge, each sentence's
  /// probability of being unlinked, and the sums to weigh one parallel bead with.
  struct Flows {
    /// Expected beads of the parallel state that link (both sides non-empty; 0 when
    /// ``TwoStateLattice/forwardBackward(countingLinks:)`` did not count them), and that do not.
    var links = 0.0
    var parallelUnlinked = 0.0
    /// Expected unrelated regions, and unlinked sentences inside them per side.
    var regions = 0.0
    var sourceInRegions = 0.0
    var targetInRegions = 0.0
    /// Per sentence, the probability that it is unlinked: in a parallel bead with an empty side or
    /// in an unrelated region.
    var sourceUnlinked: [Double]
    var targetUnlinked: [Double]
    /// Log of the sum over all paths.
    var logLikelihood = -Double.infinity
    /// Log forward sums over the three states, and log backward sums from the parallel state (set
    /// by forward–backward, `TwoStateLattice+Search.swift`, for ``posterior(_:_:_:_:cost:)``).
    var forwardAll: [Double] = []
    var backwardParallel: [Double] = []
    var band = Band.full(rows: 0, columns: 0)

    /// Expected counts alone (no posterior of a bead), as an M step reads them.
    init(
      links: Double, parallelUnlinked: Double = 0, regions: Double, sourceInRegions: Double,
      targetInRegions: Double, sourceUnlinked: [Double] = [], targetUnlinked: [Double] = []
    ) {
      self.links = links
      self.parallelUnlinked = parallelUnlinked
      self.regions = regions
      self.sourceInRegions = sourceInRegions
      self.targetInRegions = targetInRegions
      self.sourceUnlinked = sourceUnlinked
      self.targetUnlinked = targetUnlinked
    }

    /// The posterior of the parallel bead from (`i0`, `j0`) to (`i1`, `j1`) of cost `cost`: the
    /// probability that a path passes through it.
    func posterior(_ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int, cost: Double) -> Double {
      guard band.contains(i0, j0), band.contains(i1, j1) else { return 0 }
      let share =
        forwardAll[band.index(i0, j0)] - cost + backwardParallel[band.index(i1, j1)] - logLikelihood
      return min(1, max(0, exponential(share)))
    }
  }

  /// Forward–backward over the whole band (costs taken as −log probabilities). Without
  /// `countingLinks`, ``Flows/links`` stays 0: a caller that reads only the unlinked
  /// probabilities and the beads' posteriors (the local lattice's windows) saves an `exp` for every
  /// linking bead at every cell.
  func forwardBackward(countingLinks: Bool = true) -> Flows {
    if let costs {
      return costs.withUnsafeBufferPointer { table in
        forwardBackward(TableCosts(table: table, types: spans.count), countingLinks: countingLinks)
      }
    }
    // Each cost the forward pass asks for, kept for the backward pass.
    var kept = [Double](repeating: .nan, count: band.cellCount * spans.count)
    return kept.withUnsafeMutableBufferPointer { kept in
      forwardBackward(CalledCosts(call: cost, kept: kept, stride: spans.count), countingLinks: countingLinks)
    }
  }
}

extension TwoStateLattice {
  /// Searches of one band that ask ``cost`` for each bead once: `kept` holds `stride` costs a cell
  /// (`band.cellCount · stride`, all NaN at first, for "not asked"; `stride` at least
  /// `spans.count`), and every cost a search asks for is kept there, at `cell · stride +
  /// typeIndex`. A later search of the same band whose lattice has these types first and more
  /// after them (``forwardBackward(countingLinks:keeping:stride:known:)`` with `known` this
  /// lattice's type count, same costs) reads them instead of asking again, and asks for those not
  /// kept; the aligner's lattice pass runs its Viterbi search and two forward–backward passes over
  /// one band this way. The same path and flows as ``viterbi()`` and
  /// ``forwardBackward(countingLinks:)``, bit for bit (`TwoStateLatticeTests`).
  ///
  /// `kept` may hold costs already (``Band/copyShared(_:of:stride:into:)`` from a narrower band
  /// searched before): the first `known` types' are read where found.
  func viterbi(keeping kept: inout [Double], stride: Int, known: Int = 0) -> [Edge] {
    precondition(stride >= spans.count && kept.count == band.cellCount * stride, "a row of costs per cell")
    return kept.withUnsafeMutableBufferPointer { kept in
      viterbi(CalledCosts(call: cost, kept: kept, stride: stride, known: known))
    }
  }

  /// Forward–backward reading the first `known` types' costs from `kept` (an earlier search's)
  /// and asking for the others once, kept there too (``viterbi(keeping:stride:known:)``).
  func forwardBackward(countingLinks: Bool = true, keeping kept: inout [Double], stride: Int, known: Int)
    -> Flows
  {
    precondition(stride >= spans.count && kept.count == band.cellCount * stride, "a row of costs per cell")
    return kept.withUnsafeMutableBufferPointer { kept in
      forwardBackward(
        CalledCosts(call: cost, kept: kept, stride: stride, known: known), countingLinks: countingLinks)
    }
  }
}

extension TwoStateLattice {
  /// A lattice whose parallel beads' costs the caller computed once (``costs``): the local
  /// lattice's windows, where the search and forward–backward read every cost and a call per read
  /// was most of their time.
  init(
    band: Band, spans: [(source: Int, target: Int)], costs: [Double], openCost: Double,
    sourceStepCost: Double, targetStepCost: Double
  ) {
    precondition(costs.count == band.cellCount * spans.count, "a cost for every type at every cell")
    let types = spans.count
    self.init(
      band: band, spans: spans, cost: { costs[band.index($1, $2) * types + $0] }, costs: costs,
      openCost: openCost, sourceStepCost: sourceStepCost, targetStepCost: targetStepCost)
  }
}
