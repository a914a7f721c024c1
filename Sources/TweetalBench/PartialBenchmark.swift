import Aligner
import ArgumentParser
import Foundation
import TweetalKit

struct PartialBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "partial",
    abstract: "Aligner accuracy on partly parallel document pairs built from Text+Berg.",
    discussion: """
      The Dutch letters and English reports Tweetal is for are related, not translations: most \
      sentences have no partner. With no such pairs aligned by hand, this builds them from the \
      Text+Berg development set: the gold beads are cut into chunks of 70; in each chunk, runs of \
      4 gold beads lose their French side (their German sentences have no partner) and get a run \
      of 4 beads' French sentences from another chunk instead (no partner either). The gold \
      alignment follows. Prints strict and lax P/R/F1 over all chunks, the precision and recall of \
      the links alone, parallelism against the true share, and the reliability table.
      """
  )

  @Option(help: "Folder with dev.de, dev.fr and dev.defr.")
  var data = "../shared/bench/textberg-dev"

  @Option(help: "Share of each chunk's 4-bead passages whose French side is replaced.")
  var replaced = 0.5

  @Flag(
    help:
      "As before the lattice: keep the final pass from 0.5 to 0.75 parallelism instead of the two-state lattice."
  )
  var noLattice = false

  @Flag(help: "As in session 16: below 0.5 parallelism, the partial pass instead of the two-state lattice.")
  var noLatticeBelow = false

  @Flag(
    help:
      "Also 2-3, 3-2, 1-4 and 4-1 beads in every pass (AlignerOptions.extended), as aligner --extended-beads."
  )
  var extendedBeads = false

  @OptionGroup(title: "Bigger beads in the lattice (tried, not kept)")
  var latticeExtras: LatticeExtrasOptions

  @Flag(help: "The two-state model of partly parallel text on every pair (experimental).")
  var twoStateModel = false

  @Flag(
    help:
      "With --two-state-model implied: the two-state lattice (a parallel and an unrelated state per cell) on every pair, not only from 0.5 to 0.75 parallelism."
  )
  var twoStateLattice = false

  @Option(
    help:
      "With --two-state-model: least probability that a link's sentences are linked at all (0 keeps every link)."
  )
  var linkedAtLeast: Double?

  @Flag(
    help: "Learn a word-translation table from each pair (IBM Model 1) and realign with it (docs/aligner.md)."
  )
  var learnLexicon = false

  @Option(help: "With --learn-lexicon: least confidence of a bead trained on.")
  var learnConfidence: Double?

  @Flag(
    help:
      "Learn one word-translation table from the confident beads of all pairs (as a corpus run would) and realign each with it."
  )
  var learnLexiconRun = false

  @Flag(help: "As before session 24: keep the lattice's runs of links none of which shares an anchor.")
  var keepAnchorlessIslands = false

  @Flag(
    help:
      "As before session 26: the unlinked beads the anchored-islands rule makes keep the lattice's unlinked probability."
  )
  var islandsLatticeProbability = false

  @Flag(
    help:
      "Also the unlinked beads the anchored-islands rule makes apart from the other unlinked beads (aligns each pair twice)."
  )
  var islandBeads = false

  @Flag(
    help:
      "Print the share of the dev set's gold links sharing no anchor, and of chance links (a gold link's German with the French of the link half the set away), by run length."
  )
  var anchorRates = false

  @Option(help: "Seed for the choice of passages.")
  var seed: UInt64 = 1

  @Option(help: "Pairs of this many seeds from --seed on, scored together (seeds differ by a few links).")
  var seedCount = 1

  @Flag(help: "Classify the links: wrong ones by what their sentences are, where they lie, their evidence.")
  var classify = false

  @Flag(help: "With --classify: list every wrong link.")
  var listWrong = false

  @Flag(help: "With --classify: list every link, right or wrong.")
  var listLinks = false

  @Option(
    help: "A FreeDict de-fr dictionary (.index, .dict.dz or their folder) whose translations become anchors.")
  var lexicon: String?

  func validate() throws {
    guard (0...1).contains(replaced) else { throw ValidationError("'--replaced' is a share in [0, 1].") }
    guard seedCount >= 1 else { throw ValidationError("'--seed-count' is at least 1.") }
  }

  func run() throws {
    let dictionary = try lexicon.map {
      try FreeDictLexicon(path: $0, sourceLanguage: "de", targetLanguage: "fr")
    }
    let dev = try DevSet(folder: data, lexicon: dictionary, words: learnLexicon || learnLexiconRun)
    if anchorRates {
      IslandEvidence.report(dev)
      return
    }
    let pairs = (seed..<seed + UInt64(seedCount)).flatMap {
      PartlyParallel.pairs(dev, replaced: replaced, seed: $0)
    }
    var options = AlignerOptions()
    if extendedBeads { options.priors = AlignerOptions.extended }
    options.twoStateModel = twoStateModel || twoStateLattice
    options.twoStateLattice = twoStateLattice
    options.partialLattice = !noLattice
    if noLatticeBelow { options.latticeBelowPartial = false }
    latticeExtras.apply(to: &options)
    if let linkedAtLeast { options.linkedAtLeast = linkedAtLeast }
    if keepAnchorlessIslands { options.latticeAnchoredIslands = false }
    if islandsLatticeProbability { options.latticeIslandsRunEvidence = false }
    options.learnLexicon = learnLexicon
    if let learnConfidence { options.wordModelLimits.minimumConfidence = learnConfidence }
    let aligner = Aligner(options: options)
    var scored: [(gold: [IndexedBead], beads: [Bead])] = []
    var links = (hits: 0, proposed: 0, gold: 0)
    var learned: WordModel?
    var wrongLinks = WrongLinks()
    var islands: [(gold: [IndexedBead], beads: [Bead])] = []
    var otherUnlinked: [(gold: [IndexedBead], beads: [Bead])] = []
    if learnLexiconRun {
      let first = pairs.map {
        (beads: aligner.align(source: $0.source, target: $0.target).beads, $0.source, $0.target)
      }
      learned = Aligner.wordModel(trainedOn: first, limits: options.wordModelLimits)
      print(
        "learned from all pairs: \(learned!.translations.count) word pairs from \(learned!.pairsUsed) beads")
    }
    print("chunk  de×fr    true share  parallelism  links proposed/right/gold")
    for (index, pair) in pairs.enumerated() {
      let result =
        learned.map { aligner.align(source: pair.source, target: pair.target, learned: $0) }
        ?? aligner.align(source: pair.source, target: pair.target)
      scored.append((pair.gold, result.beads))
      if islandBeads {
        var without = options
        without.latticeAnchoredIslands = false
        let linked = Aligner(options: without).align(source: pair.source, target: pair.target).beads
          .filter { !$0.source.isEmpty && !$0.target.isEmpty }
        let linkedSource = Set(linked.flatMap { Array($0.source) })
        let linkedTarget = Set(linked.flatMap { Array($0.target) })
        let unlinked = result.beads.filter { $0.source.isEmpty != $0.target.isEmpty }
        let island = unlinked.filter {
          $0.source.allSatisfy(linkedSource.contains) && $0.target.allSatisfy(linkedTarget.contains)
        }
        islands.append((pair.gold, island))
        otherUnlinked.append(
          (
            pair.gold,
            unlinked.filter {
              !($0.source.allSatisfy(linkedSource.contains) && $0.target.allSatisfy(linkedTarget.contains))
            }
          ))
      }
      if classify { wrongLinks.add(result.beads, pair: pair, chunk: index, parameters: result.parameters) }
      let goldLinks = Set(
        pair.gold.filter { !$0.source.isEmpty && !$0.target.isEmpty }.map { [$0.source, $0.target] })
      let proposed = result.beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }
      let right = proposed.filter { goldLinks.contains([Array($0.source), Array($0.target)]) }.count
      links.hits += right
      links.proposed += proposed.count
      links.gold += goldLinks.count
      print(
        "\(index)      \(pair.source.count)×\(pair.target.count)  \(BenchReport.format(pair.trueShare))       "
          + "\(BenchReport.format(result.parallelism))        \(proposed.count)/\(right)/\(goldLinks.count)")
    }
    let score = Evaluation.score(pairs: scored.map { ($0.gold, $0.beads.map(IndexedBead.init)) })
    print(
      "all beads:   strict P \(BenchReport.format(score.strictPrecision)) R \(BenchReport.format(score.strictRecall)) "
        + "F1 \(BenchReport.format(score.strictF1)) | lax P \(BenchReport.format(score.laxPrecision)) "
        + "R \(BenchReport.format(score.laxRecall)) F1 \(BenchReport.format(score.laxF1))")
    print(
      "links: precision \(BenchReport.format(Double(links.hits) / Double(max(1, links.proposed)))), "
        + "recall \(BenchReport.format(Double(links.hits) / Double(max(1, links.gold))))")
    BenchReport.reliability(pairs: scored)
    BenchReport.reliabilityByKind(pairs: scored)
    if islandBeads {
      BenchReport.reliability(pairs: islands, label: " of the unlinked beads the anchored-islands rule makes")
      BenchReport.reliability(pairs: otherUnlinked, label: " of the other unlinked beads")
    }
    if classify { wrongLinks.report(listing: listWrong, all: listLinks) }
  }
}

/// Partly parallel pairs cut from the Text+Berg development set (see ``PartialBenchmark``).
enum PartlyParallel {
  struct Pair {
    var source: [AlignerSentence]
    var target: [AlignerSentence]
    var gold: [IndexedBead]
    /// The share of the smaller side's characters that have a partner (what parallelism estimates
    /// for partly parallel documents).
    var trueShare: Double
    /// Whether each source (target) sentence lies in a replaced passage: a German sentence whose
    /// French was replaced, or a foreign French one (``WrongLinks`` reads the regions from these).
    var sourceReplaced: [Bool]
    var targetReplaced: [Bool]
  }

  static let chunkBeads = 70
  static let passageBeads = 4

  static func pairs(_ dev: DevSet, replaced: Double, seed: UInt64) -> [Pair] {
    let gold = dev.gold.filter { !$0.source.isEmpty || !$0.target.isEmpty }
    let chunks = stride(from: 0, to: gold.count - chunkBeads / 2, by: chunkBeads).map {
      Array(gold[$0..<min(gold.count, $0 + chunkBeads)])
    }
    var random = SplitMix(seed: seed)
    return chunks.indices.map { index in
      let foreign = chunks[(index + chunks.count / 2) % chunks.count]
      return pair(chunks[index], foreign: foreign, dev: dev, replaced: replaced, random: &random)
    }
  }

  private static func pair(
    _ chunk: [IndexedBead], foreign: [IndexedBead], dev: DevSet, replaced: Double, random: inout SplitMix
  ) -> Pair {
    var source: [AlignerSentence] = []
    var target: [AlignerSentence] = []
    var gold: [IndexedBead] = []
    var sourceReplaced: [Bool] = []
    var targetReplaced: [Bool] = []
    var foreignAt = 0
    func addSource(_ indices: [Int]) -> [Int] {
      indices.map { index in
        source.append(dev.source[index])
        return source.count - 1
      }
    }
    func addTarget(_ indices: [Int]) -> [Int] {
      indices.map { index in
        target.append(dev.target[index])
        return target.count - 1
      }
    }
    for start in stride(from: 0, to: chunk.count, by: passageBeads) {
      let passage = chunk[start..<min(chunk.count, start + passageBeads)]
      if Double(random.next() % 1000) / 1000 < replaced {
        // The German side stays without a partner; a foreign French passage takes the place of its own.
        for bead in passage {
          for index in addSource(bead.source) { gold.append(IndexedBead(source: [index], target: [])) }
        }
        sourceReplaced += Array(repeating: true, count: source.count - sourceReplaced.count)
        let other = foreign[
          (foreignAt % foreign.count)..<min(foreign.count, foreignAt % foreign.count + passageBeads)]
        foreignAt += passageBeads
        for bead in other {
          for index in addTarget(bead.target) { gold.append(IndexedBead(source: [], target: [index])) }
        }
        targetReplaced += Array(repeating: true, count: target.count - targetReplaced.count)
      } else {
        for bead in passage {
          gold.append(IndexedBead(source: addSource(bead.source), target: addTarget(bead.target)))
        }
        sourceReplaced += Array(repeating: false, count: source.count - sourceReplaced.count)
        targetReplaced += Array(repeating: false, count: target.count - targetReplaced.count)
      }
    }
    func characters(_ sentences: [AlignerSentence], _ indices: Set<Int>) -> Double {
      Double(indices.reduce(0) { $0 + max(1, sentences[$1].length) })
    }
    let linkedSource = Set(gold.filter { !$0.target.isEmpty }.flatMap(\.source))
    let linkedTarget = Set(gold.filter { !$0.source.isEmpty }.flatMap(\.target))
    let sourceTotal = characters(source, Set(source.indices))
    let targetTotal = characters(target, Set(target.indices))
    let share =
      sourceTotal <= targetTotal
      ? characters(source, linkedSource) / sourceTotal : characters(target, linkedTarget) / targetTotal
    return Pair(
      source: source, target: target, gold: gold, trueShare: share, sourceReplaced: sourceReplaced,
      targetReplaced: targetReplaced)
  }
}

/// SplitMix64, for a reproducible choice of passages.
struct SplitMix {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
