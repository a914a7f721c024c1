import Foundation
import ReviewWeb
import TMX
import TweetalKit

/// One alignment the server serves: the file under review, held with its review lock for as long
/// as the server runs. An actor, so that the edits of concurrent requests to one file are applied
/// one after another through the edit engine, each saved before the next starts.
public actor OpenAlignment {
  /// The id in URLs: from the file name, never a path.
  public nonisolated let id: String
  public nonisolated let path: String
  public nonisolated let name: String
  private var review: ReviewFile
  private let lock: ReviewLock
  private let page: ReviewPage

  /// Opens `path` and takes its review lock, recording `holder` (e.g. `tweetal serve at URL`) so
  /// that a terminal edit meanwhile is told who holds the file.
  public init(id: String, path: String, holder: String, minConfidence: Double) throws {
    self.id = id
    self.path = path
    name = (path as NSString).lastPathComponent
    let lock = try ReviewLock(file: path, holder: holder)
    do {
      review = try ReviewFile(path: path)
    } catch {
      lock.release()
      throw error
    }
    self.lock = lock
    page = ReviewPage(minConfidence: minConfidence)
  }

  /// Says in the lock file who holds it (once the server knows its URL).
  public func announce(_ holder: String) { lock.describe(holder) }

  /// Gives the lock up (the server is stopping).
  public func close() { lock.release() }

  public var document: AlignedDocument { review.document }

  public func listEntry() -> AlignmentListEntry {
    AlignmentListEntry(id: id, name: name, document: review.document, minConfidence: page.minConfidence)
  }

  public func reviewPage() -> String {
    page.page(review.document, title: name, fileID: id, interactive: true)
  }

  /// The state the browser shows: beads and map as HTML, what undo would take back, the summary.
  public func state(message: String? = nil, focus: Int? = nil, changed: Bool = false) -> EditReply {
    let document = review.document
    return EditReply(
      file: id, message: message, focus: (focus ?? review.position) + 1, changed: changed,
      beads: document.beads.count, summary: page.summary(document), canUndo: review.canUndo,
      canRedo: review.canRedo, nextUndo: review.nextUndo, html: page.beads(document), map: page.map(document),
      suspicious: document.beads.indices.filter {
        document.isSuspicious($0, minConfidence: page.minConfidence)
      }
      .map { $0 + 1 })
  }

  /// Applies one request through the edit engine and saves it at once (atomically, with the undo
  /// history beside the file). Throws ``EditError`` when the request makes no sense (nothing changes).
  public func apply(_ request: EditRequest, user: String) throws -> EditReply {
    switch request.operation {
    case .undo:
      let (message, focus) = try review.undo()
      return state(message: message, focus: focus, changed: true)
    case .redo:
      let (message, focus) = try review.redo()
      return state(message: message, focus: focus, changed: true)
    case .position(let bead):
      try review.setPosition(bead - 1)
      return state(focus: review.position)
    case .edit(let operation):
      let result = try review.apply(operation, stamp: EditStamp(user: user, date: Date()))
      return state(message: result.message, focus: result.focus, changed: result.changed)
    }
  }

  /// The same export as `tweetal export FILE --format …` (all beads with text on both sides).
  public func export(_ format: ExportFormat, toolVersion: String) throws -> (bytes: [UInt8], fileName: String)
  {
    let document = review.document
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
}
