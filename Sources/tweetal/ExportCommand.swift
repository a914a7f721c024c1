import ArgumentParser
import TMX
import TweetalKit

struct ExportCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tmx, text, tsv
  }

  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export reviewed alignments for translators (TMX) or MT training (text, TSV).",
    discussion: """
      Only beads with text on both sides are exported; a multi-sentence side becomes one segment, \
      its sentences joined with one space. Several inputs merge into one output in the order given; \
      a pair with the same source and target text is written once.

        tmx   a plain TMX 1.4b for CAT tools (OmegaT, Trados, ...): no Tweetal props unless --keep-props
        text  OUT.<src> and OUT.<tgt> (e.g. OUT.nl, OUT.en), one segment per line, line-aligned
        tsv   one `source<TAB>target` pair per line (a backslash is written as \\\\)

      --min-confidence X keeps auto beads at or above X (confirmed and edited beads always pass); \
      --confirmed-only keeps confirmed beads only.
      """)

  @Argument(help: "One or more alignments (TMX written by `tweetal align`).")
  var files: [String]

  @Option(name: .shortAndLong, help: "Output file (tmx, tsv; `-` for stdout) or path prefix (text).")
  var output: String

  @Option(help: "Output format: tmx, text or tsv.")
  var format: Format = .tmx

  @Option(help: "Keep auto beads at or above this confidence (0...1).")
  var minConfidence: Double?

  @Flag(help: "Keep confirmed beads only.")
  var confirmedOnly = false

  @Flag(help: "Keep Tweetal's x- props (document, bead type, confidence, status) in the TMX.")
  var keepProps = false

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one alignment to export") }
    if let minConfidence, !(0...1).contains(minConfidence) {
      throw ValidationError("--min-confidence must be in 0...1")
    }
    if keepProps && format != .tmx { throw ValidationError("--keep-props is only valid with --format tmx") }
    if format == .text && output == "-" {
      throw ValidationError("--format text writes two files; give a prefix")
    }
  }

  func run() throws {
    var inputs: [(file: String, document: AlignedDocument)] = []
    for file in files {
      do { inputs.append((file, try AlignmentStore.load(path: file))) } catch {
        throw CommandFailure.exit(file: file, error)
      }
    }
    let options = ExportOptions(
      minConfidence: minConfidence, confirmedOnly: confirmedOnly, keepProperties: keepProps)
    let pairs: [ExportPair]
    let sourceLanguage: String
    let targetLanguage: String
    do {
      (pairs, sourceLanguage, targetLanguage) = try TranslatorExport.pairs(inputs, options: options)
    } catch {
      // The files do not go together: exit 1 with the file at fault, not 64 (the request is fine).
      if case .languageMismatch(let file, _, _, _) = error { throw CommandFailure.exit(file: file, error) }
      throw CommandFailure.exit(file: output, error)
    }
    do {
      switch format {
      case .tmx:
        let creation = inputs.map(\.document.metadata.creationDate).filter { $0.count == 16 }.max()
        let document = TranslatorExport.tmx(
          pairs, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, options: options,
          toolVersion: Tweetal.configuration.version, creationDate: creation)
        try emit(TMXWriter.bytes(of: document), to: output)
      case .tsv:
        try emit(TranslatorExport.tsv(pairs), to: output)
      case .text:
        let paths = TranslatorExport.textPaths(
          output: output, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        let (source, target) = TranslatorExport.text(pairs)
        try SafeFile.write(source, toPath: paths.source)
        try SafeFile.write(target, toPath: paths.target)
      }
      TerminalSupport.write(
        "exported \(pairs.count) pair(s) from \(files.count) file(s)\n", to: TerminalSupport.standardError)
    } catch {
      throw CommandFailure.exit(file: output, error)
    }
  }

  private func emit(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
      TerminalSupport.write(String(decoding: bytes, as: UTF8.self))
    } else {
      try SafeFile.write(bytes, toPath: path)
    }
  }
}
