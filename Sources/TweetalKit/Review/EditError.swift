/// Why an edit request was refused. Nothing was changed when one of these is thrown.
public enum EditError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The operation could not be parsed.
  case syntax(String)
  /// A bead number outside 1...count.
  case beadOutOfRange(bead: Int, count: Int)
  /// The request is well formed but makes no sense for these beads (the message says why).
  case invalid(String)
  /// There is nothing to undo or redo.
  case nothingToUndo
  case nothingToRedo
  /// The history beside the TMX does not describe the TMX as it is now.
  case historyMismatch(file: String)

  public var description: String {
    switch self {
    case .syntax(let message): message
    case .beadOutOfRange(let bead, let count):
      count == 0
        ? "bead \(bead) does not exist: the alignment has no beads"
        : "bead \(bead) does not exist: beads are numbered 1 to \(count)"
    case .invalid(let message): message
    case .nothingToUndo: "nothing to undo"
    case .nothingToRedo: "nothing to redo"
    case .historyMismatch(let file):
      "the undo history \(file) does not match the TMX (it was changed by another program, or a save "
        + "was interrupted); undo is refused so that nothing is corrupted. Delete \(file) to start "
        + "a fresh history"
    }
  }
}
