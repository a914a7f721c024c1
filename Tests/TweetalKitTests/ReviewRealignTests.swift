import TestSupport
import Testing

@testable import TweetalKit

@Suite("Realign")
struct ReviewRealignTests {
  @Test("realign keeps confirmed and edited beads exactly and re-aligns the stretches between them")
  func keepsDecidedBeads() throws {
    for pair in 0..<(try ReviewFixture.pairs().count) {
      var document = try ReviewFixture.document(pair: pair)
      var generator = SeededGenerator(seed: UInt64(100 + pair))
      // Random operations, some of them refused (a bead out of range, a split of a 1-0 bead...); a
      // refusal must be a range or validity error, never another failure.
      var applied = 0
      for _ in 0..<60 {
        let operation = randomOperation(document, using: &generator)
        do {
          document = try document.applying(operation, stamp: ReviewFixture.stamp).document
          applied += 1
        } catch {
          switch error {
          case .beadOutOfRange, .invalid: continue
          default: throw error
          }
        }
      }
      #expect(applied >= 20, "pair \(pair): only \(applied) of 60 random operations applied")
      // Disturb the auto beads so that realign has something to do.
      if let auto = document.beads.indices.first(where: { document.beads[$0].status == .auto }),
        auto + 1 < document.beads.count, document.beads[auto + 1].status == .auto
      {
        var disturbed = try document.applying(.merge(bead: auto + 1), stamp: ReviewFixture.stamp).document
        disturbed.beads[auto].status = .auto
        document = disturbed
      }
      let decided = document.beads.filter { $0.status != .auto }
      let outcome = Realigner.realign(document)
      try outcome.document.validate()
      #expect(outcome.document.beads.filter { $0.status != .auto } == decided)
      #expect(outcome.keptBeads == decided.count)
      #expect(outcome.document.source == document.source && outcome.document.target == document.target)
      #expect(Set(outcome.document.beads.map(\.id)).count == outcome.document.beads.count)
      #expect(outcome.document.beads.filter { $0.status == .auto }.allSatisfy { $0.changeDate == nil })
      let again = Realigner.realign(outcome.document)
      #expect(again.document == outcome.document, "realign is stable")
    }
  }

  @Test("a sentence that stays unlinked keeps its id, wherever it now sits among the other side's")
  func unlinkedKeepIDs() throws {
    var document = try ReviewFixture.document(pair: 0)
    // Re-interleave every 1-0 bead next to a 0-1 bead, in either order (the same sentences stay
    // unlinked; the aligner gives runs with their 1-0 beads first).
    var index = 0
    var swapped = 0
    while index + 1 < document.beads.count {
      let (first, second) = (document.beads[index], document.beads[index + 1])
      if first.source.isEmpty, second.target.isEmpty {
        document.beads[index] = AlignmentBead(
          source: second.source, target: first.target.lowerBound..<first.target.lowerBound, id: second.id)
        document.beads[index + 1] = AlignmentBead(
          source: second.source.upperBound..<second.source.upperBound, target: first.target, id: first.id)
        swapped += 1
        index += 2
      } else if first.target.isEmpty, second.source.isEmpty {
        document.beads[index] = AlignmentBead(
          source: first.source.lowerBound..<first.source.lowerBound, target: second.target, id: second.id)
        document.beads[index + 1] = AlignmentBead(
          source: first.source, target: second.target.upperBound..<second.target.upperBound, id: first.id)
        swapped += 1
        index += 2
      } else {
        index += 1
      }
    }
    try document.validate()
    try #require(swapped > 0)
    func unlinkedIDs(_ document: AlignedDocument) -> [[Int]: Int] {
      var result: [[Int]: Int] = [:]
      for bead in document.beads where bead.source.isEmpty != bead.target.isEmpty {
        result[Realigner.identity(bead.source, bead.target)] = bead.id
      }
      return result
    }
    let before = unlinkedIDs(document)
    let outcome = Realigner.realign(document)
    var kept = 0
    for (identity, id) in unlinkedIDs(outcome.document) where before[identity] != nil {
      #expect(before[identity] == id)
      kept += 1
    }
    #expect(kept >= swapped)
    #expect(outcome.newBeads < outcome.document.beads.count / 4)
  }

  @Test("with nothing decided, realign gives what the aligner gives on the whole document")
  func nothingDecided() throws {
    let document = try ReviewFixture.document(pair: 0)
    let outcome = Realigner.realign(document)
    #expect(outcome.stretches == 1 && outcome.keptBeads == 0)
    #expect(
      outcome.document.beads.map { [$0.source, $0.target] } == document.beads.map { [$0.source, $0.target] })
    #expect(outcome.document.beads.map(\.id) == document.beads.map(\.id))
  }
}
