import Aligner
import Foundation
import Segmenter
import TMX
import Testing

@testable import TweetalKit

/// A stand-in file form for history tests that do not depend on the TMX encoding.
private struct StoredDocument: Codable {
  var source: [[String]]
  var target: [[String]]
  var beads: [HistoryBead]
}

let jsonCodec = AlignmentCodec(
  encode: { document in
    let stored = StoredDocument(
      source: document.source.map { [$0.text, $0.kind.rawValue, String($0.block)] },
      target: document.target.map { [$0.text, $0.kind.rawValue, String($0.block)] },
      beads: document.beads.map(HistoryBead.init))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return [UInt8](try encoder.encode(stored))
  },
  decode: { bytes, _ in
    let stored = try JSONDecoder().decode(StoredDocument.self, from: Data(bytes))
    var document = ReviewFixture.small()
    func sentence(_ fields: [String]) -> Sentence {
      Sentence(text: fields[0], kind: UnitKind(rawValue: fields[1]) ?? .sentence, block: Int(fields[2]) ?? 0)
    }
    document.source = stored.source.map(sentence)
    document.target = stored.target.map(sentence)
    document.beads = stored.beads.compactMap(\.bead)
    return document
  })

func reviewTemporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "tweetal-review-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

@Suite("Review history")
struct ReviewHistoryTests {
  func makeFile(_ document: AlignedDocument = ReviewFixture.small()) throws -> String {
    let path = try reviewTemporaryFolder() + "/letter.tmx"
    try SafeFile.write(try jsonCodec.encode(document), toPath: path)
    return path
  }

  @Test("undo and redo survive between sessions")
  func acrossSessions() throws {
    let path = try makeFile()
    let original = try SafeFile.read(path: path)
    var first = try ReviewFile(path: path, codec: jsonCodec)
    _ = try first.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    _ = try first.apply(.confirm(first: 2, last: 3), stamp: ReviewFixture.stamp)
    let afterEdits = try SafeFile.read(path: path)

    var second = try ReviewFile(path: path, codec: jsonCodec)
    #expect(second.historyMatches && second.nextUndo == "confirm 2-3")
    #expect(try second.undo().message == "undid confirm 2-3")
    var third = try ReviewFile(path: path, codec: jsonCodec)
    _ = try third.undo()
    #expect(try SafeFile.read(path: path) == original)
    #expect(throws: EditError.nothingToUndo) { try third.undo() }
    var fourth = try ReviewFile(path: path, codec: jsonCodec)
    _ = try fourth.redo()
    _ = try fourth.redo()
    #expect(try SafeFile.read(path: path) == afterEdits)
    #expect(throws: EditError.nothingToRedo) { try fourth.redo() }
  }

  @Test("a new edit after undo drops the redo stack")
  func editClearsRedo() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    _ = try file.undo()
    _ = try file.apply(.unlink(bead: 2), stamp: ReviewFixture.stamp)
    #expect(!file.canRedo)
  }

  @Test("undo is refused when the file was changed behind the history's back")
  func mismatch() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    var changed = file.document
    changed.target[0].text = "Changed by another program."
    try SafeFile.write(try jsonCodec.encode(changed), toPath: path)
    let before = try SafeFile.read(path: path)
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(!reopened.historyMatches)
    #expect(throws: EditError.historyMismatch(file: path + ".history")) { try reopened.undo() }
    #expect(try SafeFile.read(path: path) == before)
    _ = try reopened.apply(.confirm(first: 1, last: 1), stamp: ReviewFixture.stamp)
    #expect(reopened.historyMatches && reopened.nextUndo == "confirm 1")
  }

  @Test("a save interrupted after the TMX was replaced is completed from the announced history")
  func interruptedAfterRename() throws {
    let path = try makeFile()
    let oldBytes = try #require(try SafeFile.read(path: path))
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    let written = try JSONDecoder().decode(
      ReviewHistory.self, from: Data(try #require(try SafeFile.read(path: path + ".history"))))
    // A save writes the history first, announcing the TMX it is about to write.
    let finished = try #require(written.pending)
    #expect(written.checksum == reviewChecksum(oldBytes))
    #expect(finished.checksum == reviewChecksum(try #require(try SafeFile.read(path: path))))
    // The state a kill -9 right after the rename of the TMX leaves behind.
    var announced = ReviewHistory(checksum: reviewChecksum(oldBytes))
    announced.pending = .init(checksum: finished.checksum, undo: finished.undo, redo: finished.redo)
    try SafeFile.write([UInt8](try JSONEncoder().encode(announced)), toPath: path + ".history")
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches && reopened.nextUndo == "merge 1")
    _ = try reopened.undo()
    #expect(try SafeFile.read(path: path) == oldBytes)
  }

  @Test("a save interrupted before the TMX was replaced leaves the old history in force")
  func interruptedBeforeRename() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    let bytes = try #require(try SafeFile.read(path: path))
    let written = try JSONDecoder().decode(
      ReviewHistory.self, from: Data(try #require(try SafeFile.read(path: path + ".history"))))
    let announced = try #require(written.pending)
    // The history of the merge in force, then a later save announced whose TMX never came.
    var history = ReviewHistory(
      checksum: announced.checksum, undo: try #require(announced.undo.applied(to: written.undo)),
      redo: try #require(announced.redo.applied(to: written.redo)), position: written.position)
    history.pending = .init(checksum: "not-written", undo: .init(added: []), redo: .init(added: []))
    try SafeFile.write([UInt8](try JSONEncoder().encode(history)), toPath: path + ".history")
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches && reopened.nextUndo == "merge 1")
    #expect(reviewChecksum(bytes) == history.checksum)
    _ = try reopened.undo()
  }

  @Test("a save announces its stacks as what they keep of the stacks before it and what they add")
  func announcedAsChange() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    _ = try file.apply(.confirm(first: 2, last: 3), stamp: ReviewFixture.stamp)
    _ = try file.apply(.confirm(first: 1, last: 1), stamp: ReviewFixture.stamp)
    func written() throws -> (bytes: [UInt8], history: ReviewHistory) {
      let bytes = try #require(try SafeFile.read(path: path + ".history"))
      return (bytes, try JSONDecoder().decode(ReviewHistory.self, from: Data(bytes)))
    }
    var (bytes, history) = try written()
    var pending = try #require(history.pending)
    #expect(history.format == 2 && history.undo.map(\.summary) == ["merge 1", "confirm 2-3"])
    #expect(pending.undo.kept == 0..<2 && pending.undo.added.map(\.summary) == ["confirm 1"])
    #expect(pending.redo == .init(added: []))
    // Each step is in the file once.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.components(separatedBy: "\"summary\":\"merge 1\"").count == 2)
    _ = try file.undo()
    (bytes, history) = try written()
    pending = try #require(history.pending)
    #expect(pending.undo.kept == 0..<2 && pending.undo.added.isEmpty)
    #expect(pending.redo.kept == 0..<0 && pending.redo.added.map(\.summary) == ["confirm 1"])
    _ = try file.apply(.confirm(first: 4, last: 4), stamp: ReviewFixture.stamp)
    pending = try #require(try written().history.pending)
    #expect(pending.undo.kept == 0..<2 && pending.undo.added.map(\.summary) == ["confirm 4"])
    #expect(pending.redo == .init(added: []))
    let reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches && reopened.nextUndo == "confirm 4")
  }

  @Test("at the limit the oldest step leaves the announced stack, and every kept step undoes")
  func announcedAtLimit() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    // A new text for bead 1's sentence each time: every edit is its own state.
    func edit(_ count: Int) -> EditOperation { .text(bead: 1, side: .source, text: "Versie \(count).") }
    _ = try file.apply(edit(0), stamp: ReviewFixture.stamp)
    _ = try file.apply(edit(1), stamp: ReviewFixture.stamp)
    let afterTwo = file.document
    let limit = ReviewHistory.limit
    try file.batch { file in
      for count in 2..<limit { _ = try? file.apply(edit(count), stamp: ReviewFixture.stamp) }
    }
    _ = try file.apply(edit(limit), stamp: ReviewFixture.stamp)
    _ = try file.apply(edit(limit + 1), stamp: ReviewFixture.stamp)
    let history = try JSONDecoder().decode(
      ReviewHistory.self, from: Data(try #require(try SafeFile.read(path: path + ".history"))))
    let pending = try #require(history.pending)
    #expect(history.undo.count == limit && pending.undo.kept == 1..<limit && pending.undo.added.count == 1)
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches)
    let undone = try reopened.batch { file in (0..<limit).filter { _ in (try? file.undo()) != nil }.count }
    #expect(undone == limit && reopened.document == afterTwo && !reopened.canUndo)
    #expect(try ReviewFile(path: path, codec: jsonCodec).document == afterTwo)
  }

  @Test("a history of format 1 (whole stacks announced) still reads and undoes")
  func formatOne() throws {
    let path = try makeFile()
    let original = try SafeFile.read(path: path)
    var file = try ReviewFile(path: path, codec: jsonCodec)
    _ = try file.apply(.merge(bead: 1), stamp: ReviewFixture.stamp)
    _ = try file.apply(.confirm(first: 2, last: 3), stamp: ReviewFixture.stamp)
    // The same history as an earlier version wrote it: the announced stacks whole.
    let bytes = try #require(try SafeFile.read(path: path + ".history"))
    var object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    var pending = try #require(object["pending"] as? [String: Any])
    let base = try #require(object["undo"] as? [Any])
    let undo = try #require(pending["undo"] as? [String: Any])
    let kept = try #require(undo["kept"] as? [Int])
    pending["undo"] = Array(base[kept[0]..<kept[1]]) + (try #require(undo["added"] as? [Any]))
    pending["redo"] = [Any]()
    object["pending"] = pending
    object["format"] = 1
    try SafeFile.write([UInt8](try JSONSerialization.data(withJSONObject: object)), toPath: path + ".history")
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches && reopened.nextUndo == "confirm 2-3")
    _ = try reopened.undo()
    _ = try reopened.undo()
    #expect(try SafeFile.read(path: path) == original)
  }

  @Test("the reviewer's position is remembered")
  func position() throws {
    let path = try makeFile()
    var file = try ReviewFile(path: path, codec: jsonCodec)
    try file.setPosition(3)
    #expect(try ReviewFile(path: path, codec: jsonCodec).position == 3)
  }

  @Test("a second lock on the same file is refused while the first is held")
  func lock() throws {
    let path = try makeFile()
    let first = try ReviewLock(file: path)
    #expect(throws: FileSystemError.self) { try ReviewLock(file: path) }
    first.release()
    let second = try ReviewLock(file: path)
    second.release()
  }

  @Test("an atomic write replaces the whole file and leaves no temporary files")
  func atomicWrite() throws {
    let folder = try reviewTemporaryFolder()
    let path = folder + "/out.txt"
    try SafeFile.write(Array("first version\n".utf8), toPath: path)
    try SafeFile.write(Array("second\n".utf8), toPath: path)
    #expect(try SafeFile.read(path: path) == Array("second\n".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.txt"])
  }
}
