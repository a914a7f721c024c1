/// The distinct anchor IDs of one alignment problem (both sides, every coarse level), in order:
/// inside the aligner an anchor is its rank in this table, a `UInt32`, half the memory of the
/// `UInt64` ID (36 MB at 100 000 sentences a side). Ranks keep the IDs' order, so a unit's sorted
/// anchors, the merges of two units' anchors and the bottom-k sketches of coarse units are the same
/// as with the IDs; and they are dense, so per-anchor counts are arrays rather than hash tables.
final class AnchorRanks: Sendable {
  /// The distinct IDs, ascending: rank `r` stands for `ids[r]`.
  let ids: [UInt64]

  init(sortedIDs: [UInt64]) {
    ids = sortedIDs
  }

  var count: Int { ids.count }

  /// The rank of `id`, which the table must hold.
  func rank(of id: UInt64) -> UInt32 {
    var low = 0
    var high = ids.count
    while low < high {
      let middle = (low + high) / 2
      if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    precondition(low < ids.count && ids[low] == id, "anchor ID not in the rank table")
    return UInt32(low)
  }

  /// One table for all anchors of `sides` (each a list of units' sorted, unique IDs) and each
  /// side's anchors as ranks, unit after unit, with each unit's start (count + 1 entries).
  static func ranking(_ sides: [[[UInt64]]]) -> (ranks: AnchorRanks, sides: [(flat: [UInt32], prefix: [Int])])
  {
    ranking(occurrences: sides.map { side in side.reduce(0) { $0 + $1.count } }, units: sides.map(\.count)) {
      sides[$0][$1]
    }
  }

  /// ``ranking(_:)`` of the anchors of `source` and `target`, each sentence's array emptied as soon
  /// as it is ranked rather than when all are: at 1M sentences a side their arrays (8 bytes an
  /// anchor, a header each) were 520 MB beside the 215 MB of ranks being filled. `freed` is called
  /// each time ``freedBatch`` more anchors have gone, and once at the end with those since then, so
  /// that the caller can give their pages back (``Aligner/returnFreedPages(anchors:)``).
  static func ranking(
    taking source: inout [AlignerSentence], _ target: inout [AlignerSentence], freed: (Int) -> Void
  ) -> (ranks: AnchorRanks, sides: [(flat: [UInt32], prefix: [Int])]) {
    let occurrences = [
      source.reduce(0) { $0 + $1.anchors.count }, target.reduce(0) { $0 + $1.anchors.count },
    ]
    var pending = 0
    let result = ranking(occurrences: occurrences, units: [source.count, target.count]) { side, unit in
      var anchors: [UInt64] = []
      if side == 0 { swap(&anchors, &source[unit].anchors) } else { swap(&anchors, &target[unit].anchors) }
      pending += anchors.count
      if pending >= freedBatch {
        freed(pending)
        pending = 0
      }
      return anchors
    }
    freed(pending)
    return result
  }

  /// Anchors freed between two calls of ``ranking(taking:_:freed:)``'s `freed`: 64 MB of IDs.
  static let freedBatch = 8_000_000

  /// The ranking of `units[side]` units a side whose anchors `anchors(side, unit)` gives, in order
  /// (each unit once), `occurrences[side]` of them a side.
  ///
  /// One pass numbers the distinct IDs as they come (an open-addressing table), the numbers are
  /// then put in the IDs' order: no sort of all occurrences, and no copy of them as IDs.
  private static func ranking(
    occurrences: [Int], units: [Int], anchors: (Int, Int) -> [UInt64]
  ) -> (ranks: AnchorRanks, sides: [(flat: [UInt32], prefix: [Int])]) {
    // Grown as distinct IDs come: sized for every occurrence, it took 50 MB at 100k sentences a side.
    var numbering = IDNumbering(capacity: min(1 << 12, occurrences.reduce(0, +)))
    var ranked: [(flat: [UInt32], prefix: [Int])] = []
    for side in units.indices {
      var flat: [UInt32] = []
      flat.reserveCapacity(occurrences[side])
      var prefix = [0]
      prefix.reserveCapacity(units[side] + 1)
      for unit in 0..<units[side] {
        for id in anchors(side, unit) { flat.append(numbering.number(id)) }
        prefix.append(flat.count)
      }
      ranked.append((flat, prefix))
    }
    // First-seen numbers to ranks: the distinct IDs sorted, each number's place among them.
    let firstSeen = numbering.ids
    let order = firstSeen.indices.sorted { firstSeen[$0] < firstSeen[$1] }
    var rankOfNumber = [UInt32](repeating: 0, count: firstSeen.count)
    for (rank, number) in order.enumerated() { rankOfNumber[number] = UInt32(rank) }
    for index in ranked.indices {
      ranked[index].flat.withUnsafeMutableBufferPointer { flat in
        for position in flat.indices { flat[position] = rankOfNumber[Int(flat[position])] }
      }
    }
    return (AnchorRanks(sortedIDs: order.map { firstSeen[$0] }), ranked)
  }
}

/// Numbers distinct `UInt64` IDs in the order they are first seen: an open-addressing table with
/// linear probing (any ID, 0 included).
private struct IDNumbering {
  private var keys: [UInt64]
  private var numbers: [UInt32]
  private var shift: UInt64
  /// The distinct IDs, by number.
  private(set) var ids: [UInt64] = []

  private static let empty = UInt32.max

  init(capacity: Int) {
    var bits: UInt64 = 4
    while 1 << bits < 2 * capacity { bits += 1 }
    keys = [UInt64](repeating: 0, count: 1 << bits)
    numbers = [UInt32](repeating: Self.empty, count: 1 << bits)
    shift = 64 - bits
  }

  /// The number of `id`, given it now when it is new.
  mutating func number(_ id: UInt64) -> UInt32 {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while numbers[slot] != Self.empty {
      if keys[slot] == id { return numbers[slot] }
      slot = (slot + 1) & mask
    }
    let number = UInt32(ids.count)
    keys[slot] = id
    numbers[slot] = number
    ids.append(id)
    if 2 * ids.count > keys.count { grow() }
    return number
  }

  private mutating func grow() {
    let bits = 64 - shift + 1
    keys = [UInt64](repeating: 0, count: 1 << bits)
    numbers = [UInt32](repeating: Self.empty, count: 1 << bits)
    shift = 64 - bits
    let mask = keys.count - 1
    for (number, id) in ids.enumerated() {
      var slot = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
      while numbers[slot] != Self.empty { slot = (slot + 1) & mask }
      keys[slot] = id
      numbers[slot] = UInt32(number)
    }
  }
}
