import FoundationEssentials
import Testing

@testable import Segmenter

@Suite("Units written from their clean scalars")
struct UnitSpanTests {
  /// Texts with every kind of character a line must carry: ASCII controls and the characters
  /// JSON escapes, two-, three- and four-byte UTF-8, line separators, white space of all kinds.
  private let hostile = [
    "Plain text.\n\nA \"quoted\" back\\slash, a\ttab and a bell \u{7}.\n\nC:\\path\\to\\file and \u{7F} too.",
    "Één café, “curly” — dash, 😀 emoji, \u{2028}line\u{2029}para, \u{A0}nbsp and \u{FEFF}bom.\r\n\r\nCRLF.",
    "A word broken at a line-\nend and a URL https://example.org/x_\ny that continues.\n\n\u{1}\u{1F} controls.",
  ]

  @Test("a span's text and JSON lines are byte for byte those of its unit, on the corpus and hostile text")
  func linesMatchUnits() throws {
    var documents = hostile
    for path in corpusDocuments {
      documents.append(try corpusText(path))
    }
    var compared = 0
    for (index, text) in documents.enumerated() {
      for format in [InputFormat.auto, .text, .markdown, .pdfText] {
        let segmenter = Segmenter(language: index % 2 == 0 ? .dutch : .english)
        var fromSpans: [UInt8] = []
        var jsonFromSpans: [UInt8] = []
        var spanUnits: [Unit] = []
        // What `tweetal segment` writes: each line straight into a buffer of `lineBound` bytes.
        var written: [UInt8] = []
        var jsonWritten: [UInt8] = []
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
        defer { buffer.deallocate() }
        segmenter.segment(
          text, format: format,
          spans: { span in
            span.appendTextLine(to: &fromSpans)
            span.appendJSONLine(to: &jsonFromSpans)
            spanUnits.append(span.unit)
            let textCount = span.writeTextLine(to: buffer)
            #expect(textCount <= span.lineBound)
            written += UnsafeBufferPointer(start: buffer, count: textCount)
            let jsonCount = span.writeJSONLine(to: buffer)
            #expect(jsonCount <= span.lineBound)
            jsonWritten += UnsafeBufferPointer(start: buffer, count: jsonCount)
          })
        #expect(written == fromSpans, "document \(index), \(format)")
        #expect(jsonWritten == jsonFromSpans, "document \(index), \(format)")
        let units = segmenter.segment(text, format: format)
        #expect(spanUnits == units, "document \(index), \(format)")
        var fromUnits: [UInt8] = []
        var jsonFromUnits: [UInt8] = []
        for unit in units {
          fromUnits += Array("\(unit.kind.rawValue)\t\(unit.text)\n".utf8)
          unit.appendJSONLine(to: &jsonFromUnits)
        }
        #expect(fromSpans == fromUnits, "document \(index), \(format)")
        #expect(jsonFromSpans == jsonFromUnits, "document \(index), \(format)")
        compared += units.count
      }
    }
    #expect(compared > 1000)
  }

  @Test("the language guess read from ASCII bytes is the guess read from characters")
  func asciiGuessMatchesCharacters() throws {
    var texts = hostile.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
    for path in corpusDocuments {
      texts.append(String(try corpusText(path).unicodeScalars.filter(\.isASCII)))
    }
    // Word lists near the 20 000-word and 200 000-character limits, in both orders, with CR LF.
    let dutch = String(repeating: "de het een van\r\n", count: 6_000)
    let english = String(repeating: "the of and to\n", count: 6_000)
    texts += [dutch + english, english + dutch, String(repeating: "x ", count: 120_000) + english]
    // A Dutch word that is inside the first 200 000 characters only because CR LF is one character.
    let crlf = String(repeating: "xxxxxxxxx\r\n", count: 19_999) + " de"
    #expect(Segmenter.guessLanguageOfASCII(crlf) == .dutch)
    texts.append(crlf)
    for text in texts {
      let fast = try #require(Segmenter.guessLanguageOfASCII(text))
      #expect(fast == Self.guessFromCharacters(text))
    }
    #expect(Segmenter.guessLanguageOfASCII("café de het") == nil)
  }

  @Test("the language guess of text that is not ASCII is the guess read from characters")
  func guessMatchesCharacters() throws {
    var texts = hostile
    for path in corpusDocuments { texts.append(try corpusText(path)) }
    // Words against letters outside ASCII (é, combining marks, the Kelvin sign, ligatures, CJK),
    // separators outside ASCII (NBSP, curly quotes, dashes), word counts near the 20 000-word
    // limit and characters near the 200 000-character limit, in both orders, with CR LF.
    let dutch = String(repeating: "de het\u{00A0}een van café déze e\u{0301}n het\r\n", count: 3_000)
    let english = String(repeating: "the of and to \u{212A}the ﬁle “the” — an\n", count: 3_000)
    texts += [dutch + english, english + dutch, String(repeating: "é ", count: 99_999) + " de de"]
    texts += [String(repeating: "x ", count: 99_999) + "\u{0301}the the", "the\u{0301} the de de 日本語de de"]
    for text in texts {
      #expect(Segmenter.guessLanguage(of: text) == Self.guessFromCharacters(text))
    }
    // The cases above that must come out as each language, so the comparison can fail.
    #expect(Segmenter.guessLanguage(of: dutch + english) == .dutch)
    #expect(Segmenter.guessLanguage(of: english + dutch) == .english)
  }

  /// ``Segmenter/guessLanguage(of:)`` as it reads characters when the text is not ASCII.
  private static func guessFromCharacters(_ text: String) -> SegmenterLanguage {
    let dutch: Set<Substring> = [
      "de", "het", "een", "van", "en", "dat", "op", "te", "voor", "niet", "met",
      "zijn", "die", "is", "worden", "wordt", "ook", "aan", "bij", "naar", "om", "deze", "als", "uw",
    ]
    let english: Set<Substring> = [
      "the", "of", "and", "to", "that", "for", "with", "on", "are", "be", "this",
      "by", "is", "as", "from", "which", "has", "have", "its", "their", "will", "an",
    ]
    var counts = (dutch: 0, english: 0, seen: 0)
    for word in text.prefix(200_000).lowercased().split(whereSeparator: { !$0.isLetter }) {
      if dutch.contains(word) { counts.dutch += 1 }
      if english.contains(word) { counts.english += 1 }
      counts.seen += 1
      if counts.seen > 20_000 { break }
    }
    return counts.dutch > counts.english ? .dutch : .english
  }
}
