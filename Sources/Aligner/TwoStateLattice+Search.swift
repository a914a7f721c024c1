/// The searches of ``TwoStateLattice``, generic over where they read a bead's cost
/// (``LatticeCosts``): the closure ``TwoStateLattice/cost`` or a table computed once.
extension TwoStateLattice {

  /// ``viterbi()`` reading the costs from `costs`. The per-state scores and back pointers are flat
  /// arrays read without checks (the band's rows, read by ``Band/withRows(_:)``, bound them).
  func viterbi<Costs: LatticeCosts>(_ costs: Costs) -> [Edge] {
    let n = band.rows
    let cells = band.cellCount
    let (openCost, sourceStepCost, targetStepCost) = (self.openCost, self.sourceStepCost, self.targetStepCost)
    var best = PerState(repeating: Double.infinity, count: cells)
    // Per state: the previous state, and in the parallel state the bead type (type · 4 + state).
    var back = PerState(repeating: -1, count: cells)
    best.parallel[band.index(0, 0)] = 0
    spans.withUnsafeBufferPointer { spans in
      band.withRows { lo, hi, rowStart in
        best.withPointers { best0, best1, best2 in
          back.withPointers { back0, back1, back2 in
            for i in 0...n {
              for j in lo[i]...hi[i] where i > 0 || j > 0 {
                let cell = rowStart[i] + j - lo[i]
                var parallel = Double.infinity
                var parallelBack = -1
                for typeIndex in 0..<spans.count {
                  let span = spans[typeIndex]
                  let pi = i - span.source
                  let pj = j - span.target
                  guard pi >= 0, pj >= lo[pi], pj <= hi[pi] else { continue }
                  let previous = rowStart[pi] + pj - lo[pi]
                  var from = -1
                  var fromCost = Double.infinity
                  if best0[previous] < fromCost {
                    fromCost = best0[previous]
                    from = 0
                  }
                  if best1[previous] < fromCost {
                    fromCost = best1[previous]
                    from = 1
                  }
                  if best2[previous] < fromCost {
                    fromCost = best2[previous]
                    from = 2
                  }
                  guard from >= 0 else { continue }
                  let total = fromCost + costs.cost(typeIndex, i, j, cell: cell)
                  if total < parallel {
                    parallel = total
                    parallelBack = typeIndex * 4 + from
                  }
                }
                best0[cell] = parallel
                back0[cell] = parallelBack
                if i > 0 && j >= lo[i - 1] && j <= hi[i - 1] {
                  let previous = rowStart[i - 1] + j - lo[i - 1]
                  let open = best0[previous] + openCost + sourceStepCost
                  let go = best1[previous] + sourceStepCost
                  (best1[cell], back1[cell]) = open <= go ? (open, 0) : (go, 1)
                  if best1[cell] == .infinity { back1[cell] = -1 }
                }
                if j > lo[i] {
                  let previous = cell - 1
                  let fromParallel = best0[previous] + openCost + targetStepCost
                  let fromSource = best1[previous] + targetStepCost
                  let fromTarget = best2[previous] + targetStepCost
                  var state = 0
                  var least = fromParallel
                  if fromSource < least {
                    state = 1
                    least = fromSource
                  }
                  if fromTarget < least {
                    state = 2
                    least = fromTarget
                  }
                  best2[cell] = least
                  back2[cell] = least == .infinity ? -1 : state
                }
              }
            }
          }
        }
      }
    }
    // Back from (n, m) in its cheapest state.
    let goal = band.index(n, band.hi[n])
    let goals = [best.parallel[goal], best.source[goal], best.target[goal]]
    var state = 0
    for other in 1..<3 where goals[other] < goals[state] { state = other }
    guard goals[state] < .infinity else { return [] }
    var edges: [Edge] = []
    var i = n
    var j = band.hi[n]
    while i > 0 || j > 0 {
      let cell = band.index(i, j)
      let pointer = state == 0 ? back.parallel[cell] : state == 1 ? back.source[cell] : back.target[cell]
      guard pointer >= 0 else { break }
      switch state {
      case 0:
        let typeIndex = pointer / 4
        let span = spans[typeIndex]
        edges.append(
          Edge(
            i0: i - span.source, j0: j - span.target, i1: i, j1: j, typeIndex: typeIndex, opens: false,
            cost: costs.cost(typeIndex, i, j, cell: cell)))
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

  /// ``forwardBackward()`` reading the costs from `costs`, over flat per-state arrays read without
  /// checks. The backward pass reads a bead's cost back only from a cell the forward pass reached
  /// (where it asked for it): from any other cell every path has probability 0.
  func forwardBackward<Costs: LatticeCosts>(_ costs: Costs, countingLinks: Bool) -> Flows {
    let n = band.rows
    let m = band.hi[n]
    let cells = band.cellCount
    let (openCost, sourceStepCost, targetStepCost) = (self.openCost, self.sourceStepCost, self.targetStepCost)
    var forward = PerState(repeating: -Double.infinity, count: cells)
    var all = [Double](repeating: -.infinity, count: cells)
    forward.parallel[band.index(0, 0)] = 0
    all[band.index(0, 0)] = 0
    spans.withUnsafeBufferPointer { spans in
      band.withRows { lo, hi, rowStart in
        forward.withPointers { forward0, forward1, forward2 in
          all.withUnsafeMutableBufferPointer { all in
            for i in 0...n {
              for j in lo[i]...hi[i] where i > 0 || j > 0 {
                let cell = rowStart[i] + j - lo[i]
                var parallel = Posterior.LogSum()
                for typeIndex in 0..<spans.count {
                  let span = spans[typeIndex]
                  let pi = i - span.source
                  let pj = j - span.target
                  guard pi >= 0, pj >= lo[pi], pj <= hi[pi] else { continue }
                  let previous = all[rowStart[pi] + pj - lo[pi]]
                  guard previous > -.infinity else { continue }
                  parallel.add(previous - costs.cost(typeIndex, i, j, cell: cell))
                }
                forward0[cell] = parallel.value
                if i > 0 && j >= lo[i - 1] && j <= hi[i - 1] {
                  let previous = rowStart[i - 1] + j - lo[i - 1]
                  var sum = Posterior.LogSum()
                  sum.add(forward0[previous] - openCost - sourceStepCost)
                  sum.add(forward1[previous] - sourceStepCost)
                  forward1[cell] = sum.value
                }
                if j > lo[i] {
                  let previous = cell - 1
                  var sum = Posterior.LogSum()
                  sum.add(forward0[previous] - openCost - targetStepCost)
                  sum.add(forward1[previous] - targetStepCost)
                  sum.add(forward2[previous] - targetStepCost)
                  forward2[cell] = sum.value
                }
                var total = Posterior.LogSum()
                total.add(forward0[cell])
                total.add(forward1[cell])
                total.add(forward2[cell])
                all[cell] = total.value
              }
            }
          }
        }
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
    var backward = PerState(repeating: -Double.infinity, count: cells)
    backward.parallel[goal] = 0
    backward.source[goal] = 0
    backward.target[goal] = 0
    var (links, parallelUnlinked, regions) = (0.0, 0.0, 0.0)
    var (sourceInRegions, targetInRegions) = (0.0, 0.0)
    var sourceUnlinked = [Double](repeating: 0, count: n)
    var targetUnlinked = [Double](repeating: 0, count: m)
    spans.withUnsafeBufferPointer { spans in
      band.withRows { lo, hi, rowStart in
        forward.withPointers { forward0, forward1, forward2 in
          all.withUnsafeBufferPointer { all in
            backward.withPointers { backward0, backward1, backward2 in
              sourceUnlinked.withUnsafeMutableBufferPointer { sourceUnlinked in
                targetUnlinked.withUnsafeMutableBufferPointer { targetUnlinked in
                  for i in stride(from: n, through: 0, by: -1) {
                    for j in stride(from: hi[i], through: lo[i], by: -1) where i < n || j < m {
                      let cell = rowStart[i] + j - lo[i]
                      // Into the parallel state, from any state: the same sum for all three.
                      var parallel = Posterior.LogSum()
                      if all[cell] > -.infinity {
                        for typeIndex in 0..<spans.count {
                          let span = spans[typeIndex]
                          let ni = i + span.source
                          let nj = j + span.target
                          guard ni <= n, nj >= lo[ni], nj <= hi[ni] else { continue }
                          let next = rowStart[ni] + nj - lo[ni]
                          let beadCost = costs.again(typeIndex, cell: next)
                          guard beadCost < .infinity, backward0[next] > -.infinity else { continue }
                          parallel.add(backward0[next] - beadCost)
                          let linking = span.source > 0 && span.target > 0
                          if linking && !countingLinks { continue }
                          let flow = exponential(all[cell] - beadCost + backward0[next] - likelihood)
                          if linking {
                            links += flow
                            continue
                          }
                          parallelUnlinked += flow
                          for unit in i..<ni { sourceUnlinked[unit] += flow }
                          for unit in j..<nj { targetUnlinked[unit] += flow }
                        }
                      }
                      let toParallel = parallel.value
                      // Into the source phase (from P: opening; from S: going on).
                      var sourceNext = -Double.infinity
                      if i < n && j >= lo[i + 1] && j <= hi[i + 1] {
                        sourceNext = backward1[rowStart[i + 1] + j - lo[i + 1]]
                      }
                      var targetNext = -Double.infinity
                      if j < hi[i] { targetNext = backward2[cell + 1] }
                      var fromParallel = Posterior.LogSum()
                      fromParallel.add(toParallel)
                      fromParallel.add(sourceNext - openCost - sourceStepCost)
                      fromParallel.add(targetNext - openCost - targetStepCost)
                      backward0[cell] = fromParallel.value
                      var fromSource = Posterior.LogSum()
                      fromSource.add(toParallel)
                      fromSource.add(sourceNext - sourceStepCost)
                      fromSource.add(targetNext - targetStepCost)
                      backward1[cell] = fromSource.value
                      var fromTarget = Posterior.LogSum()
                      fromTarget.add(toParallel)
                      fromTarget.add(targetNext - targetStepCost)
                      backward2[cell] = fromTarget.value
                      // The unrelated state's edges out of this cell.
                      if sourceNext > -.infinity {
                        let opening = exponential(
                          forward0[cell] - openCost - sourceStepCost + sourceNext - likelihood)
                        let going = exponential(
                          forward1[cell] - sourceStepCost + sourceNext - likelihood)
                        regions += opening
                        sourceInRegions += opening + going
                        sourceUnlinked[i] += opening + going
                      }
                      if targetNext > -.infinity {
                        let opening = exponential(
                          forward0[cell] - openCost - targetStepCost + targetNext - likelihood)
                        let going = exponential(
                          Posterior.LogSum.of(forward1[cell], forward2[cell]) - targetStepCost
                            + targetNext - likelihood)
                        regions += opening
                        targetInRegions += opening + going
                        targetUnlinked[j] += opening + going
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    flows.links = links
    flows.parallelUnlinked = parallelUnlinked
    flows.regions = regions
    flows.sourceInRegions = sourceInRegions
    flows.targetInRegions = targetInRegions
    flows.sourceUnlinked = sourceUnlinked.map { min(1, $0) }
    flows.targetUnlinked = targetUnlinked.map { min(1, $0) }
    flows.backwardParallel = backward.parallel
    return flows
  }
}

/// Where the lattice's inner loops read a parallel bead's cost (by its type and end cell).
protocol LatticeCosts {
  /// The cost of the bead of type `typeIndex` ending at (`i`, `j`), the band's `cell`.
  func cost(_ typeIndex: Int, _ i: Int, _ j: Int, cell: Int) -> Double
  /// The cost ``cost(_:_:_:cell:)`` gave for this bead, read again.
  func again(_ typeIndex: Int, cell: Int) -> Double
}

/// Costs from ``TwoStateLattice/cost``, each one kept in `kept` (when there is one) as it is asked
/// for, at `cell · stride + typeIndex`; `kept` starts as NaN (not asked), and a bead never asked for
/// reads `+infinity` again. The first `known` types' costs may be in `kept` already (asked by an
/// earlier search of the same band whose lattice had those types first:
/// ``TwoStateLattice/viterbi(keeping:stride:known:)``): one found there is read, one not found is asked.
struct CalledCosts: LatticeCosts {
  let call: (Int, Int, Int) -> Double
  let kept: UnsafeMutableBufferPointer<Double>?
  let stride: Int
  var known = 0

  @inline(__always)
  func cost(_ typeIndex: Int, _ i: Int, _ j: Int, cell: Int) -> Double {
    let index = cell &* stride &+ typeIndex
    if typeIndex < known, let kept, !kept[index].isNaN { return kept[index] }
    let value = call(typeIndex, i, j)
    kept?[index] = value
    return value
  }

  @inline(__always)
  func again(_ typeIndex: Int, cell: Int) -> Double {
    guard let value = kept?[cell &* stride &+ typeIndex], !value.isNaN else { return .infinity }
    return value
  }
}

/// Costs from ``TwoStateLattice/costs``, read without checks.
struct TableCosts: LatticeCosts {
  let table: UnsafeBufferPointer<Double>
  let types: Int

  @inline(__always)
  func cost(_ typeIndex: Int, _ i: Int, _ j: Int, cell: Int) -> Double {
    table[cell &* types &+ typeIndex]
  }

  @inline(__always)
  func again(_ typeIndex: Int, cell: Int) -> Double { table[cell &* types &+ typeIndex] }
}

extension Posterior.LogSum {
  /// The log of the sum of the exponentials of `first` and `second` (two terms, no variadic
  /// array: it runs at every cell of forward–backward).
  @inline(__always)
  static func of(_ first: Double, _ second: Double) -> Double {
    var sum = Posterior.LogSum()
    sum.add(first)
    sum.add(second)
    return sum.value
  }
}

/// One array per state of the lattice (parallel, in the source's unrelated phase, in the target's),
/// each a value per band cell, for the searches' inner loops to read and write through unchecked
/// pointers.
struct PerState<Element> {
  var parallel: [Element]
  var source: [Element]
  var target: [Element]

  init(repeating value: Element, count: Int) {
    parallel = [Element](repeating: value, count: count)
    source = parallel
    target = parallel
  }

  /// `body` with the three arrays' buffers, in the states' order.
  @inline(__always)
  mutating func withPointers<Result>(
    _ body: (
      UnsafeMutableBufferPointer<Element>, UnsafeMutableBufferPointer<Element>,
      UnsafeMutableBufferPointer<Element>
    ) throws -> Result
  ) rethrows -> Result {
    try parallel.withUnsafeMutableBufferPointer { parallel in
      try source.withUnsafeMutableBufferPointer { source in
        try target.withUnsafeMutableBufferPointer { target in try body(parallel, source, target) }
      }
    }
  }
}
