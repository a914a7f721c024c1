import Foundation
import ReviewWeb
import TMX
import TweetalKit

/// One alignment the server serves: the file under review, held with its review lock for as long
/// as the server runs.
///
/// Every read and change of the file runs on the alignment's own serial dispatch queue, so that
/// the edits of concurrent requests to one file are applied one after another through the edit
/// engine, and so that the file I/O (each save syncs to disk) never blocks Swift's cooperative
/// threads, on which Hummingbird answers every other request: an edit of one file never waits for
/// the save of another. Edits that arrive while a save is running are applied together and saved
/// by one write (a group commit); each is answered only after the write that contains it.
public final class OpenAlignment: @unchecked Sendable {
  /// The id in URLs: from the file name, never a path.
  public let id: String
  public let path: String
  public let name: String
  private let lock: ReviewLock
  /// The scratch files its saves are swapped in through (removed on close).
  private let scratch = ScratchFiles()
  private let page: ReviewPage
  private let queue: DispatchQueue
  /// Only touched on `queue`.
  private var review: ReviewFile
  /// How many changes this server has made to the file (only touched on `queue`); with `session`,
  /// the version a reply names, so that the browser can be sent only what changed since its view.
  private var changes = 0
  private let session = String(UInt64.random(in: 0...UInt64.max), radix: 36)
  /// The documents of the last few versions, by count of changes, oldest first (only touched on
  /// `queue`): a request that names one of them is answered with the beads changed since, not the
  /// whole page. Clients that share a file name a version the others' edits have already passed.
  private var recent: [(changes: Int, document: AlignedDocument)] = []
  private static let recentVersions = 16
  private let waitingLock = NSLock()
  /// Edit requests not yet taken by the queue (guarded by `waitingLock`).
  private var waiting: [Waiting] = []

  private struct Waiting {
    var request: EditRequest
    var user: String
    var clientVersion: String?
    var continuation: CheckedContinuation<EditReply, any Error>
  }

  /// Opens `path` and takes its review lock, recording `holder` (e.g. `tweetal serve at URL`) so
  /// that a terminal edit meanwhile is told who holds the file.
  public init(id: String, path: String, holder: String, minConfidence: Double) throws {
    self.id = id
    self.path = path
    name = (path as NSString).lastPathComponent
    let lock = try ReviewLock(file: path, holder: holder)
    do {
      review = try ReviewFile(path: path, scratch: scratch)
    } catch {
      lock.release()
      throw error
    }
    self.lock = lock
    page = ReviewPage(minConfidence: minConfidence)
    queue = DispatchQueue(label: "tweetal.serve.\(id)")
    recent = [(0, review.document)]
  }

  /// Runs `work` on the alignment's queue and waits for it without holding a cooperative thread.
  private func onQueue<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value
  {
    try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try work() }) }
    }
  }

  private func onQueue<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: work()) }
    }
  }

  /// Says in the lock file who holds it (once the server knows its URL).
  public func announce(_ holder: String) async { await onQueue { self.lock.describe(holder) } }

  /// Gives the lock up (the server is stopping).
  public func close() async {
    await onQueue {
      self.scratch.close()
      self.lock.release()
    }
  }

  public var document: AlignedDocument {
    get async { await onQueue { self.review.document } }
  }

  public func listEntry() async -> AlignmentListEntry {
    await onQueue {
      AlignmentListEntry(
        id: self.id, name: self.name, document: self.review.document, minConfidence: self.page.minConfidence)
    }
  }

  public func reviewPage() async -> String {
    await onQueue {
      self.page.page(self.review.document, title: self.name, fileID: self.id, interactive: true)
    }
  }

  /// The state the browser shows: all beads and the map as HTML, what undo would take back, the
  /// summary, the version.
  public func state() async -> EditReply {
    await onQueue { self.reply(self.review, message: nil, focus: nil, changed: false, shown: nil) }
      .render(page)
  }

  /// The version of the file a reply shows: this server's session and its count of changes.
  private var version: String { "\(session)-\(changes)" }

  /// The document of `version` if it is one of the ``recent`` ones of this server.
  private func recentDocument(_ version: String) -> AlignedDocument? {
    guard version.hasPrefix(session + "-"), let count = Int(version.dropFirst(session.count + 1)) else {
      return nil
    }
    return recent.last { $0.changes == count }?.document
  }

  /// What a reply shows, taken on `queue`; rendered (``render(_:)``) after the alignment's queue
  /// has moved on, so that the HTML of one reply does not hold up the next save of the file.
  private struct Reply: Sendable {
    var file: String
    var document: AlignedDocument
    var message: String?
    var focus: Int
    var changed: Bool
    var canUndo: Bool
    var canRedo: Bool
    var nextUndo: String?
    var version: String
    /// The version the client shows, when it is one of the recent ones: the reply then holds only
    /// the beads changed since.
    var shown: AlignedDocument?

    func render(_ page: ReviewPage) -> EditReply {
      let fragment = shown.flatMap { ReviewPage.change(from: $0, to: document) }
      let html: String
      let map: String
      if let fragment {
        let range = fragment.first..<(fragment.first + fragment.inserted)
        html = page.beads(document, range: range)
        map = page.marks(document, range: range)
      } else {
        html = page.beads(document)
        map = page.map(document)
      }
      return EditReply(
        file: file, message: message, focus: focus + 1, changed: changed, beads: document.beads.count,
        summary: page.summary(document), canUndo: canUndo, canRedo: canRedo, nextUndo: nextUndo, html: html,
        map: map,
        suspicious: document.beads.indices.filter {
          document.isSuspicious($0, minConfidence: page.minConfidence)
        }
        .map { $0 + 1 }, version: version, first: fragment.map { $0.first + 1 }, replaces: fragment?.removed)
    }
  }

  private func reply(
    _ file: ReviewFile, message: String?, focus: Int?, changed: Bool, shown: AlignedDocument?
  ) -> Reply {
    Reply(
      file: id, document: file.document, message: message, focus: focus ?? file.position, changed: changed,
      canUndo: file.canUndo, canRedo: file.canRedo, nextUndo: file.nextUndo, version: version, shown: shown)
  }

  /// Applies one request through the edit engine and saves it (atomically, with the undo history
  /// beside the file) before answering. Throws ``EditError`` when the request makes no sense
  /// (nothing changes). When `clientVersion` is the version the browser shows and the file has
  /// not changed since, the reply holds only the beads (and map marks) that changed.
  public func apply(_ request: EditRequest, user: String, clientVersion: String? = nil) async throws
    -> EditReply
  {
    try await withCheckedThrowingContinuation { continuation in
      waitingLock.withLock {
        waiting.append(
          Waiting(request: request, user: user, clientVersion: clientVersion, continuation: continuation))
      }
      queue.async { self.applyWaiting() }
    }
  }

  /// On `queue`: applies every waiting request, saves them with one write, then answers each.
  private func applyWaiting() {
    let batch = waitingLock.withLock {
      defer { waiting = [] }
      return waiting
    }
    guard !batch.isEmpty else { return }
    let changesBefore = changes
    let date = Date()
    let outcomes: [Result<Reply, any Error>]
    do {
      outcomes = try review.batch { file in
        batch.map { item in
          Result { try self.apply(item, to: &file, date: date) }
        }
      }
    } catch {
      changes = changesBefore
      recent.removeAll { $0.changes > changesBefore }
      for item in batch { item.continuation.resume(throwing: error) }
      return
    }
    // One request (a client on a file of its own): rendered here. Several (clients sharing a
    // file): rendered side by side on other threads, while this queue takes the next batch.
    let page = page
    for (item, outcome) in zip(batch, outcomes) {
      guard batch.count > 1 else {
        item.continuation.resume(with: outcome.map { $0.render(page) })
        continue
      }
      DispatchQueue.global().async { item.continuation.resume(with: outcome.map { $0.render(page) }) }
    }
  }

  private func apply(_ item: Waiting, to file: inout ReviewFile, date: Date) throws -> Reply {
    let before = file.document
    let versionBefore = version
    let message: String?
    let focus: Int
    let changed: Bool
    switch item.request.operation {
    case .undo:
      (message, focus) = try file.undo()
      changed = true
    case .redo:
      (message, focus) = try file.redo()
      changed = true
    case .position(let bead):
      try file.setPosition(bead - 1)
      (message, focus, changed) = (nil, file.position, false)
    case .edit(let operation):
      let result = try file.apply(operation, stamp: EditStamp(user: item.user, date: date))
      (message, focus, changed) = (result.message, result.focus, result.changed)
    }
    if file.document != before {
      changes += 1
      recent.append((changes, file.document))
      if recent.count > Self.recentVersions { recent.removeFirst(recent.count - Self.recentVersions) }
    }
    let shown = item.clientVersion == versionBefore ? before : item.clientVersion.flatMap(recentDocument)
    return reply(file, message: message, focus: focus, changed: changed, shown: shown)
  }

  /// The same export as `tweetal export FILE --format …` (all beads with text on both sides).
  public func export(_ format: ExportFormat, toolVersion: String) async throws
    -> (bytes: [UInt8], fileName: String)
  {
    let document = await self.document
    let options = ExportOptions()
    let (pairs, sourceLanguage, targetLanguage) = try TranslatorExport.pairs(
      [(file: path, document: document)], options: options)
    let stem = (name as NSString).deletingPathExtension
    switch format {
    case .tmx:
      let creation = document.metadata.creationDate.count == 16 ? document.metadata.creationDate : nil
      let tmx = TranslatorExport.tmx(
        pairs, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, options: options,
        toolVersion: toolVersion, creationDate: creation)
      return (try TMXWriter.bytes(of: tmx), stem + ".export.tmx")
    case .tsv:
      return (TranslatorExport.tsv(pairs), stem + ".tsv")
    case .source, .target:
      let paths = TranslatorExport.textPaths(
        output: stem, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
      let (source, target) = TranslatorExport.text(pairs)
      return format == .source ? (source, paths.source) : (target, paths.target)
    }
  }
}

/// What an export button asks for.
public enum ExportFormat: String, Sendable, CaseIterable {
  case tmx, tsv, source, target
}

/// What the browser gets back after every request about one alignment.
public struct EditReply: Sendable, Codable, Hashable {
  public var file: String
  public var message: String?
  /// 1-based bead to look at.
  public var focus: Int
  public var changed: Bool
  public var beads: Int
  public var summary: String
  public var canUndo: Bool
  public var canRedo: Bool
  public var nextUndo: String?
  /// The beads, rendered (`ReviewPage.beads`).
  public var html: String
  /// The alignment map (SVG).
  public var map: String
  /// The suspicious beads, 1-based.
  public var suspicious: [Int]
  /// The version of the file this reply shows; a request that names it (header
  /// `X-Tweetal-Version`) is answered with only what changed.
  public var version: String
  /// When set, `html` and `map` are a fragment: the beads (and the map's marks, without the
  /// `<svg>`) numbered from `first` (1-based), which replace `replaces` beads from `first` of the
  /// version the request named; the beads after them are as before, renumbered. When nil, `html`
  /// holds every bead and `map` the whole SVG.
  public var first: Int?
  public var replaces: Int?
}

extension EditReply {
  /// The reply as JSON: what `JSONEncoder` with sorted keys gives for it, up to the escaping of
  /// strings (`/` is not escaped), written directly. The reply is sent after every edit, and
  /// `JSONEncoder` spent most of its time on the generic path for each number of `suspicious`.
  public var json: [UInt8] {
    var writer = JSONObjectWriter(
      capacity: html.utf8.count + map.utf8.count + summary.utf8.count + suspicious.count * 4 + 256)
    func key(_ name: StaticString) { writer.key(name) }
    func string(_ text: String) { writer.string(text) }
    func number(_ value: Int) { writer.number(value) }
    func boolean(_ value: Bool) { writer.boolean(value) }
    key("beads")
    number(beads)
    key("canRedo")
    boolean(canRedo)
    key("canUndo")
    boolean(canUndo)
    key("changed")
    boolean(changed)
    key("file")
    string(file)
    if let value = self.first {
      key("first")
      number(value)
    }
    key("focus")
    number(focus)
    key("html")
    string(html)
    key("map")
    string(map)
    if let message {
      key("message")
      string(message)
    }
    if let nextUndo {
      key("nextUndo")
      string(nextUndo)
    }
    if let replaces {
      key("replaces")
      number(replaces)
    }
    key("summary")
    string(summary)
    key("suspicious")
    writer.numbers(suspicious)
    key("version")
    string(version)
    return writer.finished()
  }
}

/// The bytes of a JSON object written key by key (keys in the order given), strings escaped as
/// `JSONEncoder` escapes them but for `/`.
private struct JSONObjectWriter {
  private var bytes: [UInt8] = []
  private var first = true

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  mutating func key(_ name: StaticString) {
    bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
    first = false
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: "\":".utf8)
  }

  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    // The runs between the bytes to escape go in whole.
    text.withUTF8 { utf8 in
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
    case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
    case 0x0A: bytes.append(contentsOf: "\\n".utf8)
    case 0x0D: bytes.append(contentsOf: "\\r".utf8)
    case 0x09: bytes.append(contentsOf: "\\t".utf8)
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: "\\u00".utf8)
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0x0F)])
    }
  }

  mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

  mutating func boolean(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

  mutating func numbers(_ values: [Int]) {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      number(value)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  mutating func finished() -> [UInt8] {
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }
}
