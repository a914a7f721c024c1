import Foundation
import Testing
import TweetalKit

/// Drives `tweetal review` in a real terminal: a private tmux server, keys sent, the pane read.
/// The server runs in the foreground (`tmux -D`) as a child of the test, which also works where
/// tmux cannot daemonize (a sandbox whose /dev/null is not a device).
private final class TmuxSession {
  let socket = "tweetal-review-test-\(UUID().uuidString.prefix(8))"
  let name = "review"
  var server: Process?

  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
    process.arguments = ["-L", socket] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self)
  }

  func start(_ command: String, width: Int = 100, height: Int = 30) throws {
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
    server.arguments = ["-L", socket, "-f", "/dev/null", "-D"]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    self.server = server
    for _ in 0..<50 {
      let answer = try tmux(["list-sessions"])
      if !answer.contains("error connecting") && !answer.contains("no server running") { break }
      usleep(100_000)
    }
    try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
  }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

  /// Waits until the pane shows `text` (up to 20 s) and returns the pane.
  func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    var pane = ""
    for _ in 0..<200 {
      pane = try screen()
      if pane.contains(text) { return pane }
      usleep(100_000)
    }
    Issue.record("the pane never showed '\(text)':\n\(pane)", sourceLocation: sourceLocation)
    return pane
  }

  func isRunning() throws -> Bool { try tmux(["has-session", "-t", name]).isEmpty }

  func stop() {
    _ = try? tmux(["kill-server"])
    if let server, server.isRunning {
      server.terminate()
      server.waitUntilExit()
    }
  }
}

@Suite("tweetal review in a real terminal (tmux)", .enabled(if: ReviewCLI.hasTmux, "tmux is not installed"))
struct ReviewTmuxTests {
  @Test("confirm, merge, undo, quit: the file on disk shows exactly the confirmation; reopening resumes")
  func confirmMergeUndoQuit() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let original = try AlignmentStore.load(path: path)
    let binary = try #require(ReviewCLI.binary)
    let session = TmuxSession()
    defer { session.stop() }
    try session.start("USER=reviewer \(binary) review \(path)")
    _ = try session.waitFor("bead 1/\(original.beads.count)")
    try session.send("c")
    _ = try session.waitFor("confirmed bead 1 (saved)")
    try session.send("j")
    _ = try session.waitFor("bead 2/")
    try session.send("m")
    let merged = try session.waitFor("merged beads 2 and 3")
    #expect(merged.contains("bead 2/\(original.beads.count - 1)"))
    #expect(try AlignmentStore.load(path: path).beads.count == original.beads.count - 1)
    try session.send("u")
    _ = try session.waitFor("undid merge 2")
    // A second reviewer is refused while the first one works.
    let second = try ReviewCLI.run(["review", path])
    #expect(second.status == 1 && second.error.contains("being edited by another tweetal process"))
    try session.send("q")
    for _ in 0..<50 where try session.isRunning() { usleep(100_000) }
    #expect(try !session.isRunning())

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
    _ = try again.waitFor("bead 2/\(original.beads.count)")
    try again.send("q")
  }

  @Test("a 60-column terminal and a resize keep every line within the width")
  func narrowAndResize() throws {
    let path = try ReviewCLI.align(pair: 1, into: try ReviewCLI.temporaryFolder())
    let binary = try #require(ReviewCLI.binary)
    let session = TmuxSession()
    defer { session.stop() }
    try session.start("\(binary) review \(path)", width: 60, height: 24)
    var pane = try session.waitFor("suspicious")
    #expect(pane.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
    #expect(pane.contains("│"))
    try session.send("?")
    pane = try session.waitFor("Keys")
    try session.send("Escape")
    try session.tmux(["resize-window", "-t", "review", "-x", "100", "-y", "30"])
    usleep(500_000)
    try session.send("n")
    pane = try session.waitFor("bead ")
    #expect(pane.split(separator: "\n").contains { DisplayWidth.of($0) > 60 }, "the layout uses the new width")
    try session.send("q")
    for _ in 0..<50 where try session.isRunning() { usleep(100_000) }
    #expect(try !session.isRunning())
  }
}
