import TestSupport
import Testing

@testable import Aligner

/// The default's model of partly parallel text: the two-state lattice for a pair whose final pass's
/// parallelism is below ``Aligner/latticeBelow`` (``AlignerOptions/partialLattice``; the nl-en man
/// pages in `LatticeDefaultTests`), below ``Aligner/partialBelow`` the partial pass where the
/// lattice links nothing (``AlignerOptions/latticeBelowPartial``), the final pass's beads at or
/// above ``Aligner/latticeBelow``.
@Suite(
  "The two-state lattice below 0.75 parallelism, the partial pass where it links nothing below 0.5, the final pass above"
)
struct LatticeTriggerTests {
  /// The final pass alone (no second pass of any kind), the lattice on every pair, the default
  /// without the lattice (`--no-lattice`), and the default.
  static func alignments(_ source: [AlignerSentence], _ target: [AlignerSentence]) -> (
    finalPass: AlignmentResult, lattice: AlignmentResult, noLattice: AlignmentResult,
    byDefault: AlignmentResult
  ) {
    var finalPass = AlignerOptions()
    finalPass.partialPass = false
    var lattice = AlignerOptions()
    lattice.twoStateModel = true
    lattice.twoStateLattice = true
    var noLattice = AlignerOptions()
    noLattice.partialLattice = false
    return (
      Aligner(options: finalPass).align(source: source, target: target),
      Aligner(options: lattice).align(source: source, target: target),
      Aligner(options: noLattice).align(source: source, target: target),
      Aligner().align(source: source, target: target)
    )
  }

  @Test(
    "the IMRF letter against the review, no lexicon (final pass below 0.5): the lattice links there, so it stays"
  )
  func letterTakesTheLatticeWhereItLinks() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let runs = Self.alignments(source, target)
    #expect(runs.finalPass.parallelism < Aligner.partialBelow, "final pass: \(runs.finalPass.parallelism)")
    // Without a lexicon and with these units the lattice keeps links (34 measured), so the partial
    // pass does not run; with the installed lexicon and the pipeline's units it links nothing
    // (`LatticeDefaultTests`), and the partial pass's result stays.
    #expect(runs.lattice.beads.contains { !$0.source.isEmpty && !$0.target.isEmpty })
    #expect(runs.byDefault.beads == runs.lattice.beads)
    #expect(runs.byDefault.parallelism == runs.lattice.parallelism)
    #expect(runs.byDefault.beads != runs.noLattice.beads)
    var session16 = AlignerOptions()
    session16.latticeBelowPartial = false
    #expect(Aligner(options: session16).align(source: source, target: target) == runs.noLattice)
  }

  @Test(
    "the Text+Berg development pair, a complete translation (final pass at or above 0.75): the final pass's beads outside the local lattice's windows",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func translationKeepsTheFinalPass() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let runs = Self.alignments(source, target)
    // Measured: 0.79 (docs/aligner.md, "The lattice as the default").
    #expect(runs.finalPass.parallelism >= Aligner.latticeBelow, "final pass: \(runs.finalPass.parallelism)")
    // The local lattice (on by default since session 25) searches again only the windows around
    // the final path's weak steps: every confident link of the final pass stays as it is.
    let trouble = AlignerOptions().localLatticeTrouble
    let confident = runs.finalPass.beads.filter {
      !$0.source.isEmpty && !$0.target.isEmpty && $0.confidence >= trouble
    }
    #expect(confident.count * 2 > runs.finalPass.beads.count)
    let kept = Set(runs.byDefault.beads)
    #expect(confident.allSatisfy { kept.contains($0) })
    // Inside the windows it changes beads (bigger ones among them).
    #expect(runs.byDefault.beads != runs.finalPass.beads)
    #expect(runs.byDefault.beads.contains { $0.source.count + $0.target.count >= 5 })
    // `--no-lattice` (no second pass of the lattice's kind) runs no windows either.
    #expect(runs.noLattice.beads == runs.finalPass.beads)
    // Without the local lattice the default is the final pass's beads, bead for bead.
    var noLocal = AlignerOptions()
    noLocal.localLattice = false
    let withoutWindows = Aligner(options: noLocal).align(source: source, target: target)
    #expect(withoutWindows.beads == runs.finalPass.beads)
    #expect(withoutWindows.parallelism == runs.finalPass.parallelism)
    // The lattice would change it (450 beads against 435), so the trigger is what keeps it.
    #expect(runs.byDefault.beads != runs.lattice.beads)
  }
}
