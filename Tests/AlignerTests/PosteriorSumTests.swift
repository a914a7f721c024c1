import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The forward and backward sums as they were before they took one log-sum-exp per cell: a pairwise
/// log-add (`NormalDistribution.logAdd`) per term, the backward pass scattering into predecessors.
/// Kept here as the reference the faster sums are held to.
enum PairwiseSums {
  static func forward(_ window: Posterior.Window, _ cells: Posterior.Cells, costs: inout [Double])
    -> Posterior.Sums
  {
    let (model, spans, both, scale) = (window.model, window.spans, window.both, window.scale)
    var forward = Posterior.Sums(cells: cells.count, both: both)
    if let origin = cells.index(cells.i0, cells.j0) {
      forward.full[origin] = 0
      if both { forward.search[origin] = 0 }
    }
    for i in cells.i0...cells.i1 {
      guard let columns = cells.columns(i) else { continue }
      for j in columns where i > cells.i0 || j > cells.j0 {
        guard let cell = cells.index(i, j) else { continue }
        var fullTotal = -Double.infinity
        var searchTotal = -Double.infinity
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let previous = cells.index(i - a, j - b), forward.full[previous] > -.infinity else {
            continue
          }
          let inSearch = both && typeIndex < window.searchTypes
          let searchPrevious = inSearch ? forward.search[previous] : -.infinity
          var bound =
            fullTotal == -.infinity ? Double.infinity : (forward.full[previous] - fullTotal + 40) / scale
          if searchPrevious > -.infinity {
            bound = max(
              bound, searchTotal == -.infinity ? Double.infinity : (searchPrevious - searchTotal + 40) / scale
            )
          }
          let cost =
            model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: window.pairs, bound: bound) * scale
          costs[cell * spans.count + typeIndex] = cost
          if cost == .infinity { continue }
          fullTotal = NormalDistribution.logAdd(fullTotal, forward.full[previous] - cost)
          if searchPrevious > -.infinity {
            searchTotal = NormalDistribution.logAdd(searchTotal, searchPrevious - cost)
          }
        }
        forward.full[cell] = fullTotal
        if both { forward.search[cell] = searchTotal }
      }
    }
    return forward
  }

  static func backward(
    _ window: Posterior.Window, _ cells: Posterior.Cells, costs: [Double], forward: Posterior.Sums,
    likelihood: Double, inner: (source: Range<Int>, target: Range<Int>), into result: inout Posterior.Part
  ) -> Posterior.Sums {
    let (spans, both) = (window.spans, window.both)
    var backward = Posterior.Sums(cells: cells.count, both: both)
    guard let goal = cells.index(cells.i1, cells.j1) else { return backward }
    backward.full[goal] = 0
    if both { backward.search[goal] = 0 }
    for i in stride(from: cells.i1, through: cells.i0, by: -1) {
      guard let columns = cells.columns(i) else { continue }
      for j in columns.reversed() {
        guard let cell = cells.index(i, j), backward.full[cell] > -.infinity else { continue }
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let previous = cells.index(i - a, j - b) else { continue }
          let cost = costs[cell * spans.count + typeIndex]
          if cost == .infinity { continue }
          backward.full[previous] = NormalDistribution.logAdd(
            backward.full[previous], backward.full[cell] - cost)
          if both && typeIndex < window.searchTypes && backward.search[cell] > -.infinity {
            backward.search[previous] = NormalDistribution.logAdd(
              backward.search[previous], backward.search[cell] - cost)
          }
          guard a == 0 || b == 0 else { continue }
          let flow = exp(forward.full[previous] - cost + backward.full[cell] - likelihood)
          if b == 0 {
            for unit in (i - a)..<i where inner.source.contains(unit) {
              result.sourceUnlinked[unit - inner.source.lowerBound] += flow
            }
          } else {
            for unit in (j - b)..<j where inner.target.contains(unit) {
              result.targetUnlinked[unit - inner.target.lowerBound] += flow
            }
          }
        }
      }
    }
    return backward
  }
}

/// The log sums are rounded differently (one `log` of a scaled sum per cell instead of a chain of
/// `log1p`), so they cannot agree bit for bit. Each cell's rounding is a fraction of a unit in the
/// last place of its terms, whose magnitude reaches `M`, the window's largest |log sum| (about 800
/// for the letter, 2 600 for the 440 beads of Text+Berg, some thousands for a window of 1 024
/// beads), and it accumulates along the path: measured, the log sums differ by at most 4e-15 `M`
/// (23 units in the last place of `M`), the probabilities by a relative 2e-12 (5 units: a
/// posterior is `exp` of a difference of log sums, so an absolute error there is a relative error
/// in the probability). The tolerances, 1e-13 `M` and a relative 1e-11, leave room for windows of
/// some thousand beads and still catch any real change (a lost or doubled term moves a sum by
/// far more); 1e-11 cannot move a printed (three-decimal) confidence unless it lies that close to
/// a rounding boundary.
@Suite("Posterior sums: one log-sum-exp per cell agrees with the pairwise log-add")
struct PosteriorSumTests {
  static let sumTolerance = 1e-13
  static let probabilityTolerance = 1e-11

  /// The largest difference between two arrays of log sums over `unit`; infinity when one is
  /// −infinity where the other is not.
  static func largestDifference(_ new: [Double], _ old: [Double], unit: Double) -> Double {
    zip(new, old).map { a, b in
      a == -.infinity || b == -.infinity ? (a == b ? 0 : .infinity) : abs(a - b) / unit
    }.max() ?? 0
  }

  /// What comparing the new sums of one window over the whole best path with the pairwise ones gives.
  struct Comparison {
    /// The largest |log sum| of the window (`M`).
    var magnitude: Double
    /// The largest difference of a log sum (forward, backward, each with and without the extra
    /// types), over `magnitude`.
    var sums: Double
    /// The largest relative difference of a probability (each step's two posteriors, each unit's
    /// unlinked probability).
    var probabilities: Double
    var steps: Int
    /// Probabilities between 0.01 and 0.99: the comparison covers uncertain ones too.
    var uncertain: Int
  }

  static func compare(_ source: [AlignerSentence], _ target: [AlignerSentence]) -> Comparison {
    let options = AlignerOptions()
    let model = Aligner(options: options).model(
      Units(source, useAnchors: true), Units(target, useAnchors: true), options.fallbackParameters)
    let (steps, table) = BandedSearch.coarseToFine(model, options: options)
    let window = Posterior.Window(
      model: model.adding(AlignerOptions.confidenceExtras), searchTypes: model.types.count, pairs: table,
      scale: 1)
    let cells = Posterior.Cells(band: table.band, from: steps[0], to: steps[steps.count - 1])
    let inner = (steps[0].i0..<steps[steps.count - 1].i1, steps[0].j0..<steps[steps.count - 1].j1)
    let goal = cells.index(cells.i1, cells.j1)!

    // The new sums, and the pairwise ones with their own costs. Their e^-40 skips of the length
    // cost differ a little, and a skipped edge is missing from the backward sum of the cell it
    // leaves: negligible for every path through that cell, but not for the backward sum of a cell
    // that hardly any path reaches. So the backward sums are compared with the pairwise ones on
    // the same costs (the same edges); the probabilities with the pairwise ones on their own.
    var costs = [Double](repeating: .infinity, count: cells.count * window.spans.count)
    var oldCosts = costs
    var newPart = Posterior.Part(inner: 0..<steps.count, source: inner.0, target: inner.1)
    var oldPart = newPart
    var sameCostsPart = newPart
    let newForward = window.forwardSums(cells, costs: &costs)
    let oldForward = PairwiseSums.forward(window, cells, costs: &oldCosts)
    let newBackward = window.backwardSums(
      cells, costs: costs, forward: newForward, likelihood: newForward.full[goal], inner: inner,
      into: &newPart)
    let oldBackward = PairwiseSums.backward(
      window, cells, costs: oldCosts, forward: oldForward, likelihood: oldForward.full[goal], inner: inner,
      into: &oldPart)
    let sameCostsBackward = PairwiseSums.backward(
      window, cells, costs: costs, forward: newForward, likelihood: newForward.full[goal], inner: inner,
      into: &sameCostsPart)

    let pairs = [
      (newForward.full, oldForward.full), (newForward.search, oldForward.search),
      (newBackward.full, sameCostsBackward.full), (newBackward.search, sameCostsBackward.search),
    ]
    let magnitude = pairs.flatMap { $0.1 }.filter(\.isFinite).map(abs).max() ?? 0
    let sums = pairs.map { largestDifference($0.0, $0.1, unit: magnitude) }.max() ?? 0

    func probabilities(_ forward: Posterior.Sums, _ backward: Posterior.Sums, _ part: Posterior.Part)
      -> [Double]
    {
      steps.flatMap { step -> [Double] in
        let from = cells.index(step.i0, step.j0)!
        let to = cells.index(step.i1, step.j1)!
        return [
          exp(forward.full[from] - step.cost + backward.full[to] - forward.full[goal]),
          exp(forward.search[from] - step.cost + backward.search[to] - forward.search[goal]),
        ]
      } + part.sourceUnlinked + part.targetUnlinked
    }
    let old = probabilities(oldForward, oldBackward, oldPart)
    let relative = zip(probabilities(newForward, newBackward, newPart), old).map { new, old in
      abs(new - old) / max(old, .leastNormalMagnitude)
    }
    return Comparison(
      magnitude: magnitude, sums: sums, probabilities: relative.max() ?? 0, steps: steps.count,
      uncertain: old.filter { $0 > 0.01 && $0 < 0.99 }.count)
  }

  static func check(_ comparison: Comparison, steps: Int) {
    #expect(comparison.steps > steps)
    #expect(comparison.uncertain > 20)
    #expect(comparison.magnitude > 100)
    #expect(
      comparison.sums <= sumTolerance, "log sums differ by \(comparison.sums) of \(comparison.magnitude)")
    #expect(
      comparison.probabilities <= probabilityTolerance,
      "probabilities differ by a relative \(comparison.probabilities)")
  }

  @Test("the IMRF letter against the review (related, far from parallel)")
  func letterAgainstReview() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let comparison = Self.compare(letter, review)
    Self.check(comparison, steps: 100)
  }

  @Test(
    "the Text+Berg development pair (468 × 554 sentences, one window)",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBerg() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let comparison = Self.compare(source, target)
    Self.check(comparison, steps: 400)
  }
}
