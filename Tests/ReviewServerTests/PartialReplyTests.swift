import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReviewServer
import ReviewWeb
import Testing
import TweetalKit

/// An edit request that names the version the page shows, or one of the last versions, gets back
/// only what changed since; one that names none (or a version the server does not know) gets
/// everything. Concurrent edits of one file are all
/// saved, each its own undo step.
@Suite("tweetal serve: answers with what changed, concurrent edits")
struct PartialReplyTests {
  static func versioned(_ version: String) -> HTTPFields {
    var headers = editHeaders
    headers[HTTPField.Name(ReviewRoutes.versionHeader)!] = version
    return headers
  }

  static func beadCount(_ html: String) -> Int {
    html.components(separatedBy: "<div class=\"bead ").count - 1
  }

  @Test("an edit naming the version shown gets the changed beads and marks, as the whole page renders them")
  func partial() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let path = copy.path
    let page = ReviewPage(minConfidence: 0.5)
    let before = try AlignmentStore.load(path: path)
    try await copy.serve { client in
      let state = try json(
        try await client.execute(uri: "/api/files/\(fileID)", method: .get, headers: getHeaders))
      let shown = try #require(state["version"] as? String)
      #expect(state["first"] == nil && Self.beadCount(state["html"] as? String ?? "") == before.beads.count)

      // Merge 5 and 6: bead 5 of the new version replaces beads 5 and 6 of the one shown.
      let merged = try json(
        try await edit(client, #"{"op":"merge","bead":5}"#, headers: Self.versioned(shown)))
      let afterMerge = try AlignmentStore.load(path: path)
      #expect(merged["first"] as? Int == 5 && merged["replaces"] as? Int == 2)
      #expect(merged["html"] as? String == page.beads(afterMerge, range: 4..<5))
      #expect(merged["map"] as? String == page.marks(afterMerge, range: 4..<5))
      #expect(merged["beads"] as? Int == before.beads.count - 1)
      let mergedVersion = try #require(merged["version"] as? String)
      #expect(mergedVersion != shown)

      // A text edit: that one bead.
      let single = try #require(afterMerge.beads.indices.last { afterMerge.beads[$0].source.count == 1 })
      let text = try json(
        try await edit(
          client, #"{"op":"text","bead":\#(single + 1),"side":"source","text":"Nieuwe zin."}"#,
          headers: Self.versioned(mergedVersion)))
      let afterText = try AlignmentStore.load(path: path)
      #expect(text["first"] as? Int == single + 1 && text["replaces"] as? Int == 1)
      #expect(text["html"] as? String == page.beads(afterText, range: single..<(single + 1)))
      #expect((text["html"] as? String)?.contains("Nieuwe zin.") == true)

      // A page of an older version gets what changed since it: here from bead 1 to the text edit.
      let stale = try json(
        try await edit(client, #"{"op":"confirm","bead":1}"#, headers: Self.versioned(shown)))
      let afterConfirm = try AlignmentStore.load(path: path)
      let since = try #require(ReviewPage.change(from: before, to: afterConfirm))
      #expect(since.first == 0 && since.removed == single + 2 && since.inserted == single + 1)
      #expect(stale["first"] as? Int == 1 && stale["replaces"] as? Int == since.removed)
      #expect(stale["html"] as? String == page.beads(afterConfirm, range: 0..<since.inserted))
      #expect(stale["map"] as? String == page.marks(afterConfirm, range: 0..<since.inserted))
      #expect((stale["html"] as? String)?.contains("Nieuwe zin.") == true)

      // A page that names a version this server does not know, or none, gets everything.
      let otherSession = "0" + shown
      for headers in [Self.versioned(otherSession), editHeaders] {
        let whole = try json(try await edit(client, #"{"op":"unconfirm","bead":1}"#, headers: headers))
        let now = try AlignmentStore.load(path: path)
        #expect(whole["first"] == nil && whole["replaces"] == nil)
        #expect(whole["html"] as? String == page.beads(now))
        #expect(whole["map"] as? String == page.map(now))
      }
    }
  }

  @Test("concurrent edits of one file are all on disk, each its own undo step")
  func concurrent() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let before = try AlignmentStore.load(path: copy.path)
    let singles = Array(before.beads.indices.filter { before.beads[$0].source.count == 1 }.prefix(12))
    #expect(singles.count == 12)
    try await copy.serve { client in
      try await withThrowingTaskGroup(of: Int.self) { group in
        for (number, index) in singles.enumerated() {
          group.addTask {
            let body = #"{"op":"text","bead":\#(index + 1),"side":"source","text":"zin \#(number)"}"#
            let response = try await edit(client, body)
            return response.status == .ok ? 1 : 0
          }
        }
        var answered = 0
        for try await ok in group { answered += ok }
        #expect(answered == singles.count)
      }
    }
    let after = try AlignmentStore.load(path: copy.path)
    for (number, index) in singles.enumerated() {
      #expect(after.source[after.beads[index].source.lowerBound].text == "zin \(number)")
    }
    var review = try ReviewFile(path: copy.path)
    for _ in singles { _ = try review.undo() }
    #expect(!review.canUndo)
    #expect(review.document == before)
  }
}
