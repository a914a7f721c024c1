/// IBM Model 1 (Brown et al. 1993), trained in both directions on sentence pairs: a word-translation
/// table learned from the documents themselves (Moore 2002's idea), no dictionary needed.
///
/// Words are IDs (``AlignerSentence/words``: folded, stemmed, stop words left out), so the aligner
/// stays text-free. Training is bounded: at most ``Limits/maximumPairs`` sentence pairs, at most
/// ``Limits/maximumWords`` words per side of a pair, a fixed number of EM ``Limits/iterations``;
/// the table holds only word pairs that co-occur in some training pair. So time and memory grow at
/// most linearly with the pairs given, and are capped.
///
/// ``translations`` keeps the pairs both directions agree on: `t(f|e) ≥ threshold` and
/// `t(e|f) ≥ threshold`, seen together in at least ``Limits/minimumCount`` pairs, at most
/// ``Limits/perWord`` per word.
public struct WordModel: Sendable {
  /// The caps on training; the defaults are the ones measured in `docs/aligner.md`.
  public struct Limits: Sendable, Hashable {
    /// Least confidence of a linking bead trained on (see `docs/aligner.md` for the choice).
    public var minimumConfidence = 0.9
    /// Sentence pairs trained on at most (the first ones given).
    public var maximumPairs = 20_000
    /// Words per side of a pair at most (the first ones).
    public var maximumWords = 40
    /// EM iterations per direction.
    public var iterations = 5
    /// Least translation probability, in both directions, of a kept pair.
    public var threshold = 0.7
    /// Least number of training pairs a kept word pair occurs in together.
    public var minimumCount = 2
    /// Translations kept per word at most (the most probable ones).
    public var perWord = 1

    public init() {}
  }

  /// One learned word translation: a source word ID, a target word ID, and the two directions'
  /// translation probabilities.
  public struct Translation: Sendable, Hashable {
    public var source: UInt64
    public var target: UInt64
    /// `t(target | source)`.
    public var forward: Double
    /// `t(source | target)`.
    public var backward: Double
  }

  /// The kept translations, sorted by source then target word ID (deterministic).
  public let translations: [Translation]
  /// How many sentence pairs were trained on (after the cap).
  public let pairsUsed: Int

  /// Trains on `pairs` (source words, target words), each side's words unique within the pair.
  public init(pairs: [(source: [UInt64], target: [UInt64])], limits: Limits = Limits()) {
    let used = pairs.prefix(limits.maximumPairs).filter { !$0.source.isEmpty && !$0.target.isEmpty }
    pairsUsed = used.count
    guard !used.isEmpty else {
      translations = []
      return
    }
    // Vocabularies and, per pair, the indices of its words (unique, capped).
    var sourceIndex: [UInt64: Int32] = [:]
    var targetIndex: [UInt64: Int32] = [:]
    var sourceWords: [UInt64] = []
    var targetWords: [UInt64] = []
    var sentences: [(source: [Int32], target: [Int32])] = []
    sentences.reserveCapacity(used.count)
    func indices(_ words: [UInt64], _ index: inout [UInt64: Int32], _ list: inout [UInt64]) -> [Int32] {
      var seen: Set<UInt64> = []
      var result: [Int32] = []
      for word in words where result.count < limits.maximumWords && seen.insert(word).inserted {
        if let known = index[word] {
          result.append(known)
        } else {
          let new = Int32(list.count)
          index[word] = new
          list.append(word)
          result.append(new)
        }
      }
      return result
    }
    for pair in used {
      let source = indices(pair.source, &sourceIndex, &sourceWords)
      let target = indices(pair.target, &targetIndex, &targetWords)
      sentences.append((source, target))
    }
    // The sparse table: one slot per co-occurring (source, target) pair; per sentence pair, the
    // slots of its |source| × |target| cells, source-major.
    var slotOf: [UInt64: Int32] = [:]
    var slotSource: [Int32] = []
    var slotTarget: [Int32] = []
    var cooccurrences: [Int32] = []
    var cells: [Int32] = []
    var cellStart: [Int] = [0]
    for sentence in sentences {
      for s in sentence.source {
        for t in sentence.target {
          let key = UInt64(UInt32(s)) << 32 | UInt64(UInt32(t))
          let slot: Int32
          if let known = slotOf[key] {
            slot = known
          } else {
            slot = Int32(slotSource.count)
            slotOf[key] = slot
            slotSource.append(s)
            slotTarget.append(t)
            cooccurrences.append(0)
          }
          cooccurrences[Int(slot)] += 1
          cells.append(slot)
        }
      }
      cellStart.append(cells.count)
    }
    slotOf = [:]
    let forward = Self.train(
      sentences: sentences, cells: cells, cellStart: cellStart, slots: slotSource.count,
      generatorCount: sourceWords.count, generatedCount: targetWords.count, slotGenerator: slotSource,
      generatedIsTarget: true,
      iterations: limits.iterations)
    let backward = Self.train(
      sentences: sentences, cells: cells, cellStart: cellStart, slots: slotSource.count,
      generatorCount: targetWords.count, generatedCount: sourceWords.count, slotGenerator: slotTarget,
      generatedIsTarget: false,
      iterations: limits.iterations)
    // Keep the pairs both directions agree on, the most probable few per word.
    var candidates: [Translation] = []
    for slot in 0..<slotSource.count
    where Int(cooccurrences[slot]) >= limits.minimumCount && forward[slot] >= limits.threshold
      && backward[slot] >= limits.threshold
    {
      candidates.append(
        Translation(
          source: sourceWords[Int(slotSource[slot])], target: targetWords[Int(slotTarget[slot])],
          forward: forward[slot], backward: backward[slot]))
    }
    func capped(_ list: [Translation], by key: (Translation) -> UInt64) -> [Translation] {
      let grouped = Dictionary(grouping: list, by: key)
      return grouped.values.flatMap { group in
        group.sorted {
          ($0.forward * $0.backward, $1.source, $1.target) > ($1.forward * $1.backward, $0.source, $0.target)
        }
        .prefix(limits.perWord)
      }
    }
    let kept = capped(capped(candidates, by: \.source), by: \.target)
    translations = kept.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
  }

  /// EM for one direction: each word of the generated side is produced by one of the generating
  /// side's words or by NULL; returns `t(generated | generator)` per slot. Every table starts
  /// uniform (every co-occurring pair equal); NULL has its own table over the generated words.
  private static func train(
    sentences: [(source: [Int32], target: [Int32])], cells: [Int32], cellStart: [Int], slots: Int,
    generatorCount: Int, generatedCount: Int, slotGenerator: [Int32], generatedIsTarget: Bool, iterations: Int
  ) -> [Double] {
    var probability = [Double](repeating: 1, count: slots)
    var nullProbability = [Double](repeating: 1, count: generatedCount)
    var counts = [Double](repeating: 0, count: slots)
    var totals = [Double](repeating: 0, count: generatorCount)
    var nullCounts = [Double](repeating: 0, count: generatedCount)
    for _ in 0..<max(1, iterations) {
      for index in counts.indices { counts[index] = 0 }
      for index in totals.indices { totals[index] = 0 }
      for index in nullCounts.indices { nullCounts[index] = 0 }
      for (number, sentence) in sentences.enumerated() {
        let base = cellStart[number]
        let width = sentence.target.count
        let generatorWords = generatedIsTarget ? sentence.source : sentence.target
        let generatedWords = generatedIsTarget ? sentence.target : sentence.source
        for g in generatedWords.indices {
          // The cells (generator k, this generated word) of the source-major block.
          @inline(__always) func cell(_ k: Int) -> Int {
            generatedIsTarget ? base + k * width + g : base + g * width + k
          }
          let word = Int(generatedWords[g])
          var sum = nullProbability[word]
          for k in generatorWords.indices { sum += probability[Int(cells[cell(k)])] }
          guard sum > 0 else { continue }
          for k in generatorWords.indices {
            let slot = Int(cells[cell(k)])
            counts[slot] += probability[slot] / sum
          }
          nullCounts[word] += nullProbability[word] / sum
        }
      }
      for slot in 0..<slots { totals[Int(slotGenerator[slot])] += counts[slot] }
      for slot in 0..<slots {
        let total = totals[Int(slotGenerator[slot])]
        probability[slot] = total > 0 ? counts[slot] / total : 0
      }
      let nullTotal = nullCounts.reduce(0, +)
      for word in nullProbability.indices {
        nullProbability[word] = nullTotal > 0 ? nullCounts[word] / nullTotal : 0
      }
    }
    return probability
  }
}
