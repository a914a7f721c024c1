import Foundation
import TweetalKit

/// The full-screen reviewer: one selected bead, keys that edit it, every change saved at once.
struct ReviewScreen {
  var review: ReviewFile
  let file: String
  let user: String
  let minConfidence: Double
  let colour: Bool
  var columns = 80
  var rows = 24
  var selected: Int
  var top = 0
  var message = ""
  var showingHelp = false

  static let hint =
    "j/k move  n next!  c confirm  m merge  s split  < > shift  e edit  u undo  ? keys  q quit"
  static let help = [
    "Keys",
    "",
    "  j, Down      next bead               k, Up        previous bead",
    "  Space, PgDn  page down               PgUp         page up",
    "  g, Home      first bead              G, End       last bead",
    "  n            next suspicious bead (marked !: unconfirmed, low confidence or not 1-1)",
    "  c            confirm the bead        x            take the confirmation back",
    "  m            merge with the next bead",
    "  s            split the bead (asks how many source and target sentences stay)",
    "  <            move the first sentence of a side into the previous bead (asks the side)",
    "  >            move the last sentence of a side into the next bead (asks the side)",
    "  e            edit the text of a one-sentence side",
    "  l            unlink the bead (one 1-0 / 0-1 bead per sentence)",
    "  u            undo                    r            redo",
    "  ?            this help               q            quit (the position is remembered)",
    "",
    "Every change is saved to the TMX when it is made.",
  ]

  init(review: ReviewFile, file: String, user: String, minConfidence: Double, colour: Bool) {
    self.review = review
    self.file = file
    self.user = user
    self.minConfidence = minConfidence
    self.colour = colour
    selected = review.position
    message = review.historyMatches ? "" : "the undo history did not match the file; undo starts afresh"
  }

  /// Runs until the reviewer quits or a stop signal arrives.
  mutating func run() {
    updateSize()
    draw()
    while terminalStopRequested == 0 {
      if terminalResized != 0 {
        terminalResized = 0
        updateSize()
        draw()
      }
      guard let key = RawTerminal.readKey() else { continue }
      if !handle(key) { break }
      draw()
    }
    try? review.setPosition(selected)
  }

  private var count: Int { review.document.beads.count }

  private mutating func updateSize() {
    if let size = TerminalSupport.size() {
      columns = size.columns
      rows = size.rows
    }
  }

  /// Returns false to quit.
  private mutating func handle(_ key: ReviewKey) -> Bool {
    if showingHelp {
      showingHelp = false
      if key != .character("q") { return true }
    }
    message = ""
    switch key {
    case .character("q"), .control(3), .control(4): return false
    case .character("j"), .down: move(to: selected + 1)
    case .character("k"), .up: move(to: selected - 1)
    case .character(" "), .pageDown: move(to: selected + max(1, visibleBeads()))
    case .pageUp: move(to: selected - max(1, visibleBeads()))
    case .character("g"), .home: move(to: 0)
    case .character("G"), .end: move(to: count - 1)
    case .character("?"): showingHelp = true
    case .character("n"):
      if let next = review.document.nextSuspicious(after: selected, minConfidence: minConfidence) {
        move(to: next)
      } else {
        message = "no suspicious beads left"
      }
    case .character("c"): edit(.confirm(first: selected + 1, last: selected + 1))
    case .character("x"): edit(.unconfirm(first: selected + 1, last: selected + 1))
    case .character("m"): edit(.merge(bead: selected + 1))
    case .character("l"): edit(.unlink(bead: selected + 1))
    case .character("s"): split()
    case .character("<"), .character(">"): shift(key == .character("<") ? .up : .down)
    case .character("e"): editText()
    case .character("u"), .character("r"):
      do {
        let (text, focus) = try key == .character("u") ? review.undo() : review.redo()
        message = text
        move(to: focus)
      } catch {
        message = "\(error)"
      }
    default: message = "unknown key; press ? for the keys"
    }
    return true
  }

  private mutating func move(to index: Int) {
    selected = max(0, min(index, count - 1))
  }

  private mutating func edit(_ operation: EditOperation) {
    guard count > 0 else { return }
    do {
      let result = try review.apply(operation, stamp: EditStamp(user: user, date: Date()))
      message = result.message + (result.changed ? " (saved)" : "")
      move(to: result.focus)
    } catch {
      message = "\(error)"
    }
  }

  private mutating func split() {
    let bead = review.document.beads[selected]
    guard let source = askNumber("split \(selected + 1): source sentences to keep (0-\(bead.source.count))"),
      let target = askNumber("split \(selected + 1): target sentences to keep (0-\(bead.target.count))")
    else { return }
    edit(.split(bead: selected + 1, source: source, target: target))
  }

  private mutating func shift(_ direction: ShiftDirection) {
    let what = direction == .up ? "first sentence into the previous bead" : "last sentence into the next bead"
    guard let side = askSide("move the \(what): source or target? (s/t)") else { return }
    edit(.shift(bead: selected + 1, side: side, direction: direction))
  }

  private mutating func editText() {
    let bead = review.document.beads[selected]
    let side: AlignmentSide
    switch (bead.source.count == 1, bead.target.count == 1) {
    case (true, false): side = .source
    case (false, true): side = .target
    case (false, false):
      message = "text edits work on a one-sentence side; split or unlink the bead first"
      return
    case (true, true):
      guard let chosen = askSide("edit the source or the target text? (s/t)") else { return }
      side = chosen
    }
    let index = side == .source ? bead.source.lowerBound : bead.target.lowerBound
    let old = side == .source ? review.document.source[index].text : review.document.target[index].text
    guard let text = ask("\(side.rawValue) text (Enter saves, Esc cancels)", initial: old) else { return }
    edit(.text(bead: selected + 1, side: side, text: text))
  }

  private mutating func askNumber(_ question: String) -> Int? {
    guard let answer = ask(question) else { return nil }
    guard let value = Int(answer.trimmingCharacters(in: .whitespaces)), value >= 0 else {
      message = "'\(answer)' is not a number; nothing changed"
      return nil
    }
    return value
  }

  private mutating func askSide(_ question: String) -> AlignmentSide? {
    message = question
    draw()
    while terminalStopRequested == 0 {
      switch RawTerminal.readKey() {
      case .character("s"): return .source
      case .character("t"): return .target
      case nil: continue
      default:
        message = "cancelled"
        return nil
      }
    }
    return nil
  }
}
