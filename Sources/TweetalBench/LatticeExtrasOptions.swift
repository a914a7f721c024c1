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
    help:
      "Complete translations: the two-state lattice with bigger beads in windows around the final path's weak steps (AlignerOptions.localLattice)."
  )
  var localLattice = false

  @Option(help: "With --local-lattice: a link below this confidence is a trouble spot.")
  var localLatticeTrouble = AlignerOptions().localLatticeTrouble

  @Option(help: "With --local-lattice: confident steps taken into a window on each side.")
  var localLatticeMargin = AlignerOptions().localLatticeMargin

  @Option(help: "With --local-lattice: the half-width of a window's band around the final path.")
  var localLatticeRadius = AlignerOptions().localLatticeRadius

  @Flag(
    help:
      "Partly parallel pairs: the local lattice's window search in windows of weak links inside the lattice's parallel regions (AlignerOptions.partialWindows)."
  )
  var partialWindows = false

  @Option(help: "With --partial-windows: a kept link below this confidence is weak.")
  var partialWindowsTrouble = AlignerOptions().partialWindowsTrouble

  @Option(help: "With --partial-windows: links of the same parallel region taken into a window on each side.")
  var partialWindowsMargin = AlignerOptions().partialWindowsMargin

  @Flag(help: "With --partial-windows: neighbouring links that share an anchor across are weak too.")
  var partialWindowsCrossAnchors = false

  @Flag(
    name: .customLong("partial-windows-any-relink"),
    help: "With --partial-windows: take a window's beads wherever they relink kept links (not only merges).")
  var partialWindowsAnyRelink = false

  @Flag(help: "With --partial-windows: merge only links that share an anchor across.")
  var partialWindowsMergeAcross = false

  @Flag(help: "With --partial-windows: also 3-3, 2-4 and 4-2 in the windows.")
  var partialWindowsBiggest = false

  @Option(
    help:
      "With --partial-windows: the priors of the windows' linking types of 4 sentences or more times this.")
  var partialWindowsBigScale = 1.0

  /// Sets the local lattice's options, and `options.latticeExtras` when `--lattice-extended` is given.
  func apply(to options: inout AlignerOptions) {
    options.localLattice = localLattice
    options.localLatticeTrouble = localLatticeTrouble
    options.localLatticeMargin = localLatticeMargin
    options.localLatticeRadius = localLatticeRadius
    options.partialWindows = partialWindows
    options.partialWindowsTrouble = partialWindowsTrouble
    options.partialWindowsMargin = partialWindowsMargin
    options.partialWindowsCrossAnchors = partialWindowsCrossAnchors
    options.partialWindowsMergesOnly = !partialWindowsAnyRelink
    if partialWindowsBiggest { options.partialWindowsExtras = AlignerOptions.latticeBiggest }
    options.partialWindowsBigScale = partialWindowsBigScale
    options.partialWindowsMergeAcross = partialWindowsMergeAcross
    guard latticeExtended else { return }
    options.latticeExtras =
      (latticeBiggest ? AlignerOptions.latticeBiggest : AlignerOptions.confidenceExtras).map {
        BeadPrior($0.type, $0.probability * latticeExtrasScale)
      }
  }
}
