import TweetalKit

/// The one-line summaries and warnings printed after alignment.
enum Summary {
  /// `name: 312 + 540 sentences, 420 beads (1-1 100, 0-1 165, …), 38% linked, parallelism 0.31 (loosely related)`.
  static func line(for document: AlignedDocument, name: String, written: Bool) -> String {
    let summary = AlignmentSummary(document)
    let types = summary.beadTypes.sorted { lhs, rhs in
      lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key
    }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    var text = "\(name): \(document.source.count) + \(document.target.count) sentences, "
    text += "\(document.beads.count) beads"
    if !types.isEmpty { text += " (\(types))" }
    text += ", \(percent(summary.linkedShare)) linked"
    if let parallelism = document.metadata.parallelism {
      text += ", parallelism \(decimal(parallelism)) (\(ParallelismLevel(parallelism).rawValue))"
    }
    if !written { text += ", unchanged" }
    return text
  }

  /// A warning when the pair looks loosely related or unrelated, else `nil`.
  static func warning(for document: AlignedDocument, name: String) -> String? {
    guard let parallelism = document.metadata.parallelism else { return nil }
    switch ParallelismLevel(parallelism) {
    case .parallel:
      return nil
    case .loose:
      return "\(name) look only loosely related (parallelism \(decimal(parallelism))): many sentences have "
        + "no counterpart; review the links before using them."
    case .unrelated:
      return "\(name) look unrelated (parallelism \(decimal(parallelism))): hardly anything corresponds; "
        + "check that these are the right documents."
    }
  }

  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

  /// Two decimals.
  static func decimal(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let hundredths = Int((value * 100).rounded())
    let fraction = String(abs(hundredths) % 100)
    return (hundredths < 0 ? "-" : "") + "\(abs(hundredths) / 100)." + (fraction.count == 1 ? "0" : "")
      + fraction
  }
}
