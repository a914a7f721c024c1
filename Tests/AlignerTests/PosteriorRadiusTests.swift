import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The final pass weighs the band cells near the path first (``Posterior/Near``), going back to the
/// whole band when the edge of those cells carries paths. These hold every posterior and unlinked
/// probability to the whole band's, on a pair far from parallel and on the Text+Berg development
/// pair, and check that the comparison sees what the cells left out would change.
@Suite("Posterior near the path: the same probabilities as over the whole band")
struct PosteriorRadiusTests {
  /// The largest difference between any probability (each step's two posteriors, each unit's
  /// unlinked probability) weighed with each of `near` and over the whole band at once; and how
  /// many of the whole band's are uncertain (0.01–0.99).
  static func differences(
    _ source: [AlignerSentence], _ target: [AlignerSentence], near: [Posterior.Near]
  ) -> (differences: [Double], uncertain: Int) {
    let options = AlignerOptions()
    let model = Aligner(options: options).model(
      Units(source, useAnchors: true), Units(target, useAnchors: true), options.fallbackParameters)
    let (steps, table) = BandedSearch.coarseToFine(model, options: options)
    func probabilities(_ near: Posterior.Near?) -> [Double] {
      // Windows of 128 steps: more window edges than the default's, pinned to the path.
      let result = Posterior.compute(
        model, extras: AlignerOptions.confidenceExtras, table: table, steps: steps, temperature: 1,
        workers: 1, window: 128, near: near)
      return result.beads + result.searchBeads + result.sourceUnlinked + result.targetUnlinked
    }
    let whole = probabilities(nil)
    let differences = near.map { near in
      zip(probabilities(near), whole).map { abs($0 - $1) }.max() ?? 0
    }
    return (differences, whole.filter { $0 > 0.01 && $0 < 0.99 }.count)
  }

  /// The default (`near`) against the whole band; and the same radius without going back to the
  /// whole band (`unchecked`), and radius 2, which must differ where the pair has paths off the
  /// path's neighbourhood.
  static func check(_ source: [AlignerSentence], _ target: [AlignerSentence], uncheckedDiffers: Bool) {
    let near = Posterior.Near()
    let unchecked = Posterior.Near(radius: near.radius, edgeLimit: .infinity)
    let narrow = Posterior.Near(radius: 2, edgeLimit: .infinity)
    let (differences, uncertain) = Self.differences(source, target, near: [near, unchecked, narrow])
    #expect(uncertain > 20)
    // Far below the printed precision (three decimals): a confidence moves in print only when it
    // lies this close to a rounding boundary.
    #expect(differences[0] <= 1e-12, "probabilities differ by \(differences[0])")
    #expect((differences[1] > 1e-6) == uncheckedDiffers, "radius \(near.radius) alone: \(differences[1])")
    #expect(differences[2] > 0.01, "radius 2 alone: \(differences[2])")
  }

  @Test("the IMRF letter against the review (related, far from parallel): the windows go back to the band")
  func letterAgainstReview() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    Self.check(letter, review, uncheckedDiffers: true)
  }

  @Test(
    "the Text+Berg development pair (468 × 554 sentences): the cells near the path suffice",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBerg() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    Self.check(source, target, uncheckedDiffers: false)
    // Without going back to the band, the difference shrinks with the radius.
    let radii = [4, 6, 8]
    let (differences, _) = Self.differences(
      source, target, near: radii.map { Posterior.Near(radius: $0, edgeLimit: .infinity) })
    #expect(differences[0] > differences[1] && differences[1] > differences[2], "\(differences)")
  }
}
