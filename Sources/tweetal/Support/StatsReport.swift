import TweetalKit

/// The plain-text report of `tweetal stats` for one file.
enum StatsReport {
  static func text(for statistics: TMXStatistics, bold: (String) -> String) -> String {
    var lines = [bold(statistics.file)]
    func row(_ label: String, _ value: String) {
      lines.append("  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
    }
    row("tool", "\(statistics.creationTool) \(statistics.creationToolVersion)")
    let others = statistics.languages.filter { $0 != statistics.sourceLanguage }
    row("languages", (["\(statistics.sourceLanguage) (source)"] + others).joined(separator: ", "))
    row("units", "\(statistics.units)")
    guard let alignment = statistics.alignment else { return lines.joined(separator: "\n") }
    let types = alignment.beadTypes.sorted { lhs, rhs in
      guard let left = BeadTypeKey(lhs.key), let right = BeadTypeKey(rhs.key) else {
        return lhs.key < rhs.key
      }
      return left < right
    }
    row("bead types", types.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    row(
      "statuses",
      alignment.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    let confidence = alignment.confidence
    if let mean = confidence.mean, let median = confidence.median, let low = confidence.minimum,
      let high = confidence.maximum
    {
      row(
        "confidence",
        "mean \(Summary.decimal(mean)), median \(Summary.decimal(median)), "
          + "range \(Summary.decimal(low))–\(Summary.decimal(high))")
      let deciles = confidence.deciles.enumerated().map { index, count in "\(index * 10)%+ \(count)" }
      row("  by tenth", deciles.joined(separator: " · "))
    }
    row(
      "linked",
      "\(Summary.percent(alignment.linkedShare)) of sentences (source \(alignment.sourceLinked)/"
        + "\(alignment.sourceSentences), target \(alignment.targetLinked)/\(alignment.targetSentences))")
    if let parallelism = statistics.parallelism {
      row("parallelism", "\(Summary.decimal(parallelism)) (\(ParallelismLevel(parallelism).rawValue))")
    }
    return lines.joined(separator: "\n")
  }
}

/// Orders bead type names numerically (`1-1` before `2-1` before `10-1`).
private struct BeadTypeKey: Comparable {
  var source: Int
  var target: Int

  init?(_ text: String) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let source = Int(parts[0]), let target = Int(parts[1]) else { return nil }
    self.source = source
    self.target = target
  }

  static func < (lhs: BeadTypeKey, rhs: BeadTypeKey) -> Bool {
    (lhs.source + lhs.target, lhs.source, lhs.target) < (rhs.source + rhs.target, rhs.source, rhs.target)
  }
}
