import Dispatch
import Synchronization

/// The paragraphs of plain text piece by piece, in document order, with the next pieces laid out
/// on a second thread while the caller classifies and emits the current one.
///
/// Laying out a piece (its lines, paragraphs and clean text) and preparing it for classifying
/// (heading shapes) depend on the piece's own text only, so they may run ahead; classifying and emitting carry state from piece to piece and stay on the
/// caller's thread. The caller never waits for work that has not started: a piece the helper has
/// not taken yet is laid out by the caller itself. The pieces are therefore the same with or
/// without the helper, and a helper that never gets a thread (all busy) costs nothing but time.
/// At most ``lookahead`` pieces are laid out ahead, so memory stays small.
final class PlainTextPieces: Sendable {
  /// A piece's paragraphs, and the scalar offset of the piece in the document.
  struct Piece: Sendable {
    var paragraphs: [Paragraph]
    var base: Int
  }

  /// Pieces laid out ahead of the one the caller is working on: one keeps both threads busy,
  /// and each more holds another piece's paragraphs (about 4 MB) in memory.
  static let lookahead = 1

  /// A piece cut from the text and not laid out yet.
  private struct Cut: Sendable {
    var index: Int
    var scalars: [Unicode.Scalar]
    var base: Int
  }

  /// The text not cut yet. Cutting a piece decodes it, which takes a while: the caller's
  /// hand-over (`Shelf`) has a lock of its own so that it never waits for a cut.
  private struct Cutter: Sendable {
    var chunks: PlainTextChunks
    var cut = 0
    /// Scalar buffers of pieces laid out, for the next pieces (fresh pages cost more than reuse).
    var spare: [[Unicode.Scalar]] = []

    /// Cuts the next piece from the text, or nil at the end.
    mutating func cutNext() -> Cut? {
      var scalars = spare.popLast() ?? []
      guard let base = chunks.next(into: &scalars) else { return nil }
      cut += 1
      return Cut(index: cut - 1, scalars: scalars, base: base)
    }
  }

  /// Where laid-out pieces wait for the caller.
  private struct Shelf: Sendable {
    /// Pieces cut from the text so far (by either thread).
    var cut = 0
    /// Pieces the helper has laid out, by index, until the caller takes them.
    var ready: [Int: Piece] = [:]
    /// Pieces handed to the caller.
    var taken = 0
    /// The caller is done: the helper stops.
    var finished = false
    /// The helper has started and not stopped: the caller waits for it rather than cutting.
    var helperRunning = false
    /// Pieces the caller is done with, for the helper to free (see ``PlainTextPieces/giveBack(_:)``).
    var spent: [Piece] = []
  }

  private let cutter: Mutex<Cutter>
  private let shelf = Mutex(Shelf())
  /// Does the part of classifying that needs no state from earlier pieces.
  private let preparer: ParagraphClassifier
  /// Signalled by the helper after each piece it lays out.
  private let laidOut = DispatchSemaphore(value: 0)
  /// Signalled by the caller after each piece it takes, and when it finishes.
  private let room = DispatchSemaphore(value: 0)

  /// Pieces of `text` as ``PlainTextChunks`` cuts them, prepared for classifying with `splitter`
  /// (``ParagraphClassifier/prepare(_:)``); a text of more than one piece gets a helper unless
  /// `helper` is false (the tests compare both ways).
  convenience init(_ text: String, splitter: SentenceSplitter, helper: Bool = true) {
    self.init(chunks: PlainTextChunks(text), byteCount: text.utf8.count, splitter: splitter, helper: helper)
  }

  /// The pieces `chunks` cuts from a text of `byteCount` bytes of UTF-8.
  init(chunks: PlainTextChunks, byteCount: Int, splitter: SentenceSplitter, helper: Bool = true) {
    cutter = Mutex(Cutter(chunks: chunks))
    preparer = ParagraphClassifier(splitter: splitter)
    if helper, byteCount > chunks.size {
      DispatchQueue.global().async { [self] in layOutAhead() }
    }
  }

  /// The next piece, or nil at the end of the text.
  func next() -> Piece? {
    enum Step {
      case piece(Piece)
      case wait
      case cut
    }
    while true {
      let step = shelf.withLock { shelf -> Step in
        if let piece = shelf.ready.removeValue(forKey: shelf.taken) {
          shelf.taken += 1
          return .piece(piece)
        }
        // Cut but not ready: the helper is laying it out right now; or it is about to cut it.
        return shelf.taken < shelf.cut || shelf.helperRunning ? .wait : .cut
      }
      switch step {
      case .piece(let piece):
        room.signal()
        return piece
      case .wait:
        laidOut.wait()
      case .cut:
        // The helper has not started or has stopped: cut the piece here, unless it just did.
        enum Outcome {
          case mine(Cut)
          case helpers
          case end
        }
        let outcome = cutter.withLock { cutter -> Outcome in
          guard cutter.cut == shelf.withLock({ $0.taken }) else { return .helpers }
          guard let cut = cutter.cutNext() else { return .end }
          shelf.withLock {
            $0.cut += 1
            $0.taken += 1
          }
          return .mine(cut)
        }
        switch outcome {
        case .mine(let cut):
          let piece = layOut(cut)
          room.signal()
          return piece
        case .helpers: continue
        case .end: return nil
        }
      }
    }
  }

  /// Hands a piece the caller is done with to the helper, which frees it. Memory is then freed by
  /// the thread that allocated it: freeing on the other thread contends for the allocator's lock
  /// of the helper's arena, which cost more than a tenth of the run.
  func giveBack(_ piece: Piece) {
    shelf.withLock { $0.spent.append(piece) }
  }

  /// Why the text's file could not be read to its end, if it could not.
  func failure() -> TextLoadError? {
    cutter.withLock { $0.chunks.failure }
  }

  /// Tells the helper to stop; call when done with the pieces.
  func finish() {
    shelf.withLock { $0.finished = true }
    room.signal()
  }

  /// The helper: cuts and lays out pieces while fewer than ``lookahead`` wait for the caller.
  private func layOutAhead() {
    shelf.withLock { $0.helperRunning = true }
    defer {
      shelf.withLock { $0.helperRunning = false }
      laidOut.signal()
    }
    while true {
      freeSpent()
      let (finished, room) = shelf.withLock { ($0.finished, $0.cut - $0.taken < Self.lookahead) }
      if finished { return }
      guard room else {
        self.room.wait()
        continue
      }
      let next = cutter.withLock { cutter -> Cut? in
        // Counted before it is cut: the caller then waits for this piece instead of queueing
        // for the cutter's lock while the piece is decoded.
        shelf.withLock { $0.cut += 1 }
        guard let cut = cutter.cutNext() else {
          shelf.withLock { $0.cut -= 1 }
          return nil
        }
        return cut
      }
      guard let cut = next else { return }
      let piece = layOut(cut)
      shelf.withLock { $0.ready[cut.index] = piece }
      laidOut.signal()
    }
  }

  /// Frees the pieces the caller gave back (on the helper's thread, see ``giveBack(_:)``).
  private func freeSpent() {
    var spent: [Piece] = []
    shelf.withLock { swap(&spent, &$0.spent) }
    spent.removeAll()
  }

  /// Lays out and prepares `cut`, and gives its scalar buffer back for reuse.
  private func layOut(_ cut: Cut) -> Piece {
    var paragraphs = Segmenter.layoutParagraphs(cut.scalars, pdfText: false)
    // Midway too: a piece given back while this one is laid out is not kept until the end.
    freeSpent()
    preparer.prepare(&paragraphs)
    cutter.withLock { $0.spare.append(cut.scalars) }
    return Piece(paragraphs: paragraphs, base: cut.base)
  }
}
