import ArgumentParser
import Foundation
import TweetalKit

/// `TweetalBench align-process`: how fast a `tweetal align` process is ready and done: the lexicon
/// parsed from dictd vs read from its cache (in-process), one small pair as a whole process, and the
/// whole nl-en dev set in one corpus process.
struct AlignProcessBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align-process",
    abstract:
      "Lexicon ready time (parsed vs cached), and whole `tweetal align` processes: one pair, the dev set.",
    discussion: """
      1. In this process: the installed nl-en FreeDict lexicon parsed from its dictd files, and read \
      from a fresh cache (LexiconCache in a temporary folder), --runs times each; median milliseconds.
      2. `tweetal align NL EN -o /dev/null` as a child process on the dev pair whose Dutch side has \
      the number of sentences closest to --sentences (../shared/bench/nlen-manpages-dev/full; the \
      IMRF letter of the corpus when that is absent), with the lexicon cache warm (XDG_CACHE_HOME \
      set to the temporary folder), with --no-lexicon, and with the cache disabled (XDG_CACHE_HOME \
      and HOME pointing at a file); median wall (wait4) and the child's own peak RSS (GNU time).
      3. `tweetal align --corpus` over all pairs of the dev set in one process (--force, so every \
      pair is aligned), cache warm; median wall and peak RSS.
      Build tweetal with -c release first.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "The nl-en man pages (NAME.nl and NAME.en).")
  var manPages: String = "../shared/bench/nlen-manpages-dev/full"

  @Option(help: "The corpus folder, for the fallback pair.")
  var corpus: String = "corpus"

  @Option(help: "Size of the one-pair input, in Dutch sentences.")
  var sentences: Int = 40

  @Option(help: "Runs per measurement (the median is reported).")
  var runs: Int = 11

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tweetal-align-process-\(getpid())"
    )
    .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let runs = max(1, self.runs)

    // 1. The lexicon, parsed and cached.
    let cache = LexiconCache(directory: folder + "/cache/tweetal")
    if try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en") != nil {
      let parsed = try Self.median(
        (0..<runs).map { _ in
          try Self.milliseconds {
            _ = try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en")
          }
        })
      _ = try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en", cache: cache)
      let cached = try Self.median(
        (0..<runs).map { _ in
          try Self.milliseconds {
            let lexicon = try FreeDictLexicon.installed(
              sourceLanguage: "nl", targetLanguage: "en", cache: cache)
            guard lexicon?.loadedFromCache == true else { throw ValidationError("the cache was not used") }
          }
        })
      print(
        String(
          format: "lexicon nl-en ready: parsed %.1f ms, from the cache %.1f ms (median of %d)", parsed,
          cached, runs))
    } else {
      print("lexicon: no nl-en FreeDict dictionary installed; the process numbers are without one")
    }

    // 2. One pair as a whole process.
    let pairs = try devPairs()
    let (nl, en, count) = try pairNear(sentences, in: pairs)
    setenv("XDG_CACHE_HOME", folder + "/cache", 1)
    let arguments = ["align", nl, en, "-o", "/dev/null"]
    _ = try measure(arguments)  // warms the cache
    let warm = try median(arguments, runs: runs)
    let bare = try median(arguments + ["--no-lexicon"], runs: runs)
    let blocker = folder + "/not-a-folder"
    _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
    let home = ProcessInfo.processInfo.environment["HOME"]
    setenv("XDG_CACHE_HOME", blocker, 1)
    setenv("HOME", blocker, 1)
    let uncached = try median(arguments, runs: runs)
    setenv("XDG_CACHE_HOME", folder + "/cache", 1)
    if let home { setenv("HOME", home, 1) }
    print("one pair: \(nl) + \(en) (\(count) Dutch sentences), median of \(runs) processes:")
    for (label, result) in [
      ("lexicon cached", warm), ("no lexicon", bare), ("lexicon parsed (no cache)", uncached),
    ] {
      print(
        "  " + label.padding(toLength: 27, withPad: " ", startingAt: 0)
          + String(
            format: "wall %6.1f ms, CPU %6.1f ms, peak RSS %5.1f MB", result.wall * 1000, result.cpu * 1000,
            Double(result.rss) / 1e6))
    }

    // 3. The whole dev set in one process.
    guard pairs.count > 1 else { return }
    let manifest = folder + "/corpus/pairs.tsv"
    try FileManager.default.createDirectory(atPath: folder + "/corpus", withIntermediateDirectories: true)
    let lines = pairs.map { "\($0.nl)\t\($0.en)\t\($0.name)\n" }.joined()
    try Data(lines.utf8).write(to: URL(fileURLWithPath: manifest))
    let corpusArguments = ["align", "--corpus", manifest, "--output-dir", folder + "/out", "--force"]
    let whole = try median(corpusArguments, runs: max(1, runs / 2))
    print(
      String(
        format:
          "dev set: %d pairs in one process (--force): wall %.3f s, CPU %.3f s, peak RSS %.1f MB (median of %d)",
        pairs.count, whole.wall, whole.cpu, Double(whole.rss) / 1e6, max(1, runs / 2)))
  }

  /// The dev set's pairs (absolute paths), or the corpus's IMRF pair when it is absent.
  private func devPairs() throws -> [(nl: String, en: String, name: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: manPages)) ?? []
    let bases = names.filter { $0.hasSuffix(".nl") }.map { String($0.dropLast(3)) }
      .filter { names.contains($0 + ".en") }.sorted()
    let root = URL(fileURLWithPath: manPages).standardizedFileURL.path
    if !bases.isEmpty { return bases.map { (root + "/" + $0 + ".nl", root + "/" + $0 + ".en", $0) } }
    let corpusRoot = URL(fileURLWithPath: corpus).standardizedFileURL.path
    return [
      (
        corpusRoot + "/nl/2022-04-29_kamerbrief-imrf-deelname.txt",
        corpusRoot + "/en/2022-04-14_gcm-voluntary-national-review.txt", "imrf"
      )
    ]
  }

  /// The pair whose Dutch side segments into the number of sentences closest to `target`.
  private func pairNear(_ target: Int, in pairs: [(nl: String, en: String, name: String)]) throws -> (
    String, String, Int
  ) {
    let pipeline = Pipeline()
    var best: (String, String, Int)?
    for pair in pairs {
      let text = try String(contentsOfFile: pair.nl, encoding: .utf8)
      let count = try pipeline.sentences(of: text, language: "nl", file: pair.nl).count
      if best == nil || abs(count - target) < abs(best!.2 - target) { best = (pair.nl, pair.en, count) }
    }
    return best!
  }

  private func median(_ arguments: [String], runs: Int) throws -> (wall: Double, cpu: Double, rss: Int) {
    var walls: [Double] = []
    var cpus: [Double] = []
    var peaks: [Double] = []
    for _ in 0..<runs {
      let (wall, cpu, rss) = try measure(arguments)
      walls.append(wall)
      cpus.append(cpu)
      peaks.append(Double(rss))
    }
    return (Self.median(walls), Self.median(cpus), Int(Self.median(peaks)))
  }

  /// Runs tweetal (stdout and stderr to /dev/null): wall seconds, the child's user + system CPU
  /// seconds and its own peak RSS in bytes (``runChildProcess(_:_:standardError:)``).
  private func measure(_ arguments: [String]) throws -> (wall: Double, cpu: Double, peakRSS: Int) {
    let run = try runChildProcess(tweetal, arguments)
    return (run.wall, run.cpu, run.peakRSS)
  }

  private static func milliseconds(_ body: () throws -> Void) throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
