import Testing

@testable import Segmenter

@Suite("Loading text")
struct TextLoaderTests {
  let dutch = "Het GCM kent 23 algemene doelstellingen. Doelstellingen en opties zijn geïnspireerd."

  @Test("UTF-8 without and with a BOM decodes; the BOM is not text")
  func utf8() throws {
    #expect(try TextLoader.decode(Array(dutch.utf8), file: "a.txt") == dutch)
    #expect(try TextLoader.decode([0xEF, 0xBB, 0xBF] + Array(dutch.utf8), file: "a.txt") == dutch)
  }

  @Test("UTF-16 LE and BE with a BOM decode")
  func utf16() throws {
    let units = Array(dutch.utf16)
    let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(try TextLoader.decode(little, file: "le.txt") == dutch)
    #expect(try TextLoader.decode(big, file: "be.txt") == dutch)
  }

  @Test("windows-1252 is refused with the file, the byte offset and the iconv fix")
  func windows1252Refused() {
    let bytes = Array("Het is geen verdrag, het wordt ook niet ondertekend ".utf8) + [0xE9, 0x2E]
    #expect {
      try TextLoader.decode(bytes, file: "brief.txt")
    } throws: { error in
      let message = (error as? TextLoadError)?.description ?? ""
      return message.hasPrefix("brief.txt: ") && message.contains("byte offset 52")
        && message.contains("iconv -f WINDOWS-1252 -t UTF-8")
    }
  }

  @Test("windows-1252 and latin1 decode when the user names them")
  func namedEncodings() throws {
    let bytes = Array("appel ".utf8) + [0xE8, 0x20, 0x80, 0x20, 0x93, 0x6A, 0x61, 0x94]
    #expect(try TextLoader.decode(bytes, file: "x", encoding: .windows1252) == "appel è € “ja”")
    #expect(try TextLoader.decode([0x63, 0x61, 0x66, 0xE9], file: "x", encoding: .latin1) == "café")
  }

  @Test("empty, binary and letterless files get clear errors")
  func badFiles() {
    #expect(throws: TextLoadError.self) { try TextLoader.decode([], file: "leeg.txt") }
    #expect {
      try TextLoader.decode([0x25, 0x50, 0x44, 0x46, 0x00, 0x01], file: "brief.pdf")
    } throws: { ($0 as? TextLoadError)?.message.contains("NUL byte at byte offset 4") == true }
    #expect {
      try TextLoader.decode(Array("12 34\n-- 56".utf8), file: "cijfers.txt")
    } throws: { ($0 as? TextLoadError)?.message.contains("no letters") == true }
  }

  @Test("CRLF, CR and LF line endings give the same units")
  func lineEndings() {
    let text =
      "Achtergrond\n\nHet GCM is een instrument van global governance. Het biedt voor het\neerst een raamwerk.\n"
    let lf = texts(text)
    #expect(
      lf == [
        "Achtergrond", "Het GCM is een instrument van global governance.",
        "Het biedt voor het eerst een raamwerk.",
      ])
    #expect(
      texts(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")) == lf)
    #expect(
      texts(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r")) == lf)
  }
}
