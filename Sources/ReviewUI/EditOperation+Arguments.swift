public import TweetalKit

/// Edit operations as typed on the command line (`tweetal edit`) and at the review prompt.
extension EditOperation {
  /// The usage line of every operation, for help texts.
  public static let synopsis = """
    merge N                        bead N and bead N+1 become one
    split N --source K --target L  first K source and L target sentences stay, the rest form a new bead
    shift N source|target up|down  first (up) / last (down) sentence of that side moves to the previous / next bead
    unlink N                       bead N becomes a 1-0 / 0-1 bead per sentence
    link N M                       beads N..M become one
    text N --source|--target TEXT  replace the text of a one-sentence side
    confirm N[-M]                  mark beads confirmed
    unconfirm N[-M]                release confirmed or edited beads (they become auto; realign may change them)
    """

  /// Parses the words of an operation as typed on the command line, e.g. `["split", "3",
  /// "--source", "1", "--target", "2"]` or `["confirm", "4-9"]`.
  public init(arguments: [String]) throws(EditError) {
    guard let verb = arguments.first else { throw .syntax("no operation given") }
    let rest = Array(arguments.dropFirst())
    switch verb {
    case "merge":
      self = .merge(bead: try Self.single(rest, verb: verb))
    case "unlink":
      self = .unlink(bead: try Self.single(rest, verb: verb))
    case "split":
      let words = Self.flagsAsWords(rest)
      guard words.count == 5, words[1] == "source", words[3] == "target" else {
        throw .syntax("usage: split N --source K --target L")
      }
      self = .split(
        bead: try Self.number(words[0]), source: try Self.count(words[2]), target: try Self.count(words[4]))
    case "shift":
      let words = Self.flagsAsWords(rest)
      guard words.count == 3, let side = AlignmentSide(rawValue: words[1]),
        let direction = ShiftDirection(rawValue: words[2])
      else { throw .syntax("usage: shift N source|target up|down") }
      self = .shift(bead: try Self.number(words[0]), side: side, direction: direction)
    case "link":
      guard rest.count == 2 else { throw .syntax("usage: link N M") }
      self = .link(first: try Self.number(rest[0]), last: try Self.number(rest[1]))
    case "text":
      let words = Self.flagsAsWords(Array(rest.prefix(2))) + rest.dropFirst(2)
      guard words.count >= 3, let side = AlignmentSide(rawValue: words[1]) else {
        throw .syntax("usage: text N --source|--target TEXT")
      }
      self = .text(bead: try Self.number(words[0]), side: side, text: words[2...].joined(separator: " "))
    case "confirm", "unconfirm":
      guard rest.count == 1 else { throw .syntax("usage: \(verb) N[-M]") }
      let (first, last) = try Self.range(rest[0])
      self = verb == "confirm" ? .confirm(first: first, last: last) : .unconfirm(first: first, last: last)
    default:
      throw .syntax(
        "unknown operation '\(verb)'; expected one of merge, split, shift, unlink, link, "
          + "text, confirm, unconfirm, undo, redo")
    }
  }

  private static func flagsAsWords(_ words: [String]) -> [String] {
    words.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }
  }

  private static func single(_ words: [String], verb: String) throws(EditError) -> Int {
    guard words.count == 1 else { throw .syntax("usage: \(verb) N") }
    return try number(words[0])
  }

  private static func number(_ word: String) throws(EditError) -> Int {
    guard let value = Int(word), value >= 1 else {
      throw .syntax(
        "'\(word)' is not a bead number; beads are numbered from 1, as `tweetal show` prints them")
    }
    return value
  }

  private static func count(_ word: String) throws(EditError) -> Int {
    guard let value = Int(word), value >= 0 else {
      throw .syntax("'\(word)' is not a sentence count (0 or more)")
    }
    return value
  }

  private static func range(_ word: String) throws(EditError) -> (Int, Int) {
    let parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    switch parts.count {
    case 1:
      let value = try number(parts[0])
      return (value, value)
    case 2:
      let first = try number(parts[0])
      let last = try number(parts[1])
      guard first <= last else { throw .syntax("range '\(word)' runs backwards; write \(last)-\(first)") }
      return (first, last)
    default: throw .syntax("'\(word)' is not a bead number or range N-M")
    }
  }
}
