import TMX
import Testing

/// Encodings other tools write: the byte-order mark or the XML declaration decides.
@Suite("Reading TMX in other encodings")
struct EncodingTests {
  static func tmx(declaration: String, text: String) -> String {
    """
    \(declaration)
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" \
    adminlang="en" srclang="nl"/><body><tu><tuv xml:lang="nl"><seg>\(text)</seg></tuv></tu></body></tmx>
    """
  }

  func segmentText(_ bytes: [UInt8]) throws -> String? {
    try TMXReader.read(bytes: bytes, name: "encoded.tmx").units.first?.variants.first?.segment.plainText
  }

  @Test("UTF-16 big-endian with a byte-order mark")
  func utf16BigEndian() throws {
    let text = Self.tmx(declaration: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", text: "Één ĳsje €")
    let bytes: [UInt8] =
      [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    #expect(try segmentText(bytes) == "Één ĳsje €")
  }

  @Test("UTF-16 little-endian with a byte-order mark and no declaration")
  func utf16LittleEndianWithoutDeclaration() throws {
    let text = Self.tmx(declaration: "", text: "naïef 🇳🇱")
    let bytes: [UInt8] =
      [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(try segmentText(bytes) == "naïef 🇳🇱")
  }

  @Test("ISO-8859-15 declared: 0xA4 is the euro sign")
  func latin9() throws {
    var bytes = Array(
      Self.tmx(declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>", text: "X").utf8)
    let index = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
    bytes.replaceSubrange(index...index, with: [0x31, 0x30, 0x20, 0xA4, 0x20, 0xE9])  // "10 € é"
    #expect(try segmentText(bytes) == "10 € é")
  }
}
