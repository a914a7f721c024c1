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
    let n = band.rows
    let cells = band.cellCount
    var best = [[Double]](repeating: [Double](repeating: .infinity, count: cells), count: 3)
    // Per state: the previous state, and in the parallel state the bead type (type · 4 + state).
    var back = [[Int]](repeating: [Int](repeating: -1, count: cells), count: 3)
    best[0][band.index(0, 0)] = 0
    for i in 0...n {
      for j in band.lo[i]...band.hi[i] where i > 0 || j > 0 {
        let cell = band.index(i, j)
        var parallel = Double.infinity
        var parallelBack = -1
        for (typeIndex, span) in spans.enumerated() {
          let pi = i - span.source
          let pj = j - span.target
          guard pi >= 0, pj >= 0, band.contains(pi, pj) else { continue }
          let previous = band.index(pi, pj)
          var from = -1
          var fromCost = Double.infinity
          for state in 0..<3 where best[state][previous] < fromCost {
            fromCost = best[state][previous]
            from = state
          }
          guard from >= 0 else { continue }
          let total = fromCost + cost(typeIndex, i, j)
          if total < parallel {
            parallel = total
            parallelBack = typeIndex * 4 + from
          }
        }
        best[0][cell] = parallel
        back[0][cell] = parallelBack
        if i > 0 && band.contains(i - 1, j) {
          let previous = band.index(i - 1, j)
          let open = best[0][previous] + openCost + sourceStepCost
          let go = best[1][previous] + sourceStepCost
          (best[1][cell], back[1][cell]) = open <= go ? (open, 0) : (go, 1)
          if best[1][cell] == .infinity { back[1][cell] = -1 }
        }
        if j > 0 && band.contains(i, j - 1) {
          let previous = band.index(i, j - 1)
          let candidates = [
            best[0][previous] + openCost + targetStepCost, best[1][previous] + targetStepCost,
            best[2][previous] + targetStepCost,
          ]
          var state = 0
          for other in 1..<3 where candidates[other] < candidates[state] { state = other }
          best[2][cell] = candidates[state]
          back[2][cell] = candidates[state] == .infinity ? -1 : state
        }
      }
    }
    // Back from (n, m) in its cheapest state.
    let goal = band.index(n, band.hi[n])
    var state = 0
    for other in 1..<3 where best[other][goal] < best[state][goal] { state = other }
    guard best[state][goal] < .infinity else { return [] }
    var edges: [Edge] = []
    var i = n
    var j = band.hi[n]
    while i > 0 || j > 0 {
      let cell = band.index(i, j)
      let pointer = back[state][cell]
      guard pointer >= 0 else { break }
      switch state {
      case 0:
        let typeIndex = pointer / 4
        let span = spans[typeIndex]
        edges.append(
          Edge(
            i0: i - span.source, j0: j - span.target, i1: i, j1: j, typeIndex: typeIndex, opens: false,
            cost: cost(typeIndex, i, j)))
        (i, j, state) = (i - span.source, j - span.target, pointer % 4)
      case 1:
        edges.append(
          Edge(
            i0: i - 1, j0: j, i1: i, j1: j, typeIndex: nil, opens: pointer == 0,
            cost: sourceStepCost + (pointer == 0 ? openCost : 0)))
        (i, state) = (i - 1, pointer)
      default:
        edges.append(
          Edge(
            i0: i, j0: j - 1, i1: i, j1: j, typeIndex: nil, opens: pointer == 0,
            cost: targetStepCost + (pointer == 0 ? openCost : 0)))
        (j, state) = (j - 1, pointer)
      }
    }
    return edges.reversed()
  }

  /// What forward–backward gives: the expected counts of each kind of edge, each sentence's
  /// probability of being unlinked, and the sums to weigh one parallel bead with.
  struct Flows {
    /// Expected beads of the parallel state that link (both sides non-empty), and that do not.
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
    /// Log forward sums over the three states, and log backward sums from the parallel state.
    fileprivate var forwardAll: [Double] = []
    fileprivate var backwardParallel: [Double] = []
    fileprivate var band = Band.full(rows: 0, columns: 0)

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

  /// Forward–backward over the whole band (costs taken as −log probabilities).
  func forwardBackward() -> Flows {
    let n = band.rows
    let m = band.hi[n]
    let cells = band.cellCount
    let typeCount = spans.count
    var costs = [Double](repeating: .infinity, count: cells * typeCount)
    var forward = [[Double]](repeating: [Double](repeating: -.infinity, count: cells), count: 3)
    var all = [Double](repeating: -.infinity, count: cells)
    forward[0][band.index(0, 0)] = 0
    all[band.index(0, 0)] = 0
    for i in 0...n {
      for j in band.lo[i]...band.hi[i] where i > 0 || j > 0 {
        let cell = band.index(i, j)
        var parallel = Posterior.LogSum()
        for (typeIndex, span) in spans.enumerated() {
          let pi = i - span.source
          let pj = j - span.target
          guard pi >= 0, pj >= 0, band.contains(pi, pj) else { continue }
          let previous = all[band.index(pi, pj)]
          guard previous > -.infinity else { continue }
          let beadCost = cost(typeIndex, i, j)
          costs[cell * typeCount + typeIndex] = beadCost
          parallel.add(previous - beadCost)
        }
        forward[0][cell] = parallel.value
        if i > 0 && band.contains(i - 1, j) {
          let previous = band.index(i - 1, j)
          var sum = Posterior.LogSum()
          sum.add(forward[0][previous] - openCost - sourceStepCost)
          sum.add(forward[1][previous] - sourceStepCost)
          forward[1][cell] = sum.value
        }
        if j > 0 && band.contains(i, j - 1) {
          let previous = band.index(i, j - 1)
          var sum = Posterior.LogSum()
          sum.add(forward[0][previous] - openCost - targetStepCost)
          sum.add(forward[1][previous] - targetStepCost)
          sum.add(forward[2][previous] - targetStepCost)
          forward[2][cell] = sum.value
        }
        var total = Posterior.LogSum()
        for state in 0..<3 { total.add(forward[state][cell]) }
        all[cell] = total.value
      }
    }
    let goal = band.index(n, m)
    var flows = Flows(
      links: 0, regions: 0, sourceInRegions: 0, targetInRegions: 0,
      sourceUnlinked: [Double](repeating: 0, count: n), targetUnlinked: [Double](repeating: 0, count: m))
    flows.logLikelihood = all[goal]
    flows.forwardAll = all
    flows.band = band
    guard all[goal] > -.infinity else {
      flows.backwardParallel = [Double](repeating: -.infinity, count: cells)
      return flows
    }
    let likelihood = all[goal]
    var backward = [[Double]](repeating: [Double](repeating: -.infinity, count: cells), count: 3)
    for state in 0..<3 { backward[state][goal] = 0 }
    for i in stride(from: n, through: 0, by: -1) {
      for j in stride(from: band.hi[i], through: band.lo[i], by: -1) where i < n || j < m {
        let cell = band.index(i, j)
        // Into the parallel state, from any state: the same sum for all three.
        var parallel = Posterior.LogSum()
        for (typeIndex, span) in spans.enumerated() {
          let ni = i + span.source
          let nj = j + span.target
          guard ni <= n, band.contains(ni, nj) else { continue }
          let next = band.index(ni, nj)
          let beadCost = costs[next * typeCount + typeIndex]
          guard beadCost < .infinity, backward[0][next] > -.infinity else { continue }
          parallel.add(backward[0][next] - beadCost)
          let flow = exponential(all[cell] - beadCost + backward[0][next] - likelihood)
          if span.source > 0 && span.target > 0 {
            flows.links += flow
            continue
          }
          flows.parallelUnlinked += flow
          for unit in i..<ni { flows.sourceUnlinked[unit] += flow }
          for unit in j..<nj { flows.targetUnlinked[unit] += flow }
        }
        let toParallel = parallel.value
        // Into the source phase (from P: opening; from S: going on).
        var sourceNext = -Double.infinity
        if i < n && band.contains(i + 1, j) { sourceNext = backward[1][band.index(i + 1, j)] }
        var targetNext = -Double.infinity
        if j < m && band.contains(i, j + 1) { targetNext = backward[2][band.index(i, j + 1)] }
        var fromParallel = Posterior.LogSum()
        fromParallel.add(toParallel)
        fromParallel.add(sourceNext - openCost - sourceStepCost)
        fromParallel.add(targetNext - openCost - targetStepCost)
        backward[0][cell] = fromParallel.value
        var fromSource = Posterior.LogSum()
        fromSource.add(toParallel)
        fromSource.add(sourceNext - sourceStepCost)
        fromSource.add(targetNext - targetStepCost)
        backward[1][cell] = fromSource.value
        var fromTarget = Posterior.LogSum()
        fromTarget.add(toParallel)
        fromTarget.add(targetNext - targetStepCost)
        backward[2][cell] = fromTarget.value
        // The unrelated state's edges out of this cell.
        if sourceNext > -.infinity {
          let opening = exponential(forward[0][cell] - openCost - sourceStepCost + sourceNext - likelihood)
          let going = exponential(forward[1][cell] - sourceStepCost + sourceNext - likelihood)
          flows.regions += opening
          flows.sourceInRegions += opening + going
          flows.sourceUnlinked[i] += opening + going
        }
        if targetNext > -.infinity {
          let opening = exponential(forward[0][cell] - openCost - targetStepCost + targetNext - likelihood)
          let going = exponential(
            Posterior.LogSum.of(forward[1][cell], forward[2][cell]) - targetStepCost + targetNext - likelihood
          )
          flows.regions += opening
          flows.targetInRegions += opening + going
          flows.targetUnlinked[j] += opening + going
        }
      }
    }
    for unit in flows.sourceUnlinked.indices {
      flows.sourceUnlinked[unit] = min(1, flows.sourceUnlinked[unit])
    }
    for unit in flows.targetUnlinked.indices {
      flows.targetUnlinked[unit] = min(1, flows.targetUnlinked[unit])
    }
    flows.backwardParallel = backward[0]
    return flows
  }
}

extension Posterior.LogSum {
  /// The log of the sum of the exponentials of `terms`.
  static func of(_ terms: Double...) -> Double {
    var sum = Posterior.LogSum()
    for term in terms { sum.add(term) }
    return sum.value
  }
}
