import Aligner
import Foundation
import Segmenter
import TMX
public import TweetalKit

/// What `align` writes for each pair.
public enum AlignmentOutputFormat: String, Sendable, Hashable, CaseIterable {
  /// Tweetal's TMX form (`<name>.tmx`).
  case tmx
  /// One bead per line (`<name>.beads`), see ``BeadFile``.
  case beads

  /// The file extension of an output in this format.
  public var fileExtension: String { rawValue }
}

/// The outcome of one corpus pair.
public struct CorpusPairResult: Sendable {
  public var pair: CorpusPair
  /// Where the output went.
  public var outputPath: String
  /// The alignment, when it succeeded (read back from the output when the pair was skipped).
  public var document: AlignedDocument?
  /// Whether the output file was (re)written; `false` when it already held these bytes.
  public var written: Bool
  /// Whether the pair was not aligned because its output was current (same inputs and options).
  public var skipped: Bool
  /// What went wrong, naming the file.
  public var error: String?
  /// Wall time spent on the pair.
  public var seconds: Double
}

/// Progress of a corpus run: a pair started a step.
public struct CorpusProgress: Sendable {
  public var pair: CorpusPair
  /// 1-based position of the pair among the pairs this run does.
  public var position: Int
  public var total: Int
  public var step: PipelineStep
}

/// Aligns the pairs of a corpus manifest (all, or one shard's share) and writes one output per pair.
///
/// Pairs are independent: with `jobs` > 1 they run in parallel; results come back in manifest order.
/// A run is **resumable**: a TMX output that exists and was made by this version from inputs with
/// the same checksums and with the same options is read back instead of aligned again (unless
/// `force`). Every output is written atomically (a temporary file renamed over it), so a run killed
/// at any moment leaves complete files only; temporary files a killed run left behind are removed
/// when the next run starts.
public struct CorpusAligner: Sendable {
  public var manifest: CorpusManifest
  public var outputDirectory: String
  public var pipeline: Pipeline
  public var format: AlignmentOutputFormat
  public var jobs: Int
  /// Align every pair even when its output is current.
  public var force: Bool
  /// Only this share of the manifest, or all pairs.
  public var shard: Shard?

  public init(
    manifest: CorpusManifest, outputDirectory: String, pipeline: Pipeline,
    format: AlignmentOutputFormat = .tmx,
    jobs: Int = 1, force: Bool = false, shard: Shard? = nil
  ) {
    self.manifest = manifest
    self.outputDirectory = outputDirectory
    self.pipeline = pipeline
    self.format = format
    self.jobs = max(1, jobs)
    self.force = force
    self.shard = shard
  }

  /// The pairs this run does: the shard's share of the manifest, in manifest order.
  public var pairs: [CorpusPair] {
    guard let shard else { return manifest.pairs }
    return manifest.pairs.filter { shard.contains(name: $0.name) }
  }

  private var folder: String {
    outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
  }

  /// The output path of `pair`.
  public func outputPath(of pair: CorpusPair) -> String {
    "\(folder)/\(pair.name).\(format.fileExtension)"
  }

  /// Runs the pairs. `creationDate` gives the date for an output path (it may keep an existing one);
  /// `progress` and `finished` may be called from several threads at once.
  public func run(
    creationDate: @Sendable (String) throws -> String,
    progress: @Sendable (CorpusProgress) -> Void = { _ in },
    finished: @Sendable (CorpusPairResult) -> Void = { _ in }
  ) -> [CorpusPairResult] {
    let pairs = self.pairs
    do {
      try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
    } catch {
      return pairs.map {
        CorpusPairResult(
          pair: $0, outputPath: outputPath(of: $0), document: nil, written: false, skipped: false,
          error: "\(outputDirectory): cannot create the output folder (\(error.localizedDescription))",
          seconds: 0)
      }
    }
    removeStaleTemporaryFiles(of: pairs)
    let results = ResultBox(count: pairs.count)
    let workers = min(jobs, max(1, pairs.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = results.nextIndex() {
        let result = runPair(
          pairs[index], position: index + 1, total: pairs.count, creationDate: creationDate
        ) {
          progress($0)
        }
        results.store(result, at: index)
        finished(result)
      }
    }
    return results.all()
  }

  /// The template text of the collection (``CommonSegments``): every document of the manifest —
  /// all its pairs, also when this run does one shard, so that every shard scores against the same
  /// collection — read and segmented as its pair reads it, documents with the same bytes counted
  /// once per language. A document that cannot be read is left out (its pair reports the error).
  /// Runs on `jobs` cores.
  public func learnCommonSegments() -> CommonSegments {
    struct Entry: Sendable {
      var path: String
      var format: InputFormat
      var source: Bool
    }
    var listed: [Entry] = []
    var seen: Set<String> = []
    for pair in manifest.pairs {
      for (path, format, source) in [
        (pair.source, pair.sourceFormat, true), (pair.target, pair.targetFormat, false),
      ] where seen.insert("\(source) \(path)").inserted {
        listed.append(Entry(path: path, format: format, source: source))
      }
    }
    let entries = listed
    let pipeline = self.pipeline
    let manifest = self.manifest
    let read = Workers.map(entries.count, workers: jobs) { index -> (checksum: String, texts: [String])? in
      let entry = entries[index]
      guard let bytes = try? SafeFile.load(path: manifest.path(of: entry.path)) else { return nil }
      let options = pipeline.options
      let format =
        entry.format != .auto ? entry.format : entry.source ? options.sourceFormat : options.targetFormat
      let language = entry.source ? options.sourceLanguage : options.targetLanguage
      let document = InputDocument(name: entry.path, bytes: bytes)
      guard let texts = try? pipeline.sentenceTexts(of: document, language: language, format: format) else {
        return nil
      }
      return (Checksum.sha256Hex(of: bytes), texts)
    }
    var documents: [Bool: [[String]]] = [true: [], false: []]
    var counted: Set<String> = []
    for (entry, found) in zip(entries, read) {
      guard let found, counted.insert("\(entry.source) \(found.checksum)").inserted else { continue }
      documents[entry.source, default: []].append(found.texts)
    }
    return CommonSegments.learning(
      sourceDocuments: documents[true] ?? [], targetDocuments: documents[false] ?? [])
  }

  /// Removes `.<name>.<ext>.tmp-*` files (``SafeFile/write(_:toPath:)``'s temporaries) of these
  /// pairs: only a killed writer leaves them, and no other shard writes these names.
  private func removeStaleTemporaryFiles(of pairs: [CorpusPair]) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let prefixes = Set(pairs.map { ".\($0.name).\(format.fileExtension).tmp-" })
    for entry in entries where entry.hasPrefix(".") {
      guard let range = entry.range(of: ".tmp-"), prefixes.contains(String(entry[..<range.upperBound])) else {
        continue
      }
      try? FileManager.default.removeItem(atPath: folder + "/" + entry)
    }
  }

  /// The pipeline for `pair`: the run's, with the input formats the manifest names for it.
  func pipeline(for pair: CorpusPair) -> Pipeline {
    var pipeline = self.pipeline
    if pair.sourceFormat != .auto { pipeline.options.sourceFormat = pair.sourceFormat }
    if pair.targetFormat != .auto { pipeline.options.targetFormat = pair.targetFormat }
    return pipeline
  }

  /// The bytes of a document the manifest names as `written`. When a relative path finds no file,
  /// the error says where it was looked for and why: a manifest's paths start at the parent of its
  /// folder (`corpus/pairs.tsv` → the repository root), which surprises a manifest written beside
  /// its documents.
  private func loadDocument(_ written: String) throws(TMXError) -> [UInt8] {
    let path = manifest.path(of: written)
    do {
      return try SafeFile.load(path: path)
    } catch {
      guard path != written, !FileManager.default.fileExists(atPath: path) else { throw error }
      throw TMXError(
        kind: .io,
        message:
          "no such file at \(path): a manifest's relative paths start at \(manifest.root), the parent of the "
          + "folder that holds the manifest; write them from there, or absolute (tweetal pair writes absolute "
          + "paths)", file: written)
    }
  }

  private func runPair(
    _ pair: CorpusPair, position: Int, total: Int, creationDate: (String) throws -> String,
    progress: (CorpusProgress) -> Void
  ) -> CorpusPairResult {
    let started = DispatchTime.now().uptimeNanoseconds
    let output = outputPath(of: pair)
    var result = CorpusPairResult(
      pair: pair, outputPath: output, document: nil, written: false, skipped: false, error: nil, seconds: 0)
    do {
      let source = InputDocument(name: pair.source, bytes: try loadDocument(pair.source))
      let target = InputDocument(name: pair.target, bytes: try loadDocument(pair.target))
      let pipeline = self.pipeline(for: pair)
      if !force, format == .tmx,
        let existing = Self.current(at: output, source: source, target: target, pipeline: pipeline)
      {
        result.document = existing
        result.skipped = true
      } else {
        if format == .tmx { try AlignmentStore.checkNoReviewsReplaced(atPath: output) }
        let date = try creationDate(output)
        let document = try pipeline.align(
          source: consume source, target: consume target, creationDate: date
        ) { step in
          progress(CorpusProgress(pair: pair, position: position, total: total, step: step))
        }
        result.document = document
        switch format {
        case .tmx:
          result.written = try AlignmentStore.saveIfChanged(document, toPath: output)
        case .beads:
          let bytes = Array(BeadFile.format(document).utf8)
          if (try? SafeFile.read(path: output)) != bytes {
            try SafeFile.write(bytes, toPath: output)
            result.written = true
          }
        }
      }
    } catch let error as TMXError {
      result.error = error.file == nil ? "\(output): \(error.message)" : error.description
    } catch {
      result.error = "\(error)"
    }
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return result
  }

  /// The alignment at `path` when it is current for these inputs and this pipeline: a Tweetal TMX
  /// of this version, from documents with the same names and SHA-256 checksums, in the same
  /// languages, with the same recorded options (and the same input formats when they were named);
  /// else nil (no file, another tool's, damaged, or out of date).
  public static func current(
    at path: String, source: InputDocument, target: InputDocument, pipeline: Pipeline
  ) -> AlignedDocument? {
    guard let tmx = try? TMXReader.read(path: path), AlignmentStore.isTweetal(tmx),
      tmx.header.creationToolVersion == AlignmentStore.toolVersion,
      let document = try? AlignmentStore.decode(tmx, file: path)
    else { return nil }
    let metadata = document.metadata
    let options = pipeline.options
    guard metadata.sourceFile == source.name, metadata.targetFile == target.name,
      metadata.sourceLanguage == options.sourceLanguage, metadata.targetLanguage == options.targetLanguage,
      metadata.sourceChecksum == Checksum.sha256Hex(of: source.bytes),
      metadata.targetChecksum == Checksum.sha256Hex(of: target.bytes)
    else { return nil }
    var stored = metadata.options
    for (name, requested) in [
      ("source-format", options.sourceFormat), ("target-format", options.targetFormat),
    ] {
      let found = stored.removeValue(forKey: name)
      if requested != .auto, found != requested.rawValue { return nil }
    }
    guard stored == pipeline.recordedOptions else { return nil }
    return document
  }
}

/// Results of parallel workers, handed out and stored under a lock.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var results: [CorpusPairResult?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func nextIndex() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < results.count else { return nil }
    next += 1
    return next - 1
  }

  func store(_ result: CorpusPairResult, at index: Int) {
    lock.lock()
    defer { lock.unlock() }
    results[index] = result
  }

  func all() -> [CorpusPairResult] {
    lock.lock()
    defer { lock.unlock() }
    return results.compactMap { $0 }
  }
}
