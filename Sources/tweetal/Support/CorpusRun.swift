import Foundation
import TMX
import TweetalKit

/// `tweetal align` without documents: every pair of a manifest, progress and summaries printed.
struct CorpusRun {
  var manifestPath: String
  var outputDirectory: String
  var pipeline: Pipeline
  var format: AlignmentOutputFormat
  var jobs: Int

  /// A manifest made in memory (`align --pairs-from`); read from ``manifestPath`` when nil.
  var manifest: CorpusManifest? = nil

  func run() throws {
    let console = Console.shared
    let manifest = try self.manifest ?? loadManifest()
    let aligner = CorpusAligner(
      manifest: manifest, outputDirectory: outputDirectory, pipeline: pipeline, format: format, jobs: jobs)
    let environment = ProcessInfo.processInfo.environment
    let started = Date()
    let results = aligner.run(
      creationDate: { path in try CreationDate.resolve(outputPath: path, environment: environment) },
      progress: { event in
        console.progress(
          "[\(event.position)/\(event.total)] \(event.pair.name): \(event.step.rawValue)",
          persistent: event.step == .decoding)
      })
    console.endProgress()
    var failures = 0
    for result in results {
      if let error = result.error {
        console.error(error)
        failures += 1
      } else if let document = result.document {
        console.print(Summary.line(for: document, name: result.outputPath, written: result.written))
        if let warning = Summary.warning(for: document, name: "\(result.pair.name): the documents") {
          console.warn(warning)
        }
      }
    }
    let seconds = Date().timeIntervalSince(started)
    console.note(
      "\(results.count - failures) of \(results.count) pairs aligned into \(outputDirectory)/ in "
        + "\(Summary.decimal(seconds)) s")
    if failures > 0 {
      throw Failure("\(failures) of \(results.count) pairs failed; see the errors above")
    }
  }

  private func loadManifest() throws -> CorpusManifest {
    let bytes: [UInt8]
    do {
      bytes = try SafeFile.load(path: manifestPath)
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
        text, file: manifestPath, root: CorpusManifest.root(forManifestAt: manifestPath))
    } catch {
      throw Failure(error.description)
    }
    guard !manifest.pairs.isEmpty else {
      throw Failure(
        file: manifestPath, "lists no document pairs; add lines 'Dutch path<TAB>English path<TAB>name'")
    }
    return manifest
  }
}
