import Aligner
import ArgumentParser
import Corpus
import Pairing
import Segmenter
import TMX
import TweetalKit

extension AlignmentOutputFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}

/// `tweetal align`: a corpus manifest, or one document pair, into TMX (or bead lines).
struct AlignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align",
    abstract: "Align Dutch documents with their English counterparts into TMX translation memories.",
    discussion: """
      Without documents, aligns every pair listed in the corpus manifest (corpus/pairs.tsv: Dutch \
      path, English path and output name, tab-separated, and optionally the input format, e.g. \
      markdown or pdf-text,text; paths relative to the repository root) and \
      writes <output-dir>/<name>.tmx, with a progress line on stderr and a one-line summary per pair \
      on stdout. With two documents, aligns that pair and writes the TMX to -o (stdout by default).

      Each document is decoded, split into clean sentences (Dutch and English rules), aligned with \
      Gale & Church's length model plus anchors, and written in Tweetal's TMX form (docs/tmx-form.md), \
      which `tweetal stats` and the review commands read. The parallelism score (0 to 1: how much of the \
      two documents corresponds) is printed after alignment; a pair that looks only loosely related or \
      unrelated gets a warning on stderr.

      A corpus run first reads every document of the manifest and learns its common segments: \
      sentences whose text (lower-cased, whitespace collapsed, digits alike) occurs in at least 3 \
      documents of one language, or 2 % of them when that is more — a colophon, a licence notice, \
      standard option lines — and its common phrases: runs of 4 words found as often (a template \
      sentence worded around each document's own name). Each pair's parallelism leaves them out, so \
      that two documents sharing only their template do not read as translations; beads and \
      confidences do not change. One pair \
      has no collection to learn from and scores every sentence unless --common-segments names a \
      list (e.g. one a corpus run wrote with --write-common-segments).

      With --learn-lexicon a corpus run learns one word-translation table for the whole run: it \
      first aligns the manifest's pairs without it, in manifest order, until 20 000 confident links \
      (confidence ≥ 0.9) are found, keeping only their words; trains IBM Model 1 on them; then \
      aligns every pair with the learned translations as anchors (beside the lexicon's). Every \
      shard learns from the whole manifest, as for the common segments, so that all shards use \
      the same table and sharding does not change the outputs. The table's checksum is recorded \
      in each TMX header (learn-lexicon=run:…), so a pair learned with another table is aligned \
      again.

      A corpus run is resumable: a pair whose TMX exists, made by this version from documents with the \
      same checksums and with the same options, is not aligned again (--force redoes it); outputs are \
      written atomically, so an interrupted run leaves complete files only and the next run finishes \
      what is missing. A pair that fails is reported and skipped; the run goes on and exits 1 at the \
      end with the list. A malformed manifest line stops the run before any work, naming the line. \
      --shard K/N takes a deterministic share of the manifest (by a hash of the output name), for \
      array jobs on a cluster (scripts/slurm/align-array.sbatch); `tweetal corpus report DIR` \
      merges what the shards did.

      Output is reproducible: the TMX creationdate comes from SOURCE_DATE_EPOCH when set, otherwise \
      from the Tweetal TMX already at the output path (which is left untouched when nothing changed), \
      otherwise from the clock.

      Examples:
        tweetal align
        tweetal align --corpus other/pairs.tsv --output-dir out --jobs 2
        tweetal align --corpus other/pairs.tsv --output-dir out --shard 2/3
        tweetal align --pairs-from letters/nl reports/en --output-dir out
        tweetal align corpus/nl/brief.txt corpus/en/report.txt -o brief.tmx
        tweetal align dev.de dev.fr --source-lang de --target-lang fr --presegmented --format beads
        cat brief.txt | tweetal align - report.txt -o -
      """
  )

  @Argument(
    help: ArgumentHelp(
      "The Dutch (source) document and its English (target) counterpart; '-' reads one of them from stdin.",
      discussion: "Leave both out to align every pair of the corpus manifest.", valueName: "document"))
  var documents: [String] = []

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Where to write one pair's output; '-' is stdout.", valueName: "file"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "The corpus manifest to align when no documents are given ('-': standard input, paths relative to the current folder).",
      valueName: "pairs.tsv"))
  var corpus = "corpus/pairs.tsv"

  @Option(
    name: .customLong("pairs-from"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Pair the documents of two folders (Dutch, then English) as `tweetal pair` does, then align the pairs.",
      valueName: "nl-dir en-dir"))
  var pairsFrom: [String] = []

  @OptionGroup(title: "Pairing (with --pairs-from)") var pairing: PairingArguments

  @Option(
    help: ArgumentHelp("The folder for a corpus run's outputs (created if missing).", valueName: "folder"))
  var outputDir = "alignments"

  @Option(help: ArgumentHelp("How many pairs of a corpus to align at once.", valueName: "n"))
  var jobs: Int?

  @Flag(
    help: "Align every pair of the corpus again, even those whose TMX is current (same inputs and options).")
  var force = false

  @Option(
    help: ArgumentHelp(
      "Align only share K of N of the corpus (1-based, e.g. 2/3): the pairs whose output name hashes to it. "
        + "Writes <output-dir>/.tweetal/shard-K-of-N.json.",
      valueName: "K/N"))
  var shard: String?

  @Option(help: ArgumentHelp("BCP-47 tag of the source documents' language.", valueName: "tag"))
  var sourceLang = "nl-NL"

  @Option(help: ArgumentHelp("BCP-47 tag of the target documents' language.", valueName: "tag"))
  var targetLang = "en-GB"

  @Flag(
    help:
      "Read one sentence per line (a blank line ends a block) instead of segmenting; any language. Lines are kept as they are, trimmed, but for control characters a TMX cannot carry, which become spaces."
  )
  var presegmented = false

  @Flag(
    help:
      "As before the lattice: keep the final pass for mostly parallel documents (parallelism 0.5 to 0.75) instead of aligning them again in the two-state lattice (docs/aligner.md)."
  )
  var noLattice = false

  @Flag(
    help:
      "As in session 16: below 0.5 parallelism, the partial pass instead of the two-state lattice (by default the partial pass runs there only where the lattice links nothing) (docs/aligner.md)."
  )
  var noLatticeBelow = false

  @Flag(
    help:
      "Experimental: also 2-3, 3-2, 1-4, 4-1, 3-3, 2-4 and 4-2 beads in the two-state lattice (partly parallel pairs only; docs/aligner.md, \"Bigger beads in the lattice\")."
  )
  var latticeBiggerBeads = false

  @Flag(
    inversion: .prefixedNo,
    help:
      "On complete translations, the two-state lattice with 2-3, 3-2, 1-4 and 4-1 beads in windows around the final path's weak steps (docs/aligner.md, \"Session 24\"); on by default."
  )
  var localLattice = true

  @Flag(
    help:
      "Experimental: align with the two-state model of partly parallel text (runs of at most six unlinked sentences) on every pair (docs/aligner.md)."
  )
  var twoStateModel = false

  @Flag(
    help:
      "The two-state lattice (a parallel and an unrelated state per band cell, unrelated regions of any length) on every pair, not only from 0.5 to 0.75 parallelism as by default; implies --two-state-model (docs/aligner.md)."
  )
  var twoStateLattice = false

  @Flag(
    help:
      "Experimental: learn word translations from confident links (IBM Model 1, both directions) and align again with them: one pair learns from itself, a corpus run learns one table from all its pairs (docs/aligner.md)."
  )
  var learnLexicon = false

  @OptionGroup var inputFormat: InputFormatOption

  @Option(
    help: ArgumentHelp(
      "Output format: tmx (Tweetal's TMX form) or beads (one bead per line, '[0, 1]:[0]:0.873', 0-based).",
      valueName: "format"))
  var format: AlignmentOutputFormat = .tmx

  @OptionGroup var lexiconOptions: LexiconOptions

  @Option(
    help: ArgumentHelp(
      "Leave the segments and phrases listed in this file (one normalised segment per line, then one "
        + "phrase per line after a tab, as --write-common-segments writes) out of the parallelism score; a "
        + "corpus run uses them instead of learning its own.",
      valueName: "file"))
  var commonSegments: String?

  @Flag(help: "In a corpus run, score every sentence: learn no common segments.")
  var noCommonSegments = false

  @Option(
    help: ArgumentHelp(
      "Write the common segments and phrases a corpus run learned (or read) to this file, one per line.",
      valueName: "file"))
  var writeCommonSegments: String?

  @Option(
    help: ArgumentHelp(
      "Encoding of documents that are not UTF-8 or UTF-16 with a BOM.",
      valueName: "name"))
  var encoding: TextEncoding?

  func validate() throws {
    guard documents.isEmpty || documents.count == 2 else {
      throw ValidationError("Give two documents (Dutch, then English), or none to align the corpus manifest.")
    }
    if documents.count == 2, documents[0] == "-", documents[1] == "-" {
      throw ValidationError("Only one document can come from stdin ('-').")
    }
    if documents.isEmpty, output != nil {
      throw ValidationError("'--output' is for one pair; a corpus run writes into '--output-dir'.")
    }
    if let jobs, jobs < 1 { throw ValidationError("'--jobs' must be at least 1.") }
    if let shard, Shard(shard) == nil {
      throw ValidationError("'--shard \(shard)' is not K/N with 1 ≤ K ≤ N (examples: 1/3, 3/3).")
    }
    if !documents.isEmpty, shard != nil || force {
      throw ValidationError("'--shard' and '--force' are for a corpus run; leave out the documents.")
    }
    if !documents.isEmpty, noCommonSegments || writeCommonSegments != nil {
      throw ValidationError(
        "'--no-common-segments' and '--write-common-segments' are for a corpus run; one pair learns none "
          + "(give a list with --common-segments).")
    }
    if noCommonSegments, commonSegments != nil {
      throw ValidationError("'--no-common-segments' and '--common-segments' exclude each other.")
    }
    if !pairsFrom.isEmpty {
      guard pairsFrom.count == 2 else {
        throw ValidationError("'--pairs-from' takes two folders: the Dutch one, then the English one.")
      }
      guard documents.isEmpty, output == nil else {
        throw ValidationError(
          "'--pairs-from' aligns a corpus into '--output-dir'; give no documents and no '-o'.")
      }
    }
    for (flag, tag) in [("--source-lang", sourceLang), ("--target-lang", targetLang)]
    where !LanguageTag.isWellFormed(tag) {
      throw ValidationError("'\(flag) \(tag)' is not a BCP-47 language tag (examples: nl-NL, en-GB, de).")
    }
    if !presegmented {
      for (flag, tag) in [("--source-lang", sourceLang), ("--target-lang", targetLang)]
      where Pipeline.segmenterLanguage(for: tag) == nil {
        throw ValidationError(
          "'\(flag) \(tag)': Tweetal has sentence rules for nl and en only; give one sentence per line and "
            + "add --presegmented.")
      }
    }
  }

  private var alignerOptions: AlignerOptions {
    var options = AlignerOptions()
    options.twoStateModel = twoStateModel || twoStateLattice
    options.twoStateLattice = twoStateLattice
    options.partialLattice = !noLattice
    options.latticeBelowPartial = !noLatticeBelow
    if latticeBiggerBeads { options.latticeExtras = AlignerOptions.latticeBigger }
    options.localLattice = localLattice
    options.learnLexicon = learnLexicon
    return options
  }

  func run() throws {
    Allocator.returnLargeBlocks()
    let chosen = try LexiconChoice.resolve(
      path: lexiconOptions.lexicon, disabled: lexiconOptions.noLexicon, sourceLanguage: sourceLang,
      targetLanguage: targetLang, console: Console.shared)
    var pipeline = Pipeline(
      options: PipelineOptions(
        sourceLanguage: sourceLang, targetLanguage: targetLang, presegmented: presegmented,
        encoding: encoding,
        sourceFormat: inputFormat.format, targetFormat: inputFormat.format),
      aligner: Aligner(options: alignerOptions), lexicon: chosen.lexicon, lexiconName: chosen.name)
    if let commonSegments { pipeline.commonSegments = try Self.readCommonSegments(commonSegments) }
    let learning: CorpusRun.CommonSegmentsChoice =
      noCommonSegments ? .none : commonSegments != nil ? .given : .learn
    if pairsFrom.count == 2 {
      let found = try PairingRun.run(
        sourceFolder: pairsFrom[0], targetFolder: pairsFrom[1], arguments: pairing, jobs: jobs ?? 1,
        encoding: encoding, lexicon: chosen.lexicon, console: Console.shared)
      guard !found.pairs.isEmpty else { throw Failure("no pairs found; nothing to align") }
      let text = PairManifest.text(for: found.pairs)
      let manifest = try CorpusManifest.parse(text, file: "--pairs-from", root: ".")
      try CorpusRun(
        manifestPath: "--pairs-from", outputDirectory: outputDir, pipeline: pipeline, format: format,
        jobs: jobs ?? 1, force: force, shard: shard.flatMap(Shard.init), manifest: manifest,
        commonSegments: learning, writeCommonSegments: writeCommonSegments
      ).run()
    } else if documents.isEmpty {
      try CorpusRun(
        manifestPath: corpus, outputDirectory: outputDir, pipeline: pipeline, format: format, jobs: jobs ?? 1,
        force: force, shard: shard.flatMap(Shard.init), commonSegments: learning,
        writeCommonSegments: writeCommonSegments
      ).run()
    } else {
      try alignPair(pipeline: pipeline)
    }
  }

  /// The list of `--common-segments`.
  static func readCommonSegments(_ path: String) throws -> CommonSegments {
    let bytes: [UInt8]
    do {
      bytes = try SafeFile.load(path: path)
    } catch {
      throw Failure(file: path, "\(error.message): cannot read the common segments")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(file: path, "is not UTF-8; give one normalised segment per line in UTF-8")
    }
    return CommonSegments.parse(text)
  }

  private func alignPair(pipeline: Pipeline) throws {
    let console = Console.shared
    try OutputGuard.check(output ?? "-", against: documents)
    if format == .tmx, let output, output != "-" {
      do throws(TMXError) { try AlignmentStore.checkNoReviewsReplaced(atPath: output) } catch {
        throw Failure(error.description)
      }
    }
    let source = try Input.read(documents[0])
    let target = try Input.read(documents[1])
    let (sourceName, targetName) = (source.name, target.name)
    let destination = output ?? "-"
    let date = try CreationDate.resolve(outputPath: format == .tmx ? destination : nil)
    let document: AlignedDocument
    do {
      // Handed over, so that the pipeline can let the input bytes go once they are decoded.
      document = try pipeline.align(source: consume source, target: consume target, creationDate: date) {
        step in
        console.progress("\(step.rawValue) \(sourceName) and \(targetName)", persistent: false)
      }
    } catch {
      throw Failure(error.description)
    }
    console.endProgress()
    if let format = document.metadata.options["source-format"] {
      console.note("align: \(sourceName) read as \(format)")
    }
    if let format = document.metadata.options["target-format"] {
      console.note("align: \(targetName) read as \(format)")
    }
    var written = true
    var standardOutput: [UInt8]? = nil
    // A failed write to stdout, reported as itself rather than as the TMX error it becomes.
    var outputFailure: StandardStream.WriteError? = nil
    do throws(TMXError) {
      switch (format, destination) {
      case (.tmx, "-"):
        // Unit by unit: a million-sentence TMX is never whole in memory.
        try AlignmentStore.stream(document, workers: pipeline.aligner.options.workers) {
          (piece) throws(TMXError) in
          do throws(StandardStream.WriteError) { try console.write(piece) } catch {
            outputFailure = error
            throw TMXError(kind: .io, message: error.description)
          }
        }
      case (.tmx, _):
        written = try AlignmentStore.saveIfChanged(
          document, toPath: destination, workers: pipeline.aligner.options.workers)
      case (.beads, "-"):
        standardOutput = Array(BeadFile.format(document).utf8)
      case (.beads, _):
        try SafeFile.write(Array(BeadFile.format(document).utf8), toPath: destination)
      }
    } catch {
      if let outputFailure { throw Failure(outputFailure.description) }
      // The error names its file when it has one (the output, or the temporary file beside it).
      throw error.file == nil ? Failure(file: destination, error.message) : Failure(error.description)
    }
    if let standardOutput {
      do { try console.write(standardOutput) } catch { throw Failure(error.description) }
    }
    let name = destination == "-" ? "stdout" : destination
    console.note(Summary.line(for: document, name: name, written: written))
    if let warning = Summary.warning(for: document, name: "\(sourceName) and \(targetName)") {
      console.warn(warning)
    }
  }
}
