import Foundation
public import TweetalKit

/// Renders an alignment as HTML for the browser: the beads side by side and the alignment map.
/// The same rendering serves `tweetal serve` (with the app's script) and `tweetal report` (a
/// self-contained file that needs no script and no network).
public struct ReviewPage: Sendable {
  /// Beads below this confidence (and beads not 1-1) are suspicious unless confirmed.
  public var minConfidence: Double

  public init(minConfidence: Double = 0.5) {
    self.minConfidence = minConfidence
  }

  /// The CSS class of a confidence: `c-low` below 0.5, `c-mid` below 0.8, `c-high` from 0.8.
  public static func confidenceClass(_ confidence: Double) -> String {
    confidence < 0.5 ? "c-low" : confidence < 0.8 ? "c-mid" : "c-high"
  }

  /// The fill colour of a confidence on the map: red (0) through amber to green (1).
  public static func confidenceColour(_ confidence: Double) -> String {
    let clamped = max(0, min(1, confidence.isFinite ? confidence : 0))
    return "hsl(\(Int((clamped * 120).rounded())),70%,42%)"
  }

  /// One line about the alignment: pair, sentences, beads, parallelism, share confirmed.
  public func summary(_ document: AlignedDocument) -> String {
    let confirmed = document.beads.filter { $0.status != .auto }.count
    let share = document.beads.isEmpty ? 0 : Double(confirmed) / Double(document.beads.count)
    let suspicious = document.beads.indices.filter { document.isSuspicious($0, minConfidence: minConfidence) }
    var parts = [
      "\(document.source.count) + \(document.target.count) sentences",
      "\(document.beads.count) beads",
    ]
    if let parallelism = document.metadata.parallelism {
      parts.append("parallelism " + fixedDecimal(parallelism, 2))
    }
    parts.append("\(Int((share * 100).rounded()))% reviewed")
    parts.append("\(suspicious.count) suspicious")
    return parts.joined(separator: " · ")
  }

  /// The beads, one `<div class="bead">` each, with anchors `#b1`, `#b2`, … (numbered from 1);
  /// only those of `range` (0-based) when it is given.
  public func beads(_ document: AlignedDocument, range: Range<Int>? = nil) -> String {
    let range = range ?? document.beads.indices
    var html = ""
    html.reserveCapacity(range.count * 400)
    for index in range {
      let bead = document.beads[index]
      let suspicious = document.isSuspicious(index, minConfidence: minConfidence)
      let classes = [
        "bead", Self.confidenceClass(bead.confidence), "s-\(bead.status.rawValue)",
        suspicious ? "suspicious" : nil,
      ].compactMap { $0 }.joined(separator: " ")
      html += "<div class=\"\(classes)\" id=\"b\(index + 1)\" data-bead=\"\(index + 1)\""
      html += " data-source=\"\(bead.source.count)\" data-target=\"\(bead.target.count)\">"
      html += "<div class=\"head\"><a class=\"number\" href=\"#b\(index + 1)\">\(index + 1)</a>"
      html += " <span class=\"type\">\(bead.type)</span>"
      html += " <span class=\"confidence\">" + fixedDecimal(bead.confidence, 3) + "</span>"
      html += " <span class=\"status\">\(bead.status.rawValue)</span>"
      if suspicious { html += " <span class=\"flag\" title=\"suspicious\">!</span>" }
      if let user = bead.changeUser { html += " <span class=\"user\">\(escape(user))</span>" }
      html += "</div>"
      html += side(document.source, bead.source, "src", language: document.metadata.sourceLanguage)
      html += side(document.target, bead.target, "tgt", language: document.metadata.targetLanguage)
      html += "</div>\n"
    }
    return html
  }

  private func side(_ sentences: [Sentence], _ range: Range<Int>, _ name: String, language: String)
    -> String
  {
    guard !range.isEmpty else { return "<div class=\"\(name) empty\" lang=\"\(escape(language))\">—</div>" }
    var html = "<div class=\"\(name)\" lang=\"\(escape(language))\">"
    for index in range {
      let sentence = sentences[index]
      html += "<p data-sentence=\"\(index + 1)\" class=\"k-\(sentence.kind.rawValue)\">"
      html += "<span class=\"index\">\(index + 1)</span> " + escape(sentence.text) + "</p>"
    }
    return html + "</div>"
  }

  /// The alignment map: an SVG plot of source sentence index (x) against target sentence index
  /// (y), one mark per bead, coloured by confidence, confirmed and edited beads outlined, the
  /// sentences without a counterpart as ticks on the axes. Each mark links to its bead (`#bN`).
  public func map(_ document: AlignedDocument, size: Int = 420) -> String {
    let margin = 28.0
    let plot = Double(size) - 2 * margin
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(size) \(size)\" "
      + "width=\"\(size)\" height=\"\(size)\" role=\"img\" aria-label=\"alignment map: "
      + "\(document.metadata.sourceLanguage) sentences across, \(document.metadata.targetLanguage) down\">"
    svg +=
      "<rect class=\"frame\" x=\"\(format(margin))\" y=\"\(format(margin))\" width=\"\(format(plot))\" "
      + "height=\"\(format(plot))\" fill=\"none\" stroke=\"#999\"/>"
    svg +=
      "<text x=\"\(format(margin))\" y=\"14\" font-size=\"11\">\(escape(document.metadata.sourceLanguage)) "
      + "1–\(document.source.count) →</text>"
    svg +=
      "<text x=\"12\" y=\"\(format(margin))\" font-size=\"11\" transform=\"rotate(90 12 \(format(margin)))\">"
      + "\(escape(document.metadata.targetLanguage)) 1–\(document.target.count) →</text>"
    return svg + marks(document, size: size) + "</svg>"
  }

  /// The map's marks (`<a data-bead="N">` elements, without the `<svg>` around them) of the beads
  /// of `range` (0-based; all when nil), placed as in ``map(_:size:)``.
  public func marks(_ document: AlignedDocument, range: Range<Int>? = nil, size: Int = 420) -> String {
    let sourceCount = max(document.source.count, 1)
    let targetCount = max(document.target.count, 1)
    let margin = 28.0
    let plot = Double(size) - 2 * margin
    let scaleX = plot / Double(sourceCount)
    let scaleY = plot / Double(targetCount)
    func x(_ value: Int) -> String { format(margin + Double(value) * scaleX) }
    func y(_ value: Int) -> String { format(margin + Double(value) * scaleY) }
    var svg = ""
    let minimum = 4.0
    for index in range ?? document.beads.indices {
      let bead = document.beads[index]
      let colour = Self.confidenceColour(bead.confidence)
      let reviewed = bead.status != .auto
      let title =
        "<title>bead \(index + 1): \(bead.type), confidence " + fixedDecimal(bead.confidence, 3)
        + ", \(bead.status.rawValue)</title>"
      svg += "<a href=\"#b\(index + 1)\" data-bead=\"\(index + 1)\">"
      if !bead.source.isEmpty && !bead.target.isEmpty {
        let width = max(Double(bead.source.count) * scaleX, minimum)
        let height = max(Double(bead.target.count) * scaleY, minimum)
        svg +=
          "<rect class=\"mark\(reviewed ? " reviewed" : "")\" x=\(quoted(x(bead.source.lowerBound))) "
          + "y=\(quoted(y(bead.target.lowerBound))) width=\(quoted(format(width))) "
          + "height=\(quoted(format(height))) fill=\"\(colour)\""
          + (reviewed ? " stroke=\"#000\" stroke-width=\"1.5\"" : "") + ">\(title)</rect>"
      } else if !bead.source.isEmpty {
        // Source sentences without a counterpart: a tick under the x axis.
        let width = max(Double(bead.source.count) * scaleX, 1.5)
        svg +=
          "<rect class=\"tick\(reviewed ? " reviewed" : "")\" x=\(quoted(x(bead.source.lowerBound))) "
          + "y=\(quoted(format(margin + plot + 3))) width=\(quoted(format(width))) height=\"8\" "
          + "fill=\"\(colour)\"" + (reviewed ? " stroke=\"#000\"" : "") + ">\(title)</rect>"
      } else if !bead.target.isEmpty {
        let height = max(Double(bead.target.count) * scaleY, 1.5)
        svg +=
          "<rect class=\"tick\(reviewed ? " reviewed" : "")\" x=\(quoted(format(margin + plot + 3))) "
          + "y=\(quoted(y(bead.target.lowerBound))) width=\"8\" height=\(quoted(format(height))) "
          + "fill=\"\(colour)\"" + (reviewed ? " stroke=\"#000\"" : "") + ">\(title)</rect>"
      }
      svg += "</a>"
    }
    return svg
  }

  /// The beads that differ between two versions of an alignment: the fragment `first..<first +
  /// inserted` of `new` replaces `first..<first + removed` of `old` (0-based), and every bead
  /// outside it, with its sentences, is the same apart from its number (every sentence is in
  /// exactly one bead, so a changed text is inside the fragment). `nil` when the whole page
  /// changed (other metadata or sentence counts).
  public static func change(from old: AlignedDocument, to new: AlignedDocument)
    -> (first: Int, removed: Int, inserted: Int)?
  {
    guard old.metadata == new.metadata, old.source.count == new.source.count,
      old.target.count == new.target.count
    else { return nil }
    func same(_ oldIndex: Int, _ newIndex: Int) -> Bool {
      let before = old.beads[oldIndex]
      let after = new.beads[newIndex]
      return before == after && old.source[before.source] == new.source[after.source]
        && old.target[before.target] == new.target[after.target]
    }
    let limit = min(old.beads.count, new.beads.count)
    var prefix = 0
    while prefix < limit, same(prefix, prefix) { prefix += 1 }
    var suffix = 0
    while suffix < limit - prefix, same(old.beads.count - 1 - suffix, new.beads.count - 1 - suffix) {
      suffix += 1
    }
    return (prefix, old.beads.count - prefix - suffix, new.beads.count - prefix - suffix)
  }

  /// The legend under the map.
  public static let legend =
    "<p class=\"legend\"><span class=\"sw c-low\"></span> confidence below 0.5 "
    + "<span class=\"sw c-mid\"></span> 0.5–0.8 <span class=\"sw c-high\"></span> 0.8 and above; "
    + "outlined: confirmed or edited; ticks beside the axes: sentences without a counterpart.</p>"

  /// The whole review page. `interactive` adds the toolbar and the app's script (served from
  /// `/assets/`); without it the page is a self-contained read-only report with the CSS inline.
  public func page(
    _ document: AlignedDocument, title: String, fileID: String? = nil, interactive: Bool,
    generator: String = "Tweetal"
  ) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    html += "<meta name=\"generator\" content=\"\(escape(generator))\">"
    html += "<title>\(escape(title)) — Tweetal review</title>"
    if interactive {
      html += "<link rel=\"stylesheet\" href=\"/assets/review.css\">"
    } else {
      html += "<style>\n" + Assets.css + "\n</style>"
    }
    html += "</head><body class=\"\(interactive ? "app" : "report")\""
    if let fileID { html += " data-file=\"\(escape(fileID))\"" }
    html += ">\n<header><h1>\(escape(title))</h1>"
    html +=
      "<p class=\"pair\">\(escape(document.metadata.sourceFile)) (\(escape(document.metadata.sourceLanguage))) ↔ "
      + "\(escape(document.metadata.targetFile)) (\(escape(document.metadata.targetLanguage)))</p>"
    html += "<p class=\"summary\" id=\"summary\">\(escape(summary(document)))</p>"
    if interactive {
      html += "<nav class=\"toolbar\"><a href=\"/\">all alignments</a>"
      html += " <button type=\"button\" data-action=\"undo\" title=\"u\">undo</button>"
      html += "<button type=\"button\" data-action=\"redo\" title=\"r\">redo</button>"
      html += "<button type=\"button\" data-action=\"next-suspicious\" title=\"n\">next suspicious</button>"
      html += "<button type=\"button\" data-action=\"help\" title=\"?\">keys</button>"
      if let fileID {
        let base = "/api/files/\(escape(fileID))/export?format="
        html += " export: <a class=\"export\" href=\"\(base)tmx\" download>TMX</a>"
        html += " <a class=\"export\" href=\"\(base)tsv\" download>TSV</a>"
        html += " <a class=\"export\" href=\"\(base)source\" download>text (source)</a>"
        html += " <a class=\"export\" href=\"\(base)target\" download>text (target)</a>"
      }
      html += "</nav><p id=\"message\" class=\"message\" role=\"status\" aria-live=\"polite\"></p>"
    }
    html += "</header>\n<main>"
    html += "<aside class=\"side\"><div id=\"map\">" + map(document) + "</div>" + Self.legend + "</aside>"
    html += "<section class=\"beads\" id=\"beads\">\n" + beads(document) + "</section>"
    html += "</main>"
    if interactive { html += Self.help + "<script src=\"/assets/review.js\"></script>" }
    html += "\n</body></html>\n"
    return html
  }

  /// The keys, shown by `?`.
  static let help = """
    <dialog id="help"><h2>Keys</h2><table>
    <tr><td>j / ↓, k / ↑</td><td>next / previous bead</td></tr>
    <tr><td>n</td><td>next suspicious bead</td></tr>
    <tr><td>c, x</td><td>confirm the bead; release it (back to auto)</td></tr>
    <tr><td>m</td><td>merge with the next bead</td></tr>
    <tr><td>s</td><td>split (choose how many sentences stay)</td></tr>
    <tr><td>&lt;, &gt;</td><td>move the first sentence of a side into the previous bead, or the last into the next</td></tr>
    <tr><td>e</td><td>edit the text of a one-sentence side</td></tr>
    <tr><td>l</td><td>unlink the bead</td></tr>
    <tr><td>u, r</td><td>undo, redo</td></tr>
    <tr><td>?</td><td>this list</td></tr>
    </table><form method="dialog"><button>close</button></form></dialog>
    """

  private func format(_ value: Double) -> String { fixedDecimal(value, 1) }
  private func quoted(_ value: String) -> String { "\"" + value + "\"" }
}

/// Escapes text for HTML content and attribute values.
public func escape(_ text: String) -> String {
  func special(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
    default: false
    }
  }
  // Most sentences have none of the five: the text itself. The five are ASCII, so no byte of
  // another character's UTF-8 is one of them.
  guard text.utf8.contains(where: special) else { return text }
  var result: [UInt8] = []
  result.reserveCapacity(text.utf8.count + 16)
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "&"): result += "&amp;".utf8
    case UInt8(ascii: "<"): result += "&lt;".utf8
    case UInt8(ascii: ">"): result += "&gt;".utf8
    case UInt8(ascii: "\""): result += "&quot;".utf8
    case UInt8(ascii: "'"): result += "&#39;".utf8
    default: result.append(byte)
    }
  }
  return String(decoding: result, as: UTF8.self)
}
