import ReviewUI
import TweetalKit

extension ReviewScreen {
  /// Redraws the whole screen: a title line, the beads around the selected one, a status line.
  mutating func draw() {
    if let size = TerminalSupport.size() {
      columns = size.columns
      rows = size.rows
    }
    let renderer = BeadRenderer(width: max(30, columns - 1), colour: colour, minConfidence: minConfidence)
    let document = review.document
    let bodyHeight = max(1, rows - 2)
    var body: [String] = []
    if showingHelp {
      body = Self.help.map { fit($0) }
    } else if document.beads.isEmpty {
      body = ["(the alignment has no beads)"]
    } else {
      top = min(top, selected)
      var used = 0
      for index in stride(from: selected, through: top, by: -1) {
        used += renderer.height(document, bead: index)
        if used > bodyHeight && index < selected {
          top = index + 1
          break
        }
      }
      var index = top
      while body.count < bodyHeight, index < document.beads.count {
        body += renderer.lines(document, bead: index, selected: index == selected)
        index += 1
      }
    }
    let suspicious = document.beads.indices.filter { document.isSuspicious($0, minConfidence: minConfidence) }
      .count
    let position = document.beads.isEmpty ? "no beads" : "bead \(selected + 1)/\(document.beads.count)"
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let undo = review.canUndo ? "  u: undo \(review.nextUndo ?? "")" : ""
    let title = fit(" \(position)  \(suspicious) suspicious  \(name)\(undo)")
    var screen = "\u{1B}[H"
    screen +=
      "\u{1B}[1;1H\u{1B}[K"
      + (colour ? "\u{1B}[7m" + padText(title, width: columns - 1) + "\u{1B}[0m" : title)
    for row in 0..<bodyHeight {
      screen += "\u{1B}[\(row + 2);1H\u{1B}[K" + (row < body.count ? body[row] : "")
    }
    let status = message.isEmpty ? Self.hint : message
    screen += "\u{1B}[\(rows);1H\u{1B}[K" + (colour ? "\u{1B}[1m" + fit(status) + "\u{1B}[0m" : fit(status))
    TerminalSupport.write(screen)
  }

  /// How many beads fit on a page, roughly, for page up and down.
  func visibleBeads() -> Int {
    let renderer = BeadRenderer(width: max(30, columns - 1), minConfidence: minConfidence)
    var used = 0
    var fitting = 0
    var index = selected
    while index < review.document.beads.count {
      used += renderer.height(review.document, bead: index)
      if used > rows - 2 { break }
      fitting += 1
      index += 1
    }
    return fitting
  }

  /// Asks for a line of text on the status line; nil when cancelled with Esc.
  mutating func ask(_ question: String, initial: String = "") -> String? {
    var answer = initial
    while terminalStopRequested == 0 {
      let prompt = question + ": "
      let room = max(10, columns - 1 - DisplayWidth.of(prompt))
      var shown = Substring(answer)
      while DisplayWidth.of(shown) >= room { shown = shown.dropFirst() }
      TerminalSupport.write(
        "\u{1B}[\(rows);1H\u{1B}[K" + fit(prompt + shown) + "\u{1B}[?25h")
      let key = RawTerminal.readKey()
      switch key {
      case nil: continue
      case .enter:
        TerminalSupport.write("\u{1B}[?25l")
        return answer
      case .escape, .control(3):
        TerminalSupport.write("\u{1B}[?25l")
        message = "cancelled"
        return nil
      case .backspace: if !answer.isEmpty { answer.removeLast() }
      case .control(21): answer = ""
      case .character(let character): answer.append(character)
      default: continue
      }
    }
    return nil
  }

  func fit(_ text: some StringProtocol) -> String {
    var result = ""
    var used = 0
    for character in text {
      let width = DisplayWidth.of(character)
      if used + width > columns - 1 { break }
      result.append(character)
      used += width
    }
    return result
  }
}
