import Foundation
import TMX

/// How an alignment is turned into file bytes and back. The default is Tweetal's TMX form.
public struct AlignmentCodec: Sendable {
  public var encode: @Sendable (AlignedDocument) throws -> [UInt8]
  public var decode: @Sendable (_ bytes: [UInt8], _ name: String) throws -> AlignedDocument
  /// The document exactly as `decode` would read it back from `encode`'s bytes (e.g. numbers
  /// rounded to the decimals the file keeps), without decoding them. `nil`: a save decodes the
  /// bytes it is about to write.
  public var stored: (@Sendable (AlignedDocument) -> AlignedDocument)?
  /// Makes an encoder for the successive versions of one file that gives `encode`'s bytes but
  /// may keep what it made for the last version (``AlignmentTMXAssembly``). `nil`: `encode`.
  public var makeEncoder: (@Sendable () -> (AlignedDocument) throws -> [UInt8])?

  public init(
    encode: @escaping @Sendable (AlignedDocument) throws -> [UInt8],
    decode: @escaping @Sendable ([UInt8], String) throws -> AlignedDocument,
    stored: (@Sendable (AlignedDocument) -> AlignedDocument)? = nil,
    makeEncoder: (@Sendable () -> (AlignedDocument) throws -> [UInt8])? = nil
  ) {
    self.encode = encode
    self.decode = decode
    self.stored = stored
    self.makeEncoder = makeEncoder
  }

  /// Tweetal's TMX form, through ``AlignmentStore``. A save does not parse the bytes it writes
  /// back: what they read back as is ``AlignmentStore/canonical(_:)`` of the document (the TMX
  /// tests check that round trip, on every committed alignment and after every kind of edit).
  public static let tmx = AlignmentCodec(
    encode: { try TMXWriter.bytes(of: AlignmentStore.encode($0)) },
    decode: { bytes, name in try AlignmentStore.decode(TMXReader.read(bytes: bytes, name: name), file: name)
    },
    stored: { AlignmentStore.canonical($0) },
    makeEncoder: {
      let assembly = AlignmentTMXAssembly()
      return { try assembly.bytes(of: $0) }
    }
  )
}

/// An alignment file opened for review: the document, its undo history (`FILE.history`), and the
/// reviewer's position. Every change is saved at once: the TMX is replaced atomically and the
/// history beside it is updated so that a crash at any moment leaves both consistent.
///
/// A save is two atomic writes: first the history, announcing the checksum of the coming TMX with
/// the undo and redo stacks that go with it (`pending`), then the TMX. Opening the file resolves
/// the announcement: if the TMX on disk has the announced checksum, the announced stacks are in
/// force, otherwise the old ones. ``batch(_:)`` applies several changes with one save.
public struct ReviewFile {
  public let path: String
  public var historyPath: String { path + ".history" }
  /// The alignment as it is on disk (or will be, at the end of a ``batch(_:)``).
  public private(set) var document: AlignedDocument
  /// False when the history beside the file did not describe it (undo is then refused; the next
  /// edit starts a fresh history).
  public private(set) var historyMatches: Bool
  private var history: ReviewHistory
  private let codec: AlignmentCodec
  /// The codec's encoder for this file (keeping each unit's bytes between saves).
  private let encode: (AlignedDocument) throws -> [UInt8]
  /// The state on disk while a batch runs (nil outside one): restored if the batch's save fails.
  private var saved: Saved?
  /// The TMX bytes of ``document`` when the codec has no ``AlignmentCodec/stored`` (computed by
  /// the save that decoded them, so that the flush does not encode twice).
  private var pendingBytes: [UInt8]?
  /// Each undo and redo step's JSON, by position beside `history.undo` and `history.redo` (nil:
  /// not encoded yet), so that a save encodes only the new steps and finds the others without
  /// hashing them.
  private var encoded = EncodedStacks()
  /// Where saves go through scratch files swapped into place (a file kept open for many saves,
  /// as `tweetal serve` does); `nil`: each save writes new temporary files. The owner closes it.
  private let scratch: ScratchFiles?

  private struct EncodedStacks {
    var undo: [[UInt8]?] = []
    var redo: [[UInt8]?] = []
  }

  private struct Saved {
    var document: AlignedDocument
    var history: ReviewHistory
    var historyMatches: Bool
    var encoded: EncodedStacks
    var changed = false
    /// How the stacks changed since: what the save announces.
    var undo: StackTrack
    var redo: StackTrack
  }

  /// A stack during a save, relative to the stack before it: `kept` of its steps at the bottom,
  /// then `added` new ones (see ``ReviewHistory/StackChange``).
  private struct StackTrack {
    var kept: Range<Int>
    var added = 0

    init(count: Int) { kept = 0..<count }

    mutating func push() { added += 1 }

    mutating func pop() {
      if added > 0 { added -= 1 } else { kept = kept.lowerBound..<(kept.upperBound - 1) }
    }

    mutating func dropOldest(_ count: Int) {
      let fromKept = min(count, kept.count)
      kept = (kept.lowerBound + fromKept)..<kept.upperBound
      added -= count - fromKept
    }

    mutating func clear() {
      kept = kept.lowerBound..<kept.lowerBound
      added = 0
    }

    func change(of stack: [ReviewPatch]) -> ReviewHistory.StackChange {
      .init(kept: kept, added: Array(stack.suffix(added)))
    }
  }

  /// Opens `path` (and its history, if any). With `scratch`, saves are swapped into place
  /// through it (see ``ScratchFiles``): for a file saved again and again while it is open.
  public init(path: String, codec: AlignmentCodec = .tmx, scratch: ScratchFiles? = nil) throws {
    self.path = path
    self.codec = codec
    self.scratch = scratch
    encode = codec.makeEncoder?() ?? codec.encode
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
        if decoded.checksum != checksum, let pending = decoded.pending, pending.checksum == checksum,
          let undo = pending.undo.applied(to: decoded.undo), let redo = pending.redo.applied(to: decoded.redo)
        {
          decoded = ReviewHistory(checksum: checksum, undo: undo, redo: redo, position: decoded.position)
        }
        decoded.pending = nil
        decoded.format = ReviewHistory.currentFormat
        matches = decoded.checksum == checksum
        history = matches ? decoded : ReviewHistory(checksum: checksum, position: decoded.position)
      } else {
        matches = false
      }
    }
    history.position = max(0, min(history.position, document.beads.count - 1))
    self.history = history
    historyMatches = matches
    encoded = EncodedStacks(
      undo: Array(repeating: nil, count: history.undo.count),
      redo: Array(repeating: nil, count: history.redo.count))
  }

  /// 0-based index of the bead the reviewer last looked at.
  public var position: Int { history.position }
  public var canUndo: Bool { historyMatches && !history.undo.isEmpty }
  public var canRedo: Bool { historyMatches && !history.redo.isEmpty }
  /// What `undo` would take back, e.g. `merge 4`.
  public var nextUndo: String? { history.undo.last?.summary }

  /// Applies an edit and saves it. Returns what changed; nothing is written if nothing changed.
  public mutating func apply(_ operation: EditOperation, stamp: EditStamp) throws -> EditResult {
    try saving { file in
      var result = try file.document.applying(operation, stamp: stamp)
      guard result.changed else { return result }
      result.document = try file.stage(result.document, summary: operation.summary, step: .edit)
      file.history.position = result.focus
      return result
    }
  }

  /// Takes the last edit back and saves. Returns a message and the bead to look at.
  public mutating func undo() throws -> (message: String, focus: Int) {
    try saving { try $0.step(backward: true) }
  }

  /// Re-applies the last undone edit and saves.
  public mutating func redo() throws -> (message: String, focus: Int) {
    try saving { try $0.step(backward: false) }
  }

  /// Remembers where the reviewer is, so that the next session resumes there.
  public mutating func setPosition(_ position: Int) throws {
    let clamped = max(0, min(position, document.beads.count - 1))
    guard clamped != history.position else { return }
    try saving { file in
      file.history.position = clamped
      file.saved?.changed = true
    }
  }

  /// Replaces the whole document (e.g. after `realign`) and saves, as one undoable step.
  public mutating func replace(with document: AlignedDocument, summary: String) throws {
    guard document != self.document else { return }
    try document.validate()
    try saving { file in _ = try file.stage(document, summary: summary, step: .edit) }
  }

  /// Runs `changes` (calls of ``apply(_:stamp:)``, ``undo()``, ``redo()``, ``setPosition(_:)``) and
  /// saves their result once, at the end: a group commit. Each change is its own undo step. When
  /// the save fails, the file and its history stay as they were before the batch, in memory and on
  /// disk, and the error is thrown (the changes' own results are then void).
  public mutating func batch<Value>(_ changes: (inout ReviewFile) -> Value) throws -> Value {
    try saving { file in changes(&file) }
  }

  /// Runs `body` on this file and then writes what it changed, unless a batch is already running
  /// (its end writes). A failure of `body` or of the write leaves everything as it was.
  private mutating func saving<Value>(_ body: (inout ReviewFile) throws -> Value) throws -> Value {
    if saved != nil { return try body(&self) }
    saved = Saved(
      document: document, history: history, historyMatches: historyMatches, encoded: encoded,
      undo: StackTrack(count: historyMatches ? history.undo.count : 0),
      redo: StackTrack(count: historyMatches ? history.redo.count : 0))
    do {
      let result = try body(&self)
      try flush()
      return result
    } catch {
      if let saved {
        document = saved.document
        history = saved.history
        historyMatches = saved.historyMatches
        encoded = saved.encoded
      }
      pendingBytes = nil
      saved = nil
      throw error
    }
  }

  private mutating func step(backward: Bool) throws -> (message: String, focus: Int) {
    guard historyMatches else { throw EditError.historyMismatch(file: historyPath) }
    guard let patch = backward ? history.undo.last : history.redo.last else {
      throw backward ? EditError.nothingToUndo : EditError.nothingToRedo
    }
    guard let target = (backward ? patch.inverse : patch).apply(to: document) else {
      throw EditError.historyMismatch(file: historyPath)
    }
    _ = try stage(target, summary: patch.summary, step: backward ? .undo(patch) : .redo(patch))
    history.position = max(0, min(patch.start, document.beads.count - 1))
    return ((backward ? "undid " : "redid ") + patch.summary, history.position)
  }

  /// Makes `new` the document, as it reads back from its bytes, with the undo step; written by the
  /// ``flush()`` that ends the change.
  private mutating func stage(_ new: AlignedDocument, summary: String, step: SaveStep) throws
    -> AlignedDocument
  {
    let stored: AlignedDocument
    if let canonical = codec.stored {
      stored = canonical(new)
      pendingBytes = nil
    } else {
      let bytes = try codec.encode(new)
      stored = try codec.decode(bytes, path)
      pendingBytes = bytes
    }
    var undo = historyMatches ? history.undo : []
    var redo = historyMatches ? history.redo : []
    var json = historyMatches ? encoded : EncodedStacks()
    switch step {
    case .edit:
      undo.append(ReviewPatch(summary: summary, from: document, to: stored))
      json.undo.append(nil)
      redo = []
      json.redo = []
      saved?.undo.push()
      saved?.redo.clear()
    case .undo(let patch):
      undo.removeLast()
      redo.append(patch)
      json.redo.append(json.undo.removeLast())
      saved?.undo.pop()
      saved?.redo.push()
    case .redo(let patch):
      redo.removeLast()
      undo.append(patch)
      json.undo.append(json.redo.removeLast())
      saved?.redo.pop()
      saved?.undo.push()
    }
    if undo.count > ReviewHistory.limit {
      saved?.undo.dropOldest(undo.count - ReviewHistory.limit)
      undo.removeFirst(undo.count - ReviewHistory.limit)
      json.undo.removeFirst(json.undo.count - ReviewHistory.limit)
    }
    if redo.count > ReviewHistory.limit {
      saved?.redo.dropOldest(redo.count - ReviewHistory.limit)
      redo.removeFirst(redo.count - ReviewHistory.limit)
      json.redo.removeFirst(json.redo.count - ReviewHistory.limit)
    }
    history.undo = undo
    history.redo = redo
    encoded = json
    historyMatches = true
    document = stored
    saved?.changed = true
    return stored
  }

  /// Writes the staged change: the history announcing the new TMX, then the TMX. Nothing is
  /// written when nothing changed.
  private mutating func flush() throws {
    guard let before = saved else { return }
    defer {
      saved = nil
      pendingBytes = nil
    }
    guard before.changed else { return }
    guard document != before.document else {
      // Only the position (or nothing) changed: the history alone, describing the same TMX.
      try fillEncoded()
      try write([(Self.historyBytes(history, encoded, pending: nil), historyPath)])
      return
    }
    let bytes = try pendingBytes ?? encode(document)
    let checksum = reviewChecksum(bytes)
    try fillEncoded()
    var base = before.historyMatches ? before.history : ReviewHistory(checksum: before.history.checksum)
    var baseEncoded = before.historyMatches ? before.encoded : EncodedStacks()
    // The steps before the save are (nearly all) steps after it: their JSON is taken from there.
    Self.share(&baseEncoded.undo, base.undo, from: encoded, history)
    Self.share(&baseEncoded.redo, base.redo, from: encoded, history)
    try Self.fill(&baseEncoded.undo, base.undo)
    try Self.fill(&baseEncoded.redo, base.redo)
    base.position = history.position
    // Both files are written and synced together, then renamed, the history first, and their
    // folder synced; the change is acknowledged after that.
    let announcement = try Self.historyBytes(
      base, baseEncoded,
      pending: (
        .init(
          checksum: checksum, undo: before.undo.change(of: history.undo),
          redo: before.redo.change(of: history.redo)),
        EncodedStacks(
          undo: Array(encoded.undo.suffix(before.undo.added)),
          redo: Array(encoded.redo.suffix(before.redo.added)))
      ))
    try write([(announcement, historyPath), (bytes, path)])
    history.checksum = checksum
    history.pending = nil
  }

  /// Writes `files` as one crash-safe step, through the scratch files when there are some.
  private func write(_ files: [(bytes: [UInt8], path: String)]) throws {
    if let scratch { try scratch.write(files) } else { try SafeFile.write(files) }
  }

  /// Encodes the steps of the current stacks that have no JSON yet.
  private mutating func fillEncoded() throws {
    try Self.fill(&encoded.undo, history.undo)
    try Self.fill(&encoded.redo, history.redo)
  }

  private static func fill(_ json: inout [[UInt8]?], _ patches: [ReviewPatch]) throws {
    precondition(json.count == patches.count, "the JSON of the undo steps is out of step with them")
    guard json.contains(where: { $0 == nil }) else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for index in patches.indices where json[index] == nil {
      json[index] = [UInt8](try encoder.encode(patches[index]))
    }
  }

  /// Fills the missing JSON of `patches` (a stack before the save) from the stacks after it, where
  /// the same step sits at the same position (an edit or undo changes only the top of a stack; a
  /// step dropped at the limit shifts it by one).
  private static func share(
    _ json: inout [[UInt8]?], _ patches: [ReviewPatch], from encoded: EncodedStacks, _ history: ReviewHistory
  ) {
    for index in patches.indices where json[index] == nil {
      for (stack, stackJSON) in [(history.undo, encoded.undo), (history.redo, encoded.redo)] {
        for candidate in [index, index - 1] where stack.indices.contains(candidate) {
          if stack[candidate] == patches[index] {
            json[index] = stackJSON[candidate]
            break
          }
        }
        if json[index] != nil { break }
      }
    }
  }

  private enum SaveStep {
    case edit
    case undo(ReviewPatch)
    case redo(ReviewPatch)
  }

  /// The history file's bytes: `history` with `pending` announced, from the steps' JSON (every
  /// entry filled); the object around them is put together here (the same keys, sorted, as
  /// `JSONEncoder` gives).
  private static func historyBytes(
    _ history: ReviewHistory, _ encoded: EncodedStacks,
    pending: (ReviewHistory.Pending, EncodedStacks)?
  ) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      (encoded.undo + encoded.redo + (pending.map { $0.1.undo + $0.1.redo } ?? [])).reduce(256) {
        $0 + ($1?.count ?? 0) + 1
      })
    func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
    func appendPatches(_ json: [[UInt8]?]) {
      append("[")
      for (index, patch) in json.enumerated() {
        if index > 0 { append(",") }
        guard let patch else { preconditionFailure("an undo step without its JSON") }
        bytes.append(contentsOf: patch)
      }
      append("]")
    }
    append("{\"checksum\":")
    bytes.append(contentsOf: try encoder.encode(history.checksum))
    append(",\"format\":\(history.format)")
    func appendChange(_ change: ReviewHistory.StackChange, _ json: [[UInt8]?]) {
      append("{\"added\":")
      appendPatches(json)
      append(",\"kept\":[\(change.kept.lowerBound),\(change.kept.upperBound)]}")
    }
    if let (pending, pendingJSON) = pending {
      append(",\"pending\":{\"checksum\":")
      bytes.append(contentsOf: try encoder.encode(pending.checksum))
      append(",\"redo\":")
      appendChange(pending.redo, pendingJSON.redo)
      append(",\"undo\":")
      appendChange(pending.undo, pendingJSON.undo)
      append("}")
    }
    append(",\"position\":\(history.position),\"redo\":")
    appendPatches(encoded.redo)
    append(",\"undo\":")
    appendPatches(encoded.undo)
    append("}\n")
    return bytes
  }
}
