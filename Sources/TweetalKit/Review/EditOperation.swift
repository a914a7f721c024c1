/// Which side of a bead: the source (Dutch, `srclang`) or the target (English) side.
public enum AlignmentSide: String, Sendable, Hashable, CaseIterable, Codable {
  case source
  case target
}

/// Which way a shifted sentence moves: `up` into the previous bead, `down` into the next.
public enum ShiftDirection: String, Sendable, Hashable, CaseIterable, Codable {
  case up
  case down
}

/// One review edit of an alignment. Bead numbers are 1-based, as `tweetal show` prints them.
public enum EditOperation: Sendable, Hashable {
  /// Bead N and bead N+1 become one.
  case merge(bead: Int)
  /// The first `source` source and `target` target sentences of the bead stay; the rest form a
  /// new bead right after it.
  case split(bead: Int, source: Int, target: Int)
  /// The first (`up`) or last (`down`) sentence of one side of the bead moves into the previous
  /// or next bead. A bead left without sentences disappears.
  case shift(bead: Int, side: AlignmentSide, direction: ShiftDirection)
  /// The bead becomes one 1-0 bead per source sentence, then one 0-1 bead per target sentence.
  case unlink(bead: Int)
  /// The consecutive beads `first`...`last` become one.
  case link(first: Int, last: Int)
  /// Replaces the text of a one-sentence side of the bead.
  case text(bead: Int, side: AlignmentSide, text: String)
  /// Marks beads `first`...`last` as confirmed.
  case confirm(first: Int, last: Int)
  /// Takes a person's decision back from beads `first`...`last` (confirmed or edited): they become
  /// `auto` again, so that `realign` may change them.
  case unconfirm(first: Int, last: Int)
}

extension EditOperation {
  /// How the operation reads in the history and in messages, e.g. `split 3 --source 1 --target 2`.
  public var summary: String {
    switch self {
    case .merge(let bead): "merge \(bead)"
    case .split(let bead, let source, let target): "split \(bead) --source \(source) --target \(target)"
    case .shift(let bead, let side, let direction): "shift \(bead) \(side.rawValue) \(direction.rawValue)"
    case .unlink(let bead): "unlink \(bead)"
    case .link(let first, let last): "link \(first) \(last)"
    case .text(let bead, let side, _): "text \(bead) --\(side.rawValue)"
    case .confirm(let first, let last): first == last ? "confirm \(first)" : "confirm \(first)-\(last)"
    case .unconfirm(let first, let last): first == last ? "unconfirm \(first)" : "unconfirm \(first)-\(last)"
    }
  }
}
