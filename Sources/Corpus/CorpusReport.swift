import Foundation
import TMX
import TweetalKit

/// What one run of one shard did, written to `<output-dir>/.tweetal/shard-K-of-N.json`.
public struct ShardReport: Codable, Sendable, Hashable {
  /// A pair that failed: its output name and the error.
  public struct Failure: Codable, Sendable, Hashable {
    public var name: String
    public var error: String
  }

  /// `K/N`.
  public var shard: String
  /// Pairs of the shard, aligned or skipped as current, and failed.
  public var pairs: Int
  public var aligned: Int
  public var skipped: Int
  /// Beads and sentences of the shard's outputs (skipped pairs included).
  public var beads: Int
  public var sourceSentences: Int
  public var targetSentences: Int
  public var failures: [Failure]
  /// Wall time of the run.
  public var seconds: Double

  public init(shard: Shard, results: [CorpusPairResult], seconds: Double) {
    self.shard = shard.description
    pairs = results.count
    aligned = results.filter { $0.error == nil && !$0.skipped }.count
    skipped = results.filter(\.skipped).count
    let documents = results.compactMap(\.document)
    beads = documents.reduce(0) { $0 + $1.beads.count }
    sourceSentences = documents.reduce(0) { $0 + $1.source.count }
    targetSentences = documents.reduce(0) { $0 + $1.target.count }
    failures = results.compactMap { result in
      result.error.map { Failure(name: result.pair.name, error: $0) }
    }
    self.seconds = (seconds * 1000).rounded() / 1000
  }

  /// The folder of shard reports inside an output folder.
  public static func folder(outputDirectory: String) -> String {
    (outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory) + "/.tweetal"
  }

  /// `<output-dir>/.tweetal/shard-K-of-N.json`.
  public static func path(outputDirectory: String, shard: Shard) -> String {
    folder(outputDirectory: outputDirectory) + "/shard-\(shard.index)-of-\(shard.count).json"
  }

  /// Writes the report atomically to its place in `outputDirectory`.
  public func write(outputDirectory: String, shard: Shard) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let bytes = Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    try FileManager.default.createDirectory(
      atPath: Self.folder(outputDirectory: outputDirectory), withIntermediateDirectories: true)
    try SafeFile.write(bytes, toPath: Self.path(outputDirectory: outputDirectory, shard: shard))
  }
}

/// A summary of a corpus output folder: every Tweetal TMX in it, and the shard reports of the runs
/// that made it (`tweetal corpus report DIR`).
public struct CorpusReport: Codable, Sendable, Hashable {
  /// Tweetal TMX files read.
  public var pairs: Int
  public var sourceSentences: Int
  public var targetSentences: Int
  /// Beads in all, and linking beads (a `<tu>` each: sentences on both sides).
  public var beads: Int
  public var links: Int
  /// Sentences inside links.
  public var linkedSourceSentences: Int
  public var linkedTargetSentences: Int
  /// Pairs per parallelism tenth: `0.0-0.1` … `0.9-1.0` (1.0 in the last).
  public var parallelismHistogram: [String: Int]
  /// Pairs per parallelism level: `parallel`, `loosely related`, `unrelated`.
  public var parallelismLevels: [String: Int]
  /// Shard reports found (`K/N`), and shards of the same N that have none.
  public var shards: [String]
  public var missingShards: [String]
  /// Failed pairs named by the shard reports.
  public var failures: [ShardReport.Failure]
  /// `.tmx` files that could not be read as Tweetal alignments, with why.
  public var unreadable: [ShardReport.Failure]
  /// Sum of the shard reports' wall times.
  public var seconds: Double

  /// Reads `directory`'s `*.tmx` (one at a time, so memory does not grow with the corpus) and
  /// `.tweetal/shard-*.json`.
  public init(directory: String) throws {
    let manager = FileManager.default
    let names = try manager.contentsOfDirectory(atPath: directory).filter {
      $0.hasSuffix(".tmx") && !$0.hasPrefix(".")
    }
    .sorted()
    pairs = 0
    sourceSentences = 0
    targetSentences = 0
    beads = 0
    links = 0
    linkedSourceSentences = 0
    linkedTargetSentences = 0
    parallelismHistogram = [:]
    parallelismLevels = [:]
    unreadable = []
    for name in names {
      let path = directory + "/" + name
      let document: AlignedDocument
      do {
        let tmx = try TMXReader.read(path: path)
        guard AlignmentStore.isTweetal(tmx) else {
          unreadable.append(ShardReport.Failure(name: name, error: "not a Tweetal alignment"))
          continue
        }
        document = try AlignmentStore.decode(tmx, file: path)
      } catch {
        unreadable.append(ShardReport.Failure(name: name, error: "\(error)"))
        continue
      }
      pairs += 1
      sourceSentences += document.source.count
      targetSentences += document.target.count
      beads += document.beads.count
      for bead in document.beads where !bead.source.isEmpty && !bead.target.isEmpty {
        links += 1
        linkedSourceSentences += bead.source.count
        linkedTargetSentences += bead.target.count
      }
      if let parallelism = document.metadata.parallelism {
        let tenth = min(9, Int((parallelism * 10).rounded(.down)))
        parallelismHistogram[Self.bin(tenth), default: 0] += 1
        parallelismLevels[ParallelismLevel(parallelism).rawValue, default: 0] += 1
      }
    }
    var reports: [ShardReport] = []
    let folder = ShardReport.folder(outputDirectory: directory)
    for name in ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    where name.hasPrefix("shard-") && name.hasSuffix(".json") {
      guard let data = manager.contents(atPath: folder + "/" + name),
        let report = try? JSONDecoder().decode(ShardReport.self, from: data)
      else {
        unreadable.append(ShardReport.Failure(name: ".tweetal/" + name, error: "not a shard report"))
        continue
      }
      reports.append(report)
    }
    let found = reports.compactMap { Shard($0.shard) }.sorted { ($0.count, $0.index) < ($1.count, $1.index) }
    shards = found.map(\.description)
    var missing: [String] = []
    for count in Set(found.map(\.count)).sorted() {
      for index in 1...count where !found.contains(Shard(index: index, count: count)!) {
        missing.append("\(index)/\(count)")
      }
    }
    missingShards = missing
    failures = reports.flatMap(\.failures).sorted { ($0.name, $0.error) < ($1.name, $1.error) }
    seconds = (reports.reduce(0) { $0 + $1.seconds } * 1000).rounded() / 1000
  }

  /// `0.3-0.4` for tenth 3.
  static func bin(_ tenth: Int) -> String {
    tenth == 9 ? "0.9-1.0" : "0.\(tenth)-0.\(tenth + 1)"
  }

  /// The bins in order, for printing.
  public static let bins = (0..<10).map(bin)
}
