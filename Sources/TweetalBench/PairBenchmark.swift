import ArgumentParser
import Foundation

/// `TweetalBench pair`: whole `tweetal pair` processes on synthesised folders of 1k, 3k and 10k
/// documents a side whose right pairs are known: precision, recall, wall time and peak memory.
struct PairBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pair",
    abstract: "Whole-process `tweetal pair`: precision, recall, wall seconds and peak RSS per size.",
    discussion: """
      For each size N, writes N Dutch and N English documents to a temporary folder: 90 % are pairs \
      (the same window of paragraphs of one of 20 man pages of ../shared/bench/nlen-manpages-dev, \
      Dutch and English, under a letterhead with a reference number, a date and a person's name \
      that the two share and no other document has), 10 % of each side has no partner (Dutch: \
      windows of the other 5 man pages, English: windows of the corpus reports and of Tweetal's \
      docs, each with its own reference, date and name). English file names are shuffled. Then \
      runs `tweetal pair nl en -o pairs.tsv --jobs J` as a child process and reports precision and \
      recall of the proposed pairs, the wall time and the child's peak RSS (the child's own, from GNU time). \
      Build tweetal with -c release first.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "Documents per side, comma-separated.")
  var sizes: String = "1000,3000,10000"

  @Option(help: "The --jobs given to tweetal pair.")
  var jobs: Int = 2

  @Option(help: "Runs per size (the median is reported).")
  var runs: Int = 1

  @Option(help: "The nl-en man pages (full translations).")
  var manPages: String = "../shared/bench/nlen-manpages-dev/full"

  @Option(help: "The repository root (for corpus/ and docs/).")
  var repository: String = "."

  @Flag(help: "Pass --no-lexicon to tweetal pair.")
  var noLexicon = false

  @Flag(help: "Keep the generated folders (their path is printed).")
  var keep = false

  @Flag(help: "Print the results as JSON.")
  var json = false

  struct Result: Codable {
    var documentsPerSide: Int
    var truePairs: Int
    var proposed: Int
    var correct: Int
    var precision: Double
    var recall: Double
    var wallSeconds: Double
    /// User + system seconds of the child (a fairer number than wall time on a shared machine).
    var cpuSeconds: Double
    var peakRSSBytes: Int
  }

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    let material = try Material(manPages: manPages, repository: repository)
    var results: [Result] = []
    for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "tweetal-pair-bench-\(getpid())-\(size)"
      ).path
      try? FileManager.default.removeItem(atPath: folder)
      let truth = try material.write(size: size, to: folder)
      defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
      if keep { FileHandle.standardError.write(Data("kept \(folder)\n".utf8)) }
      FileHandle.standardError.write(Data("pair benchmark: \(size) documents a side written\n".utf8))
      var walls: [Double] = []
      var cpus: [Double] = []
      var peaks: [Double] = []
      var found: [String: String] = [:]
      for _ in 0..<max(1, runs) {
        var arguments = [
          "pair", folder + "/nl", folder + "/en", "-o", folder + "/pairs.tsv", "--jobs", "\(jobs)",
        ]
        if noLexicon { arguments.append("--no-lexicon") }
        let (wall, cpu, peak) = try measure(arguments, log: folder + "/stderr.log")
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(Double(peak))
        found = try Self.readPairs(folder + "/pairs.tsv")
      }
      let correct = found.filter { truth[$0.key] == $0.value }.count
      results.append(
        Result(
          documentsPerSide: size, truePairs: truth.count, proposed: found.count, correct: correct,
          precision: found.isEmpty ? 0 : Double(correct) / Double(found.count),
          recall: truth.isEmpty ? 0 : Double(correct) / Double(truth.count), wallSeconds: Self.median(walls),
          cpuSeconds: Self.median(cpus),
          peakRSSBytes: Int(Self.median(peaks))))
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
      return
    }
    print(
      "`tweetal pair --jobs \(jobs)` as a child process, median of \(runs) run(s)\(noLexicon ? ", no lexicon" : "")."
    )
    print("docs/side  pairs   proposed  correct  precision  recall   wall s    CPU s     peak RSS MB")
    for result in results {
      print(
        String(
          format: "%-11d%-8d%-10d%-9d%-11.4f%-9.4f%-10.1f%-10.1f%.0f", result.documentsPerSide,
          result.truePairs, result.proposed, result.correct, result.precision, result.recall,
          result.wallSeconds, result.cpuSeconds, Double(result.peakRSSBytes) / 1_000_000))
    }
  }

  /// Dutch file name → English file name of a manifest `tweetal pair` wrote.
  static func readPairs(_ path: String) throws -> [String: String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var pairs: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 2 else { continue }
      pairs[String(fields[0].split(separator: "/").last ?? "")] = String(
        fields[1].split(separator: "/").last ?? "")
    }
    return pairs
  }

  /// Runs tweetal with `arguments` (stdout to /dev/null, stderr to `log`): wall seconds and the
  /// child's peak resident set in bytes (`runChildProcess`: the child's own).
  private func measure(_ arguments: [String], log: String) throws -> (wall: Double, cpu: Double, peakRSS: Int)
  {
    let run = try runChildProcess(tweetal, arguments, standardError: log)
    return (run.wall, run.cpu, run.peakRSS)
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

/// The text the benchmark's documents are made of, and how they are put together.
private struct Material {
  /// Man pages as paragraph lists, Dutch and English (same count, same order).
  var pages: [(nl: [String], en: [String])] = []
  /// English paragraphs of documents that translate no man page.
  var unrelated: [[String]] = []

  init(manPages: String, repository: String) throws {
    let manager = FileManager.default
    let names = ((try? manager.contentsOfDirectory(atPath: manPages)) ?? []).filter { $0.hasSuffix(".nl") }
      .sorted()
    for name in names {
      let base = manPages + "/" + name.dropLast(3)
      let nl = Self.paragraphs(try String(contentsOfFile: base + ".nl", encoding: .utf8))
      let en = Self.paragraphs(try String(contentsOfFile: base + ".en", encoding: .utf8))
      if nl.count == en.count { pages.append((nl, en)) }
    }
    guard pages.count >= 6 else {
      throw ValidationError("needs the man pages of ../shared/bench/nlen-manpages-dev (pass --man-pages)")
    }
    var english = ["corpus/en", "docs"].flatMap { folder in
      ((try? manager.contentsOfDirectory(atPath: repository + "/" + folder)) ?? []).sorted().map {
        repository + "/" + folder + "/" + $0
      }
    }
    english = english.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
    // Texts quoting `%PDF-` are left out (once taken for PDFs), so the inputs stay those of the
    // figures in docs/pairing.md.
    unrelated = try english.map { try String(contentsOfFile: $0, encoding: .utf8) }
      .filter { !$0.contains("%PDF-") }.map(Self.paragraphs).filter { $0.count >= 8 }
    guard !unrelated.isEmpty else { throw ValidationError("no English documents in corpus/en or docs/") }
  }

  static func paragraphs(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
  }

  /// Writes `size` documents a side into `folder/nl` and `folder/en`; returns the right pairs
  /// (Dutch file name → English file name).
  func write(size: Int, to folder: String) throws -> [String: String] {
    let manager = FileManager.default
    try manager.createDirectory(atPath: folder + "/nl", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: folder + "/en", withIntermediateDirectories: true)
    var random = SplitMix(seed: UInt64(size))
    let paired = size * 9 / 10
    let pairPages = pages.count - 5
    // English file numbers are a permutation, so that the names say nothing about the pairs.
    var englishNumbers = Array(0..<size)
    for index in englishNumbers.indices.reversed() {
      englishNumbers.swapAt(index, Int(random.next() % UInt64(index + 1)))
    }
    var truth: [String: String] = [:]
    for index in 0..<size {
      let nlName = String(format: "nl-%05d.txt", index)
      let enName = String(format: "en-%05d.txt", englishNumbers[index])
      // Letterhead facts: reference and surname unique per document (pairs share theirs).
      let sourceFacts = Facts(number: index, random: &random)
      let targetFacts = index < paired ? sourceFacts : Facts(number: size + index, random: &random)
      let nlBody: [String]
      let enBody: [String]
      if index < paired {
        let page = pages[index % pairPages]
        let window = Self.window(page.nl.count, &random)
        nlBody = Array(page.nl[window])
        enBody = Array(page.en[window])
        truth[nlName] = enName
      } else {
        let page = pages[pairPages + index % 5]
        nlBody = Array(page.nl[Self.window(page.nl.count, &random)])
        let other = unrelated[index % unrelated.count]
        enBody = Array(other[Self.window(other.count, &random)])
      }
      try (sourceFacts.dutch + nlBody.joined(separator: "\n\n") + "\n").write(
        toFile: folder + "/nl/" + nlName, atomically: false, encoding: .utf8)
      try (targetFacts.english + enBody.joined(separator: "\n\n") + "\n").write(
        toFile: folder + "/en/" + enName, atomically: false, encoding: .utf8)
    }
    return truth
  }

  /// A run of at least 8 paragraphs (or all), at a random place.
  static func window(_ count: Int, _ random: inout SplitMix) -> Range<Int> {
    let length = count <= 8 ? count : 8 + Int(random.next() % UInt64(count - 7))
    let start = Int(random.next() % UInt64(count - length + 1))
    return start..<start + length
  }
}

/// A letterhead: reference number, date and the person handling the matter.
private struct Facts {
  var reference: Int
  var day: Int
  var month: Int
  var year: Int
  var firstName: String
  var surname: String

  static let syllables = [
    "ba", "ke", "lo", "mi", "ru", "sen", "dor", "vel", "tam", "gri", "hof", "wen", "pla", "ster", "nu",
    "zo", "kar", "lin", "mer", "tos",
  ]
  static let firstNames = [
    "Anna", "Pieter", "Sanne", "Joost", "Maria", "Willem", "Fleur", "Daan", "Lotte", "Bram", "Eva", "Ruben",
  ]
  static let dutchMonths = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
  ]
  static let englishMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  init(number: Int, random: inout SplitMix) {
    reference = 3_000_000 + number * 97
    day = 1 + Int(random.next() % 28)
    month = Int(random.next() % 12)
    year = 2015 + Int(random.next() % 10)
    firstName = Self.firstNames[Int(random.next() % UInt64(Self.firstNames.count))]
    var digits = number
    var name = ""
    for _ in 0..<4 {
      name += Self.syllables[digits % Self.syllables.count]
      digits /= Self.syllables.count
    }
    surname = name.prefix(1).uppercased() + name.dropFirst()
  }

  var dutch: String {
    "Ons kenmerk: \(reference)\nDatum: \(day) \(Self.dutchMonths[month]) \(year)\n"
      + "Behandeld door: \(firstName) \(surname)\n\n"
  }

  var english: String {
    "Our reference: \(reference)\nDate: \(day) \(Self.englishMonths[month]) \(year)\n"
      + "Handled by: \(firstName) \(surname)\n\n"
  }
}
