/// The plain bead format: one bead per line, `[i, j]:[k]:0.873` (0-based sentence indices, `[]` for
/// an empty side, confidence with three decimals), as vecalign and the gold files use.
public enum BeadFormat {
  /// All beads of `document`, one per line, each line ending in a newline.
  public static func render(_ document: AlignedDocument) -> String {
    var text = ""
    for bead in document.beads {
      text += "\(indices(bead.source)):\(indices(bead.target)):\(confidence(bead.confidence))\n"
    }
    return text
  }

  static func indices(_ range: Range<Int>) -> String {
    "[" + range.map(String.init).joined(separator: ", ") + "]"
  }

  static func confidence(_ value: Double) -> String {
    guard value.isFinite else { return "0.000" }
    let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
