import Foundation
import TMX

/// Reads the alignments that `tweetal evaluate` compares: bead files, and any other format whose
/// loader is registered here (one line per format).
public enum EvaluationInput {
  /// Turns a file into beads as index lists.
  public typealias Loader = @Sendable (_ path: String) throws -> [IndexedBead]

  /// A file that cannot be evaluated, with what to do about it.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
  }

  /// Loaders by lower-case file extension; anything else is read as a bead file.
  public static let loaders: [String: Loader] = [
    // The reader's and the decoder's errors name the file and the problem (missing, not TMX, not
    // Tweetal's) as they are.
    "tmx": { path in
      try AlignmentStore.load(path: path).beads.map {
        IndexedBead(source: Array($0.source), target: Array($0.target), confidence: $0.confidence)
      }
    }
  ]

  /// Reads a bead file (`[0, 1]:[2]:0.93` per line, UTF-8).
  public static let beadFile: Loader = { path in
    let bytes = try SafeFile.load(path: path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(path: path, problem: "is not UTF-8; convert it with iconv -t UTF-8")
    }
    return try BeadFile.parse(text, file: path)
  }

  /// The loader for `path`, chosen by its extension.
  public static func loader(for path: String) -> Loader {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: ".") else { return beadFile }
    return loaders[name[name.index(after: dot)...].lowercased()] ?? beadFile
  }

  /// Loads `path` with its loader.
  public static func load(_ path: String) throws -> [IndexedBead] {
    try loader(for: path)(path)
  }
}

extension Evaluation {
  /// The six scores, rounded to four decimals, for `--json` and reports.
  public var summary: [String: Double] {
    func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    return [
      "strict_precision": round4(strictPrecision), "strict_recall": round4(strictRecall),
      "strict_f1": round4(strictF1), "lax_precision": round4(laxPrecision), "lax_recall": round4(laxRecall),
      "lax_f1": round4(laxF1),
    ]
  }
}

extension IndexedBead {
  /// The index lists of a stored alignment's bead.
  public init(_ bead: AlignmentBead) {
    self.init(source: Array(bead.source), target: Array(bead.target), confidence: bead.confidence)
  }
}
