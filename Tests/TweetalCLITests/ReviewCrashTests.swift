import Foundation
import TestSupport
import Testing
import TweetalKit

@Suite("Saves survive kill -9")
struct ReviewCrashTests {
  @Test(
    "killing `tweetal edit` at random moments always leaves the old or the new file, valid, and undo works")
  func killDuringSaves() throws {
    let folder = try ReviewCLI.temporaryFolder()
    // A large alignment, so that a save takes long enough to be hit: the corpus pair repeated 10 times.
    let base = try AlignmentStore.load(path: try ReviewCLI.align(pair: 0, into: folder))
    var large = base
    for copy in 1..<10 {
      let offset = (source: large.source.count, target: large.target.count)
      large.source += base.source
      large.target += base.target
      large.beads += base.beads.map { bead in
        var bead = bead
        bead.source = (bead.source.lowerBound + offset.source)..<(bead.source.upperBound + offset.source)
        bead.target = (bead.target.lowerBound + offset.target)..<(bead.target.upperBound + offset.target)
        bead.id += copy * base.beads.count
        return bead
      }
    }
    try large.validate()
    let path = folder + "/large.tmx"
    try AlignmentStore.save(large, toPath: path)
    let count = large.beads.count
    let started = Date()
    #expect(try ReviewCLI.run(["edit", path, "confirm", "1-\(count)"]).status == 0)
    let duration = Date().timeIntervalSince(started)
    var generator = SystemRandomNumberGenerator()
    var killed = 0
    for round in 0..<10 {
      let verb = round % 2 == 0 ? "unconfirm" : "confirm"
      let running = try ReviewCLI.start(["edit", path, verb, "1-\(count)"])
      usleep(UInt32(Double.random(in: 0...(duration * 1.2), using: &generator) * 1_000_000))
      if running.process.isRunning {
        kill(running.process.processIdentifier, SIGKILL)
        killed += 1
      }
      Bounded.wait(for: running.process, seconds: 120)
      let document = try AlignmentStore.load(path: path)
      try document.validate()
      let statuses = Set(document.beads.map(\.status))
      #expect(statuses == [.auto] || statuses == [.confirmed], "round \(round): a half-written state")
    }
    #expect(killed > 0, "at least one edit was killed mid-way")
    let undo = try ReviewCLI.run(["edit", path, "undo"])
    #expect(undo.status == 0, "\(undo.error)")
    try AlignmentStore.load(path: path).validate()
  }
}
