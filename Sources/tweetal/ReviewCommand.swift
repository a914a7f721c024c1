import ArgumentParser
import TweetalKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Review an alignment interactively, full screen, with the keyboard.",
    discussion: """
      j/k (or the arrows) move, n jumps to the next suspicious bead, c confirms, m merges with the \
      next bead, s splits (asks where), < and > shift a sentence to the previous / next bead, e edits \
      text, u undoes, r redoes, ? shows every key, q quits. Every change is saved to the TMX when it \
      is made (atomically), with its undo history beside it (FILE.history); reopening the file \
      resumes at the bead where the reviewer left off. Only one reviewer (or `tweetal edit`) can \
      work on a file at a time.
      """)

  @Argument(help: "The alignment (a TMX written by `tweetal align`).")
  var file: String

  @Option(help: "Who makes the edits (TMX changeid). Default: the login name.")
  var user: String?

  @Option(help: "Confidence below which an unconfirmed bead is suspicious.")
  var minConfidence = 0.5

  func validate() throws {
    guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be in 0...1") }
  }

  func run() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      TerminalSupport.write(
        "Error: \(file): review needs a terminal; use tweetal edit for scripts (and tweetal show to read)\n",
        to: STDERR_FILENO)
      throw ExitCode.failure
    }
    let lock: ReviewLock
    let review: ReviewFile
    do {
      lock = try ReviewLock(file: file)
      review = try ReviewFile(path: file)
    } catch {
      throw CommandFailure.exit(file: file, error)
    }
    defer { lock.release() }
    guard TerminalSupport.size() != nil, RawTerminal.enter() else {
      throw CommandFailure.exit(
        file: file, EditError.invalid("review needs a terminal; use tweetal edit for scripts"))
    }
    var screen = ReviewScreen(
      review: review, file: file, user: user ?? TerminalSupport.userName(), minConfidence: minConfidence,
      colour: Terminal.usesColour())
    screen.run()
    RawTerminal.restore()
  }
}
