import Foundation
import TMX
public import TweetalKit

/// Which pairs a corpus export keeps.
public struct CorpusExportOptions: Sendable, Hashable {
  /// Keep auto beads at or above this confidence (confirmed and edited beads always pass).
  public var minConfidence: Double?
  /// Skip whole documents whose parallelism is below this (only loosely related documents).
  public var minParallelism: Double?
  /// Keep only beads with one of these review statuses; nil keeps all.
  public var statuses: Set<BeadStatus>?
  /// Write each distinct (source, target) pair once.
  public var dedup: Bool

  public init(
    minConfidence: Double? = nil, minParallelism: Double? = nil, statuses: Set<BeadStatus>? = nil,
    dedup: Bool = false
  ) {
    self.minConfidence = minConfidence
    self.minParallelism = minParallelism
    self.statuses = statuses
    self.dedup = dedup
  }
}

/// What a corpus export kept and why it dropped the rest (pairs = linking beads).
public struct CorpusExportCounts: Sendable, Hashable, Codable {
  public var files = 0
  public var kept = 0
  /// Pairs dropped, by reason: `confidence`, `status`, `parallelism`, `duplicate`, `empty`.
  public var dropped: [String: Int] = [:]
  /// Source and target languages of the inputs.
  public var sourceLanguage = ""
  public var targetLanguage = ""

  public init() {}
}

/// Exports the linked pairs of many alignments in one pass, one bead in memory at a time, so
/// that memory does not grow with the size of a document or the corpus (apart from 16 bytes per kept pair with
/// `dedup`).
public enum CorpusExport {
  /// The `.tmx` files of `inputs`: a folder gives its `*.tmx` (sorted, hidden files left out), a
  /// file is taken as it is.
  public static func files(_ inputs: [String]) throws -> [String] {
    var files: [String] = []
    for input in inputs {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
        let folder = input.hasSuffix("/") ? String(input.dropLast()) : input
        files += try FileManager.default.contentsOfDirectory(atPath: folder)
          .filter { $0.hasSuffix(".tmx") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
      } else {
        files.append(input)
      }
    }
    return files
  }

  /// Reads `files` one after another and hands every kept pair to `emit`, in order; `start` is
  /// called once with the languages before the first pair. Throws (naming the file) when a file
  /// is not a Tweetal alignment or is in another language pair than the first. The file named `-`
  /// is `standardInput` (read once by the caller), when given.
  public static func run(
    files: [String], standardInput: [UInt8]? = nil, options: CorpusExportOptions,
    start: (_ sourceLanguage: String, _ targetLanguage: String) throws -> Void,
    emit: (ExportPair) throws -> Void
  ) throws -> CorpusExportCounts {
    var counts = CorpusExportCounts()
    var seen = Set<PairKey>()
    var started = false
    for file in files {
      // The file streams: pairs go out as their beads are decoded, one bead in memory at a time.
      // What is decided on the header (languages, parallelism) waits for the file to be read
      // whole, as the error of a broken file comes first.
      var mismatch: ExportError?
      var skipped = false
      var links = 0
      var failure: (any Error)?
      // Only links are exported: a bead with an empty side needs no sentences.
      try AlignmentStore.stream(
        path: file, bytes: file == "-" ? standardInput : nil, sentencesOfUnlinked: false,
        metadata: { metadata in
          if !started {
            counts.sourceLanguage = metadata.sourceLanguage
            counts.targetLanguage = metadata.targetLanguage
            do { try start(metadata.sourceLanguage, metadata.targetLanguage) } catch { failure = error }
            started = true
          } else if metadata.sourceLanguage.lowercased() != counts.sourceLanguage.lowercased()
            || metadata.targetLanguage.lowercased() != counts.targetLanguage.lowercased()
          {
            mismatch = ExportError.languageMismatch(
              file: file, languages: "\(metadata.sourceLanguage)→\(metadata.targetLanguage)",
              firstFile: files[0], firstLanguages: "\(counts.sourceLanguage)→\(counts.targetLanguage)")
          }
          if let minimum = options.minParallelism, (metadata.parallelism ?? 0) < minimum { skipped = true }
        },
        bead: { bead, sourceSentences, targetSentences in
          guard !sourceSentences.isEmpty && !targetSentences.isEmpty else { return }
          links += 1
          guard mismatch == nil, !skipped, failure == nil else { return }
          if let statuses = options.statuses, !statuses.contains(bead.status) {
            counts.dropped["status", default: 0] += 1
            return
          }
          if let minimum = options.minConfidence, bead.status == .auto, bead.confidence < minimum {
            counts.dropped["confidence", default: 0] += 1
            return
          }
          let source = TranslatorExport.clean(sourceSentences.map(\.text))
          let target = TranslatorExport.clean(targetSentences.map(\.text))
          if source.isEmpty || target.isEmpty {
            counts.dropped["empty", default: 0] += 1
            return
          }
          if options.dedup, !seen.insert(PairKey(source: source, target: target)).inserted {
            counts.dropped["duplicate", default: 0] += 1
            return
          }
          counts.kept += 1
          do { try emit(ExportPair(source: source, target: target, bead: bead, file: file)) } catch {
            failure = error
          }
        })
      if let failure { throw failure }
      if let mismatch { throw mismatch }
      counts.files += 1
      if skipped { counts.dropped["parallelism", default: 0] += links }
    }
    return counts
  }

  /// Two 64-bit FNV-1a hashes: a pair's identity for `dedup` without keeping its text.
  struct PairKey: Hashable {
    var source: UInt64
    var target: UInt64

    init(source: String, target: String) {
      self.source = Self.hash(source)
      self.target = Self.hash(target)
    }

    static func hash(_ text: String) -> UInt64 {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
      }
      return hash
    }
  }
}
