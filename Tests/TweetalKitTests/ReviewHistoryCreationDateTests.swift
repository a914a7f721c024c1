import Foundation
import TMX
import Testing

@testable import TweetalKit

/// The undo history keeps a bead's own creation date (found by the edit property test: undoing a
/// merge of a bead made in review wrote the bead back without its `creationdate`), and still reads
/// histories written before it did.
@Suite("Review history and bead creation dates")
struct ReviewHistoryCreationDateTests {
  /// `small()` with beads 1 and 2 made in review (their own creation dates).
  static func document() -> AlignedDocument {
    var document = ReviewFixture.small()
    document.beads[0].creationDate = "20261125T101500Z"
    document.beads[1].creationDate = "20261125T101600Z"
    return document
  }

  static func tmxFile(_ document: AlignedDocument) throws -> String {
    let path = try reviewTemporaryFolder() + "/letter.tmx"
    try SafeFile.write(try TMXWriter.bytes(of: AlignmentStore.encode(document)), toPath: path)
    return path
  }

  @Test("undo of a merge gives back the TMX bytes, creation dates included")
  func undoRestoresCreationDate() throws {
    let path = try Self.tmxFile(Self.document())
    let original = try #require(try SafeFile.read(path: path))
    #expect(String(decoding: original, as: UTF8.self).contains("creationdate=\"20261125T101600Z\""))
    var file = try ReviewFile(path: path)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    #expect(file.document.beads.count == 4)
    _ = try file.undo()
    #expect(file.document == Self.document())
    #expect(try SafeFile.read(path: path) == original)
    _ = try file.redo()
    _ = try file.undo()
    #expect(try SafeFile.read(path: path) == original)
  }

  @Test("a patch keeps creation dates in both directions")
  func patchRoundTrip() throws {
    let old = Self.document()
    let new = try old.applying(.merge(bead: 1), stamp: ReviewFixture.stamp).document
    let patch = ReviewPatch(summary: "merge 1", from: old, to: new)
    #expect(patch.before.map(\.creationDate) == ["20261125T101500Z", "20261125T101600Z"])
    let decoded = try JSONDecoder().decode(ReviewPatch.self, from: JSONEncoder().encode(patch))
    #expect(decoded == patch)
    #expect(decoded.apply(to: old) == new)
    #expect(decoded.inverse.apply(to: new) == old)
  }

  @Test("a history written before creation dates were kept is still read and undone")
  func oldHistory() throws {
    let path = try Self.tmxFile(Self.document())
    var file = try ReviewFile(path: path)
    _ = try file.apply(.confirm(first: 1, last: 2), stamp: ReviewFixture.stamp)
    // The same history as the old format wrote it: no `creationDate` key in any bead.
    let stored = try #require(try SafeFile.read(path: path + ".history"))
    var text = String(decoding: stored, as: UTF8.self)
    #expect(text.contains("\"creationDate\":\"20261125T101500Z\""))
    for date in ["\"20261125T101500Z\"", "\"20261125T101600Z\"", "null"] {
      text = text.replacingOccurrences(of: ",\"creationDate\":" + date, with: "")
      text = text.replacingOccurrences(of: "\"creationDate\":" + date + ",", with: "")
    }
    #expect(!text.contains("creationDate"))
    try SafeFile.write(Array(text.utf8), toPath: path + ".history")

    var reopened = try ReviewFile(path: path)
    #expect(reopened.historyMatches && reopened.nextUndo == "confirm 1-2")
    #expect(try reopened.undo().message == "undid confirm 1-2")
    // The old history did not keep creation dates, so the beads it restores have none.
    var expected = Self.document()
    expected.beads[0].creationDate = nil
    expected.beads[1].creationDate = nil
    #expect(reopened.document == expected)
    _ = try reopened.redo()
    #expect(reopened.document.beads.map(\.status).prefix(2) == [.confirmed, .confirmed])
  }
}
