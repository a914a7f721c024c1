import Aligner
import ArgumentParser
import Foundation
import Pairing
import Segmenter
import TMX
import TweetalKit

/// `tweetal pair NL_DIR EN_DIR`: finds which Dutch document corresponds to which English one and
/// writes a corpus manifest.
struct PairCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pair",
    abstract: "Find which Dutch documents correspond to which English ones and write a corpus manifest.",
    discussion: """
      Reads every document in NL_DIR and EN_DIR (and their subfolders; any format `align` reads) and \
      proposes pairs. Candidates come from an inverted index of the anchors that are rare on both \
      sides (reference numbers, URLs, dates, names, numbers, words); they are ranked by the tf-idf \
      cosine of the two word profiles (the Dutch words translated with the FreeDict lexicon; without \
      one, cognates only) and by how exclusively they share those anchors, and the best are \
      confirmed by a quick alignment (its parallelism). The score (0 to 1) combines the three.

      Output: a manifest `tweetal align --corpus` reads (Dutch path, English path, output name, \
      format, then the score and the evidence, tab-separated). Paths are written as given when the \
      manifest goes to stdout or into a folder of the current directory (corpus/pairs.tsv), \
      absolute otherwise. Documents without a partner scoring at least --min-score are listed on \
      stderr and in --unpaired FILE.

      Examples:
        tweetal pair corpus/nl corpus/en
        tweetal pair letters/nl reports/en -o corpus/found.tsv --unpaired unpaired.tsv --jobs 2
        tweetal align --pairs-from letters/nl reports/en --output-dir out
      """)

  @Argument(help: ArgumentHelp("The folder of Dutch (source) documents.", valueName: "nl-dir"))
  var sourceFolder: String

  @Argument(help: ArgumentHelp("The folder of English (target) documents.", valueName: "en-dir"))
  var targetFolder: String

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Where to write the manifest; '-' is stdout.", valueName: "pairs.tsv"))
  var output = "-"

  @OptionGroup var pairing: PairingArguments

  @Option(help: ArgumentHelp("How many documents to read and align at once.", valueName: "n"))
  var jobs: Int?

  @Option(
    help: ArgumentHelp(
      "Encoding of documents that are not UTF-8 or UTF-16 with a BOM.", valueName: "name"))
  var encoding: TextEncoding?

  @Option(
    help: ArgumentHelp(
      "Also write the documents without a partner to this file (side, path, best candidate, its score).",
      valueName: "file"))
  var unpaired: String?

  @OptionGroup var lexiconOptions: LexiconOptions

  func validate() throws {
    if unpaired == "-", output == "-" {
      throw ValidationError("'--unpaired -' and the manifest cannot both go to stdout; name a file for one.")
    }
    if let jobs, jobs < 1 { throw ValidationError("'--jobs' must be at least 1.") }
  }

  func run() throws {
    let console = Console.shared
    let chosen = try LexiconChoice.resolve(
      path: lexiconOptions.lexicon, disabled: lexiconOptions.noLexicon, sourceLanguage: "nl-NL",
      targetLanguage: "en-GB", console: console)
    let result = try PairingRun.run(
      sourceFolder: sourceFolder, targetFolder: targetFolder, arguments: pairing, jobs: jobs ?? 1,
      encoding: encoding, lexicon: chosen.lexicon, console: console)
    let relative = output == "-" || CorpusManifest.root(forManifestAt: output) == "."
    let directory = FileManager.default.currentDirectoryPath
    let text = PairManifest.text(for: result.pairs) { path in
      relative || path.hasPrefix("/") ? path : directory + "/" + path
    }
    try PairingRun.write(Array(text.utf8), to: output, console: console)
    if let unpaired {
      try PairingRun.write(Array(PairingRun.unpairedText(result).utf8), to: unpaired, console: console)
    }
    if !result.failures.isEmpty {
      throw Failure("\(result.failures.count) documents could not be read; see the errors above")
    }
  }
}

/// The pairing options `pair` and `align --pairs-from` share.
struct PairingArguments: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The lowest score (0 to 1) a pair must reach to be proposed.", valueName: "score"))
  var minScore = PairingOptions().minimumScore

  @Flag(help: "Let a document pair with several of the other side (a letter with several attachments).")
  var many = false

  func validate() throws {
    guard (0...1).contains(minScore) else {
      throw ValidationError("'--min-score \(minScore)' must be between 0 and 1 (default 0.4).")
    }
  }
}

/// Runs the pairer with a progress line and reports what it could not pair.
enum PairingRun {
  static func run(
    sourceFolder: String, targetFolder: String, arguments: PairingArguments, jobs: Int,
    encoding: TextEncoding?,
    lexicon: (any Lexicon)?, console: Console
  ) throws -> PairingResult {
    let sources: [String]
    let targets: [String]
    do {
      sources = try DocumentPairer.documents(in: sourceFolder)
      targets = try DocumentPairer.documents(in: targetFolder)
    } catch {
      throw Failure(error.description)
    }
    if lexicon == nil {
      console.note(
        "pair: no FreeDict lexicon; comparing documents by anchors and cognates only (install "
          + "freedict-nld-eng, or name one with --lexicon)")
    }
    guard let sourceReader = ProfileReader(language: "nl-NL", lexicon: lexicon, encoding: encoding),
      let targetReader = ProfileReader(language: "en-GB", lexicon: lexicon, encoding: encoding)
    else { throw Failure("Tweetal has no sentence rules for Dutch or English; this build is broken") }
    let options = PairingOptions(
      minimumScore: arguments.minScore, many: arguments.many, jobs: jobs)
    let pairer = DocumentPairer(options: options, sourceReader: sourceReader, targetReader: targetReader)
    let started = Date()
    let result = pairer.pair(sources: sources, targets: targets) { stage in
      switch stage {
      case .reading(let done, let total):
        console.progress("pair: reading documents \(done)/\(total)", persistent: done == total)
      case .indexing:
        console.progress("pair: indexing rare anchors", persistent: false)
      case .confirming(let done, let total):
        console.progress("pair: confirming candidates \(done)/\(total)", persistent: done == total)
      }
    }
    console.endProgress()
    for failure in result.failures { console.error(failure.description) }
    let threshold = PairingEvidence.format(options.minimumScore)
    for document in result.unpairedSources + result.unpairedTargets {
      var line = "unpaired: \(document.path): no partner scoring \(threshold) or more"
      if let best = document.best { line += " (best: \(best.path), \(PairingEvidence.format(best.score)))" }
      console.note(line)
    }
    let seconds = Date().timeIntervalSince(started)
    console.note(
      "pair: \(result.pairs.count) pair\(result.pairs.count == 1 ? "" : "s") of \(sources.count) Dutch and \(targets.count) English documents; "
        + "\(result.unpairedSources.count) Dutch and \(result.unpairedTargets.count) English unpaired; "
        + "\(Summary.decimal(seconds)) s")
    return result
  }

  /// `side<TAB>path<TAB>best candidate<TAB>its score` per unpaired document.
  static func unpairedText(_ result: PairingResult) -> String {
    var lines = ["# side\tpath\tbest candidate\tscore"]
    for (side, documents) in [("nl", result.unpairedSources), ("en", result.unpairedTargets)] {
      for document in documents {
        let best = document.best
        lines.append(
          [side, document.path, best?.path ?? "-", best.map { PairingEvidence.format($0.score) } ?? "-"]
            .joined(separator: "\t"))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func write(_ bytes: [UInt8], to path: String, console: Console) throws {
    if path == "-" {
      do { try console.write(bytes) } catch { throw Failure(error.description) }
      return
    }
    do {
      try SafeFile.write(bytes, toPath: path)
    } catch {
      throw Failure(file: path, error.file == nil ? error.message : error.description)
    }
  }
}
