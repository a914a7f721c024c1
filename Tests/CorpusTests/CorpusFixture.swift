import Foundation
import TestSupport
import TweetalKit

/// A corpus in a fresh temporary folder: the repository's documents copied into `corpus/nl` and
/// `corpus/en`, and a manifest `corpus/pairs.tsv` pairing them in several ways (more pairs than
/// the repository lists, so that shards and resumes have something to split).
struct CorpusFixture {
  let root: String
  var manifestPath: String { root + "/corpus/pairs.tsv" }

  static let dutch = [
    "2022-04-29_kamerbrief-imrf-deelname.txt", "2018-11_kamerbrief-gcm-marrakesh.txt",
    "2018-06_eerste-kamer-briefwisseling-gcm-gcr.txt",
  ]
  static let english = [
    "2022-04-14_gcm-voluntary-national-review.txt", "2020-11-09_gcm-implementation-input-un-network.txt",
  ]

  /// Every Dutch document with every English one: 6 pairs named `p-<i>-<j>`.
  static let allPairs: [(String, String, String)] = dutch.indices.flatMap { i in
    english.indices.map { j in ("corpus/nl/" + dutch[i], "corpus/en/" + english[j], "p-\(i)-\(j)") }
  }

  init(pairs: [(String, String, String)] = CorpusFixture.allPairs) throws {
    root = NSTemporaryDirectory() + "tweetal-corpus-" + UUID().uuidString
    let manager = FileManager.default
    for (folder, names) in [("nl", Self.dutch), ("en", Self.english)] {
      try manager.createDirectory(atPath: root + "/corpus/" + folder, withIntermediateDirectories: true)
      for name in names {
        try manager.copyItem(
          atPath: Repository.root + "/corpus/" + folder + "/" + name,
          toPath: root + "/corpus/" + folder + "/" + name)
      }
    }
    try writeManifest(pairs)
  }

  func writeManifest(_ pairs: [(String, String, String)]) throws {
    let text = pairs.map { "\($0.0)\t\($0.1)\t\($0.2)\n" }.joined()
    try Data(text.utf8).write(to: URL(fileURLWithPath: manifestPath))
  }

  func manifest() throws -> CorpusManifest {
    let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
    return try CorpusManifest.parse(text, file: manifestPath, root: root)
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }

  /// Every file below `folder` (hidden ones too, `.tweetal/` reports excluded) with its bytes.
  static func files(in folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != ".tweetal" {
      result[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return result
  }
}
