import Foundation
import PropertyBased
import TMX
import TestSupport
import Testing

@testable import TweetalKit

/// Properties of the alignment form and the review edits on generated alignments, 200 cases each
/// from a fixed seed (`seededPropertyCheck`); a failure prints the shrunk input and the case.
@Suite("Alignment form and edits (properties)")
struct AlignmentPropertyTests {
  /// Random alignments (awkward text, every bead shape and status), by seed.
  static let alignments = Gen<UInt64>.value(in: 0...UInt64(Int32.max)).map { seed in
    RandomAlignment.document(seed: seed, maxSentences: 30)
  }

  @Test(
    "encode → TMX bytes → decode gives the alignment back")
  func encodeDecodeIdentity() async {
    await seededPropertyCheck(count: 200, seed: 10, input: Self.alignments) { document in
      let bytes = try TMXWriter.bytes(of: AlignmentStore.encode(document))
      let decoded = try AlignmentStore.decode(
        try TMXReader.read(bytes: bytes, name: "property.tmx"), file: "p")
      #expect(decoded == document)
      #expect(try TMXWriter.bytes(of: AlignmentStore.encode(decoded)) == bytes)
    }
  }

  /// One step of a review session: an edit (codes 0–9, with the numbers it needs), undo (10) or redo (11).
  static let steps = Gen<Int>.value(in: 0...11).array(of: 1...40)

  @Test(
    "any sequence of edits, undos and redos keeps every sentence once and in order; undo restores the bytes")
  func editInvariants() async {
    await seededPropertyCheck(count: 200, seed: 11, input: Self.alignments, Self.steps) { document, steps in
      var session = EditSession(document: document)
      for (index, step) in steps.enumerated() {
        let sentences = (session.document.source, session.document.target)
        try session.step(step, salt: index)
        try session.document.validate()
        #expect(session.document.source.count == sentences.0.count)
        #expect(session.document.target.count == sentences.1.count)
      }
      // Undo everything: the bytes of the alignment we started from.
      while session.undo.isEmpty == false { try session.step(10, salt: 0) }
      #expect(try session.bytes(session.document) == (try session.bytes(document)))
    }
  }
}

/// A review session in memory: edits through `AlignedDocument.applying`, undo and redo through the
/// patches the review history stores, and after each undo or redo a check that the bytes are the
/// ones from before the edit or after it.
struct EditSession {
  var document: AlignedDocument
  var undo: [(patch: ReviewPatch, bytes: [UInt8])] = []
  var redo: [(patch: ReviewPatch, bytes: [UInt8])] = []

  func bytes(_ document: AlignedDocument) throws -> [UInt8] {
    try TMXWriter.bytes(of: AlignmentStore.encode(document))
  }

  mutating func step(_ code: Int, salt: Int) throws {
    let before = try bytes(document)
    if code == 10 {
      guard let last = undo.popLast() else { return }
      let undone = try #require(
        last.patch.inverse.apply(to: document), "undo \(last.patch.summary) does not apply")
      #expect(try bytes(undone) == last.bytes, "undo \(last.patch.summary) does not restore the bytes")
      redo.append((last.patch, before))
      document = undone
    } else if code == 11 {
      guard let last = redo.popLast() else { return }
      let redone = try #require(last.patch.apply(to: document), "redo \(last.patch.summary) does not apply")
      #expect(try bytes(redone) == last.bytes, "redo \(last.patch.summary) does not give the edit back")
      undo.append((last.patch, before))
      document = redone
    } else {
      var generator = SeededGenerator(seed: UInt64(code * 1000 + salt) &+ UInt64(document.beads.count))
      let operation = operation(code, using: &generator)
      let result: EditResult
      do {
        result = try document.applying(operation, stamp: ReviewFixture.stamp)
      } catch {
        switch error {
        case .beadOutOfRange, .invalid: return
        default: throw error
        }
      }
      undo.append((ReviewPatch(summary: operation.summary, from: document, to: result.document), before))
      redo.removeAll()
      document = result.document
    }
  }

  /// Operation `code` on a random bead (sometimes one past the end).
  func operation(_ code: Int, using generator: inout SeededGenerator) -> EditOperation {
    let bead = Int.random(in: 1...(document.beads.count + 1), using: &generator)
    let side: AlignmentSide = Bool.random(using: &generator) ? .source : .target
    let width = Int.random(in: 0...3, using: &generator)
    switch code {
    case 0: return .merge(bead: bead)
    case 1: return .split(bead: bead, source: width, target: Int.random(in: 0...3, using: &generator))
    case 2: return .shift(bead: bead, side: side, direction: Bool.random(using: &generator) ? .up : .down)
    case 3: return .unlink(bead: bead)
    case 4: return .link(first: bead, last: bead + width)
    case 5: return .text(bead: bead, side: side, text: "Gecorrigeerde zin \(width).")
    case 6, 7: return .confirm(first: bead, last: bead + width)
    case 8: return .unconfirm(first: bead, last: bead + width)
    default: return .merge(bead: max(1, bead - 1))
    }
  }
}
