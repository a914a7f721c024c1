/// One side of an alignment problem in the form the search uses: flat arrays, no text.
///
/// Per-unit numbers that fit are kept in 32 bits (``NarrowInts``) and read as `Int`: at 100 000
/// sentences a side, 8-byte fields were 10.5 MB of the heap's peak.
struct Units: Sendable {
  let lengths: NarrowInts
  /// Unit class per unit; `-1` is a wildcard (a merged coarse unit of mixed classes). 64 bits: a
  /// class refined by a block group (``regrouped(_:)``) passes 2³¹.
  let classes: [Int]
  /// A 64-bit Bloom signature of each unit's anchors, to skip disjoint pairs quickly.
  var signatures: [UInt64]
  /// Prefix sums (count + 1 entries) of lengths, anchor counts, and class breaks (a unit whose
  /// class is incompatible with the previous unit's), so a bead's totals cost O(1). The lengths'
  /// sums are 64-bit (a side's characters may pass 2³¹), the counts' sums 32-bit (anchors are
  /// ranked in 32 bits already).
  let lengthPrefix: [Int]
  let anchorPrefix: NarrowInts
  let breakPrefix: NarrowInts
  /// Whether each unit starts a new block (paragraph) after the unit before it.
  var startsBlock: [Bool]
  /// Prefix sums of `startsBlock` (count + 1 entries): block boundaries inside a bead side in O(1).
  let blockPrefix: NarrowInts
  /// All anchors as ranks in ``ranks``, unit after unit: unit `k` has
  /// `flatAnchors[anchorPrefix[k]..<anchorPrefix[k + 1]]` (``anchors(_:)``), sorted and unique. One
  /// array for the whole side rather than one per unit: at 10 000 sentences a side, per-unit arrays
  /// (their headers and spare capacity, on every coarse level too) were more than half of the
  /// aligner's heap.
  var flatAnchors: [UInt32]
  /// The anchor IDs the ranks stand for; the two sides of a problem share one table (``pair(_:_:useAnchors:)``,
  /// ``sharingRanks(_:_:)``), their coarse levels keep it.
  let ranks: AnchorRanks

  var count: Int { lengths.count }

  /// The most anchors a unit has.
  var mostAnchors: Int {
    (0..<count).reduce(0) { most, unit in max(most, anchorPrefix[unit + 1] - anchorPrefix[unit]) }
  }

  /// The anchors of `unit` as ranks, sorted and unique.
  @inline(__always)
  func anchors(_ unit: Int) -> ArraySlice<UInt32> {
    flatAnchors[anchorPrefix[unit]..<anchorPrefix[unit + 1]]
  }

  /// The anchor IDs of `unit`, sorted and unique.
  func anchorIDs(_ unit: Int) -> [UInt64] {
    anchors(unit).map { ranks.ids[Int($0)] }
  }

  /// The anchors that unit `s` and unit `t` of `other` share (the two ranked in one table), counted
  /// by kind: ``AnchorOverlap/shared(_:_:)`` of their IDs.
  func sharedAnchors(_ s: Int, _ other: Units, _ t: Int) -> AnchorCounts {
    AnchorOverlap.shared(anchorIDs(s), other.anchorIDs(t))
  }

  /// How many anchors unit `s` and unit `t` of `other` share (the two ranked in one table): the
  /// ``sharedAnchors(_:_:_:)`` total, by one merge of their ranks (which keep the IDs' order), with
  /// no array of IDs made for either unit (the estimation's pairs).
  func sharedAnchorCount(_ s: Int, _ other: Units, _ t: Int) -> Int {
    precondition(ranks === other.ranks, "the two sides' anchors are ranked in one table")
    let lhs = anchors(s)
    let rhs = other.anchors(t)
    var shared = 0
    var left = lhs.startIndex
    var right = rhs.startIndex
    while left < lhs.endIndex && right < rhs.endIndex {
      let a = lhs[left]
      let b = rhs[right]
      if a == b {
        // As ``AnchorCounts/add(id:)``: an ID without a kind is not counted.
        if ranks.ids[Int(a)] >> AnchorID.kindShift > 0 { shared += 1 }
        left += 1
        right += 1
      } else if a < b {
        left += 1
      } else {
        right += 1
      }
    }
    return shared
  }

  /// Units with anchor IDs, ranked in a table of their own.
  init(lengths: [Int], classes: [Int], anchors: [[UInt64]], startsBlock: [Bool]? = nil) {
    let (ranks, sides) = AnchorRanks.ranking([anchors])
    self.init(
      lengths: lengths, classes: classes, flatAnchors: sides[0].flat, anchorPrefix: sides[0].prefix,
      ranks: ranks, startsBlock: startsBlock)
  }

  /// Units whose anchors are already flat ranks in `ranks`: unit `k` has
  /// `flatAnchors[anchorPrefix[k]..<anchorPrefix[k + 1]]`.
  init(
    lengths: [Int], classes: [Int], flatAnchors: [UInt32], anchorPrefix: [Int], ranks: AnchorRanks,
    startsBlock: [Bool]? = nil
  ) {
    self.init(
      lengths: NarrowInts(lengths), classes: classes, flatAnchors: flatAnchors,
      anchorPrefix: NarrowInts(anchorPrefix), ranks: ranks, startsBlock: startsBlock)
  }

  /// Units from their narrow per-unit arrays (what ``lengths`` and ``anchorPrefix`` hold).
  private init(
    lengths: NarrowInts, classes: [Int], flatAnchors: [UInt32], anchorPrefix: NarrowInts, ranks: AnchorRanks,
    startsBlock: [Bool]? = nil
  ) {
    // ``CostModel/cost(typeIndex:endingAt:_:cells:bound:)`` reads these unchecked inside `0...count`.
    precondition(classes.count == lengths.count && anchorPrefix.count == lengths.count + 1)
    self.lengths = lengths
    self.classes = classes
    self.flatAnchors = flatAnchors
    self.anchorPrefix = anchorPrefix
    self.ranks = ranks
    let startsBlock = startsBlock ?? Array(repeating: false, count: lengths.count)
    self.startsBlock = startsBlock
    var blockPrefix = [Int32](repeating: 0, count: lengths.count + 1)
    var lengthPrefix = [Int](repeating: 0, count: lengths.count + 1)
    var breakPrefix = [Int32](repeating: 0, count: lengths.count + 1)
    var signatures = [UInt64](repeating: 0, count: lengths.count)
    for index in lengths.indices {
      blockPrefix[index + 1] = blockPrefix[index] + (index > 0 && startsBlock[index] ? 1 : 0)
      lengthPrefix[index + 1] = lengthPrefix[index] + lengths[index]
      let breaks = index > 0 && !Units.compatible(classes[index], classes[index - 1])
      breakPrefix[index + 1] = breakPrefix[index] + (breaks ? 1 : 0)
      signatures[index] = Units.signature(flatAnchors[anchorPrefix[index]..<anchorPrefix[index + 1]])
    }
    self.blockPrefix = NarrowInts(blockPrefix)
    self.lengthPrefix = lengthPrefix
    self.breakPrefix = NarrowInts(breakPrefix)
    self.signatures = signatures
  }

  /// Classes may share a bead when equal or when either is the wildcard `-1`.
  @inline(__always)
  static func compatible(_ lhs: Int, _ rhs: Int) -> Bool { lhs == rhs || lhs == -1 || rhs == -1 }

  /// Block boundaries between the units of `range` (one side of a bead).
  @inline(__always)
  func blockBoundaries(_ range: Range<Int>) -> Int {
    range.count < 2 ? 0 : blockPrefix[range.upperBound] - blockPrefix[range.lowerBound + 1]
  }

  /// Whether units `range` may share one bead (no class break inside).
  @inline(__always)
  func isUniform(_ range: Range<Int>) -> Bool {
    range.count < 2 || breakPrefix[range.upperBound] == breakPrefix[range.lowerBound + 1]
  }

  // A bead side's sums read without bounds checks, for ``CostModel``'s cost of a bead (called for
  // every bead type at every band cell): the caller has checked that `range` lies in `0...count`.
  // Every prefix array has `count + 1` entries and ``classes`` `count` (``init``), and none changes.

  /// ``isUniform(_:)`` of a `range` in `0...count`, unchecked.
  @inline(__always)
  func isUniform(unchecked range: Range<Int>) -> Bool {
    range.upperBound &- range.lowerBound < 2
      || breakPrefix.unchecked(range.upperBound) == breakPrefix.unchecked(range.lowerBound &+ 1)
  }

  /// ``blockBoundaries(_:)`` of a `range` in `0...count`, unchecked.
  @inline(__always)
  func blockBoundaries(unchecked range: Range<Int>) -> Int {
    range.upperBound &- range.lowerBound < 2
      ? 0 : blockPrefix.unchecked(range.upperBound) &- blockPrefix.unchecked(range.lowerBound &+ 1)
  }

  /// The characters of the units of a `range` in `0...count`, unchecked.
  @inline(__always)
  func length(unchecked range: Range<Int>) -> Int {
    lengthPrefix.unchecked(range.upperBound) &- lengthPrefix.unchecked(range.lowerBound)
  }

  /// The anchors of the units of a `range` in `0...count`, unchecked.
  @inline(__always)
  func anchorCount(unchecked range: Range<Int>) -> Int {
    anchorPrefix.unchecked(range.upperBound) &- anchorPrefix.unchecked(range.lowerBound)
  }

  /// The units of `sentences`, their anchors ranked in a table of their own.
  init(_ sentences: [AlignerSentence], useAnchors: Bool) {
    self.init(
      sentences, anchors: useAnchors ? sentences.map(\.anchors) : Array(repeating: [], count: sentences.count)
    )
  }

  /// The units of `source` and `target`, their anchors ranked in one table.
  static func pair(_ source: [AlignerSentence], _ target: [AlignerSentence], useAnchors: Bool) -> (
    source: Units, target: Units
  ) {
    let (ranks, sides) = AnchorRanks.ranking(
      useAnchors ? [source.map(\.anchors), target.map(\.anchors)] : [[], []])
    func units(_ sentences: [AlignerSentence], _ side: Int) -> Units {
      useAnchors
        ? Units(sentences, flatAnchors: sides[side].flat, anchorPrefix: sides[side].prefix, ranks: ranks)
        : Units(
          sentences, flatAnchors: [], anchorPrefix: Array(repeating: 0, count: sentences.count + 1),
          ranks: ranks)
    }
    return (units(source, 0), units(target, 1))
  }

  /// ``pair(_:_:useAnchors:)``, emptying the sentences' anchors as they are ranked
  /// (``AnchorRanks/ranking(taking:_:freed:)``), their pages given back to the system as they go
  /// when there are many (``Aligner/returnFreedPages(anchors:)``). With two `workers`, the units of
  /// the two sides (lengths, classes, prefix sums, signatures) are then made a side a core.
  static func pair(
    taking source: inout [AlignerSentence], _ target: inout [AlignerSentence], useAnchors: Bool,
    workers: Int = 1
  )
    -> (source: Units, target: Units)
  {
    guard useAnchors else {
      let units = pair(source, target, useAnchors: false)
      dropAnchors(of: &source)
      dropAnchors(of: &target)
      return units
    }
    let (ranks, sides) = AnchorRanks.ranking(taking: &source, &target) {
      Aligner.returnFreedPages(anchors: $0)
    }
    // Read only until both sides' units are made: no copy of the sentence arrays.
    let (sourceSentences, targetSentences) = (source, target)
    return Workers.both(
      workers: workers,
      { Units(sourceSentences, flatAnchors: sides[0].flat, anchorPrefix: sides[0].prefix, ranks: ranks) },
      { Units(targetSentences, flatAnchors: sides[1].flat, anchorPrefix: sides[1].prefix, ranks: ranks) })
  }

  private init(_ sentences: [AlignerSentence], anchors: [[UInt64]]) {
    let (ranks, sides) = AnchorRanks.ranking([anchors])
    self.init(sentences, flatAnchors: sides[0].flat, anchorPrefix: sides[0].prefix, ranks: ranks)
  }

  private init(_ sentences: [AlignerSentence], flatAnchors: [UInt32], anchorPrefix: [Int], ranks: AnchorRanks)
  {
    self.init(
      lengths: sentences.map { max(0, $0.length) }, classes: sentences.map(\.unitClass),
      flatAnchors: flatAnchors,
      anchorPrefix: anchorPrefix, ranks: ranks,
      startsBlock: sentences.indices.map { $0 > 0 && sentences[$0].block != sentences[$0 - 1].block })
  }

  /// `source` and `target` with their anchors ranked in one table: themselves when they share one
  /// (or either has no anchors), else both ranked anew in the union of their tables. Whatever
  /// compares the anchors of two sides' units goes through this.
  static func sharingRanks(_ source: Units, _ target: Units) -> (source: Units, target: Units) {
    if source.ranks === target.ranks || source.flatAnchors.isEmpty || target.flatAnchors.isEmpty {
      return (source, target)
    }
    let ranks = AnchorRanks(sortedIDs: AnchorOverlap.union(source.ranks.ids, target.ranks.ids))
    func reranked(_ units: Units) -> Units {
      Units(
        lengths: units.lengths, classes: units.classes,
        flatAnchors: units.flatAnchors.map { ranks.rank(of: units.ranks.ids[Int($0)]) },
        anchorPrefix: units.anchorPrefix, ranks: ranks, startsBlock: units.startsBlock)
    }
    return (reranked(source), reranked(target))
  }

  /// Empties the anchors of `sentences` once units hold them (``flatAnchors``): each sentence's own
  /// array goes when the caller handed the sentences over, rather than living next to the flat copy.
  static func dropAnchors(of sentences: inout [AlignerSentence]) {
    for index in sentences.indices where !sentences[index].anchors.isEmpty { sentences[index].anchors = [] }
  }

  /// Gives each of `sentences` back its anchors from `units`: sentence `k` is unit `unit(k)`.
  static func restoreAnchors(of sentences: inout [AlignerSentence], from units: Units, unit: (Int) -> Int) {
    for index in sentences.indices { sentences[index].anchors = units.anchorIDs(unit(index)) }
  }

  static func signature(_ anchors: ArraySlice<UInt32>) -> UInt64 {
    var bits: UInt64 = 0
    for anchor in anchors { bits |= 1 << ((UInt64(anchor) &* 0xD6E8_FEB8_6659_FD93) >> 58) }
    return bits
  }

  /// The same units with each class refined by a group number (the block bead of two-level
  /// alignment), so that no bead links sentences of different groups.
  func regrouped(_ groups: [Int]) -> Units {
    let refined = zip(classes, groups).map { unitClass, group in
      unitClass == -1 ? -1 : group &* 1_000_003 &+ unitClass
    }
    return Units(
      lengths: lengths, classes: refined, flatAnchors: flatAnchors, anchorPrefix: anchorPrefix, ranks: ranks,
      startsBlock: startsBlock)
  }

  /// Most anchors a merged (coarse) unit keeps.
  static let coarseAnchorLimit = 24

  /// Merges runs of consecutive units into groups of about `quantum` units each (a coarse level of
  /// coarse-to-fine search); returns the groups and, for each group, the index of its first unit
  /// (plus `count` at the end).
  ///
  /// A group closes after the unit at or past the next multiple of `quantum` (`quantum` may be
  /// fractional), so group boundaries sit at fixed places of the document, and every group holds
  /// at least one unit. Both sides of a problem are grouped with quanta in the ratio of their unit
  /// counts, so a coarse unit stands for the same share of either document (merging equal numbers
  /// of sentences would not: a side with 18 % more sentences would pair coarse units that cover
  /// 18 % less of its text, and every coarse link would look mismatched).
  func grouped(quantum: Double) -> (units: Units, starts: [Int]) {
    var starts: [Int] = [0]
    var boundary = quantum
    for index in 0..<count {
      let end = Double(index + 1)
      if end >= boundary && index + 1 < count {
        starts.append(index + 1)
        boundary = (end / quantum).rounded(.down) * quantum + quantum
      }
    }
    starts.append(count)
    return (merging(starts), starts)
  }

  /// The units `starts[g]..<starts[g + 1]` merged into one unit each: lengths summed, classes kept
  /// when they agree (else the wildcard), anchors a bottom-k sketch of their union, no blocks.
  private func merging(_ starts: [Int]) -> Units {
    let groups = starts.count - 1
    var lengths: [Int] = []
    var classes: [Int] = []
    var coarsePrefix: [Int] = [0]
    var flat: [UInt32] = []
    lengths.reserveCapacity(groups)
    classes.reserveCapacity(groups)
    coarsePrefix.reserveCapacity(groups + 1)
    flat.reserveCapacity(min(flatAnchors.count, groups * Units.coarseAnchorLimit))
    var union: [UInt32] = []
    for group in 0..<groups {
      let members = starts[group]..<starts[group + 1]
      lengths.append(lengthPrefix[members.upperBound] - lengthPrefix[members.lowerBound])
      let first = self.classes[members.lowerBound]
      classes.append(members.allSatisfy { self.classes[$0] == first } ? first : -1)
      // Bottom-k sketch: anchor IDs are hashes (ranks keep their order), so the smallest k of a
      // union are a consistent sample on both sides; it keeps coarse units' anchor sets (and intersections) small. The
      // smallest k of the members' anchors sorted together, repeats once.
      union.removeAll(keepingCapacity: true)
      union.append(
        contentsOf: flatAnchors[anchorPrefix[members.lowerBound]..<anchorPrefix[members.upperBound]])
      union.sort()
      var kept = 0
      for (index, anchor) in union.enumerated() where kept < Units.coarseAnchorLimit {
        if index > 0 && union[index - 1] == anchor { continue }
        flat.append(anchor)
        kept += 1
      }
      coarsePrefix.append(flat.count)
    }
    // Coarse units carry no block boundaries: the coarse levels only place the band.
    return Units(
      lengths: lengths, classes: classes, flatAnchors: flat, anchorPrefix: coarsePrefix, ranks: ranks)
  }
}
