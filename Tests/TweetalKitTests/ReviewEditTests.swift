import Aligner
import Foundation
import ReviewUI
import TMX
import TestSupport
import Testing

@testable import TweetalKit

@Suite("Review edits")
struct ReviewEditTests {
  let document = ReviewFixture.small()
  let stamp = ReviewFixture.stamp

  @Test("merge N joins bead N and N+1, keeps N's id and stamps it edited")
  func merge() throws {
    let result = try document.applying(.merge(bead: 2), stamp: stamp)
    let beads = result.document.beads
    #expect(beads.count == 4)
    #expect(beads[1].source == 1..<4 && beads[1].target == 1..<3)
    #expect(beads[1].id == 2 && beads[1].status == .edited)
    #expect(beads[1].changeUser == "tester" && beads[1].changeDate == stamp.date)
    #expect(result.message == "merged beads 2 and 3 into bead 2 (3-2)")
    try result.document.validate()
  }

  @Test("merging the last bead is refused")
  func mergeLast() {
    #expect(throws: EditError.self) { try document.applying(.merge(bead: 5), stamp: stamp) }
  }

  @Test("split keeps the first K and L sentences; the rest is a new bead with id max+1")
  func split() throws {
    let result = try document.applying(.split(bead: 2, source: 1, target: 1), stamp: stamp)
    let beads = result.document.beads
    #expect(beads.count == 6)
    #expect(beads[1].source == 1..<2 && beads[1].target == 1..<2 && beads[1].id == 2)
    #expect(beads[2].source == 2..<3 && beads[2].target == 2..<2 && beads[2].id == 6)
    #expect(beads[2].status == .edited)
    try result.document.validate()
  }

  @Test("a split that would leave an empty bead or no new bead is refused")
  func splitEmpty() {
    #expect(throws: EditError.self) {
      try document.applying(.split(bead: 2, source: 0, target: 0), stamp: stamp)
    }
    #expect(throws: EditError.self) {
      try document.applying(.split(bead: 2, source: 2, target: 1), stamp: stamp)
    }
    #expect(throws: EditError.self) {
      try document.applying(.split(bead: 2, source: 3, target: 0), stamp: stamp)
    }
  }

  @Test("a bead number out of range names the valid range")
  func outOfRange() {
    #expect(throws: EditError.beadOutOfRange(bead: 9, count: 5)) {
      try document.applying(.confirm(first: 9, last: 9), stamp: stamp)
    }
    #expect(EditError.beadOutOfRange(bead: 9, count: 5).description.contains("1 to 5"))
  }

  @Test("shift up moves the first sentence of a side into the previous bead")
  func shiftUp() throws {
    let result = try document.applying(.shift(bead: 2, side: .source, direction: .up), stamp: stamp)
    #expect(result.document.beads[0].source == 0..<2)
    #expect(result.document.beads[1].source == 2..<3)
    #expect(result.document.beads[0].status == .edited && result.document.beads[1].status == .edited)
    try result.document.validate()
  }

  @Test("shifting the only sentence out of a bead removes the empty bead")
  func shiftEmpties() throws {
    let result = try document.applying(.shift(bead: 5, side: .target, direction: .up), stamp: stamp)
    #expect(result.document.beads.count == 4)
    #expect(result.document.beads[3].type == BeadType(source: 2, target: 1))
    #expect(result.message.contains("gone"))
    try result.document.validate()
  }

  @Test("shift refuses a missing neighbour or an empty side")
  func shiftRefused() {
    #expect(throws: EditError.self) {
      try document.applying(.shift(bead: 1, side: .source, direction: .up), stamp: stamp)
    }
    #expect(throws: EditError.self) {
      try document.applying(.shift(bead: 5, side: .source, direction: .up), stamp: stamp)
    }
  }

  @Test("unlink makes one 1-0 bead per source sentence, then one 0-1 per target sentence")
  func unlink() throws {
    let result = try document.applying(.unlink(bead: 2), stamp: stamp)
    let types = result.document.beads[1...3].map(\.type.description)
    #expect(types == ["1-0", "1-0", "0-1"])
    #expect(result.document.beads[1...3].map(\.id) == [2, 6, 7])
    #expect(throws: EditError.self) { try document.applying(.unlink(bead: 5), stamp: stamp) }
    try result.document.validate()
  }

  @Test("link N M joins the consecutive beads")
  func link() throws {
    let result = try document.applying(.link(first: 3, last: 5), stamp: stamp)
    #expect(result.document.beads.count == 3)
    #expect(result.document.beads[2].source == 3..<6 && result.document.beads[2].target == 2..<4)
    #expect(throws: EditError.self) { try document.applying(.link(first: 3, last: 3), stamp: stamp) }
  }

  @Test("text replaces a one-sentence side in the document itself")
  func text() throws {
    let result = try document.applying(
      .text(bead: 1, side: .target, text: "  One,\n corrected. "), stamp: stamp)
    #expect(result.document.target[0].text == "One, corrected.")
    #expect(result.document.beads[0].status == .edited)
    #expect(throws: EditError.self) {
      try document.applying(.text(bead: 2, side: .source, text: "x"), stamp: stamp)
    }
    #expect(throws: EditError.self) {
      try document.applying(.text(bead: 1, side: .source, text: "  "), stamp: stamp)
    }
  }

  @Test("a text with a control character a TMX cannot carry is refused, naming it; the document stays")
  func textWithControlCharacter() throws {
    for (text, code) in [
      ("One\u{01} corrected.", "U+0001"), ("One\u{1F}corrected.", "U+001F"), ("x\u{FFFF}", "U+FFFF"),
    ] {
      do {
        _ = try document.applying(.text(bead: 1, side: .target, text: text), stamp: stamp)
        Issue.record("\(text.debugDescription) was accepted")
      } catch {
        #expect("\(error)".contains("holds \(code), a control character a TMX cannot carry"), "\(error)")
      }
    }
    // Tabs and line breaks are white space: folded, as before.
    let folded = try document.applying(
      .text(bead: 1, side: .target, text: "One,\tcorrected.\r\n"), stamp: stamp)
    #expect(folded.document.target[0].text == "One, corrected.")
  }

  @Test("confirm and unconfirm a range; repeating changes nothing")
  func confirm() throws {
    let confirmed = try document.applying(.confirm(first: 2, last: 4), stamp: stamp)
    #expect(confirmed.document.beads.map(\.status) == [.auto, .confirmed, .confirmed, .confirmed, .auto])
    let again = try confirmed.document.applying(.confirm(first: 2, last: 4), stamp: stamp)
    #expect(!again.changed && again.document == confirmed.document)
    let back = try confirmed.document.applying(.unconfirm(first: 3, last: 3), stamp: stamp)
    #expect(back.document.beads[2].status == .auto)
  }

  @Test("operations parse from command-line words")
  func parsing() throws {
    #expect(
      try EditOperation(arguments: ["split", "3", "--source", "1", "--target", "2"])
        == .split(bead: 3, source: 1, target: 2))
    #expect(
      try EditOperation(arguments: ["shift", "4", "target", "down"])
        == .shift(bead: 4, side: .target, direction: .down))
    #expect(try EditOperation(arguments: ["confirm", "4-9"]) == .confirm(first: 4, last: 9))
    #expect(
      try EditOperation(arguments: ["text", "2", "--source", "Een", "zin."])
        == .text(bead: 2, side: .source, text: "Een zin."))
    #expect(throws: EditError.self) { try EditOperation(arguments: ["confirm", "9-4"]) }
    #expect(throws: EditError.self) { try EditOperation(arguments: ["merge", "0"]) }
    #expect(throws: EditError.self) { try EditOperation(arguments: ["frobnicate", "1"]) }
  }

  @Test("an edit is stamped with its UTC second in TMX form, leap days and fractions included")
  func dates() {
    func stamp(_ seconds: Double) -> String {
      EditStamp(user: "a", date: Date(timeIntervalSince1970: seconds)).date
    }
    #expect(stamp(0) == "19700101T000000Z")
    #expect(stamp(951_782_400) == "20000229T000000Z")
    #expect(stamp(1_732_421_696.75) == "20241124T041456Z")
    #expect(stamp(4_102_444_799.9) == "20991231T235959Z")
  }

  @Test("random edit sequences on every corpus alignment keep every sentence exactly once, in order")
  func randomSequences() throws {
    for pair in 0..<(try ReviewFixture.pairs().count) {
      var current = try ReviewFixture.document(pair: pair)
      var generator = SeededGenerator(seed: UInt64(pair + 1))
      var applied = 0
      for _ in 0..<400 {
        let operation = randomOperation(current, using: &generator)
        guard let result = try? current.applying(operation, stamp: ReviewFixture.stamp) else { continue }
        try result.document.validate()
        #expect(Set(result.document.beads.map(\.id)).count == result.document.beads.count, "ids stay unique")
        #expect(!result.document.beads.contains { $0.source.isEmpty && $0.target.isEmpty }, "no empty bead")
        if case .text = operation {
        } else {
          #expect(result.document.source == current.source && result.document.target == current.target)
        }
        let patch = ReviewPatch(summary: operation.summary, from: current, to: result.document)
        #expect(patch.apply(to: current) == result.document)
        #expect(patch.inverse.apply(to: result.document) == current)
        current = result.document
        applied += result.changed ? 1 : 0
      }
      #expect(applied > 100)
    }
  }
}
