import Foundation
import TMX

/// Files and folders the tests use.
enum TestFiles {
  /// A fresh temporary directory, removed by the caller with `remove(_:)`.
  static func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tmx-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url) }
}

extension TMXDocument {
  /// Every language of every variant, in order of first appearance.
  var variantLanguages: [String] {
    var seen: [String] = []
    for unit in units {
      for variant in unit.variants where !seen.contains(variant.language) { seen.append(variant.language) }
    }
    return seen
  }

  /// The plain text of the variant in `language` of unit `index`.
  func text(unit index: Int, language: String) -> String? {
    units[index].variants.first { $0.language == language }?.segment.plainText
  }
}
