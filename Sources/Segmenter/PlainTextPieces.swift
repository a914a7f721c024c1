import Dispatch
import Synchronization

/// The paragraphs of plain text piece by piece, in document order, with the next pieces laid out
/// on a second thread while the caller classifies and emits the current one.
///
/// Laying out a piece (its lines, paragraphs and clean text) and preparing it for classifying
/// (sentences, heading shapes) depend on the piece's own text only, so they may run ahead; classifying and emitting carry state from piece to piece and stay on the
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

  /// Pieces laid out ahead of the one the caller is working on.
  static let lookahead = 2

  /// A piece cut from the text and not laid out yet.
  private struct Cut: Sendable {
    var index: Int
    var scalars: [Unicode.Scalar]
    var base: Int
  }

  private struct State: Sendable {
    var chunks: PlainTextChunks
    /// Pieces cut from the text so far (by either thread).
    var cut = 0
    /// No piece is left to cut.
    var exhausted = false
    /// Pieces the helper has laid out, by index, until the caller takes them.
    var ready: [Int: Piece] = [:]
    /// Pieces handed to the caller.
    var taken = 0
    /// The caller is done: the helper stops.
    var finished = false
    /// Scalar buffers of pieces laid out, for the next pieces (fresh pages cost more than reuse).
    var spare: [[Unicode.Scalar]] = []

    /// Cuts the next piece from the text, or nil at the end.
    mutating func cutNext() -> Cut? {
      guard !exhausted else { return nil }
      var scalars = spare.popLast() ?? []
      guard let base = chunks.next(into: &scalars) else {
        exhausted = true
        return nil
      }
      cut += 1
      return Cut(index: cut - 1, scalars: scalars, base: base)
    }
  }

  private let state: Mutex<State>
  /// Does the part of classifying that needs no state from earlier pieces.
  private let preparer: ParagraphClassifier
  /// Signalled by the helper after each piece it lays out.
  private let laidOut = DispatchSemaphore(value: 0)
  /// Signalled by the caller after each piece it takes, and when it finishes.
  private let room = DispatchSemaphore(value: 0)

  /// Pieces of `text` as ``PlainTextChunks`` cuts them, prepared for classifying with `splitter`
  /// (``ParagraphClassifier/prepare(_:)``); a text of more than one piece gets a helper.
  init(_ text: String, splitter: SentenceSplitter) {
    let chunks = PlainTextChunks(text)
    state = Mutex(State(chunks: chunks))
    preparer = ParagraphClassifier(splitter: splitter)
    if text.utf8.count > chunks.size {
      DispatchQueue.global().async { [self] in layOutAhead() }
    }
  }

  /// The next piece, or nil at the end of the text.
  func next() -> Piece? {
    enum Step {
      case piece(Piece)
      case layOut(Cut)
      case wait
      case end
    }
    while true {
      let step = state.withLock { state -> Step in
        let index = state.taken
        if let piece = state.ready.removeValue(forKey: index) {
          state.taken += 1
          return .piece(piece)
        }
        // Cut but not ready: the helper is laying it out right now.
        if index < state.cut { return .wait }
        guard let cut = state.cutNext() else { return .end }
        state.taken += 1
        return .layOut(cut)
      }
      switch step {
      case .piece(let piece):
        room.signal()
        return piece
      case .layOut(let cut):
        let piece = layOut(cut)
        room.signal()
        return piece
      case .wait:
        laidOut.wait()
      case .end:
        return nil
      }
    }
  }

  /// Tells the helper to stop; call when done with the pieces.
  func finish() {
    state.withLock { $0.finished = true }
    room.signal()
  }

  /// The helper: cuts and lays out pieces while fewer than ``lookahead`` wait for the caller.
  private func layOutAhead() {
    enum Step {
      case layOut(Cut)
      case wait
      case stop
    }
    while true {
      let step = state.withLock { state -> Step in
        if state.finished { return .stop }
        guard state.cut - state.taken < Self.lookahead else { return .wait }
        return state.cutNext().map(Step.layOut) ?? .stop
      }
      switch step {
      case .layOut(let cut):
        let piece = layOut(cut)
        state.withLock { $0.ready[cut.index] = piece }
        laidOut.signal()
      case .wait:
        room.wait()
      case .stop:
        return
      }
    }
  }

  /// Lays out and prepares `cut`, and gives its scalar buffer back for reuse.
  private func layOut(_ cut: Cut) -> Piece {
    var paragraphs = Segmenter.layoutParagraphs(cut.scalars, pdfText: false)
    preparer.prepare(&paragraphs)
    state.withLock { $0.spare.append(cut.scalars) }
    return Piece(paragraphs: paragraphs, base: cut.base)
  }
}
