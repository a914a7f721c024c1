import Foundation
import TMX
import TweetalKit

/// Reads a document named on the command line: a path, or `-` for stdin.
enum Input {
  static func read(_ path: String) throws(Failure) -> InputDocument {
    if path == "-" {
      return InputDocument(name: "-", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
    }
    do {
      return InputDocument(name: path, bytes: try SafeFile.load(path: path))
    } catch {
      throw Failure(error.description)
    }
  }
}

extension Input {
  /// The alignment at `path`, or on standard input for `-` (`tweetal align … -o - | tweetal show -`).
  static func alignment(_ path: String) throws -> AlignedDocument {
    guard path == "-" else { return try AlignmentStore.load(path: path) }
    return try AlignmentStore.load(bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()), name: "-")
  }
}
