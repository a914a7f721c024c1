import Foundation
import TMX

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
  /// The alignment, when it succeeded.
  public var document: AlignedDocument?
  /// Whether the output file was (re)written; `false` when it already held these bytes.
  public var written: Bool
  /// What went wrong, naming the file.
  public var error: String?
}

/// Progress of a corpus run: a pair started a step.
public struct CorpusProgress: Sendable {
  public var pair: CorpusPair
  /// 1-based position of the pair in the manifest.
  public var position: Int
  public var total: Int
  public var step: PipelineStep
}

/// Aligns every pair of a corpus manifest and writes one output per pair.
///
/// Pairs are independent: with `jobs` > 1 they run in parallel; results come back in manifest order.
public struct CorpusAligner: Sendable {
  public var manifest: CorpusManifest
  public var outputDirectory: String
  public var pipeline: Pipeline
  public var format: AlignmentOutputFormat
  public var jobs: Int

  public init(
    manifest: CorpusManifest, outputDirectory: String, pipeline: Pipeline,
    format: AlignmentOutputFormat = .tmx,
    jobs: Int = 1
  ) {
    self.manifest = manifest
    self.outputDirectory = outputDirectory
    self.pipeline = pipeline
    self.format = format
    self.jobs = max(1, jobs)
  }

  /// The output path of `pair`.
  public func outputPath(of pair: CorpusPair) -> String {
    let folder = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
    return "\(folder)/\(pair.name).\(format.fileExtension)"
  }

  /// Runs every pair. `creationDate` gives the date for an output path (it may keep an existing one);
  /// `progress` and `finished` may be called from several threads at once.
  public func run(
    creationDate: @Sendable (String) throws -> String,
    progress: @Sendable (CorpusProgress) -> Void = { _ in },
    finished: @Sendable (CorpusPairResult) -> Void = { _ in }
  ) -> [CorpusPairResult] {
    do {
      try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
    } catch {
      return manifest.pairs.map {
        CorpusPairResult(
          pair: $0, outputPath: outputPath(of: $0), document: nil, written: false,
          error: "\(outputDirectory): cannot create the output folder (\(error.localizedDescription))")
      }
    }
    let results = ResultBox(count: manifest.pairs.count)
    let workers = min(jobs, max(1, manifest.pairs.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = results.nextIndex() {
        let result = runPair(at: index, creationDate: creationDate, progress: progress)
        results.store(result, at: index)
        finished(result)
      }
    }
    return results.all()
  }

  private func runPair(
    at index: Int, creationDate: (String) throws -> String, progress: (CorpusProgress) -> Void
  ) -> CorpusPairResult {
    let pair = manifest.pairs[index]
    let output = outputPath(of: pair)
    var result = CorpusPairResult(pair: pair, outputPath: output, document: nil, written: false, error: nil)
    do {
      let date = try creationDate(output)
      let source = InputDocument(
        name: pair.source, bytes: try SafeFile.load(path: manifest.path(of: pair.source)))
      let target = InputDocument(
        name: pair.target, bytes: try SafeFile.load(path: manifest.path(of: pair.target)))
      var pipeline = self.pipeline
      if pair.sourceFormat != .auto { pipeline.options.sourceFormat = pair.sourceFormat }
      if pair.targetFormat != .auto { pipeline.options.targetFormat = pair.targetFormat }
      let document = try pipeline.align(source: source, target: target, creationDate: date) { step in
        progress(CorpusProgress(pair: pair, position: index + 1, total: manifest.pairs.count, step: step))
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
    } catch let error as TMXError {
      result.error = error.file == nil ? "\(output): \(error.message)" : error.description
    } catch {
      result.error = "\(error)"
    }
    return result
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
