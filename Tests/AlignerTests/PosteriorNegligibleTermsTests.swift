import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The log-sum-exp as it was before it left out the `exp` of negligible terms (session 21): one
/// `exp` a term but the first. Kept here as the reference ``Posterior/LogSum`` is held to.
struct EveryExpSum {
  var largest = -Double.infinity
  var scaled = 0.0

  mutating func add(_ term: Double) {
    if term > largest {
      scaled = largest == -.infinity ? 1 : scaled * exp(largest - term) + 1
      largest = term
    } else if term > -.infinity {
      scaled += exp(term - largest)
    }
  }

  var value: Double { largest == -.infinity ? -.infinity : largest + log(scaled) }

  /// Whether ``Posterior/LogSum`` leaves out this term's `exp`.
  func leavesOut(_ term: Double) -> Bool {
    guard largest > -.infinity, term > -.infinity else { return false }
    return term > largest ? largest - term < -40 && scaled < 16 : term - largest < Posterior.LogSum.negligible
  }
}

/// ``Posterior/LogSum`` does not take the `exp` of a term that cannot change the scaled sum (below
/// e^-37.5 of the largest term, or a new largest more than 40 above a scaled sum below 16). These
/// hold it to the sum that takes every `exp`, bit for bit: on every cell's terms of a real window's
/// forward and backward sums, in the loops' order, and on random terms around the thresholds.
@Suite("Log sums: leaving out the exp of negligible terms changes no bit")
struct PosteriorNegligibleTermsTests {
  struct Counts {
    var sums = 0
    var terms = 0
    var leftOut = 0
    /// Sums whose state differs from the reference's, or whose value differs from what the window's
    /// loops stored.
    var differing = 0
  }

  /// Each cell's forward and backward terms (both lattices) of one window over the whole path, fed
  /// to both sums; each value is also compared with the sum the window's loops stored.
  static func compare(_ source: [AlignerSentence], _ target: [AlignerSentence]) -> Counts {
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
    var costs = [Double](repeating: .infinity, count: cells.count * window.spans.count)
    var part = Posterior.Part(inner: 0..<steps.count, source: inner.0, target: inner.1)
    let forward = window.forwardSums(cells, costs: &costs)
    let backward = window.backwardSums(
      cells, costs: costs, forward: forward, likelihood: forward.full[goal], inner: inner, into: &part)
    let typeCount = window.spans.count

    var counts = Counts()
    func feed(_ terms: [Double], stored: Double) {
      var sum = Posterior.LogSum()
      var reference = EveryExpSum()
      for term in terms where term > -.infinity {
        counts.terms += 1
        if reference.leavesOut(term) { counts.leftOut += 1 }
        sum.add(term)
        reference.add(term)
      }
      counts.sums += 1
      let state = sum.state
      if state.largest.bitPattern != reference.largest.bitPattern
        || state.scaled.bitPattern != reference.scaled.bitPattern
        || reference.value.bitPattern != stored.bitPattern
      {
        counts.differing += 1
      }
    }
    for i in cells.i0...cells.i1 {
      guard let columns = cells.columns(i) else { continue }
      for j in columns {
        let cell = cells.index(i, j)!
        var forwardFull: [Double] = []
        var forwardSearch: [Double] = []
        var backwardFull: [Double] = []
        var backwardSearch: [Double] = []
        for (typeIndex, (a, b)) in window.spans.enumerated() {
          let inSearch = typeIndex < window.searchTypes
          if let previous = cells.index(i - a, j - b), forward.full[previous] > -.infinity {
            let cost = costs[cell * typeCount + typeIndex]
            if cost < .infinity {
              forwardFull.append(forward.full[previous] - cost)
              forwardSearch.append(inSearch ? forward.search[previous] - cost : -.infinity)
            }
          }
          if let next = cells.index(i + a, j + b), backward.full[next] > -.infinity {
            let cost = costs[next * typeCount + typeIndex]
            if cost < .infinity {
              backwardFull.append(backward.full[next] - cost)
              if inSearch { backwardSearch.append(backward.search[next] - cost) }
            }
          }
        }
        if i > cells.i0 || j > cells.j0 {
          feed(forwardFull, stored: forward.full[cell])
          feed(forwardSearch, stored: forward.search[cell])
        }
        if i < cells.i1 || j < cells.j1 {
          feed(backwardFull, stored: backward.full[cell])
          feed(backwardSearch, stored: backward.search[cell])
        }
      }
    }
    return counts
  }

  static func check(_ counts: Counts, cells: Int) {
    #expect(counts.sums > 4 * cells)
    #expect(counts.leftOut > counts.terms / 20, "\(counts.leftOut) of \(counts.terms) terms left out")
    #expect(counts.differing == 0, "\(counts.differing) of \(counts.sums) sums differ")
  }

  @Test("every sum of a window on the IMRF letter against the review")
  func letterAgainstReview() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    Self.check(Self.compare(letter, review), cells: 1_000)
  }

  @Test(
    "every sum of a window on the Text+Berg development pair (468 × 554 sentences)",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBerg() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    Self.check(Self.compare(source, target), cells: 5_000)
  }

  /// Runs of up to 20 terms whose gaps to the largest lie around both thresholds (−45 to +45, many
  /// within 1 of −37.5 and ±40), so that the scaled sum also reaches 16 and beyond.
  @Test("random terms around the thresholds")
  func randomTerms() {
    var generator = SeededGenerator(seed: 21)
    var leftOut = 0
    var differing = 0
    for _ in 0..<20_000 {
      var sum = Posterior.LogSum()
      var reference = EveryExpSum()
      let base = Double.random(in: -3_000...0, using: &generator)
      for _ in 0..<Int.random(in: 1...20, using: &generator) {
        let gap: Double
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: gap = Double.random(in: -38.5 ... -36.5, using: &generator)
        case 1: gap = Double.random(in: 39...41, using: &generator)
        case 2: gap = Double.random(in: -0.01...0, using: &generator)
        default: gap = Double.random(in: -45...45, using: &generator)
        }
        let largest = reference.largest == -.infinity ? base : reference.largest
        let term = largest + gap
        if reference.leavesOut(term) { leftOut += 1 }
        sum.add(term)
        reference.add(term)
        if sum.state.largest.bitPattern != reference.largest.bitPattern
          || sum.state.scaled.bitPattern != reference.scaled.bitPattern
        {
          differing += 1
        }
      }
    }
    #expect(leftOut > 10_000)
    #expect(differing == 0)
  }
}
