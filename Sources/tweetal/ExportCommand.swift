import ArgumentParser
import Corpus
import Foundation
import TMX
import TweetalKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension BeadStatus: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tmx, text, tsv
  }

  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Export alignments (files or whole corpus folders) for translators (TMX) or MT training (text, TSV).",
    discussion: """
      Only beads with text on both sides are exported; a multi-sentence side becomes one segment, \
      its sentences joined with one space. Inputs are alignments (TMX written by `tweetal align`) or \
      folders of them (their *.tmx, sorted): all merge into one output in the order given; `-` reads \
      one alignment from stdin (`tweetal align a b -o - | tweetal export - -o pairs.tsv --format tsv`). \
      The export \
      streams: one bead in memory at a time, so an alignment or a corpus of any size can be exported.

        tmx   a plain TMX 1.4b for CAT tools (OmegaT, Trados, ...): no Tweetal props unless --keep-props
        text  OUT.<src> and OUT.<tgt> (e.g. OUT.nl, OUT.en), one segment per line, line-aligned
        tsv   one `source<TAB>target` pair per line (a backslash is written as \\\\)

      --min-confidence X keeps auto beads at or above X (confirmed and edited beads always pass); \
      --min-parallelism P skips whole documents scoring below P (only loosely related); --status S \
      keeps beads with review status S (auto, confirmed, edited; repeatable; --confirmed-only is \
      --status confirmed); --dedup writes each identical pair once. Stderr says how many pairs were \
      kept and why the others were dropped. Outputs are written atomically.

      Examples:
        tweetal export alignments -o corpus --format text --min-parallelism 0.6 --dedup
        tweetal export imrf.tmx -o imrf-pairs.tmx --min-confidence 0.5
      """)

  @Argument(help: "Alignments (TMX written by `tweetal align`) or folders of them; `-` reads one from stdin.")
  var files: [String]

  @Option(name: .shortAndLong, help: "Output file (tmx, tsv; `-` for stdout) or path prefix (text).")
  var output: String

  @Option(help: "Output format: tmx, text or tsv.")
  var format: Format = .tmx

  @Option(help: "Keep auto beads at or above this confidence (0...1).")
  var minConfidence: Double?

  @Option(help: "Skip documents whose parallelism is below this (0...1).")
  var minParallelism: Double?

  @Option(help: "Keep beads with this review status (auto, confirmed, edited); repeatable.")
  var status: [BeadStatus] = []

  @Flag(help: "Keep confirmed beads only (the same as --status confirmed).")
  var confirmedOnly = false

  @Flag(help: "Write each identical (source, target) pair once.")
  var dedup = false

  @Flag(help: "Keep Tweetal's x- props (document, bead type, confidence, status) in the TMX.")
  var keepProps = false

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one alignment or folder to export") }
    if files.filter({ $0 == "-" }).count > 1 {
      throw ValidationError("only one input can come from stdin ('-')")
    }
    if let minConfidence, !(0...1).contains(minConfidence) {
      throw ValidationError("--min-confidence must be in 0...1")
    }
    if let minParallelism, !(0...1).contains(minParallelism) {
      throw ValidationError("--min-parallelism must be in 0...1")
    }
    if keepProps && format != .tmx { throw ValidationError("--keep-props is only valid with --format tmx") }
    if format == .text && output == "-" {
      throw ValidationError("--format text writes two files; give a prefix")
    }
  }

  func run() throws {
    var statuses = Set(status)
    if confirmedOnly { statuses.insert(.confirmed) }
    let options = CorpusExportOptions(
      minConfidence: minConfidence, minParallelism: minParallelism,
      statuses: statuses.isEmpty ? nil : statuses,
      dedup: dedup)
    let inputs: [String]
    do {
      inputs = try CorpusExport.files(files)
    } catch {
      throw CommandFailure.exit(file: files[0], error)
    }
    guard !inputs.isEmpty else {
      throw CommandFailure.exit(file: files[0], ExportError.noInput)
    }
    // Standard input is read once, whole (a stream cannot be read twice; the files stream).
    let standardInput = inputs.contains("-") ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
    let files = inputs.filter { $0 != "-" }
    var documents = OutputGuard.alignedDocuments(of: files)
    if let standardInput {
      documents += AlignmentStore.recordedDocuments(bytes: standardInput, name: "-").filter {
        !documents.contains($0)
      }
    }
    if format != .text { try OutputGuard.check(output, against: files, documents: documents) }
    let sink = ExportSink(
      format: format, output: output, keepProperties: keepProps, inputs: inputs, documents: documents)
    let counts: CorpusExportCounts
    var current = inputs[0]
    do {
      // The newest input date is the export's date (as before streaming): headers only, cheap.
      sink.creationDate =
        (files.compactMap { AlignmentStore.existingCreationDate(atPath: $0) }
        + [standardInput.flatMap { AlignmentStore.existingCreationDate(bytes: $0, name: "-") }].compactMap {
          $0
        })
        .max()
      counts = try CorpusExport.run(
        files: inputs, standardInput: standardInput, options: options,
        start: { source, target in try sink.start(sourceLanguage: source, targetLanguage: target) },
        emit: { pair in
          current = pair.file
          try sink.write(pair)
        })
      try sink.finish()
    } catch let error as ValidationError {
      throw error
    } catch let error as ExportError {
      if case .languageMismatch(let file, _, _, _) = error { throw CommandFailure.exit(file: file, error) }
      throw CommandFailure.exit(file: output, error)
    } catch let error as TMXError where error.file == output || error.file?.hasPrefix(output) == true {
      throw CommandFailure.exit(file: output, error)
    } catch {
      throw CommandFailure.exit(file: sink.started ? current : inputs[0], error)
    }
    var line = "exported \(counts.kept) pair(s) from \(counts.files) file(s)"
    let dropped = counts.dropped.values.reduce(0, +)
    if dropped > 0 {
      let reasons = counts.dropped.sorted { $0.key < $1.key }.map { "\(Self.reason($0.key)) \($0.value)" }
      line += "; dropped \(dropped): " + reasons.joined(separator: ", ")
    }
    TerminalSupport.write(line + "\n", to: TerminalSupport.standardError)
  }

  static func reason(_ key: String) -> String {
    switch key {
    case "confidence": "below --min-confidence"
    case "parallelism": "in documents below --min-parallelism"
    case "status": "other review status"
    case "duplicate": "duplicates"
    default: "empty"
    }
  }
}

/// Where exported pairs go, one at a time: a streaming TMX writer, or atomically written text files.
private final class ExportSink {
  let format: ExportCommand.Format
  let output: String
  /// The TMX files read, and the documents they were made from, which no output may replace
  /// (``OutputGuard``).
  let inputs: [String]
  let documents: [String]
  let keepProperties: Bool
  var creationDate: String?
  private(set) var started = false
  private var tmx: TMXStreamWriter?
  private var files: [StreamingFile] = []
  /// Bytes for standard output (`-o -`), written through at 64 KiB.
  private var standardOutput: [UInt8] = []
  private var sourceLanguage = ""
  private var targetLanguage = ""
  private var count = 0

  init(
    format: ExportCommand.Format, output: String, keepProperties: Bool, inputs: [String], documents: [String]
  ) {
    self.format = format
    self.output = output
    self.keepProperties = keepProperties
    self.inputs = inputs
    self.documents = documents
  }

  func start(sourceLanguage: String, targetLanguage: String) throws {
    started = true
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    switch format {
    case .tmx:
      let header = TranslatorExport.header(
        sourceLanguage: sourceLanguage, toolVersion: Tweetal.configuration.version, creationDate: creationDate
      )
      if output == "-" {
        tmx = try TMXStreamWriter(header: header) { [unowned self] bytes throws(TMXError) in
          try self.emit(bytes)
        }
      } else {
        tmx = try TMXStreamWriter(header: header, path: output)
      }
    case .tsv:
      if output != "-" { files = [try StreamingFile(path: output)] }
    case .text:
      let paths = TranslatorExport.textPaths(
        output: output, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
      // The two paths are known once the languages are: neither may be an input.
      for path in [paths.source, paths.target] {
        try OutputGuard.check(path, against: inputs, documents: documents)
      }
      files = [try StreamingFile(path: paths.source), try StreamingFile(path: paths.target)]
    }
  }

  func write(_ pair: ExportPair) throws {
    count += 1
    switch format {
    case .tmx:
      try tmx?.write(
        TranslatorExport.unit(
          pair, id: count, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
          keepProperties: keepProperties))
    case .tsv:
      let line = TranslatorExport.escape(pair.source) + "\t" + TranslatorExport.escape(pair.target) + "\n"
      if let file = files.first { try file.write(line.utf8) } else { try emit(line.utf8) }
    case .text:
      try files[0].write((pair.source + "\n").utf8)
      try files[1].write((pair.target + "\n").utf8)
    }
  }

  func finish() throws {
    try tmx?.finish()
    for file in files { try file.commit() }
    try flushStandardOutput()
  }

  /// Appends `bytes` to what goes to standard output.
  private func emit(_ bytes: some Sequence<UInt8>) throws(TMXError) {
    standardOutput.append(contentsOf: bytes)
    if standardOutput.count >= 1 << 16 { try flushStandardOutput() }
  }

  /// Writes what is buffered for standard output; a full disk or a closed file is an error of
  /// the output (`-`), not a crash and not a success.
  private func flushStandardOutput() throws(TMXError) {
    guard !standardOutput.isEmpty else { return }
    do {
      try StandardStream.write(standardOutput, to: STDOUT_FILENO)
    } catch {
      throw TMXError(kind: .io, message: error.description, file: "-")
    }
    standardOutput.removeAll(keepingCapacity: true)
  }
}
