/// The paragraph level of two-level alignment (Gale & Church align paragraphs, then sentences
/// within aligned paragraphs).
enum BlockLevel {
  /// Share of each side's characters that must lie in confidently linked block beads for the
  /// block structures to count as corresponding.
  static let requiredLinkedShare = 0.9
  static let requiredConfidence = 0.5

  /// The result of the block level: the sentence-level band made of the aligned blocks'
  /// rectangles, and for each sentence the index of the block bead it belongs to.
  struct Plan: Sendable {
    var band: Band
    var sourceGroups: [Int]
    var targetGroups: [Int]
  }

  /// The plan, or nil when either side has fewer than two blocks or the block structures do not
  /// correspond.
  ///
  /// The block beads' confidences weigh the cells `near` the block path first, as the final pass's
  /// do (``Posterior/Near``; `nil`: the whole band): the plan reads only whether a confidence
  /// reaches ``requiredConfidence``, which the cells near the path decide alike (`BlockPlanTests`),
  /// and on the nlen kind at 100k, where the plan holds, the whole band's windows were a tenth of
  /// the process's CPU.
  ///
  /// The sentences are read for their blocks and counts only: arrays, or the aligner's compact
  /// sentences (``CompactSentences``).
  static func plan<Sentences: RandomAccessCollection<AlignerSentence>>(
    _ model: CostModel, source: Sentences, target: Sentences, options: AlignerOptions,
    near: Posterior.Near? = Posterior.Near()
  ) -> Plan? where Sentences.Index == Int {
    let sourceBlocks = blockRanges(source)
    let targetBlocks = blockRanges(target)
    guard sourceBlocks.count >= 2, targetBlocks.count >= 2 else { return nil }
    // The blocks' evidence is made when their own level is searched, after the coarser levels (as
    // the sentences' is): made here, it was alive through their searches (75 MB at 1M sentences a
    // side on the nl–en kind, whose blocks are mostly one sentence, under a coarse level's band
    // of 35 M cells). The search hands the model back with it.
    let (steps, table, blockModel) = BandedSearch.coarseToFineSearched(
      model.deferringEvidence(
        source: units(model.source, sourceBlocks), target: units(model.target, targetBlocks)),
      options: options)
    let confidences = Posterior.compute(
      blockModel, extras: [], table: table, steps: steps, temperature: 1, near: near
    )
    .searchBeads
    var linked = (0, 0)
    for (step, confidence) in zip(steps, confidences)
    where step.i1 > step.i0 && step.j1 > step.j0 && confidence >= requiredConfidence {
      for block in step.i0..<step.i1 { linked.0 += blockModel.source.lengths[block] }
      for block in step.j0..<step.j1 { linked.1 += blockModel.target.lengths[block] }
    }
    let sourceTotal = max(1, blockModel.source.lengths.reduce(0, +))
    let targetTotal = max(1, blockModel.target.lengths.reduce(0, +))
    guard Double(linked.0) >= requiredLinkedShare * Double(sourceTotal),
      Double(linked.1) >= requiredLinkedShare * Double(targetTotal)
    else { return nil }
    func sentenceStart(_ blocks: [Range<Int>], _ index: Int, _ count: Int) -> Int {
      index < blocks.count ? blocks[index].lowerBound : count
    }
    let rectangles = steps.map { step in
      (
        rows: sentenceStart(
          sourceBlocks, step.i0, source.count)...sentenceStart(
            sourceBlocks, step.i1, source.count),
        columns: sentenceStart(
          targetBlocks, step.j0, target.count)...sentenceStart(
            targetBlocks, step.j1, target.count)
      )
    }
    var sourceGroups = [Int](repeating: 0, count: source.count)
    var targetGroups = [Int](repeating: 0, count: target.count)
    for (group, step) in steps.enumerated() {
      for block in step.i0..<step.i1 { for index in sourceBlocks[block] { sourceGroups[index] = group } }
      for block in step.j0..<step.j1 { for index in targetBlocks[block] { targetGroups[index] = group } }
    }
    return Plan(
      band: Band.around(rectangles: rectangles, rows: source.count, columns: target.count, radius: 0),
      sourceGroups: sourceGroups, targetGroups: targetGroups)
  }

  /// Runs of consecutive sentences with the same block number.
  static func blockRanges<Sentences: RandomAccessCollection<AlignerSentence>>(_ sentences: Sentences)
    -> [Range<Int>] where Sentences.Index == Int
  {
    var ranges: [Range<Int>] = []
    var start = 0
    for index in sentences.indices where index > 0 && sentences[index].block != sentences[index - 1].block {
      ranges.append(start..<index)
      start = index
    }
    if !sentences.isEmpty { ranges.append(start..<sentences.count) }
    return ranges
  }

  static func units(_ sentences: Units, _ blocks: [Range<Int>]) -> Units {
    var lengths: [Int] = []
    var classes: [Int] = []
    var flat: [UInt32] = []
    var prefix = [0]
    // One bit per rank: a block's distinct anchors, cleared again after each block.
    var seen = [UInt64](repeating: 0, count: (sentences.ranks.count + 63) / 64)
    for block in blocks {
      lengths.append(block.reduce(0) { $0 + sentences.lengths[$1] })
      // The class the block's sentences share, else -1.
      let first = block.isEmpty ? -1 : sentences.classes[block.lowerBound]
      classes.append(block.allSatisfy { sentences.classes[$0] == first } ? first : -1)
      // A block's sentences are consecutive: their anchors are one stretch of the flat array,
      // sorted and made unique here; a sentence's own are already (most nl–en blocks are one).
      let stretch = sentences.anchorPrefix[block.lowerBound]..<sentences.anchorPrefix[block.upperBound]
      if block.count == 1 {
        flat.append(contentsOf: sentences.flatAnchors[stretch])
      } else {
        Self.distinctSorted(sentences.flatAnchors[stretch], seen: &seen, into: &flat)
      }
      prefix.append(flat.count)
    }
    return Units(
      lengths: lengths, classes: classes, flatAnchors: flat, anchorPrefix: prefix, ranks: sentences.ranks)
  }

  /// Appends the distinct values of `anchors` to `flat` in ascending order: what sorting them and
  /// dropping repeats gives. `seen` has a bit per rank, all clear, and is all clear again on return.
  ///
  /// A paragraph of a long text repeats its words: the distinct ones are marked first, then read
  /// off the bits in order when they lie close together (a block of the dev pair repeated has most
  /// of the document's anchors), else picked out and sorted alone. Sorting every occurrence took
  /// 2–3 % of the 100k shuffled process.
  static func distinctSorted(_ anchors: ArraySlice<UInt32>, seen: inout [UInt64], into flat: inout [UInt32]) {
    guard var lowest = anchors.first else { return }
    var highest = lowest
    var distinct = 0
    for anchor in anchors {
      let word = Int(anchor >> 6)
      let bit = UInt64(1) << (anchor & 63)
      if seen[word] & bit == 0 {
        seen[word] |= bit
        distinct += 1
        lowest = min(lowest, anchor)
        highest = max(highest, anchor)
      }
    }
    let words = Int(lowest >> 6)...Int(highest >> 6)
    if words.count <= 4 * distinct {
      for word in words {
        var bits = seen[word]
        while bits != 0 {
          flat.append(UInt32(word << 6 + bits.trailingZeroBitCount))
          bits &= bits - 1
        }
        seen[word] = 0
      }
    } else {
      let start = flat.count
      for anchor in anchors {
        let word = Int(anchor >> 6)
        let bit = UInt64(1) << (anchor & 63)
        if seen[word] & bit != 0 {
          seen[word] &= ~bit
          flat.append(anchor)
        }
      }
      flat[start...].sort()
    }
  }
}
