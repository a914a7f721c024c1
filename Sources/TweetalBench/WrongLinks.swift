import Aligner
import Foundation
import TweetalKit

/// What the wrong links of `partial --classify` are (`docs/aligner.md`, "Session 24"): each link
/// that is not a gold bead, by what its sentences are in the built pair — in a replaced passage
/// (no partner: a German passage whose French was replaced, or the foreign French) or in a kept
/// one — and, for links between kept sentences, how they miss the gold bead; with where they lie
/// against the edges of the replaced regions, their confidence and their evidence. The right links
/// get the same columns, for comparison.
struct WrongLinks {
  /// How a link stands to the gold alignment.
  enum Kind: String, CaseIterable {
    case right = "right"
    case foreignBoth = "replaced-replaced"
    case foreignOne = "replaced-kept"
    case ownUnlinked = "kept, a gold 1-0/0-1"
    case piece = "kept, piece of a gold bead"
    case union = "kept, union of gold beads"
    case shifted = "kept, shifted"
  }

  /// One link's classification and evidence.
  struct Link {
    var kind: Kind
    var chunk: Int
    var bead: Bead
    /// Sentences (on the nearer side) between the link and the nearest edge of a replaced region;
    /// 0 when one of its sentences is the first or last of its region, nil when the chunk has no
    /// replaced region.
    var edgeDistance: Int?
    /// Source and target sentences of the replaced regions the link touches (0 when none).
    var replacedRun: (source: Int, target: Int)
    var sharedAnchors: Int
    /// Shared anchors carried by at most 3 sentences of each side of the pair.
    var distinctiveAnchors: Int
    /// Anchors of a sentence of the link found in the sentence just before or after the link's other
    /// side and in no sentence of that side: a translation unit the link may cut (session 26). All,
    /// and those carried by at most 3 sentences of each side.
    var leakedAnchors: Int
    var leakedDistinctive: Int
    /// The Gale–Church δ of the link's lengths with the pair's estimated `c` and `s²`.
    var delta: Double
    /// For a piece: the type of the gold bead it is a piece of.
    var goldType: BeadType?
  }

  var links: [Link] = []
  /// Gold links not proposed: all their sentences left unlinked, all inside other links, or some of each.
  var missed = (unlinked: 0, inLinks: 0, mixed: 0)
  /// The unlinked misses by their distance to a region edge: 0, 1–2, farther or no region.
  var missedUnlinkedEdge = [0, 0, 0, 0]
  /// The unlinked misses' mean unlinked confidence, summed.
  var missedUnlinkedConfidence = 0.0
  /// The gold links left unlinked, for `--list-wrong`: chunk, gold bead, its edge distance, its
  /// shared and distinctive anchors, its δ and its sentences' mean unlinked confidence.
  var missedUnlinkedList:
    [(
      chunk: Int, gold: IndexedBead, edge: Int?, shared: Int, distinctive: Int, delta: Double,
      confidence: Double
    )] = []

  /// Classifies the links of `beads`, the alignment of chunk `chunk` (`pair`) with `parameters`.
  mutating func add(
    _ beads: [Bead], pair: PartlyParallel.Pair, chunk: Int, parameters: AlignmentParameters
  ) {
    var sourceBead = [Int?](repeating: nil, count: pair.source.count)
    var targetBead = [Int?](repeating: nil, count: pair.target.count)
    for (index, bead) in pair.gold.enumerated() {
      for i in bead.source { sourceBead[i] = index }
      for j in bead.target { targetBead[j] = index }
    }
    let goldKeys = Set(pair.gold.map { [$0.source, $0.target] })
    func frequencies(_ sentences: [AlignerSentence]) -> [UInt64: Int] {
      var counts: [UInt64: Int] = [:]
      for sentence in sentences { for anchor in Set(sentence.anchors) { counts[anchor, default: 0] += 1 } }
      return counts
    }
    let sourceFrequency = frequencies(pair.source)
    let targetFrequency = frequencies(pair.target)
    /// The anchors of `anchors` carried by at most 3 sentences a side.
    func distinctive(_ anchors: Set<UInt64>) -> Set<UInt64> {
      anchors.filter { (sourceFrequency[$0] ?? 0) <= 3 && (targetFrequency[$0] ?? 0) <= 3 }
    }
    /// The anchors a link of `sources` and `targets` shares, and its length fit δ with the pair's
    /// `c` and `s²`.
    func evidence(_ sources: some Collection<Int>, _ targets: some Collection<Int>) -> (
      shared: Set<UInt64>, delta: Double
    ) {
      let shared = Set(sources.flatMap { pair.source[$0].anchors }).intersection(
        targets.flatMap { pair.target[$0].anchors })
      let l1 = Double(sources.map { pair.source[$0].length }.reduce(0, +))
      let l2 = Double(targets.map { pair.target[$0].length }.reduce(0, +))
      let c = parameters.ratio
      return (shared, (l2 - c * l1) / max(1e-9, (parameters.variance * (l1 + l2 / c) / 2).squareRoot()))
    }
    let sourceRegions = Self.regions(pair.sourceReplaced)
    let targetRegions = Self.regions(pair.targetReplaced)
    var sourceLinked = [Bool](repeating: false, count: pair.source.count)
    var targetLinked = [Bool](repeating: false, count: pair.target.count)
    var sourceConfidence = [Double](repeating: 0, count: pair.source.count)
    var targetConfidence = [Double](repeating: 0, count: pair.target.count)
    for bead in beads {
      let linking = !bead.source.isEmpty && !bead.target.isEmpty
      for i in bead.source {
        sourceLinked[i] = linking
        sourceConfidence[i] = bead.confidence
      }
      for j in bead.target {
        targetLinked[j] = linking
        targetConfidence[j] = bead.confidence
      }
    }
    let proposed = Set(beads.map { [Array($0.source), Array($0.target)] })
    for gold in pair.gold where !gold.source.isEmpty && !gold.target.isEmpty {
      guard !proposed.contains([gold.source, gold.target]) else { continue }
      let linked = gold.source.map { sourceLinked[$0] } + gold.target.map { targetLinked[$0] }
      if linked.allSatisfy({ !$0 }) {
        missed.unlinked += 1
        let confidences = gold.source.map { sourceConfidence[$0] } + gold.target.map { targetConfidence[$0] }
        missedUnlinkedConfidence += confidences.reduce(0, +) / Double(confidences.count)
        let edge = [
          Self.edgeDistance(gold.source, sourceRegions), Self.edgeDistance(gold.target, targetRegions),
        ].compactMap { $0 }.min()
        missedUnlinkedEdge[edge.map { $0 == 0 ? 0 : $0 <= 2 ? 1 : 2 } ?? 3] += 1
        let (shared, delta) = evidence(gold.source, gold.target)
        missedUnlinkedList.append(
          (
            chunk, gold, edge, shared.count, distinctive(shared).count, delta,
            confidences.reduce(0, +) / Double(confidences.count)
          ))
      } else if linked.allSatisfy({ $0 }) {
        missed.inLinks += 1
      } else {
        missed.mixed += 1
      }
    }
    for bead in beads where !bead.source.isEmpty && !bead.target.isEmpty {
      let replacedSource = bead.source.map { pair.sourceReplaced[$0] }
      let replacedTarget = bead.target.map { pair.targetReplaced[$0] }
      let replaced = replacedSource + replacedTarget
      let beadsTouched = Set(bead.source.map { sourceBead[$0] } + bead.target.map { targetBead[$0] })
      let kind: Kind
      if goldKeys.contains([Array(bead.source), Array(bead.target)]) {
        kind = .right
      } else if replaced.allSatisfy({ $0 }) {
        kind = .foreignBoth
      } else if replaced.contains(true) {
        kind = .foreignOne
      } else if beadsTouched.contains(where: { index in
        index.map { pair.gold[$0].source.isEmpty || pair.gold[$0].target.isEmpty } ?? true
      }) {
        kind = .ownUnlinked
      } else if beadsTouched.count == 1 {
        kind = .piece
      } else {
        // A union of whole gold beads covers each touched bead's sentences and no other.
        let whole = beadsTouched.compactMap { $0 }.allSatisfy { index in
          pair.gold[index].source.allSatisfy(bead.source.contains)
            && pair.gold[index].target.allSatisfy(bead.target.contains)
        }
        kind = whole ? .union : .shifted
      }
      let distances = [
        Self.edgeDistance(bead.source, sourceRegions), Self.edgeDistance(bead.target, targetRegions),
      ].compactMap { $0 }
      func run(_ range: Range<Int>, _ regions: [(range: Range<Int>, replaced: Bool)]) -> Int {
        regions.filter { $0.replaced && $0.range.overlaps(range) }.map(\.range.count).reduce(0, +)
      }
      let (shared, delta) = evidence(bead.source, bead.target)
      func leaked(
        _ inside: Range<Int>, _ insideSentences: [AlignerSentence], _ other: Range<Int>,
        _ otherSentences: [AlignerSentence]
      ) -> Set<UInt64> {
        let otherAnchors = Set(other.flatMap { otherSentences[$0].anchors })
        let neighbours = [other.lowerBound - 1, other.upperBound].filter {
          otherSentences.indices.contains($0)
        }
        let outside = Set(neighbours.flatMap { otherSentences[$0].anchors }).subtracting(otherAnchors)
        return Set(inside.flatMap { insideSentences[$0].anchors }).intersection(outside)
      }
      let leak =
        leaked(bead.source, pair.source, bead.target, pair.target)
        .union(leaked(bead.target, pair.target, bead.source, pair.source))
      links.append(
        Link(
          kind: kind, chunk: chunk, bead: bead, edgeDistance: distances.min(),
          replacedRun: (run(bead.source, sourceRegions), run(bead.target, targetRegions)),
          sharedAnchors: shared.count, distinctiveAnchors: distinctive(shared).count,
          leakedAnchors: leak.count, leakedDistinctive: distinctive(leak).count, delta: delta,
          goldType: kind == .piece
            ? beadsTouched.first!.map {
              BeadType(source: pair.gold[$0].source.count, target: pair.gold[$0].target.count)
            } : nil))
    }
  }

  /// Sentences between the nearest of `indices` and the nearest edge of a region; nil with one region.
  static func edgeDistance<Indices: Collection<Int>>(
    _ indices: Indices, _ regions: [(range: Range<Int>, replaced: Bool)]
  ) -> Int? {
    guard regions.count > 1 else { return nil }
    return indices.compactMap { index -> Int? in
      guard let region = regions.firstIndex(where: { $0.range.contains(index) }) else { return nil }
      let range = regions[region].range
      var best = Int.max
      if region > 0 { best = min(best, index - range.lowerBound) }
      if region < regions.count - 1 { best = min(best, range.upperBound - 1 - index) }
      return best
    }.min()
  }

  /// The maximal runs of equal flags.
  static func regions(_ replaced: [Bool]) -> [(range: Range<Int>, replaced: Bool)] {
    var result: [(range: Range<Int>, replaced: Bool)] = []
    var start = 0
    for index in 1...replaced.count where index == replaced.count || replaced[index] != replaced[start] {
      result.append((start..<index, replaced[start]))
      start = index
    }
    return replaced.isEmpty ? [] : result
  }

  /// The table: per kind the links, their confidence, where they lie, their evidence.
  func report(listing: Bool, all: Bool = false) {
    let format = BenchReport.format
    print(
      "links by kind: count | confidence mean, ≥0.9, 0.5–0.9, <0.5 | at a region edge (0), 1–2 away, "
        + "farther, no region | shared anchors ≥1, distinctive ≥1 | |δ| < 1 | replaced run (source sentences) "
        + "≤4, 5–8, >8 | leaked anchors ≥1, distinctive ≥1")
    for kind in Kind.allCases {
      let group = links.filter { $0.kind == kind }
      guard !group.isEmpty else { continue }
      let confidence = group.map(\.bead.confidence)
      let count = { (predicate: (Link) -> Bool) in group.filter(predicate).count }
      let touched = group.filter { $0.replacedRun.source + $0.replacedRun.target > 0 }
      let runCounts =
        touched.isEmpty
        ? "–"
        : "\(touched.filter { $0.replacedRun.source <= 4 }.count), "
          + "\(touched.filter { (5...8).contains($0.replacedRun.source) }.count), "
          + "\(touched.filter { $0.replacedRun.source > 8 }.count)"
      print(
        "  \(kind.rawValue): \(group.count) | \(format(confidence.reduce(0, +) / Double(group.count))), "
          + "\(confidence.filter { $0 >= 0.9 }.count), \(confidence.filter { (0.5..<0.9).contains($0) }.count), "
          + "\(confidence.filter { $0 < 0.5 }.count) | \(count { $0.edgeDistance == 0 }), "
          + "\(count { (1...2).contains($0.edgeDistance ?? -1) }), \(count { ($0.edgeDistance ?? 0) > 2 }), "
          + "\(count { $0.edgeDistance == nil }) | \(count { $0.sharedAnchors > 0 }), "
          + "\(count { $0.distinctiveAnchors > 0 }) | \(count { abs($0.delta) < 1 }) | \(runCounts) | "
          + "\(count { $0.leakedAnchors > 0 }), \(count { $0.leakedDistinctive > 0 })")
    }
    print(
      "gold links missed: \(missed.unlinked) left unlinked (mean unlinked confidence "
        + "\(format(missedUnlinkedConfidence / Double(max(1, missed.unlinked)))); at a region edge, 1–2 away, "
        + "farther, no region: \(missedUnlinkedEdge.map(String.init).joined(separator: ", "))), "
        + "\(missed.inLinks) inside other links, \(missed.mixed) partly each")
    var parents: [BeadType: Int] = [:]
    for link in links { if let type = link.goldType { parents[type, default: 0] += 1 } }
    print(
      "pieces by gold bead type: "
        + parents.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", "))
    guard listing || all else { return }
    print(
      "\(all ? "links" : "wrong links"): chunk, source–target, kind, confidence, edge distance, shared/distinctive anchors, δ"
    )
    print(
      "gold links left unlinked: chunk, source–target, edge distance, shared/distinctive anchors, δ, unlinked confidence"
    )
    for missed in missedUnlinkedList {
      print(
        "  \(missed.chunk) \(missed.gold.source)-\(missed.gold.target) \(missed.edge.map(String.init) ?? "–") "
          + "\(missed.shared)/\(missed.distinctive) " + String(format: "%.2f", missed.delta) + " "
          + format(missed.confidence))
    }
    for link in links where all || link.kind != .right {
      let edge = link.edgeDistance.map(String.init) ?? "–"
      print(
        "  \(link.chunk) \(Array(link.bead.source))-\(Array(link.bead.target)) \(link.kind.rawValue) "
          + "\(format(link.bead.confidence)) \(edge) \(link.sharedAnchors)/\(link.distinctiveAnchors) "
          + String(format: "%.2f", link.delta) + (link.goldType.map { " (of a \($0))" } ?? ""))
    }
  }
}
