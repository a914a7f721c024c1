import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The forward and backward sums as they were before their loops read the cells through unchecked
/// views (session 16): every index through ``Posterior/Cells/index(_:_:)``, every array checked.
/// Kept here as the reference the unchecked loops must equal bit for bit.
enum CheckedSums {
  static func forward(_ window: Posterior.Window, _ cells: Posterior.Cells, costs: inout [Double])
    -> Posterior.Sums
  {
    let (model, spans, both, scale) = (window.model, window.spans, window.both, window.scale)
    let typeCount = spans.count
    var forward = Posterior.Sums(cells: cells.count, both: both)
    if let origin = cells.index(cells.i0, cells.j0) {
      forward.full[origin] = 0
      if both { forward.search[origin] = 0 }
    }
    for i in cells.i0...cells.i1 {
      guard let columns = cells.columns(i) else { continue }
      for j in columns where i > cells.i0 || j > cells.j0 {
        guard let cell = cells.index(i, j) else { continue }
        var full = Posterior.LogSum()
        var search = Posterior.LogSum()
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let previous = cells.index(i - a, j - b), forward.full[previous] > -.infinity else {
            continue
          }
          let inSearch = both && typeIndex < window.searchTypes
          let searchPrevious = inSearch ? forward.search[previous] : -.infinity
          var bound =
            full.isEmpty ? Double.infinity : (forward.full[previous] - full.lowerBound + 40) / scale
          if searchPrevious > -.infinity {
            bound = max(
              bound, search.isEmpty ? Double.infinity : (searchPrevious - search.lowerBound + 40) / scale)
          }
          let cost =
            model.cost(typeIndex: typeIndex, endingAt: i, j, pairs: window.pairs, bound: bound) * scale
          costs[cell * typeCount + typeIndex] = cost
          if cost == .infinity { continue }
          full.add(forward.full[previous] - cost)
          search.add(searchPrevious - cost)
        }
        forward.full[cell] = full.value
        if both { forward.search[cell] = search.value }
      }
    }
    return forward
  }

  static func backward(
    _ window: Posterior.Window, _ cells: Posterior.Cells, costs: [Double], forward: Posterior.Sums,
    likelihood: Double, inner: (source: Range<Int>, target: Range<Int>), into result: inout Posterior.Part
  ) -> Posterior.Sums {
    let (spans, both) = (window.spans, window.both)
    let typeCount = spans.count
    var backward = Posterior.Sums(cells: cells.count, both: both)
    guard let goal = cells.index(cells.i1, cells.j1) else { return backward }
    backward.full[goal] = 0
    if both { backward.search[goal] = 0 }
    for i in stride(from: cells.i1, through: cells.i0, by: -1) {
      guard let columns = cells.columns(i) else { continue }
      for j in columns.reversed() where i < cells.i1 || j < cells.j1 {
        guard let cell = cells.index(i, j) else { continue }
        var full = Posterior.LogSum()
        var search = Posterior.LogSum()
        for (typeIndex, (a, b)) in spans.enumerated() {
          guard let next = cells.index(i + a, j + b), backward.full[next] > -.infinity else { continue }
          let cost = costs[next * typeCount + typeIndex]
          if cost == .infinity { continue }
          full.add(backward.full[next] - cost)
          if both && typeIndex < window.searchTypes { search.add(backward.search[next] - cost) }
          guard a == 0 || b == 0 else { continue }
          let flow = exponential(forward.full[cell] - cost + backward.full[next] - likelihood)
          if b == 0 {
            for unit in i..<(i + a) where inner.source.contains(unit) {
              result.sourceUnlinked[unit - inner.source.lowerBound] += flow
            }
          } else {
            for unit in j..<(j + b) where inner.target.contains(unit) {
              result.targetUnlinked[unit - inner.target.lowerBound] += flow
            }
          }
        }
        backward.full[cell] = full.value
        if both { backward.search[cell] = search.value }
      }
    }
    return backward
  }
}

/// A posterior window weighed again over more cells (``Posterior/Near``) copies the earlier pass's
/// forward sums and bead costs up to the first row whose cells differ (``Posterior/Window/Forward``),
/// and the forward and backward loops read the cells through unchecked views. These hold both to
/// what they replace bit for bit: every sum, cost and probability the same `Double`, on the IMRF
/// letter against the review, whose windows go back to the band at radius 8.
@Suite("Posterior passes: reused forward sums and unchecked loops give the same bits")
struct PosteriorReuseTests {
  struct Setup {
    var window: Posterior.Window
    var steps: [Step]
    var band: Band
  }

  static func setup(scale: Double = 1) throws -> Setup {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let options = AlignerOptions()
    let model = Aligner(options: options).model(
      Units(letter, useAnchors: true), Units(review, useAnchors: true), options.fallbackParameters)
    let (steps, table) = BandedSearch.coarseToFine(model, options: options)
    let window = Posterior.Window(
      model: model.adding(AlignerOptions.confidenceExtras), searchTypes: model.types.count, pairs: table,
      scale: scale)
    return Setup(window: window, steps: steps, band: table.band)
  }

  /// Whether two passes' results are the same bit for bit (`==` on `Double`s: no NaN arises).
  static func same(
    _ a: (part: Posterior.Part, edgeShare: Double, carrying: [Int], forward: Posterior.Window.Forward),
    _ b: (part: Posterior.Part, edgeShare: Double, carrying: [Int], forward: Posterior.Window.Forward)
  ) -> Bool {
    a.part.beads == b.part.beads && a.part.searchBeads == b.part.searchBeads
      && a.part.sourceUnlinked == b.part.sourceUnlinked && a.part.targetUnlinked == b.part.targetUnlinked
      && a.edgeShare == b.edgeShare && a.carrying == b.carrying && a.forward.sums.full == b.forward.sums.full
      && a.forward.sums.search == b.forward.sums.search
      && Array(a.forward.costs.buffer) == Array(b.forward.costs.buffer)
  }

  /// At temperature 1 (`scale` 1) the earlier pass's costs of the later rows are taken where they
  /// hold; at another only its rows before the first that differs are copied.
  @Test(
    "a pass over more cells from an earlier pass's rows equals the same pass from scratch",
    arguments: [1.0, 0.7])
  func widenedPass(scale: Double) throws {
    let setup = try Self.setup(scale: scale)
    let (window, steps) = (setup.window, setup.steps)
    #expect(steps.count > 100)
    let inner = 0..<steps.count
    let near = Posterior.Near()
    let first = Posterior.Cells(band: setup.band, steps: steps[...], radius: near.radius)
    // A pass takes the earlier one's costs over (it grows and moves them), so each widening starts
    // from a first pass of its own.
    func weighFirst() -> (
      part: Posterior.Part, edgeShare: Double, carrying: [Int], forward: Posterior.Window.Forward
    ) {
      var none: Posterior.Window.Forward?
      return window.posteriors(
        steps: steps, inner: inner, cells: first, edgeLimit: near.edgeLimit, earlier: &none)
    }
    let firstPass = weighFirst()
    // The pair is far from parallel: the cut edge carries paths, as in the windows that go back.
    #expect(firstPass.edgeShare > near.edgeLimit)
    #expect(!firstPass.carrying.isEmpty)
    // Widened as the windows widen (the rows around the carrying edge cells, here near the first
    // corner), around rows of the middle and of the end, and the whole band.
    let middle = (first.i0 + first.i1) / 2
    let widenings: [[ClosedRange<Int>]?] = [
      firstPass.carrying.map { ($0 - near.margin)...($0 + near.margin) }, [middle...(middle + 5)],
      [(first.i1 - 5)...first.i1], nil,
    ]
    var copiedRows: [Int] = []
    for whole in widenings {
      let cells = Posterior.Cells(
        band: setup.band, steps: steps[...], radius: whole == nil ? nil : near.radius, whole: whole ?? [])
      var earlier: Posterior.Window.Forward? = weighFirst().forward
      let reused = window.posteriors(
        steps: steps, inner: inner, cells: cells, edgeLimit: near.edgeLimit, earlier: &earlier)
      #expect(earlier == nil)
      var fresh: Posterior.Window.Forward?
      let scratch = window.posteriors(
        steps: steps, inner: inner, cells: cells, edgeLimit: near.edgeLimit, earlier: &fresh)
      #expect(Self.same(reused, scratch), "widened by \(String(describing: whole))")
      copiedRows.append(cells.firstDifferingRow(first) - cells.i0)
    }
    // The widenings around the middle and the end copied the rows before them; the others differ
    // from the first pass from its first rows on.
    let rows = first.i1 - first.i0 + 1
    #expect(copiedRows[1] >= (rows - 1) / 2 && copiedRows[1] <= (rows - 1) / 2 + 5, "\(copiedRows)")
    #expect(copiedRows[2] >= rows - 6 && copiedRows[2] < rows, "\(copiedRows)")
  }

  @Test("the unchecked forward and backward loops equal the checked ones")
  func uncheckedLoops() throws {
    let setup = try Self.setup()
    let (window, steps) = (setup.window, setup.steps)
    let inner = (steps[0].i0..<steps[steps.count - 1].i1, steps[0].j0..<steps[steps.count - 1].j1)
    for radius in [nil, 8] as [Int?] {
      let cells = Posterior.Cells(band: setup.band, steps: steps[...], radius: radius)
      let goal = cells.index(cells.i1, cells.j1)!
      var costs = [Double](repeating: .infinity, count: cells.count * window.spans.count)
      var checkedCosts = costs
      let forward = window.forwardSums(cells, costs: &costs)
      let checkedForward = CheckedSums.forward(window, cells, costs: &checkedCosts)
      #expect(forward.full == checkedForward.full && forward.search == checkedForward.search)
      #expect(costs == checkedCosts)
      #expect(costs.contains { $0 < .infinity })
      var part = Posterior.Part(inner: 0..<steps.count, source: inner.0, target: inner.1)
      var checkedPart = part
      let backward = window.backwardSums(
        cells, costs: costs, forward: forward, likelihood: forward.full[goal], inner: inner, into: &part)
      let checkedBackward = CheckedSums.backward(
        window, cells, costs: costs, forward: forward, likelihood: forward.full[goal], inner: inner,
        into: &checkedPart)
      #expect(backward.full == checkedBackward.full && backward.search == checkedBackward.search)
      #expect(part.sourceUnlinked == checkedPart.sourceUnlinked)
      #expect(part.targetUnlinked == checkedPart.targetUnlinked)
      #expect(part.sourceUnlinked.contains { $0 > 0.01 })
    }
  }
}
