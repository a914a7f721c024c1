import ArgumentParser
import Foundation
import ReviewUI
import TweetalKit

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Apply one review edit to an alignment and save it at once.",
    discussion: """
      Beads are numbered from 1, as `tweetal show` prints them. Operations:

      \(EditOperation.synopsis)
        undo                           take the last edit back
        redo                           apply the last undone edit again

      Every edit keeps every sentence exactly once, in order; touched beads become `edited` with \
      changedate/changeid. The TMX is replaced atomically and the undo history is kept beside it in \
      FILE.history, so undo works across calls and sessions. A request that makes no sense (a bead \
      out of range, a split that leaves an empty bead) exits 64 and changes nothing.

      Example: tweetal edit letter.tmx split 12 --source 1 --target 2
      """)

  @Option(help: "Who makes the edit (TMX changeid). Default: the login name.")
  var user: String?

  @Argument(help: "The alignment (a TMX written by `tweetal align`).")
  var file: String

  /// The operation's words; ArgumentParser takes `--user` out wherever it stands.
  @Argument(parsing: .allUnrecognized, help: "The operation and its arguments (see above).")
  var operation: [String] = []

  func run() throws {
    let words = operation
    let request: EditOperation?
    switch words.first {
    case "undo", "redo":
      guard words.count == 1 else {
        throw CommandFailure.exit(file: file, EditError.syntax("usage: \(words[0])"))
      }
      request = nil
    default:
      do { request = try EditOperation(arguments: words) } catch {
        throw CommandFailure.exit(file: file, error)
      }
    }
    do {
      let lock = try ReviewLock(file: file)
      defer { lock.release() }
      var review = try ReviewFile(path: file)
      let message: String
      if let request {
        let hadHistory = review.historyMatches
        let result = try review.apply(
          request, stamp: EditStamp(user: user ?? TerminalSupport.userName(), date: Date()))
        message = result.message
        if !hadHistory && result.changed {
          TerminalSupport.write(
            "note: the old undo history did not match \(file); started a new one\n",
            to: TerminalSupport.standardError)
        }
      } else {
        message = try (words[0] == "undo" ? review.undo() : review.redo()).message
      }
      TerminalSupport.write("\(file): \(message)\n")
    } catch {
      throw CommandFailure.exit(file: file, error)
    }
  }
}
