import ArgumentParser
import Foundation
import TweetalKit

/// `TweetalBench align-scaling`: `tweetal align --presegmented` as a whole process on three kinds of
/// input at growing sizes (issue 14): wall, CPU and peak RSS from `wait4`.
struct AlignScalingBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align-scaling",
    abstract: "Whole `tweetal align --presegmented` processes on three input kinds at growing sizes.",
    discussion: """
      Builds presegmented pairs (one sentence per line, a blank line between blocks) in a temporary \
      folder and runs `tweetal align --presegmented SRC TGT -o /dev/null` on each as a child \
      process; reports the median wall time, the child's user + system CPU and its peak RSS \
      (GNU time's %M; wall and CPU from wait4), with the load average before each run.
      Kinds: `repeated`, the Text+Berg dev pair (de-fr) repeated, one block per copy; `shuffled`, \
      the same dev pair cut at gold-bead boundaries into chunks of about 10 beads and each copy \
      in another random order (fixed seed; the same order on both sides, so it stays a \
      translation); `nlen`, the nl-en dev man pages (full/), segmented by Tweetal and all pages \
      concatenated (one block per paragraph), repeated. A size is a multiple of the base pair \
      (`10x`) or a number of sentences the shorter side reaches at least (`100000`).
      Needs ../shared/bench (the kinds whose data is absent are skipped with a message). Build \
      tweetal with -c release first.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "Folder with dev.de, dev.fr and dev.defr.")
  var textberg = "../shared/bench/textberg-dev"

  @Option(help: "The nl-en man pages (NAME.nl and NAME.en).")
  var manPages = "../shared/bench/nlen-manpages-dev/full"

  @Option(help: "Comma-separated input kinds: repeated, shuffled, nlen.")
  var kinds = "repeated,shuffled,nlen"

  @Option(
    help: "Comma-separated sizes: multiples of the base pair (1x, 10x, 100x, 1000x) or sentence counts.")
  var sizes = "1x,10x,100x"

  @Option(help: "Runs per measurement (the median is reported).")
  var runs: Int = 3

  @Option(help: "Extra options for every tweetal align call, as one string (e.g. '--no-lexicon').")
  var extra = ""

  @Option(help: "Also write the table as JSON to this file.")
  var json: String?

  struct Row: Codable {
    var kind: String
    var size: String
    var sourceSentences: Int
    var targetSentences: Int
    var wallSeconds: Double
    var cpuSeconds: Double
    var peakRSSBytes: Int
    var runs: Int
    var loadAverage: Double
  }

  func validate() throws {
    for kind in kinds.split(separator: ",") where !["repeated", "shuffled", "nlen"].contains(String(kind)) {
      throw ValidationError("'--kinds' takes repeated, shuffled and nlen (got '\(kind)')")
    }
    if parsedSizes == nil { throw ValidationError("'--sizes' takes values like 1x,10x,100x or 100000") }
    if runs < 1 { throw ValidationError("'--runs' must be at least 1") }
  }

  /// The sizes: a multiple (`10x`) or a least sentence count.
  private var parsedSizes: [(label: String, times: Int?, sentences: Int?)]? {
    var result: [(String, Int?, Int?)] = []
    for item in sizes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if item.hasSuffix("x"), let times = Int(item.dropLast()), times > 0 {
        result.append((item, times, nil))
      } else if let count = Int(item), count > 0 {
        result.append((item, nil, count))
      } else {
        return nil
      }
    }
    return result.isEmpty ? nil : result
  }

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tweetal-align-scaling-\(getpid())"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var rows: [Row] = []
    print("kind      size      source × target sentences   wall s    CPU s   peak RSS MB   load")
    for kind in kinds.split(separator: ",").map(String.init) {
      guard let base = try basePair(kind) else { continue }
      for size in parsedSizes ?? [] {
        let copies =
          size.times
          ?? max(
            1,
            (size.sentences! + min(base.sourceCount, base.targetCount) - 1)
              / max(1, min(base.sourceCount, base.targetCount)))
        let source = folder + "/\(kind)-\(size.label).src"
        let target = folder + "/\(kind)-\(size.label).tgt"
        let counts = try write(base, copies: copies, source: source, target: target)
        var arguments = ["align", "--presegmented", "--source-lang", base.sourceLanguage]
        arguments += ["--target-lang", base.targetLanguage, source, target, "-o", "/dev/null"]
        arguments += extra.split(separator: " ").map(String.init)
        var walls: [Double] = []
        var cpus: [Double] = []
        var peaks: [Double] = []
        var loads: [Double] = []
        for _ in 0..<runs {
          loads.append(Self.loadAverage())
          let run = try runChildProcess(tweetal, arguments, standardError: folder + "/stderr.log")
          walls.append(run.wall)
          cpus.append(run.cpu)
          peaks.append(Double(run.peakRSS))
        }
        let row = Row(
          kind: kind, size: size.label, sourceSentences: counts.source, targetSentences: counts.target,
          wallSeconds: Self.median(walls), cpuSeconds: Self.median(cpus),
          peakRSSBytes: Int(Self.median(peaks)),
          runs: runs, loadAverage: Self.median(loads))
        rows.append(row)
        print(
          kind.padding(toLength: 10, withPad: " ", startingAt: 0)
            + size.label.padding(toLength: 10, withPad: " ", startingAt: 0)
            + "\(row.sourceSentences) × \(row.targetSentences)".padding(
              toLength: 28, withPad: " ", startingAt: 0)
            + String(
              format: "%7.2f  %7.2f  %10.1f   %4.1f", row.wallSeconds, row.cpuSeconds,
              Double(row.peakRSSBytes) / 1e6, row.loadAverage))
        try? FileManager.default.removeItem(atPath: source)
        try? FileManager.default.removeItem(atPath: target)
      }
    }
    if let json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(rows).write(to: URL(fileURLWithPath: json), options: .atomic)
    }
  }

  /// A base pair: chunks of sentences (each chunk's source and target lines), how a copy orders
  /// them, and whether a blank line (a block break) follows each chunk or only each copy.
  struct BasePair {
    var chunks: [(source: [String], target: [String])]
    var shuffled: Bool
    var blockPerChunk: Bool
    var sourceLanguage: String
    var targetLanguage: String
    /// Sentences per side (an `nlen` chunk's entries are blocks of several lines).
    var sourceCount: Int { chunks.map { Self.sentences($0.source) }.reduce(0, +) }
    var targetCount: Int { chunks.map { Self.sentences($0.target) }.reduce(0, +) }

    private static func sentences(_ entries: [String]) -> Int {
      entries.map { $0.split(separator: "\n").count }.reduce(0, +)
    }
  }

  private func basePair(_ kind: String) throws -> BasePair? {
    let files = FileManager.default
    if kind == "nlen" {
      let names = (try? files.contentsOfDirectory(atPath: manPages)) ?? []
      let pages = names.filter { $0.hasSuffix(".nl") }.map { String($0.dropLast(3)) }
        .filter { names.contains($0 + ".en") }.sorted()
      guard !pages.isEmpty else {
        print("nlen: skipped, no nl-en man pages at \(manPages) (../shared absent?)")
        return nil
      }
      let pipeline = Pipeline()
      var chunks: [(source: [String], target: [String])] = []
      for page in pages {
        func paragraphs(_ suffix: String, _ language: String) throws -> [[String]] {
          let path = manPages + "/" + page + suffix
          let text = try String(contentsOfFile: path, encoding: .utf8)
          var blocks: [[String]] = []
          var last = Int.min
          for sentence in try pipeline.sentences(of: text, language: language, file: path) {
            if sentence.block != last { blocks.append([]) }
            last = sentence.block
            blocks[blocks.count - 1].append(Self.oneLine(sentence.text))
          }
          return blocks
        }
        // Each side's paragraphs stay one block; the two sides need not have as many, so a page is one
        // chunk whose blocks are written as they come.
        let nl = try paragraphs(".nl", "nl")
        let en = try paragraphs(".en", "en")
        chunks.append((nl.map { $0.joined(separator: "\n") }, en.map { $0.joined(separator: "\n") }))
      }
      return BasePair(
        chunks: chunks, shuffled: false, blockPerChunk: true, sourceLanguage: "nl", targetLanguage: "en")
    }
    guard files.fileExists(atPath: textberg + "/dev.de"), files.fileExists(atPath: textberg + "/dev.fr"),
      files.fileExists(atPath: textberg + "/dev.defr")
    else {
      print("\(kind): skipped, no Text+Berg dev set at \(textberg) (../shared absent?)")
      return nil
    }
    let source = try Self.lines(textberg + "/dev.de")
    let target = try Self.lines(textberg + "/dev.fr")
    guard kind == "shuffled" else {
      return BasePair(
        chunks: [(source, target)], shuffled: false, blockPerChunk: false, sourceLanguage: "de",
        targetLanguage: "fr")
    }
    // Cut at every tenth gold bead that links both sides: the sentences before its first source and
    // target sentences close a chunk, so every chunk is a translation of itself.
    let gold = try BeadFile.parse(
      String(contentsOfFile: textberg + "/dev.defr", encoding: .utf8), file: textberg + "/dev.defr")
    var cuts: [(Int, Int)] = []
    for (index, bead) in gold.enumerated() where index > 0 && index % 10 == 0 {
      if let s = bead.source.first, let t = bead.target.first, s > (cuts.last?.0 ?? 0),
        t > (cuts.last?.1 ?? 0)
      {
        cuts.append((s, t))
      }
    }
    var chunks: [(source: [String], target: [String])] = []
    var start = (0, 0)
    for cut in cuts + [(source.count, target.count)] {
      chunks.append((Array(source[start.0..<cut.0]), Array(target[start.1..<cut.1])))
      start = cut
    }
    return BasePair(
      chunks: chunks, shuffled: true, blockPerChunk: false, sourceLanguage: "de", targetLanguage: "fr")
  }

  /// Writes `copies` copies of `base` (a blank line after each copy, or after each chunk's blocks);
  /// returns the sentence counts.
  private func write(_ base: BasePair, copies: Int, source: String, target: String) throws -> (
    source: Int, target: Int
  ) {
    var generator = SplitMix64(seed: 14)
    var sourceText = ""
    var targetText = ""
    for _ in 0..<copies {
      var order = Array(base.chunks.indices)
      if base.shuffled { order.shuffle(using: &generator) }
      for index in order {
        let chunk = base.chunks[index]
        let separator = base.blockPerChunk ? "\n\n" : "\n"
        sourceText += chunk.source.joined(separator: separator) + separator
        targetText += chunk.target.joined(separator: separator) + separator
        if base.blockPerChunk {
          sourceText += "\n"
          targetText += "\n"
        }
      }
      if !base.blockPerChunk {
        sourceText += "\n"
        targetText += "\n"
      }
    }
    try Data(sourceText.utf8).write(to: URL(fileURLWithPath: source))
    try Data(targetText.utf8).write(to: URL(fileURLWithPath: target))
    return (base.sourceCount * copies, base.targetCount * copies)
  }

  private static func lines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// The one-minute load average (what the other users of the machine add).
  static func loadAverage() -> Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : -1
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

/// SplitMix64: a small seeded generator, so a shuffled input is the same in every run.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
