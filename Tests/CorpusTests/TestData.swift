import Foundation
import TestSupport

/// Paths of the repository's corpus, found relative to the test sources.
enum TestData {
  /// The repository root.
  static var root: String { Repository.root }

  static var manifest: String { root + "/corpus/pairs.tsv" }

  static func bytes(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }
}
