import TestSupport
import Testing

@testable import Aligner

/// The default's model of partly parallel text (``AlignerOptions/partialLattice``): the two-state
/// lattice for a pair whose final pass's parallelism is below ``Aligner/latticeBelow``, the final
/// pass's beads at or above it.
@Suite("The two-state lattice below 0.75 parallelism, the final pass above")
struct LatticeTriggerTests {
  /// The final pass alone (no second pass of any kind), the lattice on every pair, the earlier
  /// partial pass below 0.5, and the default.
  static func alignments(_ source: [AlignerSentence], _ target: [AlignerSentence]) -> (
    finalPass: AlignmentResult, lattice: AlignmentResult, partialPass: AlignmentResult,
    byDefault: AlignmentResult
  ) {
    var finalPass = AlignerOptions()
    finalPass.partialPass = false
    var lattice = AlignerOptions()
    lattice.twoStateModel = true
    lattice.twoStateLattice = true
    var partialPass = AlignerOptions()
    partialPass.partialLattice = false
    return (
      Aligner(options: finalPass).align(source: source, target: target),
      Aligner(options: lattice).align(source: source, target: target),
      Aligner(options: partialPass).align(source: source, target: target),
      Aligner().align(source: source, target: target)
    )
  }

  @Test("the IMRF letter against the review (final pass far below 0.75): the lattice's beads and score")
  func letterTakesTheLattice() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let runs = Self.alignments(source, target)
    #expect(runs.finalPass.parallelism < Aligner.latticeBelow, "final pass: \(runs.finalPass.parallelism)")
    #expect(runs.byDefault.beads == runs.lattice.beads)
    #expect(runs.byDefault.parallelism == runs.lattice.parallelism)
    // Not what the partial pass made of it.
    #expect(runs.byDefault.beads != runs.partialPass.beads)
  }

  @Test(
    "the Text+Berg development pair, a complete translation (final pass at or above 0.75): the final pass's beads",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func translationKeepsTheFinalPass() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let runs = Self.alignments(source, target)
    // Measured: 0.79 (docs/aligner.md, "The lattice as the default").
    #expect(runs.finalPass.parallelism >= Aligner.latticeBelow, "final pass: \(runs.finalPass.parallelism)")
    #expect(runs.byDefault.beads == runs.finalPass.beads)
    #expect(runs.byDefault.parallelism == runs.finalPass.parallelism)
    #expect(runs.byDefault.beads == runs.partialPass.beads)
    // The lattice would change it (450 beads against 435), so the trigger is what keeps it.
    #expect(runs.byDefault.beads != runs.lattice.beads)
  }
}
