import Corpus
import Foundation
import TMX
import TweetalKit

/// `tweetal align` without documents: the pairs of a manifest (or one shard's share), progress on
/// stderr, a summary per pair on stdout, a shard report with `--shard`.
struct CorpusRun {
  var manifestPath: String
  var outputDirectory: String
  var pipeline: Pipeline
  var format: AlignmentOutputFormat
  var jobs: Int
  var force = false
  var shard: Shard?

  /// A manifest made in memory (`align --pairs-from`); read from ``manifestPath`` when nil.
  var manifest: CorpusManifest? = nil
  /// Where the run's common segments come from.
  var commonSegments = CommonSegmentsChoice.learn
  /// Where to write the common segments the run used, if anywhere.
  var writeCommonSegments: String? = nil

  /// Where a corpus run's common segments (``CommonSegments``) come from.
  enum CommonSegmentsChoice {
    /// Learned from the manifest's documents before any pair is aligned.
    case learn
    /// The pipeline's (`--common-segments FILE`).
    case given
    /// None: every sentence is scored (`--no-common-segments`).
    case none
  }

  func run() throws {
    let console = Console.shared
    let manifest = try self.manifest ?? loadManifest()
    var aligner = CorpusAligner(
      manifest: manifest, outputDirectory: outputDirectory, pipeline: pipeline, format: format, jobs: jobs,
      force: force, shard: shard)
    switch commonSegments {
    case .learn:
      console.progress("learning the common segments of the corpus's documents", persistent: false)
      let learned = aligner.learnCommonSegments()
      console.endProgress()
      aligner.pipeline.commonSegments = learned
      console.note(
        "align: \(learned.count) common segment(s) and \(learned.phrases.count) common phrase(s) (text found in "
          + "at least 3 documents of one language, or 2 % of them) left out of parallelism")
    case .given: break
    case .none: aligner.pipeline.commonSegments = nil
    }
    if let writeCommonSegments {
      let text = (aligner.pipeline.commonSegments ?? CommonSegments([])).text
      do {
        try SafeFile.write(Array(text.utf8), toPath: writeCommonSegments)
      } catch {
        throw Failure(file: writeCommonSegments, "cannot write the common segments (\(error.message))")
      }
    }
    if aligner.pipeline.aligner.options.learnLexicon {
      let count = manifest.pairs.count
      console.progress("learning a lexicon from \(count) pairs", persistent: true)
      let learned = aligner.learnLexicon { read in
        console.progress("learning a lexicon from \(count) pairs: \(read) read", persistent: false)
      }
      console.endProgress()
      aligner.pipeline.learnedLexicon = learned.model
      console.note(
        "align: learned \(learned.model.translations.count) word translation(s) from "
          + "\(learned.model.pairsUsed) confident link(s) of the first \(learned.pairsRead) of "
          + "\(count) pairs; every pair is aligned with this one table")
    }
    let total = aligner.pairs.count
    let environment = ProcessInfo.processInfo.environment
    let started = Date()
    let meter = ProgressMeter(total: total, started: started)
    let results = aligner.run(
      creationDate: { path in try CreationDate.resolve(outputPath: path, environment: environment) },
      progress: { event in
        if console.errorIsTerminal {
          console.progress(
            meter.bar(current: "\(event.pair.name): \(event.step.rawValue)"), persistent: false)
        }
      },
      finished: { result in
        let done = meter.finish(result)
        if console.errorIsTerminal {
          console.progress(meter.bar(current: result.pair.name), persistent: false)
        } else {
          let outcome =
            result.error != nil ? "failed" : result.skipped ? "current, skipped" : "aligned"
          console.progress(
            "[\(done)/\(total)] \(result.pair.name): \(outcome) in \(Summary.decimal(result.seconds)) s",
            persistent: true)
        }
      })
    console.endProgress()
    var failures: [CorpusPairResult] = []
    // The summaries are lost on a full disk, the alignments are not: finish the run, then fail.
    var lostSummaries: StandardStream.WriteError? = nil
    for result in results {
      if let error = result.error {
        console.error(error)
        failures.append(result)
      } else if let document = result.document {
        var line = Summary.line(for: document, name: result.outputPath, written: result.written)
        if result.skipped { line += ", current (not aligned again; --force redoes it)" }
        do { try console.print(line) } catch { lostSummaries = lostSummaries ?? error }
        if !result.skipped,
          let warning = Summary.warning(for: document, name: "\(result.pair.name): the documents")
        {
          console.warn(warning)
        }
      }
    }
    let seconds = Date().timeIntervalSince(started)
    let skipped = results.filter(\.skipped).count
    var note =
      "\(results.count - failures.count) of \(results.count) pairs done into \(outputDirectory)/ in "
      + "\(Summary.decimal(seconds)) s"
    if skipped > 0 { note += " (\(skipped) current, not aligned again)" }
    if let shard { note += ", shard \(shard) of \(manifest.pairs.count) pairs" }
    console.note(note)
    if let shard {
      let report = ShardReport(shard: shard, results: results, seconds: seconds)
      do {
        try report.write(outputDirectory: outputDirectory, shard: shard)
      } catch {
        console.error(
          "\(ShardReport.path(outputDirectory: outputDirectory, shard: shard)): cannot write the shard report "
            + "(\(error))")
      }
    }
    if !failures.isEmpty {
      throw Failure(
        "\(failures.count) of \(results.count) pairs failed: "
          + failures.map { "\($0.pair.name) (line \($0.pair.line))" }.joined(separator: ", ")
          + "; see the errors above, fix them and run again (the other pairs are not redone)")
    }
    if let lostSummaries { throw lostSummaries }
  }

  /// The manifest, parsed in full before any work: a malformed line stops the run naming it.
  private func loadManifest() throws -> CorpusManifest {
    let bytes: [UInt8]
    do {
      // `--corpus -`: the manifest on standard input, its paths relative to the current folder.
      bytes =
        manifestPath == "-"
        ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : try SafeFile.load(path: manifestPath)
    } catch {
      throw Failure(
        file: manifestPath,
        "\(error.message): cannot read the corpus manifest; run tweetal in the repository root or name one "
          + "with --corpus")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(file: manifestPath, "is not UTF-8; save the manifest as UTF-8")
    }
    let manifest: CorpusManifest
    do {
      manifest = try CorpusManifest.parse(
        text, file: manifestPath,
        root: manifestPath == "-" ? "." : CorpusManifest.root(forManifestAt: manifestPath))
    } catch {
      throw Failure(error.description)
    }
    guard !manifest.pairs.isEmpty else {
      throw Failure(
        file: manifestPath, "lists no document pairs; add lines 'Dutch path<TAB>English path<TAB>name'")
    }
    if manifestPath != "-",
      let ambiguous = manifest.ambiguousPaths(
        manifestFolder: CorpusManifest.folder(ofManifestAt: manifestPath)
      ).first
    {
      throw Failure(
        file: manifestPath,
        "the path \(ambiguous.written) names two files: \(ambiguous.used) (a manifest's relative paths "
          + "start at the parent of its folder) and \(ambiguous.beside) beside the manifest; write the path "
          + "from \(manifest.root) or absolute, so that it names one")
    }
    return manifest
  }
}

/// Pairs done, sentences per second and time left of a corpus run, for the progress bar.
final class ProgressMeter: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private let started: Date
  private var done = 0
  private var sentences = 0

  init(total: Int, started: Date) {
    self.total = total
    self.started = started
  }

  /// Counts a finished pair; returns how many are done.
  func finish(_ result: CorpusPairResult) -> Int {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    if !result.skipped, let document = result.document {
      sentences += document.source.count + document.target.count
    }
    return done
  }

  /// `[#########-----------] 12/25 pairs, 830 sentences/s, 0:07 left  name`.
  func bar(current: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    let width = 20
    let filled = total == 0 ? width : width * done / total
    let elapsed = Date().timeIntervalSince(started)
    var text =
      "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    text += "\(done)/\(total) pairs"
    if elapsed > 0 { text += ", \(Int((Double(sentences) / elapsed).rounded())) sentences/s" }
    if done > 0, done < total {
      let left = Int((elapsed / Double(done) * Double(total - done)).rounded())
      text += ", \(left / 60):" + (left % 60 < 10 ? "0" : "") + "\(left % 60) left"
    }
    return text + "  " + current
  }
}
