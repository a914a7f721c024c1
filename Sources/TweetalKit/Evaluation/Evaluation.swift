public import Aligner

/// Strict and lax precision, recall and F1 of test alignments against gold alignments.
///
/// vecalign's conventions (Thompson & Koehn 2019, its `score.py`): strict precision counts test beads identical to a gold
/// bead, over all test beads (`1-0`/`0-1` included); lax precision counts a test bead that shares
/// at least one source–target sentence pair with a gold bead (a `1-0`/`0-1` bead must be
/// identical). Recall is the same with gold and test swapped, over beads with sentences on both
/// sides. Counts are summed over all document pairs before the ratios; duplicates count once.
public struct Evaluation: Sendable, Hashable, Codable {
  /// Hits and misses of one direction.
  public struct Counts: Sendable, Hashable, Codable {
    public var strictHits = 0
    public var strictMisses = 0
    public var laxHits = 0
    public var laxMisses = 0

    public init() {}

    static func + (lhs: Counts, rhs: Counts) -> Counts {
      var sum = lhs
      sum.strictHits += rhs.strictHits
      sum.strictMisses += rhs.strictMisses
      sum.laxHits += rhs.laxHits
      sum.laxMisses += rhs.laxMisses
      return sum
    }
  }

  public var precisionCounts: Counts
  public var recallCounts: Counts

  public var strictPrecision: Double { ratio(precisionCounts.strictHits, precisionCounts.strictMisses) }
  public var laxPrecision: Double { ratio(precisionCounts.laxHits, precisionCounts.laxMisses) }
  public var strictRecall: Double { ratio(recallCounts.strictHits, recallCounts.strictMisses) }
  public var laxRecall: Double { ratio(recallCounts.laxHits, recallCounts.laxMisses) }
  public var strictF1: Double { harmonic(strictPrecision, strictRecall) }
  public var laxF1: Double { harmonic(laxPrecision, laxRecall) }

  /// Scores one document pair.
  public static func score(gold: [IndexedBead], test: [IndexedBead]) -> Evaluation {
    score(pairs: [(gold, test)])
  }

  /// Scores one document pair of aligner beads against gold index beads.
  public static func score(gold: [IndexedBead], test: [Bead]) -> Evaluation {
    score(pairs: [(gold, test.map(IndexedBead.init))])
  }

  /// Scores several document pairs, summing the counts.
  public static func score(pairs: [(gold: [IndexedBead], test: [IndexedBead])]) -> Evaluation {
    var precision = Counts()
    var recall = Counts()
    for (gold, test) in pairs {
      let goldKeys = gold.map(Key.init)
      let testKeys = test.map(Key.init)
      precision = precision + counts(gold: goldKeys, test: testKeys)
      recall =
        recall
        + counts(gold: testKeys.filter(\.isLink), test: goldKeys.filter(\.isLink))
    }
    return Evaluation(precisionCounts: precision, recallCounts: recall)
  }

  /// A bead as index lists, so that empty sides compare equal wherever they sit.
  struct Key: Hashable {
    var source: [Int]
    var target: [Int]
    init(_ bead: IndexedBead) {
      source = bead.source
      target = bead.target
    }
    var isLink: Bool { !source.isEmpty && !target.isEmpty }
  }

  private static func counts(gold: [Key], test: [Key]) -> Counts {
    let goldSet = Set(gold.filter { !$0.source.isEmpty || !$0.target.isEmpty })
    var goldTargets: [Int: Set<Int>] = [:]
    for bead in goldSet {
      for source in bead.source { goldTargets[source, default: []].formUnion(bead.target) }
    }
    var result = Counts()
    for bead in Set(test) where !bead.source.isEmpty || !bead.target.isEmpty {
      if goldSet.contains(bead) {
        result.strictHits += 1
        result.laxHits += 1
        continue
      }
      result.strictMisses += 1
      let linked = bead.source.contains { source in
        guard let targets = goldTargets[source] else { return false }
        return bead.target.contains { targets.contains($0) }
      }
      if linked { result.laxHits += 1 } else { result.laxMisses += 1 }
    }
    return result
  }

  private func ratio(_ hits: Int, _ misses: Int) -> Double {
    hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
  }

  private func harmonic(_ a: Double, _ b: Double) -> Double { a + b == 0 ? 0 : 2 * a * b / (a + b) }
}
