import ReviewUI
import Testing

@testable import TweetalKit

@Suite("Review rendering")
struct ReviewRenderTests {
  @Test("wide characters take two columns, combining marks and joiners none")
  func widths() {
    #expect(DisplayWidth.of("Migratie") == 8)
    #expect(DisplayWidth.of("移民協定") == 8)
    #expect(DisplayWidth.of("한국어") == 6)
    #expect(DisplayWidth.of("ＡＢ") == 4)
    #expect(DisplayWidth.of("e\u{301}te\u{301}") == 3)
    #expect(DisplayWidth.of("a\u{200B}b\u{200D}c") == 3)
    #expect(DisplayWidth.of("👍") == 2)
    #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
    #expect(DisplayWidth.of("\u{1B}" as Unicode.Scalar) == 0)
    #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
  }

  @Test("wrapping never exceeds the width and keeps every word, CJK included")
  func wrapping() {
    let texts = [
      "Het Global Compact on Migration (GCM) is op 19 december 2018 door de Algemene Vergadering aangenomen.",
      "国際移住に関するグローバル・コンパクトは二〇一八年に採択された。", "Überschreitung " + String(repeating: "x", count: 70),
    ]
    for width in [1, 7, 26, 40] {
      for text in texts {
        let lines = wrapText(text, width: width)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= max(width, 2) })
        #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
      }
    }
  }

  @Test("show lays out every corpus bead within the width, with number, type, confidence and status")
  func layout() throws {
    let document = try ReviewFixture.document(pair: 0)
    for width in [60, 100] {
      let renderer = BeadRenderer(width: width)
      let lines = renderer.lines(document, beads: 0..<document.beads.count)
      #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
      #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
      // One header per bead, numbered from 1 in order, the numbers right-aligned in one column.
      let headers = lines.filter {
        $0.wholeMatch(of: /[ >] *\d+ \d+-\d+  \d\.\d\d  (auto|confirmed|edited)(  !)?/) != nil
      }
      #expect(headers.map { Int($0.split(separator: " ")[0])! } == Array(1...document.beads.count))
      #expect(
        Set(headers.map { $0.firstRange(of: #/ \d+-\d+ /#)!.lowerBound.utf16Offset(in: $0) }).count == 1)
    }
    // A link reads: header, then the Dutch sentence left of the bar and the English right. (Without
    // a lexicon the default's lattice keeps one link on this pair, a 1-3.)
    let index = try #require(document.beads.firstIndex { !$0.source.isEmpty && !$0.target.isEmpty })
    let first = BeadRenderer(width: 80).lines(document, bead: index)
    let bead = document.beads[index]
    #expect(first[0].hasPrefix(" ") && first[0].contains(" \(index + 1) \(bead.type)  "))
    #expect(first[0].hasSuffix(bead.status.rawValue) || first[0].hasSuffix("!"))
    let row = first[1].split(separator: "│", maxSplits: 1)
    #expect(row[0].contains(String(document.source[bead.source.lowerBound].text.prefix(10))))
    #expect(row[1].contains(String(document.target[bead.target.lowerBound].text.prefix(10))))
  }

  @Test("suspicious beads are marked; confirmed ones never are; colour only when asked")
  func suspicious() throws {
    var document = ReviewFixture.small()
    #expect(document.beads.indices.filter { document.isSuspicious($0) } == [1, 2, 3, 4])
    document.beads[2].status = .confirmed
    #expect(!document.isSuspicious(2))
    #expect(document.nextSuspicious(after: 1) == 3)
    #expect(document.nextSuspicious(after: 4) == 1)
    let plain = BeadRenderer(width: 60).lines(document, bead: 1, selected: true)
    #expect(plain[0].hasPrefix(">") && plain[0].hasSuffix("!"))
    #expect(plain.contains { $0.contains("Twee.") && $0.contains("Two and three.") })
    #expect(BeadRenderer(width: 60, colour: true).lines(document, bead: 1)[0].contains("\u{1B}["))
    let empty = BeadRenderer(width: 60).lines(document, bead: 3)
    #expect(empty[1].hasSuffix("│ —"))
  }
}
