import ArgumentParser
import Glibc
import TMX
import TweetalKit

/// The check that an output path is not one of the command's inputs. `tweetal report a.tmx -o
/// a.tmx` or `tweetal align brief.txt report.txt -o brief.txt` would replace what the command
/// reads: a reviewer's corrections or the source document, gone for a typo. The same file is
/// found by device and inode, so another spelling of the path or a hard or symbolic link to it
/// is caught too; an output that does not exist yet is never an input.
enum OutputGuard {
  /// Throws a `ValidationError` (exit status 64, nothing written) when `output` names an
  /// existing file that is one of `inputs`, or one of the `documents` the input alignments were
  /// made from (``alignedDocuments(of:)``). `-` (standard input or output) is never checked.
  static func check(_ output: String, against inputs: [String], documents: [String] = []) throws {
    // Only a regular file can be replaced: a terminal, pipe or device (`/dev/stdout` while
    // `/dev/stdin` is the same terminal) is written in place and loses nothing.
    guard output != "-", let written = FileIdentity(path: output), written.isRegularFile else { return }
    for input in inputs where input != "-" && FileIdentity(path: input) == written {
      let same = input == output ? "" : " (as \(input))"
      throw ValidationError(
        "The output \(output) is also an input\(same): writing there would replace it. Choose another output path."
      )
    }
    for document in documents where FileIdentity(path: document) == written {
      let same = document == output ? "" : " (\(document))"
      throw ValidationError(
        "The output \(output) is a document the alignment was made from\(same): writing there would replace it. "
          + "Choose another output path.")
    }
  }

  /// The documents the alignments at `paths` were made from, as their headers record them.
  static func alignedDocuments(of paths: [String]) -> [String] {
    var seen: Set<String> = []
    return paths.flatMap { AlignmentStore.recordedDocuments(atPath: $0) }.filter { seen.insert($0).inserted }
  }
}
