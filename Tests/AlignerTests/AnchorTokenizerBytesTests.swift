import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The tokenizer that reads the sentence's UTF-8 (session 19) against the one it replaced, which
/// read an array of scalars and copied each token's text into a `String`: the same tokens, texts,
/// spaces, first scalars, scalar counts and plain-digit values, on real Dutch, English, German and
/// French text and on made-up lines with non-ASCII letters, marks, separators and addresses.
@Suite("Anchor tokens cut from UTF-8 agree with the old scalar tokenizer")
struct AnchorTokenizerBytesTests {
  /// The tokenizer before session 19, as it was (`AnchorTokenizer.tokens(_ scalars:utf8:offsets:)`).
  static func oldTokens(_ scalars: [Unicode.Scalar]) -> [(kind: AnchorToken.Kind, text: String, space: Bool)]
  {
    var tokens: [(kind: AnchorToken.Kind, text: String, space: Bool)] = []
    var index = 0
    var space = true
    while index < scalars.count {
      let scalar = scalars[index]
      if AnchorTokenizer.isSpace(scalar) {
        space = true
        index += 1
        continue
      }
      let start = index
      let kind: AnchorToken.Kind
      if AnchorTokenizer.isDigit(scalar) {
        kind = .number
        index += 1
        while index < scalars.count {
          if AnchorTokenizer.isDigit(scalars[index]) {
            index += 1
          } else if AnchorTokenizer.isNumberSeparator(scalars[index]), index + 1 < scalars.count,
            AnchorTokenizer.isDigit(scalars[index + 1])
          {
            index += 2
          } else {
            break
          }
        }
      } else if AnchorTokenizer.isLetter(scalar) {
        kind = .word
        index += 1
        while index < scalars.count
          && (AnchorTokenizer.isLetter(scalars[index]) || AnchorTokenizer.isMark(scalars[index]))
        {
          index += 1
        }
      } else {
        kind = .symbol
        index += 1
      }
      tokens.append((kind, String(String.UnicodeScalarView(scalars[start..<index])), space))
      space = false
    }
    return tokens
  }

  /// Made-up lines for what real text has little of: marks, other scripts, separators, addresses.
  static let madeUp = [
    "Café, naïve coöperatie: e\u{301}e\u{301}n ĳsje — 1\u{A0}000\u{202F}000 € en 3’000 CHF (17.05.2022).",
    "Straße ÆØÅ œuvre Ελληνικά русский 日本語 ١٢٣ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀👍🏽 a\u{300}\u{301}b",
    "1.5% van 1,000.25 en 0042 of 00 of 12345 of 1.2.3 of 1, 2 of 1 ,2 of 3'4 of 5.",
    "Mail info@example.org, zie https://www.rijksoverheid.nl/a/b/ of WWW.Example.COM.",
    "\u{2028}tab\tline\u{85}end\u{3000}ideo\u{2009}thin 7\u{2009}500",
    "", " ", "a", "1", "€", "\u{301}x", "x\u{301}",
  ]

  /// Real lines: the corpus letters, the Text+Berg dev pair and the nl–en pages when present.
  static func lines() throws -> [String] {
    var lines = try AnchorSpeedEquivalenceTests.lines() + madeUp
    let pages = Shared.path("bench/nlen-manpages-dev/full")
    if let names = try? FileManager.default.contentsOfDirectory(atPath: pages) {
      for name in names.sorted() where name.hasSuffix(".nl") || name.hasSuffix(".en") {
        lines += try String(contentsOfFile: pages + "/" + name, encoding: .utf8).split(separator: "\n").map(
          String.init)
      }
    }
    return lines
  }

  static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let old = oldTokens(Array(text.unicodeScalars))
    var text = text
    text.withUTF8 { utf8 in
      let tokens = AnchorTokens(utf8)
      #expect(
        tokens.count == old.count, "\(String(decoding: utf8, as: UTF8.self))", sourceLocation: sourceLocation)
      for (token, expected) in zip(tokens, old) {
        let written = tokens.text(token)
        #expect(token.kind == expected.kind && written == expected.text, sourceLocation: sourceLocation)
        #expect(token.spaceBefore == expected.space, "\(written)", sourceLocation: sourceLocation)
        #expect(token.first == expected.text.unicodeScalars.first, sourceLocation: sourceLocation)
        #expect(token.scalarCount == expected.text.unicodeScalars.count, sourceLocation: sourceLocation)
        #expect(token.byteCount == expected.text.utf8.count, sourceLocation: sourceLocation)
        // What `AnchorNumbers.day` and `year` read with `Int(text)` before.
        let plain = token.kind == .number && token.byteCount <= 4 ? Int(expected.text) ?? -1 : -1
        #expect(token.digitsValue == plain, "\(written)", sourceLocation: sourceLocation)
        #expect(
          tokens.token(token, is: "cent") == (expected.text == "cent"), "\(written)",
          sourceLocation: sourceLocation)
      }
    }
  }

  @Test("Every line of the corpus letters, the Text+Berg pair and the nl–en pages: the same tokens")
  func realLines() throws {
    let lines = try Self.lines()
    // The corpus letters alone give 372 lines; the Text+Berg pair and the pages, when present, more.
    #expect(lines.count > 350)
    for line in lines { Self.check(line) }
  }

  @Test("Lines with addresses blanked out, as the extractor cuts them: the same tokens")
  func blankedAddresses() throws {
    var checked = 0
    for line in try Self.lines() where AnchorTokenizer.mayHoldAddress(Array(line.utf8)) {
      let (addresses, rest) = AnchorTokenizer.extractAddresses(Array(line.unicodeScalars))
      guard !addresses.isEmpty else { continue }
      Self.check(String(String.UnicodeScalarView(rest)))
      checked += 1
    }
    #expect(checked >= 1)
  }

  @Test(
    "A string made from scalars by their UTF-8 is the string of the scalars, on every line and its pieces")
  func stringOfScalars() throws {
    var lines = try Self.lines()
    lines += [
      "", "é", "e\u{301}", "😀 ﬁ ß", "\u{FEFF}a\r\nb", "mailto:Jan@Example.NL (zie www.rijksoverheid.nl/x)",
    ]
    var withAddresses = 0
    for line in lines {
      let scalars = Array(line.unicodeScalars)
      #expect(AnchorTokenizer.string(scalars) == String(String.UnicodeScalarView(scalars)))
      #expect(Array(AnchorTokenizer.string(scalars).utf8) == Array(line.utf8))
      let half = scalars.count / 2
      #expect(AnchorTokenizer.string(scalars[half...]) == String(String.UnicodeScalarView(scalars[half...])))
      // What the extractor rebuilds of a line with an address: the rest, and the address.
      let (addresses, rest) = AnchorTokenizer.extractAddresses(scalars)
      #expect(AnchorTokenizer.string(rest) == String(String.UnicodeScalarView(rest)))
      if !addresses.isEmpty { withAddresses += 1 }
    }
    #expect(withAddresses >= 1)
  }

  @Test("Words of a line are the word tokens' texts")
  func words() {
    #expect(
      AnchorTokenizer.words("Zie art. 5 van De Coöperatie-wet, 1.000 keer!") == [
        "Zie", "art", "van", "De", "Coöperatie", "wet", "keer",
      ])
  }
}
