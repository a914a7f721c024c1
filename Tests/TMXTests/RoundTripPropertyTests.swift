import PropertyBased
import TMX
import TestSupport
import Testing

/// Arbitrary text through the writer and the reader, with a fixed seed: what XML 1.0 can carry comes
/// back exactly; anything else is refused by the writer with the character named, never dropped.
/// A failure prints the shrunk input; the seed is fixed, so a rerun tests the same 300 cases.
@Suite("TMX round trip of arbitrary text (property)")
struct RoundTripPropertyTests {
  /// Pieces that have broken XML writers: markup characters, a CDATA end, line ends, controls
  /// (only tab, LF and CR are XML), non-characters, astral scalars (surrogate pairs in UTF-16),
  /// combining marks, white space at the ends.
  static let pieces = [
    "]]>", "]]", "&", "<", ">", "\"", "'", "&amp;", "\r\n", "\r", "\n", "\t", " ", "  ", "\u{0}", "\u{1}",
    "\u{8}", "\u{B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "😀", "𝄞",
    "\u{10FFFF}",
    "e\u{301}", "\u{200B}", "\u{2028}", "<![CDATA[", "<!--", "?>", "Zin.", "ß", "日本",
  ]

  /// Text from a list of codes: a code below `pieces.count` is that piece, a larger one a scalar
  /// (BMP or astral), and a code above 60 000 a run of 300 to 3 000 copies of the previous piece.
  static func text(_ codes: [Int]) -> String {
    var text = ""
    var previous = "x"
    for code in codes {
      let piece: String
      if code < pieces.count {
        piece = pieces[code]
      } else if code > 60_000 {
        piece = String(repeating: previous, count: 300 + (code - 60_000) % 2_700)
      } else {
        let value = UInt32(code) < 0xD800 ? UInt32(code) : UInt32(code) + 0x10000
        piece = Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
      }
      text += piece
      // A run repeats the last single piece, never a run: runs of runs grow without bound.
      if code <= 60_000 { previous = piece }
    }
    return text
  }

  static let arbitraryText = Gen<Int>.value(in: 0...62_700).array(of: 0...40).map { text($0) }

  static func document(_ text: String) -> TMXDocument {
    TMXDocument(
      header: Header(
        creationTool: "Tweetal", creationToolVersion: "test", originalFormat: "Tweetal",
        sourceLanguage: "nl-NL"),
      units: [
        TranslationUnit(
          properties: [Property(type: "x-text", value: text)],
          variants: [
            TranslationVariant(language: "nl-NL", segment: Segment(text: text)),
            TranslationVariant(language: "en-GB", segment: Segment(text: "x" + text + "x")),
          ])
      ])
  }

  static func carriesAll(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
      default: false
      }
    }
  }

  @Test(
    "write then read gives the same text, or the writer refuses a character XML cannot carry")
  func arbitraryTextRoundTrips() async {
    await seededPropertyCheck(count: 300, seed: 10, input: Self.arbitraryText) { text in
      let document = Self.document(text)
      if Self.carriesAll(text) {
        let bytes = try TMXWriter.bytes(of: document)
        let read = try TMXReader.read(bytes: bytes, name: "property.tmx")
        #expect(read == document)
        #expect(read.units.first?.variants.first?.segment.plainText == text)
      } else {
        let error = try #require(throws: TMXError.self) { try TMXWriter.bytes(of: document) }
        #expect(error.message.contains("XML 1.0 cannot carry"), "\(error)")
      }
    }
  }
}
