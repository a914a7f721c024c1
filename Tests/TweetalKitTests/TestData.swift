import Foundation
import TestSupport

/// Paths of the repository's test data, found relative to this file.
enum TestData {
  /// The repository root.
  static var root: String { Repository.root }

  static var manifest: String { root + "/corpus/pairs.tsv" }

  /// Every document of the corpus, sorted.
  static func corpusDocuments() throws -> [String] {
    var paths: [String] = []
    for folder in ["corpus/nl", "corpus/en"] {
      let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)
      paths += names.filter { $0.hasSuffix(".txt") }.sorted().map { root + "/" + folder + "/" + $0 }
    }
    return paths
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }
}
