/// What each anchor of an alignment problem is worth as evidence for a link.
///
/// An anchor of a true link is found on the other side with the match rate `p₁` (estimated per
/// document pair); by chance, in an unrelated sentence, with `p₀`. For each anchor of the side with
/// fewer anchors, a bead gains `log p₁/p₀` when the other side has it and `log (1 − p₁)/(1 − p₀)`
/// when it has not; the cost is minus the sum, times the anchor weight. `p₀` (capped at `p₁`: an
/// anchor that common is no evidence) is the larger of
///
/// - the anchor's **document frequency**: the share of all units of both documents that carry it —
///   a reference number found once on each side is strong evidence, `GCM` in a letter about the GCM
///   none;
/// - its **local frequency** around the pair: the share of the units near each of the two
///   sentences (``window`` on either side, on their own side, the sentence itself left out) that
///   carry it. A word the text keeps repeating for a few sentences (the topic of a paragraph) says
///   little about which of those sentences a given one translates; counted at its document rate,
///   it made a `2-2` bead that pairs neighbours crosswise look better than the two true `1-1`
///   beads.
///
/// Both are the documents' own statistics (windows wrap around the document's ends), so the same
/// text repeated gets the same weights.
struct AnchorEvidence: Sendable {
  /// Units on each side of a sentence whose anchors make its local frequencies.
  static let window = 5

  /// Whether anchors count at all.
  let enabled: Bool
  /// Per anchor occurrence, aligned with each side's `Units.flatAnchors`: what sharing it is worth
  /// against missing it (the gain minus the miss term), weighted, at the larger of its document
  /// frequency and its local frequency on that side, as its place in ``gainValues``. A shared
  /// anchor is worth the smaller of its two occurrences' values (the larger chance rate of the
  /// three).
  ///
  /// A gain depends only on the anchor's count in the documents or on how many neighbours carry
  /// it, so the values are few: two bytes an occurrence instead of a `Float`'s four, 108 MB of the
  /// peak at 1M sentences a side. (Codes run out only past about two billion occurrences, as `k`
  /// distinct counts of 4 096 or more take 4 096 k + k(k − 1)/2 of them; that stops the program.)
  let sourceGainCodes: [UInt16]
  let targetGainCodes: [UInt16]
  /// The distinct gains the codes stand for.
  let gainValues: [Float]
  /// Per unit, prefix sums of the weighted miss terms of its anchors (count + 1 entries).
  let sourceMissPrefix: [Double]
  let targetMissPrefix: [Double]

  static let disabled = AnchorEvidence()

  private init() {
    enabled = false
    sourceGainCodes = []
    targetGainCodes = []
    gainValues = []
    sourceMissPrefix = []
    targetMissPrefix = []
  }

  /// `source` and `target` rank their anchors in one table (``Units/sharingRanks(_:_:)``).
  ///
  /// The two sides' codes and miss sums depend only on the counts and terms made before them:
  /// with two `workers` and both sides at least ``splitOccurrences`` anchors, each is made on a core.
  init(source: Units, target: Units, match: Double, weight: Double, workers: Int = Workers.available) {
    guard weight > 0, !(source.flatAnchors.isEmpty && target.flatAnchors.isEmpty) else {
      self = .disabled
      return
    }
    let ranks = source.flatAnchors.isEmpty ? target.ranks : source.ranks
    precondition(
      source.flatAnchors.isEmpty || target.flatAnchors.isEmpty || source.ranks === target.ranks,
      "the two sides' anchors are ranked in one table")
    // Anchors are ranks: their counts are an array indexed by rank.
    var counted = [Int32](repeating: 0, count: ranks.count)
    for anchor in source.flatAnchors { counted[Int(anchor)] += 1 }
    for anchor in target.flatAnchors { counted[Int(anchor)] += 1 }
    let frequency = counted
    let units = Double(max(1, source.count + target.count))
    let terms = Terms(match: match, weight: weight)
    // The terms of a rate depend only on an anchor's count (document) or on how many neighbours
    // carry it (local, at most 2 · window): computed once per value, not per occurrence (four
    // logarithms an occurrence were about half of this initializer at 100k sentences a side).
    let tabulated = min(Int(frequency.max() ?? 0), Self.tabulatedFrequencies - 1)
    let documentTerms = (0...max(1, tabulated)).map { terms(Double(max(1, $0)) / units) }
    // The gains' codes: each side's local rates first (a side's local rate is its number of
    // neighbours carrying the anchor over its window's units), then the document counts', numbered
    // as the counts first come.
    var values: [Float] = []
    func localCodes(_ side: Units) -> (rates: [Double], first: Int) {
      let span = 2 * Self.localReach(side.count)
      let rates = (0...span).map { span > 0 ? Double($0) / Double(span) : 0 }
      let first = values.count
      values += rates.map { Float(terms($0).gain) }
      return (rates, first)
    }
    let sourceLocal = localCodes(source)
    let targetLocal = localCodes(target)
    // Counts below ``tabulatedFrequencies`` have a code each; a larger one gets its code when it
    // first comes.
    let firstDocumentCode = values.count
    values += documentTerms.map { Float($0.gain) }
    var codeOfCount: [Int: UInt16] = [:]
    let documentCodes = frequency.map { frequency in
      let count = Int(frequency)
      if count < documentTerms.count { return UInt16(firstDocumentCode + count) }
      if let code = codeOfCount[count] { return code }
      guard let code = UInt16(exactly: values.count) else {
        preconditionFailure("more than 65 536 distinct anchor gains")
      }
      values.append(Float(terms(Double(count) / units).gain))
      codeOfCount[count] = code
      return code
    }
    let rankCount = ranks.count
    let codesAndMisses: @Sendable (Units, (rates: [Double], first: Int)) -> SideCodes = {
      [documentCodes] side, localCodes in
      let local = Self.localFrequencies(side, ranks: rankCount)
      var codes = [UInt16](repeating: 0, count: side.flatAnchors.count)
      var prefix = [Double](repeating: 0, count: side.count + 1)
      for unit in 0..<side.count {
        var misses = 0.0
        for index in side.anchorPrefix[unit]..<side.anchorPrefix[unit + 1] {
          let rank = Int(side.flatAnchors[index])
          let count = Int(frequency[rank])
          let documentRate = Double(max(1, count)) / units
          let atDocumentRate = count < documentTerms.count ? documentTerms[count] : terms(documentRate)
          misses += atDocumentRate.miss
          let neighbours = Int(local[index])
          codes[index] =
            localCodes.rates[neighbours] > documentRate
            ? UInt16(localCodes.first + neighbours) : documentCodes[rank]
        }
        prefix[unit + 1] = prefix[unit] + misses
      }
      return (codes, prefix)
    }
    let split =
      workers > 1 && min(source.flatAnchors.count, target.flatAnchors.count) >= Self.splitOccurrences
    let (sourceSide, targetSide) = Workers.both(
      workers: split ? 2 : 1, { codesAndMisses(source, sourceLocal) }, { codesAndMisses(target, targetLocal) }
    )
    enabled = true
    (sourceGainCodes, sourceMissPrefix) = sourceSide
    (targetGainCodes, targetMissPrefix) = targetSide
    gainValues = values
  }

  /// The gain a code stands for.
  @inline(__always)
  func gain(_ code: UInt16) -> Float { gainValues.withUnsafeBufferPointer { $0[Int(code)] } }

  /// The gains of the source side's anchor occurrences (``sourceGainCodes`` decoded).
  var sourceGains: [Float] { sourceGainCodes.map { gainValues[Int($0)] } }
  /// The gains of the target side's anchor occurrences (``targetGainCodes`` decoded).
  var targetGains: [Float] { targetGainCodes.map { gainValues[Int($0)] } }

  /// What sharing an anchor of a chance rate is worth against missing it, and the miss term.
  private struct Terms {
    let weight: Double
    let match: Double
    let logMatch: Double
    let logMiss: Double

    init(match: Double, weight: Double) {
      self.weight = weight
      self.match = match
      logMatch = naturalLog(match)
      logMiss = naturalLog(1 - match)
    }

    func callAsFunction(_ chance: Double) -> (gain: Double, miss: Double) {
      let chance = min(match, chance)
      let miss = weight * (naturalLog(1 - chance) - logMiss)
      return (weight * (logMatch - naturalLog(chance)) + miss, miss)
    }
  }

  /// One side's gain codes and miss sums (``sourceGainCodes``, ``sourceMissPrefix``).
  private typealias SideCodes = (codes: [UInt16], missPrefix: [Double])

  /// Anchor occurrences a side needs for its codes to be made on a core of its own
  /// (``init(source:target:match:weight:workers:)``): about a millisecond's work; below, starting a
  /// thread costs about what it saves.
  static let splitOccurrences = 20_000

  /// Anchor counts below this get their document-rate terms from a table.
  static let tabulatedFrequencies = 4_096

  /// For each anchor occurrence of `side`, how many of the ``window`` units before and after its
  /// unit (wrapping around) carry the same anchor, and how many units those are (`span`): the
  /// local frequency is the first over the second. `ranks`: the size of the rank table.
  private static func localFrequencies(_ side: Units, ranks: Int) -> [UInt8] {
    let count = side.count
    var result = [UInt8](repeating: 0, count: side.flatAnchors.count)
    let reach = localReach(count)
    guard reach > 0 else { return result }
    var inWindow = [Int32](repeating: 0, count: ranks)
    func add(_ unit: Int, _ delta: Int32) {
      let wrapped = ((unit % count) + count) % count
      for index in side.anchorPrefix[wrapped]..<side.anchorPrefix[wrapped + 1] {
        inWindow[Int(side.flatAnchors[index])] += delta
      }
    }
    for unit in -reach...reach { add(unit, 1) }
    for unit in 0..<count {
      for index in side.anchorPrefix[unit]..<side.anchorPrefix[unit + 1] {
        // At most 2 · reach: the window's units are distinct and each holds an anchor once.
        result[index] = UInt8(max(0, inWindow[Int(side.flatAnchors[index])] - 1))
      }
      add(unit - reach, -1)
      add(unit + reach + 1, 1)
    }
    return result
  }

  /// Units on each side of a unit whose anchors make its local frequencies, in a side of `count`
  /// units (fewer than ``window`` when the side is short: the window's units must be distinct).
  private static func localReach(_ count: Int) -> Int { min(window, (count - 1) / 2) }

  /// ``shared(_:_:_:_:)`` of source unit `s` with each target unit of `targets`, handed to `body`
  /// as (target unit, count, gain): the same counts and the same gains summed in the same order
  /// (the shared anchors ascending), but each target anchor is looked up in `slots` rather than
  /// merged with `s`'s list. A row of a pair table pairs one source unit with many target units; a
  /// merge walks both lists for every pair (a block level's pairs of paragraphs: thousands of
  /// anchors each, 5 % of the 100k shuffled process), a lookup only the target's.
  ///
  /// `slots`: one entry per rank of the two sides' table, all `-1`, and all `-1` again on return;
  /// while `body` runs, `s`'s anchors hold their place in `source.flatAnchors`.
  @inline(__always)
  func sharedRow(
    _ s: Int, _ source: Units, _ targets: ClosedRange<Int>, _ target: Units,
    slots: UnsafeMutableBufferPointer<Int32>, _ body: (Int, Int, Double) -> Void
  ) {
    let sourceStart = source.anchorPrefix[s]
    let sourceEnd = source.anchorPrefix[s + 1]
    let signature = source.signatures[s]
    source.flatAnchors.withUnsafeBufferPointer { lhs in
      target.flatAnchors.withUnsafeBufferPointer { rhs in
        sourceGainCodes.withUnsafeBufferPointer { sourceCodes in
          targetGainCodes.withUnsafeBufferPointer { targetCodes in
            for index in sourceStart..<sourceEnd { slots[Int(lhs[index])] = Int32(index) }
            for t in targets {
              if signature & target.signatures[t] == 0 {
                body(t, 0, 0)
                continue
              }
              var count = 0
              var gain = 0.0
              for right in target.anchorPrefix[t]..<target.anchorPrefix[t + 1] {
                let left = slots[Int(rhs[right])]
                if left >= 0 {
                  count += 1
                  gain += Double(min(self.gain(sourceCodes[Int(left)]), self.gain(targetCodes[right])))
                }
              }
              body(t, count, gain)
            }
            for index in sourceStart..<sourceEnd { slots[Int(lhs[index])] = -1 }
          }
        }
      }
    }
  }

  /// The number and summed gains of the anchors that source unit `s` and target unit `t` share.
  @inline(__always)
  func shared(_ s: Int, _ source: Units, _ t: Int, _ target: Units) -> (count: Int, gain: Double) {
    if source.signatures[s] & target.signatures[t] == 0 { return (0, 0) }
    // The merge of AnchorOverlap.shared, with gains, written out: sharing one closure-taking merge
    // cost this inner loop of every band cell 10 % of the whole alignment (100k: 6.7 s, not 6.1 s).
    return source.flatAnchors.withUnsafeBufferPointer { lhs in
      target.flatAnchors.withUnsafeBufferPointer { rhs in
        var left = source.anchorPrefix[s]
        let leftEnd = source.anchorPrefix[s + 1]
        var right = target.anchorPrefix[t]
        let rightEnd = target.anchorPrefix[t + 1]
        var count = 0
        var gain = 0.0
        while left < leftEnd && right < rightEnd {
          let a = lhs[left]
          let b = rhs[right]
          if a == b {
            count += 1
            gain += Double(min(self.gain(sourceGainCodes[left]), self.gain(targetGainCodes[right])))
            left += 1
            right += 1
          } else if a < b {
            left += 1
          } else {
            right += 1
          }
        }
        return (count, gain)
      }
    }
  }
}
