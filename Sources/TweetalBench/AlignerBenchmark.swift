import Aligner
import ArgumentParser
import Foundation
import TweetalKit

#if canImport(Glibc)
  import Glibc
#endif

struct AlignerBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aligner",
    abstract: "Aligner accuracy on Text+Berg, and time and peak memory at scale.",
    discussion: """
      Accuracy: aligns dev.de to dev.fr of the Text+Berg development set and scores it against \
      dev.defr (strict and lax P/R/F1, precision of the 80 % most confident beads, reliability \
      table). Scaling: aligns the dev set repeated to about N sentences a side and reports time, \
      peak resident memory (getrusage; the process peak so far, so run one size per invocation \
      for a clean number) and whether accuracy equals that of one copy.
      """
  )

  @Option(help: "Folder with dev.de, dev.fr and dev.defr.")
  var data = "../shared/bench/textberg-dev"

  @Option(help: "Comma-separated sentence counts per side for the scaling run; empty skips it.")
  var sizes = ""

  @Flag(help: "Length only: no anchors (the original program's information).")
  var lengthOnly = false

  @Flag(help: "The original program's settings: paper parameters, length-priced deletions, no anchors.")
  var original = false

  @Flag(help: "Only the paper's bead types (no 3-1 and 1-3 beads).")
  var paperBeads = false

  @Flag(help: "Also 2-3, 3-2, 1-4 and 4-1 beads (AlignerOptions.extended).")
  var extendedBeads = false

  @Flag(help: "Adapt the bead-type priors to the first pass (AlignerOptions.estimatePriors).")
  var estimatePriors = false

  @Flag(help: "Use the paper's c and s² instead of estimating them.")
  var noEstimate = false

  @Option(help: "Deletion pricing: length-independent or gale-church.")
  var deletions: String?

  @Option(help: "Anchor weight (AlignerOptions.anchorWeight).")
  var anchorWeight: Double?

  @Option(help: "Confidence temperature.")
  var temperature: Double?

  @Option(help: "Write the dev-set beads to this file.")
  var writeBeads: String?

  @Flag(
    help:
      "As before the lattice: keep the final pass from 0.5 to 0.75 parallelism instead of the two-state lattice."
  )
  var noLattice = false

  @Flag(help: "As in session 16: below 0.5 parallelism, the partial pass instead of the two-state lattice.")
  var noLatticeBelow = false

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
    help: "Learn a word-translation table from the pair (IBM Model 1) and realign with it (docs/aligner.md).")
  var learnLexicon = false

  @Option(help: "With --learn-lexicon: least confidence of a bead trained on.")
  var learnConfidence: Double?

  @Flag(help: "Posteriors over the search's bead types only (no bigger types for confidence).")
  var noConfidenceExtras = false

  @Option(
    help: "A FreeDict de-fr dictionary (.index, .dict.dz or their folder) whose translations become anchors.")
  var lexicon: String?

  func run() throws {
    var options = original ? AlignerOptions.original : AlignerOptions()
    if lengthOnly { options.anchorsAvailable = false }
    if twoStateModel || twoStateLattice { options.twoStateModel = true }
    options.twoStateLattice = twoStateLattice
    if noLattice { options.partialLattice = false }
    if noLatticeBelow { options.latticeBelowPartial = false }
    latticeExtras.apply(to: &options)
    if let linkedAtLeast { options.linkedAtLeast = linkedAtLeast }
    if learnLexicon { options.learnLexicon = true }
    if let learnConfidence { options.wordModelLimits.minimumConfidence = learnConfidence }
    if paperBeads { options.priors = AlignerOptions.galeChurchPriors }
    if extendedBeads { options.priors = AlignerOptions.extended }
    if noEstimate { options.estimateParameters = false }
    if estimatePriors { options.estimatePriors = true }
    if deletions == "gale-church" { options.deletionCost = .galeChurch }
    if deletions == "length-independent" { options.deletionCost = .lengthIndependent }
    if let anchorWeight { options.anchorWeight = anchorWeight }
    if let temperature { options.confidenceTemperature = temperature }
    if noConfidenceExtras { options.confidencePriors = [] }
    let dictionary = try lexicon.map {
      try FreeDictLexicon(path: $0, sourceLanguage: "de", targetLanguage: "fr")
    }
    let dev = try DevSet(folder: data, lexicon: dictionary, words: learnLexicon)
    let aligner = Aligner(options: options)
    let started = Date()
    let result = aligner.align(source: dev.source, target: dev.target)
    let seconds = Date().timeIntervalSince(started)
    let parameters = result.parameters
    print("Text+Berg dev: \(dev.source.count) de × \(dev.target.count) fr sentences, \(format(seconds)) s")
    print(
      "parameters: c = \(parameters.ratio), s² = \(parameters.variance), anchor match "
        + "\(parameters.anchorMatch), chance \(parameters.anchorChance); parallelism "
        + format(result.parallelism))
    report(Evaluation.score(gold: dev.gold, test: result.beads), label: "all beads")
    let ranked = result.beads.sorted { $0.confidence > $1.confidence }
    let top = Array(ranked.prefix(Int((Double(ranked.count) * 0.8).rounded())))
    print("top 80 % by confidence: strict precision \(format(precisionOnly(dev.gold, top)))")
    let sure = result.beads.filter { $0.confidence >= 0.9 }
    print(
      "confidence ≥ 0.9: \(sure.count) beads, strict precision \(format(precisionOnly(dev.gold, sure)))")
    printReliability(gold: dev.gold, beads: result.beads)
    // Held-out check: nothing is fitted on the dev set, so both halves should look alike.
    let middle = dev.source.count / 2
    for (name, half) in [
      ("first", result.beads.filter { ($0.source.first ?? middle) < middle }),
      ("second", result.beads.filter { ($0.source.first ?? middle) >= middle }),
    ] {
      let confident = half.filter { $0.confidence >= 0.9 }
      let mean = half.reduce(0) { $0 + $1.confidence } / Double(max(1, half.count))
      print(
        "\(name) half: \(half.count) beads, mean confidence \(format(mean)), strict precision "
          + "\(format(precisionOnly(dev.gold, half))); confidence ≥ 0.9: \(confident.count) beads, "
          + "strict precision \(format(precisionOnly(dev.gold, confident)))")
    }
    if let writeBeads {
      try BeadFile.format(result.beads).write(toFile: writeBeads, atomically: true, encoding: .utf8)
    }
    for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
      scale(dev: dev, aligner: aligner, size: size, single: result.beads)
    }
  }

  /// Aligns the dev pair repeated to at least `size` sentences a side and checks that every copy
  /// gets exactly the `single` copy's beads.
  private func scale(dev: DevSet, aligner: Aligner, size: Int, single: [Bead]) {
    // At least `size` sentences on the shorter side: "100 000 × 100 000" means both sides reach it.
    let shorter = max(1, min(dev.source.count, dev.target.count))
    let copies = max(1, (size + shorter - 1) / shorter)
    var source: [AlignerSentence] = []
    var target: [AlignerSentence] = []
    var gold: [IndexedBead] = []
    var expected: [[Range<Int>]] = []
    source.reserveCapacity(copies * dev.source.count)
    target.reserveCapacity(copies * dev.target.count)
    for copy in 0..<copies {
      let (ds, dt) = (copy * dev.source.count, copy * dev.target.count)
      for sentence in dev.source {
        var shifted = sentence
        shifted.block = copy
        source.append(shifted)
      }
      for sentence in dev.target {
        var shifted = sentence
        shifted.block = copy
        target.append(shifted)
      }
      for bead in dev.gold {
        gold.append(IndexedBead(source: bead.source.map { $0 + ds }, target: bead.target.map { $0 + dt }))
      }
      for bead in single {
        expected.append([
          bead.source.lowerBound + ds..<bead.source.upperBound + ds,
          bead.target.lowerBound + dt..<bead.target.upperBound + dt,
        ])
      }
    }
    var plain = aligner
    plain.options.twoLevel = false
    let cpuBefore = cpuSeconds()
    let started = Date()
    let result = plain.align(source: source, target: target)
    let seconds = Date().timeIntervalSince(started)
    let cpu = cpuSeconds() - cpuBefore
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let megabytes = Double(usage.ru_maxrss) / 1024
    let score = Evaluation.score(gold: gold, test: result.beads)
    let same = result.beads.map { [$0.source, $0.target] } == expected
    print(
      "\(source.count) × \(target.count) (\(copies) copies): \(format(seconds)) s wall, \(format(cpu)) s CPU, peak RSS "
        + "\(Int(megabytes)) MB, strict F1 \(format(score.strictF1)), lax F1 \(format(score.laxF1)), "
        + "beads identical to one copy's × \(copies): \(same); c = \(result.parameters.ratio), s² = "
        + "\(result.parameters.variance), anchor rates \(result.parameters.anchorMatch)/"
        + "\(result.parameters.anchorChance), parallelism \(format(result.parallelism))")
  }

  /// User + system CPU time of this process: the machine may be shared, so wall time alone misleads.
  private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
  }

  private func report(_ score: Evaluation, label: String) {
    print(
      "\(label):   strict P \(format(score.strictPrecision)) R \(format(score.strictRecall)) "
        + "F1 \(format(score.strictF1)) | lax P \(format(score.laxPrecision)) R \(format(score.laxRecall)) "
        + "F1 \(format(score.laxF1))")
  }

  private func precisionOnly(_ gold: [IndexedBead], _ beads: [Bead]) -> Double {
    Evaluation.score(gold: gold, test: beads).strictPrecision
  }

  private func printReliability(gold: [IndexedBead], beads: [Bead]) {
    BenchReport.reliability(pairs: [(gold, beads)])
  }

  private func format(_ value: Double) -> String { BenchReport.format(value) }
}

/// The Text+Berg development set, with anchors from ``AnchorExtractor``.
struct DevSet {
  var source: [AlignerSentence]
  var target: [AlignerSentence]
  var gold: [IndexedBead]

  /// `words`: also each sentence's content words, for the learned lexicon.
  init(folder: String, lexicon: (any Lexicon)? = nil, words: Bool = false) throws {
    func lines(_ name: String) throws -> [String] {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      return text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }.dropLastIfEmpty()
    }
    let german = AnchorExtractor(language: "de", lexicon: lexicon)
    let french = AnchorExtractor(language: "fr", lexicon: lexicon)
    func sentence(_ text: String, _ extractor: AnchorExtractor) -> AlignerSentence {
      AlignerSentence(
        length: text.count, anchors: extractor.anchors(for: text),
        words: words ? extractor.contentWords(for: text) : [])
    }
    source = try lines("dev.de").map { sentence($0, german) }
    target = try lines("dev.fr").map { sentence($0, french) }
    let goldText = try String(contentsOfFile: folder + "/dev.defr", encoding: .utf8)
    gold = try BeadFile.parse(goldText, file: folder + "/dev.defr")
  }
}

extension Array where Element == String {
  fileprivate func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
