public import TweetalKit

/// Lays beads out side by side for a terminal: source left, target right, each bead under a
/// header line with its number (from 1), type, confidence and status. Pure: returns lines.
public struct BeadRenderer: Sendable {
  /// Total columns available.
  public var width: Int
  /// Whether to use ANSI colours and reverse video.
  public var colour: Bool
  /// Beads below this confidence (and beads not 1-1) are suspicious unless confirmed.
  public var minConfidence: Double

  public init(width: Int, colour: Bool = false, minConfidence: Double = 0.5) {
    self.width = max(width, 30)
    self.colour = colour
    self.minConfidence = minConfidence
  }

  /// The lines of beads `indices` (0-based) of `document`; `selected` gets a `>` marker.
  public func lines(_ document: AlignedDocument, beads indices: Range<Int>, selected: Int? = nil) -> [String]
  {
    indices.flatMap { lines(document, bead: $0, selected: $0 == selected) }
  }

  /// The lines of one bead (0-based index).
  public func lines(_ document: AlignedDocument, bead index: Int, selected: Bool = false) -> [String] {
    let gutter = gutterWidth(document)
    let column = columnWidth(document)
    let bead = document.beads[index]
    let suspicious = document.isSuspicious(index, minConfidence: minConfidence)
    let number = String(index + 1)
    var header =
      (selected ? ">" : " ")
      + String(repeating: " ", count: max(0, gutter - 2 - number.count)) + number + " "
    let confidence = formatConfidence(bead.confidence)
    let facts = "\(bead.type)  \(confidence)  \(bead.status.rawValue)" + (suspicious ? "  !" : "")
    header += facts
    var result: [String] = []
    if colour {
      let code =
        selected
        ? "7" : bead.status == .confirmed ? "32" : bead.status == .edited ? "36" : suspicious ? "33" : "2"
      result.append("\u{1B}[\(code)m" + padText(header, width: width) + "\u{1B}[0m")
    } else {
      result.append(header)
    }
    let left = sideLines(document.source, bead.source, column)
    let right = sideLines(document.target, bead.target, column)
    let separator = colour ? " \u{1B}[2m│\u{1B}[0m " : " │ "
    let indent = String(repeating: " ", count: gutter)
    for row in 0..<max(left.count, right.count) {
      let sourceText = row < left.count ? left[row] : ""
      let targetText = row < right.count ? right[row] : ""
      var line = indent + padText(sourceText, width: column) + separator + targetText
      while line.last == " " { line.removeLast() }
      result.append(line)
    }
    return result
  }

  /// Number of lines ``lines(_:bead:selected:)`` returns for a bead.
  public func height(_ document: AlignedDocument, bead index: Int) -> Int {
    let column = columnWidth(document)
    let bead = document.beads[index]
    return 1
      + max(
        sideLines(document.source, bead.source, column).count,
        sideLines(document.target, bead.target, column).count)
  }

  func gutterWidth(_ document: AlignedDocument) -> Int { max(5, String(document.beads.count).count + 3) }

  func columnWidth(_ document: AlignedDocument) -> Int { max(8, (width - gutterWidth(document) - 3) / 2) }

  private func sideLines(_ sentences: [Sentence], _ range: Range<Int>, _ column: Int) -> [String] {
    if range.isEmpty { return ["—"] }
    return range.flatMap { index in
      wrapText(clean(sentences[index].text), width: column)
    }
  }

  private func clean(_ text: String) -> String {
    String(
      String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }

  private func formatConfidence(_ value: Double) -> String {
    let hundredths = Int((min(max(value, 0), 1) * 100).rounded())
    return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
  }
}
