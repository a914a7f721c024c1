import Foundation
import ReviewUI
import TestSupport
import Testing
import TweetalKit

/// Drives `tweetal review` in a real terminal: a private tmux server, keys sent, the pane read.
/// Nothing here can hang: every tmux call has a time limit, every wait is a bounded poll that fails
/// with the pane in the message, and `stop()` kills the server and the reviewer even after a failure.
private final class TmuxSession {
  let socket = "tweetal-review-test-\(UUID().uuidString.prefix(8))"
  let name = "review"
  var reviewer: pid_t?

  /// One tmux client call, at most 10 s, with a known terminal type.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let result = try Bounded.run(
      "/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + arguments, environment: ["TERM": "xterm-256color"],
      seconds: 10)
    return result.output + result.error
  }

  /// Starts a detached server with one window running `command` (run with `exec`, so that the pane's
  /// process is the reviewer itself).
  func start(_ command: String, width: Int = 100, height: Int = 30) throws {
    try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "exec " + command])
    let pid = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"])
    reviewer = pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Sends literal text (`send-keys -l`), or a tmux key name when `literal` is false.
  func send(_ keys: String, literal: Bool = true) throws {
    try tmux(["send-keys", "-t", name] + (literal ? ["-l", keys] : [keys]))
  }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

  /// Polls the pane until it shows `text` (at most `seconds`) and returns it; records an issue with
  /// the pane otherwise.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> String
  {
    var pane = ""
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      pane = try screen()
      if pane.contains(text) { return pane }
      usleep(100_000)
    } while Date() < deadline
    Issue.record(
      "the pane never showed '\(text)' within \(seconds) s:\n\(pane)", sourceLocation: sourceLocation)
    return pane
  }

  /// True once the reviewer process has ended (polled for at most `seconds`).
  func reviewerEnds(within seconds: Double) -> Bool {
    guard let reviewer else { return true }
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      if !Self.alive(reviewer) { return true }
      usleep(100_000)
    } while Date() < deadline
    return false
  }

  /// A process that exists and is not a zombie waiting to be reaped.
  static func alive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return true }
    return !stat[close...].hasPrefix(") Z")
  }

  func stop() {
    _ = try? tmux(["kill-server"])
    if let reviewer, !reviewerEnds(within: 5) { kill(reviewer, SIGKILL) }
  }
}

@Suite(
  "tweetal review in a real terminal (tmux)", .enabled(if: ReviewCLI.hasTmux, "tmux is not installed"),
  .timeLimit(.minutes(2)))
struct ReviewTmuxTests {
  @Test("confirm, merge, undo, quit: the file on disk shows exactly the confirmation; reopening resumes")
  func confirmMergeUndoQuit() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let original = try AlignmentStore.load(path: path)
    let binary = try #require(Repository.binary)
    let session = TmuxSession()
    defer { session.stop() }
    try session.start("env USER=reviewer TERM=xterm-256color \(binary) review \(path)")
    try session.waitFor("bead 1/\(original.beads.count)")
    try session.send("c")
    try session.waitFor("confirmed bead 1 (saved)")
    try session.send("j")
    try session.waitFor("bead 2/")
    try session.send("m")
    let merged = try session.waitFor("merged beads 2 and 3")
    #expect(merged.contains("bead 2/\(original.beads.count - 1)"))
    #expect(try AlignmentStore.load(path: path).beads.count == original.beads.count - 1)
    try session.send("u")
    try session.waitFor("undid merge 2")
    // A script is refused while the reviewer works on the file.
    let second = try ReviewCLI.run(["edit", path, "confirm", "2"], seconds: 60)
    #expect(
      second.status == 1 && second.error.contains("being edited by another tweetal process"), "\(second)")
    try session.send("q")
    #expect(session.reviewerEnds(within: 10), "q quits")

    let final = try AlignmentStore.load(path: path)
    #expect(final.source == original.source && final.target == original.target)
    #expect(final.beads.count == original.beads.count)
    #expect(final.beads[0].status == .confirmed && final.beads[0].changeUser == "reviewer")
    var expected = original.beads
    expected[0].status = .confirmed
    expected[0].changeDate = final.beads[0].changeDate
    expected[0].changeUser = "reviewer"
    #expect(final.beads == expected, "nothing but bead 1's confirmation changed")

    let again = TmuxSession()
    defer { again.stop() }
    try again.start("\(binary) review \(path)")
    try again.waitFor("bead 2/\(original.beads.count)")
    try again.send("q")
    #expect(again.reviewerEnds(within: 10), "q quits")
  }

  @Test("a 60-column terminal and a resize keep every line within the width")
  func narrowAndResize() throws {
    let path = try ReviewCLI.align(pair: 1, into: try ReviewCLI.temporaryFolder())
    let binary = try #require(Repository.binary)
    let session = TmuxSession()
    defer { session.stop() }
    try session.start("\(binary) review \(path)", width: 60, height: 24)
    var pane = try session.waitFor("suspicious")
    #expect(pane.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
    #expect(pane.contains("│"))
    try session.send("?")
    pane = try session.waitFor("Keys")
    try session.send("Escape", literal: false)
    try session.waitFor("j/k move")
    try session.tmux(["resize-window", "-t", "review", "-x", "100", "-y", "30"])
    let deadline = Date().addingTimeInterval(20)
    repeat {
      pane = try session.screen()
      if pane.split(separator: "\n").contains(where: { DisplayWidth.of($0) > 60 }) { break }
      usleep(100_000)
    } while Date() < deadline
    #expect(
      pane.split(separator: "\n").contains { DisplayWidth.of($0) > 60 },
      "the layout uses the new width:\n\(pane)")
    #expect(pane.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 100 })
    try session.send("q")
    #expect(session.reviewerEnds(within: 10), "q quits")
  }

  @Test("the reviewer exits when its terminal goes away (tmux killed) or on SIGTERM")
  func exitsWithoutTerminal() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let binary = try #require(Repository.binary)
    let session = TmuxSession()
    defer { session.stop() }
    try session.start("\(binary) review \(path)")
    try session.waitFor("bead 1/")
    _ = try session.tmux(["kill-server"])
    #expect(session.reviewerEnds(within: 10), "the reviewer left when its terminal went away")

    let other = TmuxSession()
    defer { other.stop() }
    try other.start("\(binary) review \(path)")
    try other.waitFor("bead 1/")
    let reviewer = try #require(other.reviewer)
    kill(reviewer, SIGTERM)
    #expect(other.reviewerEnds(within: 10), "SIGTERM ends the reviewer")
    // The lock was released: a script can edit the file again.
    #expect(try ReviewCLI.run(["edit", path, "confirm", "1"], seconds: 60).status == 0)
  }

  @Test("without a terminal, review refuses with exit 1 and points to tweetal edit")
  func refusesWithoutTerminal() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let result = try ReviewCLI.run(["review", path], seconds: 60)
    #expect(result.status == 1)
    #expect(result.error.contains("review needs a terminal; use tweetal edit for scripts"), "\(result.error)")
  }
}
