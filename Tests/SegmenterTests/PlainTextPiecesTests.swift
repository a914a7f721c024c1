import SegmenterChecks
import Testing

@testable import Segmenter

@Suite("Plain text in pieces")
struct PlainTextPiecesTests {
  /// A corpus document repeated to several pieces of about 256 000 characters.
  private func longText() throws -> String {
    let document = try corpusText(corpusDocuments[2])
    return String(repeating: document + "\n\n", count: 1_200_000 / document.utf8.count + 1)
  }

  @Test("pieces laid out ahead on a second thread are the pieces laid out one after another")
  func helperChangesNothing() throws {
    let text = try longText()
    let splitter = SentenceSplitter(rules: .rules(for: .dutch))
    let ahead = PlainTextPieces(text, splitter: splitter)
    let inTurn = PlainTextPieces(text, splitter: splitter, helper: false)
    defer {
      ahead.finish()
      inTurn.finish()
    }
    var count = 0
    while let piece = ahead.next() {
      let expected = try #require(inTurn.next())
      #expect(piece.base == expected.base)
      #expect(piece.paragraphs.count == expected.paragraphs.count)
      for (paragraph, other) in zip(piece.paragraphs, expected.paragraphs) {
        #expect(paragraph.role == other.role && paragraph.spans == other.spans)
        #expect(paragraph.clean.scalars == other.clean.scalars)
        #expect(paragraph.clean.offsets == other.clean.offsets)
        #expect(paragraph.headingShape == other.headingShape)
      }
      ahead.giveBack(piece)
      count += 1
    }
    #expect(inTurn.next() == nil)
    #expect(count >= 4)
  }

  @Test("a text of several pieces gives the same units every time, in order, each verbatim")
  func longTextIsStableAndVerbatim() throws {
    let text = try longText()
    let units = Segmenter(language: .dutch).segment(text, format: .text)
    #expect(units == Segmenter(language: .dutch).segment(text, format: .text))
    let scalars = Array(text.unicodeScalars)
    #expect(SegmenterChecks.orderViolation(units, scalarCount: scalars.count) == nil)
    #expect(units.allSatisfy { SegmenterChecks.plainTextMismatch($0, in: scalars) == nil })
  }
}
