import Foundation
import TMX

/// How an alignment is turned into file bytes and back. The default is Tweetal's TMX form.
public struct AlignmentCodec: Sendable {
  public var encode: @Sendable (AlignedDocument) throws -> [UInt8]
  public var decode: @Sendable (_ bytes: [UInt8], _ name: String) throws -> AlignedDocument

  public init(
    encode: @escaping @Sendable (AlignedDocument) throws -> [UInt8],
    decode: @escaping @Sendable ([UInt8], String) throws -> AlignedDocument
  ) {
    self.encode = encode
    self.decode = decode
  }

  /// Tweetal's TMX form, through ``AlignmentStore``.
  public static let tmx = AlignmentCodec(
    encode: { try TMXWriter.bytes(of: AlignmentStore.encode($0)) },
    decode: { bytes, name in try AlignmentStore.decode(TMXReader.read(bytes: bytes, name: name), file: name) }
  )
}

/// An alignment file opened for review: the document, its undo history (`FILE.history`), and the
/// reviewer's position. Every change is saved at once: the TMX is replaced atomically and the
/// history beside it is updated so that a crash at any moment leaves both consistent.
public struct ReviewFile {
  public let path: String
  public var historyPath: String { path + ".history" }
  /// The alignment as it is on disk.
  public private(set) var document: AlignedDocument
  /// False when the history beside the file did not describe it (undo is then refused; the next
  /// edit starts a fresh history).
  public private(set) var historyMatches: Bool
  private var history: ReviewHistory
  private let codec: AlignmentCodec

  /// Opens `path` (and its history, if any).
  public init(path: String, codec: AlignmentCodec = .tmx) throws {
    self.path = path
    self.codec = codec
    guard let bytes = try SafeFile.read(path: path) else {
      throw FileSystemError(
        path: path, message: "no such file; give the path of a TMX written by `tweetal align`")
    }
    document = try codec.decode(bytes, path)
    let checksum = reviewChecksum(bytes)
    var matches = true
    var history = ReviewHistory(checksum: checksum)
    if let stored = try SafeFile.read(path: path + ".history") {
      if var decoded = try? JSONDecoder().decode(ReviewHistory.self, from: Data(stored)) {
        if decoded.checksum != checksum, let pending = decoded.pending, pending.checksum == checksum {
          decoded = ReviewHistory(
            checksum: checksum, undo: pending.undo, redo: pending.redo, position: decoded.position)
        }
        decoded.pending = nil
        matches = decoded.checksum == checksum
        history = matches ? decoded : ReviewHistory(checksum: checksum, position: decoded.position)
      } else {
        matches = false
      }
    }
    history.position = max(0, min(history.position, document.beads.count - 1))
    self.history = history
    historyMatches = matches
  }

  /// 0-based index of the bead the reviewer last looked at.
  public var position: Int { history.position }
  public var canUndo: Bool { historyMatches && !history.undo.isEmpty }
  public var canRedo: Bool { historyMatches && !history.redo.isEmpty }
  /// What `undo` would take back, e.g. `merge 4`.
  public var nextUndo: String? { history.undo.last?.summary }

  /// Applies an edit and saves it. Returns what changed; nothing is written if nothing changed.
  public mutating func apply(_ operation: EditOperation, stamp: EditStamp) throws -> EditResult {
    var result = try document.applying(operation, stamp: stamp)
    guard result.changed else { return result }
    result.document = try save(result.document, summary: operation.summary, step: .edit)
    history.position = result.focus
    try writeHistory()
    return result
  }

  /// Takes the last edit back and saves. Returns a message and the bead to look at.
  public mutating func undo() throws -> (message: String, focus: Int) {
    try step(backward: true)
  }

  /// Re-applies the last undone edit and saves.
  public mutating func redo() throws -> (message: String, focus: Int) {
    try step(backward: false)
  }

  /// Remembers where the reviewer is, so that the next session resumes there.
  public mutating func setPosition(_ position: Int) throws {
    let clamped = max(0, min(position, document.beads.count - 1))
    guard clamped != history.position else { return }
    history.position = clamped
    try writeHistory()
  }

  /// Replaces the whole document (e.g. after `realign`) and saves, as one undoable step.
  public mutating func replace(with document: AlignedDocument, summary: String) throws {
    guard document != self.document else { return }
    try document.validate()
    self.document = try save(document, summary: summary, step: .edit)
    try writeHistory()
  }

  private mutating func step(backward: Bool) throws -> (message: String, focus: Int) {
    guard historyMatches else { throw EditError.historyMismatch(file: historyPath) }
    guard let patch = backward ? history.undo.last : history.redo.last else {
      throw backward ? EditError.nothingToUndo : EditError.nothingToRedo
    }
    guard let target = (backward ? patch.inverse : patch).apply(to: document) else {
      throw EditError.historyMismatch(file: historyPath)
    }
    _ = try save(target, summary: patch.summary, step: backward ? .undo(patch) : .redo(patch))
    history.position = max(0, min(patch.start, document.beads.count - 1))
    try writeHistory()
    return ((backward ? "undid " : "redid ") + patch.summary, history.position)
  }

  /// Writes `new` as the file, announcing the save in the history first, and returns the document
  /// as read back from the written bytes.
  private mutating func save(_ new: AlignedDocument, summary: String, step: SaveStep) throws
    -> AlignedDocument
  {
    let bytes = try codec.encode(new)
    let stored = try codec.decode(bytes, path)
    let base =
      historyMatches ? history : ReviewHistory(checksum: history.checksum, position: history.position)
    var undo = base.undo
    var redo = base.redo
    switch step {
    case .edit:
      undo.append(ReviewPatch(summary: summary, from: document, to: stored))
      redo = []
    case .undo(let patch):
      undo.removeLast()
      redo.append(patch)
    case .redo(let patch):
      redo.removeLast()
      undo.append(patch)
    }
    if undo.count > ReviewHistory.limit { undo.removeFirst(undo.count - ReviewHistory.limit) }
    if redo.count > ReviewHistory.limit { redo.removeFirst(redo.count - ReviewHistory.limit) }
    let checksum = reviewChecksum(bytes)
    history = base
    history.pending = .init(checksum: checksum, undo: undo, redo: redo)
    try writeHistory()
    try SafeFile.write(bytes, toPath: path)
    history = ReviewHistory(checksum: checksum, undo: undo, redo: redo, position: history.position)
    historyMatches = true
    document = stored
    return stored
  }

  private enum SaveStep {
    case edit
    case undo(ReviewPatch)
    case redo(ReviewPatch)
  }

  private func writeHistory() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var bytes = [UInt8](try encoder.encode(history))
    bytes.append(0x0A)
    try SafeFile.write(bytes, toPath: historyPath)
  }
}
