import CFuzzDriver
import Foundation
import TMX

@testable import TweetalKit

/// libFuzzer target: review edits. The input's bytes build an alignment (sentence counts, bead
/// shapes, statuses) and then a sequence of merge/split/shift/link/unlink/text/confirm/unconfirm,
/// undo and redo. After every step every sentence is in exactly one bead, in order; an undo gives
/// back the bytes of the alignment before the edit, a redo the bytes after it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEditOperations(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  var input = ByteStream(Array(UnsafeBufferPointer(start: data, count: size)))
  var document = input.document()
  var undo: [(patch: ReviewPatch, bytes: [UInt8])] = []
  var redo: [(patch: ReviewPatch, bytes: [UInt8])] = []
  let stamp = EditStamp(user: "fuzz", date: Date(timeIntervalSince1970: 1_764_000_000))
  while !input.isAtEnd {
    let choice = input.next() % 12
    let before = encoded(document)
    if choice == 10, let last = undo.popLast() {
      guard let undone = last.patch.inverse.apply(to: document) else { fatalError("undo does not apply") }
      if encoded(undone) != last.bytes { fatalError("undo does not restore the bytes") }
      redo.append((last.patch, before))
      document = undone
    } else if choice == 11, let last = redo.popLast() {
      guard let redone = last.patch.apply(to: document) else { fatalError("redo does not apply") }
      if encoded(redone) != last.bytes { fatalError("redo does not give the edited bytes back") }
      undo.append((last.patch, before))
      document = redone
    } else if let operation = input.operation(choice, document) {
      guard let result = try? document.applying(operation, stamp: stamp) else { continue }
      if result.document.source != document.source && operation.isTextEdit == false {
        fatalError("\(operation.summary) changed a source sentence")
      }
      undo.append((ReviewPatch(summary: operation.summary, from: document, to: result.document), before))
      redo.removeAll()
      document = result.document
    }
    do {
      try document.validate()
    } catch {
      fatalError("the invariant broke: \(error)")
    }
  }
  return 0
}

func encoded(_ document: AlignedDocument) -> [UInt8] {
  do {
    return try TMXWriter.bytes(of: AlignmentStore.encode(document))
  } catch {
    fatalError("an edited alignment cannot be written: \(error)")
  }
}

extension EditOperation {
  var isTextEdit: Bool {
    if case .text = self { return true }
    return false
  }
}

/// The fuzzer's bytes read as small numbers; zeros once they run out.
struct ByteStream {
  var bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { position >= bytes.count }

  mutating func next() -> Int {
    defer { position += 1 }
    return position < bytes.count ? Int(bytes[position]) : 0
  }

  /// An alignment of up to 15 sentences a side, every sentence in one bead, in order.
  mutating func document() -> AlignedDocument {
    let sourceCount = next() % 16
    let targetCount = next() % 16
    let source = (0..<sourceCount).map { Sentence(text: "Zin \($0).", block: $0 / 3) }
    let target = (0..<targetCount).map { Sentence(text: "Sentence \($0).", block: $0 / 2) }
    var beads: [AlignmentBead] = []
    var nextSource = 0
    var nextTarget = 0
    while nextSource < sourceCount || nextTarget < targetCount {
      let shape = next()
      let sourceRun = min(shape % 4, sourceCount - nextSource)
      let targetRun = min((shape / 4) % 4, targetCount - nextTarget)
      if sourceRun == 0 && targetRun == 0 {
        if isAtEnd {
          // Out of bytes: one last bead takes what is left.
          beads.append(bead(nextSource..<sourceCount, nextTarget..<targetCount, id: beads.count))
          break
        }
        continue
      }
      var made = bead(
        nextSource..<nextSource + sourceRun, nextTarget..<nextTarget + targetRun, id: beads.count)
      made.status = [BeadStatus.auto, .confirmed, .edited][(shape / 16) % 3]
      // Some beads made in review, with a creation date of their own that undo must give back.
      if (shape / 48) % 2 == 1 { made.creationDate = "20260102T030405Z" }
      beads.append(made)
      nextSource += sourceRun
      nextTarget += targetRun
    }
    let metadata = AlignmentMetadata(
      sourceLanguage: "nl-NL", targetLanguage: "en-GB", sourceFile: "a.nl", targetFile: "a.en",
      sourceChecksum: String(repeating: "0", count: 64), targetChecksum: String(repeating: "0", count: 64),
      creationDate: "20260101T000000Z")
    return AlignedDocument(metadata: metadata, source: source, target: target, beads: beads)
  }

  func bead(_ source: Range<Int>, _ target: Range<Int>, id: Int) -> AlignmentBead {
    AlignmentBead(source: source, target: target, cost: 1, confidence: 0.5, status: .auto, id: id)
  }

  /// Operation `choice` (0–9) on a bead picked by the next bytes, sometimes out of range.
  mutating func operation(_ choice: Int, _ document: AlignedDocument) -> EditOperation? {
    let bead = next() % (document.beads.count + 2)
    let side: AlignmentSide = next() % 2 == 0 ? .source : .target
    switch choice {
    case 0: return .merge(bead: bead)
    case 1: return .split(bead: bead, source: next() % 5, target: next() % 5)
    case 2: return .shift(bead: bead, side: side, direction: next() % 2 == 0 ? .up : .down)
    case 3: return .unlink(bead: bead)
    case 4: return .link(first: bead, last: bead + next() % 4)
    case 5: return .text(bead: bead, side: side, text: "Gecorrigeerd \(next()).")
    case 6, 7: return .confirm(first: bead, last: bead + next() % 3)
    case 8: return .unconfirm(first: bead, last: bead + next() % 2)
    default: return .merge(bead: bead + 1)
    }
  }
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzEditOperations(data!, size) })
