import FoundationEssentials
import Testing

@testable import Segmenter

@Suite("Plain-text files segmented as they are read")
struct PlainTextFileTests {
  /// Writes `bytes` to a fresh temporary file and returns its path.
  private func temporaryFile(_ bytes: [UInt8], _ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tweetal-plain-\(name)-\(UInt32.random(in: 0...UInt32.max)).txt").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Text of several pieces, longer than the head kept for detection (4 MiB), with what makes
  /// reading in pieces hard: CR LF, characters of two to four bytes, a line longer than the
  /// read buffer, a paragraph longer than four pieces.
  private func hardText() throws -> String {
    let document = try corpusText(corpusDocuments[2])
    var text = String(repeating: document + "\r\n\r\n", count: 2_500_000 / document.utf8.count + 1)
    text += String(repeating: "Één café 😀 “quoted” naïef. ", count: 60_000) + "\n\n"
    text += String(repeating: "A line of a paragraph that goes on.\n", count: 40_000) + "\n"
    text += String(repeating: document + "\n\n", count: 200_000 / document.utf8.count + 1)
    return text
  }

  @Test("a file read piece by piece gives the units of its text read whole, with and without a BOM")
  func fileUnitsAreTextUnits() throws {
    let text = try hardText()
    let expected = Segmenter(language: .dutch).segment(text, format: .text)
    for bom in [[], [0xEF, 0xBB, 0xBF] as [UInt8]] {
      let path = try temporaryFile(bom + Array(text.utf8), "pieces")
      defer { try? FileManager.default.removeItem(atPath: path) }
      let file = try #require(PlainTextFile.check(path: path))
      #expect(file.byteCount == text.utf8.count)
      #expect(!file.headIsWhole)
      #expect(file.guessLanguage() == Segmenter.guessLanguage(of: text))
      var units: [Unit] = []
      try Segmenter(language: .dutch).segment(file: file, name: path, spans: { units.append($0.unit) })
      #expect(units.count == expected.count)
      #expect(units == expected)
    }
  }

  @Test("a file the whole-file loader would refuse or decode otherwise is left to it")
  func unusualFilesAreLeftToTheLoader() throws {
    let cases: [(String, [UInt8])] = [
      ("empty", []), ("utf16", [0xFF, 0xFE, 0x41, 0x00]), ("nul", Array("Tekst.\0 Meer.\n".utf8)),
      ("invalid", Array("Tekst ".utf8) + [0xC3, 0x28] + Array(" meer.\n".utf8)),
      ("unfinished", Array("Tekst ".utf8) + [0xE2, 0x82]), ("no-letters", Array("123 456\n".utf8)),
      ("bom-only", [0xEF, 0xBB, 0xBF]),
    ]
    for (name, bytes) in cases {
      let path = try temporaryFile(bytes, name)
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect(PlainTextFile.check(path: path) == nil, "\(name)")
    }
    #expect(PlainTextFile.check(path: "/nonexistent/tweetal-plain.txt") == nil)
    let path = try temporaryFile(Array("Één zin.\n".utf8), "short")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try #require(PlainTextFile.check(path: path))
    #expect(file.headIsWhole && file.head == "Één zin.\n")
  }
}
