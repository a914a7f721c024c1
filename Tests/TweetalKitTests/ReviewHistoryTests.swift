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
      checksum: announced.checksum, undo: announced.undo, redo: announced.redo, position: written.position)
    history.pending = .init(checksum: "not-written", undo: [], redo: [])
    try SafeFile.write([UInt8](try JSONEncoder().encode(history)), toPath: path + ".history")
    var reopened = try ReviewFile(path: path, codec: jsonCodec)
    #expect(reopened.historyMatches && reopened.nextUndo == "merge 1")
    #expect(reviewChecksum(bytes) == history.checksum)
    _ = try reopened.undo()
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
