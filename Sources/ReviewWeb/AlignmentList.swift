import Foundation
public import TweetalKit

/// One alignment on the server's list: its id (never a path), its file name and what it holds.
public struct AlignmentListEntry: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var sourceFile: String
  public var targetFile: String
  public var sourceLanguage: String
  public var targetLanguage: String
  public var sourceSentences: Int
  public var targetSentences: Int
  public var beads: Int
  public var parallelism: Double?
  /// Beads a person confirmed or edited, over all beads, in [0, 1].
  public var reviewed: Double
  public var confirmed: Int
  public var suspicious: Int

  public init(id: String, name: String, document: AlignedDocument, minConfidence: Double = 0.5) {
    self.id = id
    self.name = name
    sourceFile = document.metadata.sourceFile
    targetFile = document.metadata.targetFile
    sourceLanguage = document.metadata.sourceLanguage
    targetLanguage = document.metadata.targetLanguage
    sourceSentences = document.source.count
    targetSentences = document.target.count
    beads = document.beads.count
    parallelism = document.metadata.parallelism
    confirmed = document.beads.filter { $0.status == .confirmed }.count
    let touched = document.beads.filter { $0.status != .auto }.count
    reviewed = beads == 0 ? 0 : Double(touched) / Double(beads)
    suspicious =
      document.beads.indices.filter { document.isSuspicious($0, minConfidence: minConfidence) }.count
  }
}

/// The server's first page: a table of the alignments it serves.
public enum AlignmentListPage {
  public static func html(_ entries: [AlignmentListEntry]) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    html += "<title>Tweetal — alignments</title><link rel=\"stylesheet\" href=\"/assets/review.css\">"
    html += "</head><body class=\"list\">\n<header><h1>Alignments</h1>"
    html += "<p>Open one to review it: both documents side by side, bead by bead, and its map.</p></header>"
    html += "<main><table class=\"alignments\"><thead><tr><th>alignment</th><th>pair</th>"
    html += "<th>sentences</th><th>beads</th><th>parallelism</th><th>reviewed</th><th>suspicious</th>"
    html += "</tr></thead><tbody>\n"
    for entry in entries {
      html += "<tr data-file=\"\(escape(entry.id))\"><td><a href=\"/files/\(escape(entry.id))\">"
      html += escape(entry.name) + "</a></td>"
      html +=
        "<td>\(escape(entry.sourceFile)) (\(escape(entry.sourceLanguage)))<br>"
        + "\(escape(entry.targetFile)) (\(escape(entry.targetLanguage)))</td>"
      html += "<td class=\"n\">\(entry.sourceSentences) + \(entry.targetSentences)</td>"
      html += "<td class=\"n\">\(entry.beads)</td>"
      html += "<td class=\"n\">" + (entry.parallelism.map { fixedDecimal($0, 2) } ?? "—") + "</td>"
      let percent = Int((entry.reviewed * 100).rounded())
      html +=
        "<td class=\"n\"><meter min=\"0\" max=\"100\" value=\"\(percent)\"></meter> \(percent)%"
        + " (\(entry.confirmed) confirmed)</td>"
      html += "<td class=\"n\">\(entry.suspicious)</td></tr>\n"
    }
    html += "</tbody></table></main></body></html>\n"
    return html
  }
}
