/// Counting and combining anchor sets (sorted, unique `UInt64` arrays).
public enum AnchorOverlap {
  /// Number of IDs in both sorted arrays, by kind. One merge pass: O(a + b), no allocation.
  public static func shared(_ lhs: [UInt64], _ rhs: [UInt64]) -> AnchorCounts {
    shared(lhs[...], rhs[...])
  }

  /// Number of IDs in both sorted slices, by kind.
  public static func shared(_ lhs: ArraySlice<UInt64>, _ rhs: ArraySlice<UInt64>) -> AnchorCounts {
    var counts = AnchorCounts()
    var left = lhs.startIndex
    var right = rhs.startIndex
    while left < lhs.endIndex && right < rhs.endIndex {
      let a = lhs[left]
      let b = rhs[right]
      if a == b {
        counts.add(id: a)
        left += 1
        right += 1
      } else if a < b {
        left += 1
      } else {
        right += 1
      }
    }
    return counts
  }

  /// Number of IDs in a sorted array, by kind.
  public static func counts(_ ids: [UInt64]) -> AnchorCounts {
    var counts = AnchorCounts()
    for id in ids { counts.add(id: id) }
    return counts
  }

  /// The sorted, unique union of two sorted, unique arrays (the anchors of a multi-sentence run),
  /// or its first `limit` IDs: a bottom-k sketch is built without making the whole union first.
  public static func union(_ lhs: [UInt64], _ rhs: [UInt64], limit: Int = .max) -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(min(limit, lhs.count + rhs.count))
    var left = 0
    var right = 0
    while (left < lhs.count || right < rhs.count) && result.count < limit {
      if right == rhs.count || left < lhs.count && lhs[left] < rhs[right] {
        result.append(lhs[left])
        left += 1
      } else if left == lhs.count || rhs[right] < lhs[left] {
        result.append(rhs[right])
        right += 1
      } else {
        result.append(lhs[left])
        left += 1
        right += 1
      }
    }
    return result
  }

  /// The sorted, unique union of many sorted arrays (the anchors of a paragraph's sentences): all
  /// IDs sorted once, O(k log k) for k IDs. Merging the arrays one at a time copies the growing
  /// union for each: quadratic in a long paragraph (6 % of a 10k-sentence alignment whose input has
  /// 22 paragraphs).
  public static func union(of sets: [[UInt64]]) -> [UInt64] {
    var all = Array(sets.joined())
    all.sort()
    var kept = 0
    for id in all where kept == 0 || all[kept - 1] != id {
      all[kept] = id
      kept += 1
    }
    all.removeLast(all.count - kept)
    return all
  }
}

/// A count per ``AnchorKind``: a fixed-size value, cheap to build in an inner loop.
public struct AnchorCounts: Sendable, Hashable {
  private var storage = SIMD16<Int32>()

  public init() {}

  /// The count for `kind`.
  public subscript(kind: AnchorKind) -> Int {
    get { Int(storage[Int(kind.rawValue)]) }
    set { storage[Int(kind.rawValue)] = Int32(clamping: newValue) }
  }

  /// The count over all kinds.
  public var total: Int { Int(storage.wrappedSum()) }

  /// Counts one ID under its kind (IDs without a kind are ignored).
  public mutating func add(id: UInt64) {
    let slot = Int(id >> AnchorID.kindShift)
    if slot > 0 { storage[slot] &+= 1 }
  }
}
