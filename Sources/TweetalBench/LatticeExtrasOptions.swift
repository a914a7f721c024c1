import Aligner
import ArgumentParser

/// The bigger bead types of the two-state lattice (`docs/aligner.md`, "Bigger beads in the lattice
/// (session 18, tried, not kept)"), for `aligner` and `partial` alike.
struct LatticeExtrasOptions: ParsableArguments {
  @Flag(help: "Also 2-3, 3-2, 1-4 and 4-1 beads in the two-state lattice (AlignerOptions.latticeExtras).")
  var latticeExtended = false

  @Flag(
    help:
      "With --lattice-extended: also 3-3, 2-4 and 4-2 beads in the lattice (AlignerOptions.latticeBiggest).")
  var latticeBiggest = false

  @Option(help: "With --lattice-extended: the extra types' priors times this.")
  var latticeExtrasScale = 1.0

  @Flag(
    inversion: .prefixedNo,
    help:
      "Complete translations: the two-state lattice with bigger beads in windows around the final path's weak steps (AlignerOptions.localLattice; on by default)."
  )
  var localLattice = AlignerOptions().localLattice

  @Option(help: "With --local-lattice: a link below this confidence is a trouble spot.")
  var localLatticeTrouble = AlignerOptions().localLatticeTrouble

  @Option(help: "With --local-lattice: confident steps taken into a window on each side.")
  var localLatticeMargin = AlignerOptions().localLatticeMargin

  @Option(help: "With --local-lattice: the half-width of a window's band around the final path.")
  var localLatticeRadius = AlignerOptions().localLatticeRadius

  /// Sets the local lattice's options, and `options.latticeExtras` when `--lattice-extended` is given.
  func apply(to options: inout AlignerOptions) {
    options.localLattice = localLattice
    options.localLatticeTrouble = localLatticeTrouble
    options.localLatticeMargin = localLatticeMargin
    options.localLatticeRadius = localLatticeRadius
    guard latticeExtended else { return }
    options.latticeExtras =
      (latticeBiggest ? AlignerOptions.latticeBiggest : AlignerOptions.confidenceExtras).map {
        BeadPrior($0.type, $0.probability * latticeExtrasScale)
      }
  }
}
