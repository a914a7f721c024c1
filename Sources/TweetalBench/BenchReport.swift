import Aligner
import Foundation
import TweetalKit

/// What the accuracy benchmarks print the same way.
enum BenchReport {
  static func format(_ value: Double) -> String { String(format: "%.3f", value) }

  /// The reliability table: beads by tenth of confidence, their mean confidence and the share
  /// strictly right, over one or several document pairs.
  static func reliability(pairs: [(gold: [IndexedBead], beads: [Bead])], label: String = "") {
    var bins = [(count: Int, confidence: Double, right: Int)](repeating: (0, 0, 0), count: 10)
    for (gold, beads) in pairs {
      let goldKeys = Set(gold.map { [$0.source, $0.target] })
      for bead in beads {
        let decile = min(9, Int(bead.confidence * 10))
        bins[decile].count += 1
        bins[decile].confidence += bead.confidence
        if goldKeys.contains([Array(bead.source), Array(bead.target)]) { bins[decile].right += 1 }
      }
    }
    print("reliability\(label) (confidence decile: beads, mean confidence, share strictly right)")
    for (decile, bin) in bins.enumerated() where bin.count > 0 {
      let low = Double(decile) / 10
      print(
        "  [\(format(low)), \(format(low + 0.1))): \(bin.count), \(format(bin.confidence / Double(bin.count))), "
          + format(Double(bin.right) / Double(bin.count)))
    }
    // Expected calibration error: the beads' share of each decile times its |mean said − share right|.
    let total = bins.map(\.count).reduce(0, +)
    let error = bins.filter { $0.count > 0 }.map { bin in
      Double(bin.count) / Double(max(1, total))
        * abs(bin.confidence / Double(bin.count) - Double(bin.right) / Double(bin.count))
    }.reduce(0, +)
    print("  expected calibration error \(format(error)) over \(total) beads")
  }

  /// ``reliability(pairs:label:)`` of the links (beads with both sides) and of the unlinked beads
  /// apart: a table over all beads can look calibrated while one kind says too much and the other
  /// too little.
  static func reliabilityByKind(pairs: [(gold: [IndexedBead], beads: [Bead])]) {
    for (label, linked) in [(" of links", true), (" of unlinked beads", false)] {
      let kind = pairs.map { pair in
        (pair.gold, pair.beads.filter { (!$0.source.isEmpty && !$0.target.isEmpty) == linked })
      }
      reliability(pairs: kind, label: label)
    }
  }
}
