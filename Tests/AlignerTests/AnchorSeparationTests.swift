import Aligner
import Foundation
import TestSupport
import Testing

/// The Text+Berg development set (German–French), beside the worktree in ../shared/bench.
struct TextBergDev {
  static let directory = URL(fileURLWithPath: Shared.path(Shared.textBerg))
  static var isPresent: Bool { Shared.has(Shared.textBerg + "/dev.defr") }

  var source: [String]
  var target: [String]
  /// Gold beads with sentences on both sides.
  var beads: [(source: [Int], target: [Int])]

  init() throws {
    func lines(_ name: String) throws -> [String] {
      let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
      return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    source = try lines("dev.de")
    target = try lines("dev.fr")
    beads = try lines("dev.defr").compactMap { line in
      let sides = line.split(separator: ":").map { side in
        side.filter { $0.isNumber || $0 == "," }.split(separator: ",").compactMap { Int($0) }
      }
      guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else { return nil }
      return (sides[0], sides[1])
    }
  }
}

/// How well shared anchors tell true pairs from random ones.
struct Separation {
  var truePairs: [Double] = []
  var randomPairs: [Double] = []
  var trueShared = AnchorCounts()
  var randomShared = AnchorCounts()
  var pairs = 0

  /// Scores true bead `index` against bead `index + offset`'s target (a random-like pair).
  mutating func add(source: [UInt64], target: [UInt64], unrelated: [UInt64]) {
    pairs += 1
    let shared = AnchorOverlap.shared(source, target)
    let other = AnchorOverlap.shared(source, unrelated)
    for kind in AnchorKind.allCases {
      trueShared[kind] += shared[kind]
      randomShared[kind] += other[kind]
    }
    truePairs.append(Self.score(shared, source, target))
    randomPairs.append(Self.score(other, source, unrelated))
  }

  /// Shared anchors over the geometric mean of the two sides' anchor counts.
  static func score(_ shared: AnchorCounts, _ source: [UInt64], _ target: [UInt64]) -> Double {
    let scale = (Double(max(source.count, 1)) * Double(max(target.count, 1))).squareRoot()
    return Double(shared.total) / scale
  }

  /// Probability that a true pair scores above a random pair (ties count half).
  var areaUnderCurve: Double {
    let sorted = randomPairs.sorted()
    var wins = 0.0
    for value in truePairs {
      let below = sorted.partitionPoint { $0 >= value }
      let equal = sorted[below...].prefix { $0 == value }.count
      wins += Double(below) + Double(equal) / 2
    }
    return wins / Double(truePairs.count * randomPairs.count)
  }

  func share(_ values: [Double]) -> Double { Double(values.filter { $0 > 0 }.count) / Double(values.count) }

  var summary: String {
    let kinds = AnchorKind.allCases.map {
      "\($0) \(trueShared[$0])/\(randomShared[$0])"
    }.joined(separator: ", ")
    let auc = (areaUnderCurve * 1000).rounded() / 1000
    return "pairs \(pairs): AUC \(auc); with a shared anchor: true \(share(truePairs)), "
      + "random \(share(randomPairs)); shared by kind (true/random): \(kinds)"
  }
}

extension Array where Element == Double {
  func partitionPoint(_ predicate: (Double) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if predicate(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}

@Suite("Anchors separate true from random sentence pairs")
struct AnchorSeparationTests {
  @Test(
    "On Text+Berg (de–fr) true beads share far more anchors than shifted beads",
    .enabled(if: TextBergDev.isPresent, Shared.reason(Shared.textBerg)))
  func textBerg() throws {
    let dev = try TextBergDev()
    let german = AnchorExtractor(language: "de")
    let french = AnchorExtractor(language: "fr")
    let source = dev.source.map { german.anchors(for: $0) }
    let target = dev.target.map { french.anchors(for: $0) }
    func union(_ indices: [Int], _ anchors: [[UInt64]]) -> [UInt64] {
      indices.reduce([]) { AnchorOverlap.union($0, anchors[$1]) }
    }
    var separation = Separation()
    for (index, bead) in dev.beads.enumerated() {
      let other = dev.beads[(index + dev.beads.count / 2) % dev.beads.count]
      separation.add(
        source: union(bead.source, source), target: union(bead.target, target),
        unrelated: union(other.target, target))
    }
    print("Text+Berg de–fr, anchors without lexicon:", separation.summary)
    var neighbours = Separation()
    for (index, bead) in dev.beads.enumerated() {
      let other = dev.beads[(index + 1) % dev.beads.count]
      neighbours.add(
        source: union(bead.source, source), target: union(bead.target, target),
        unrelated: union(other.target, target))
    }
    print("Text+Berg de–fr, next bead as negative:", neighbours.summary)
    #expect(neighbours.areaUnderCurve > 0.8, "even the next bead's target is told apart")
  }
}
