import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The faster pieces of anchor extraction against what they replaced, on real text: the Text+Berg
/// dev pair (German, French) and the corpus letters (Dutch, English).
@Suite("Anchor extraction: faster pieces agree with the old ones")
struct AnchorSpeedEquivalenceTests {
  /// Every line of the corpus documents and, when ../shared is there, of the Text+Berg dev pair.
  static func lines() throws -> [String] {
    var paths = [
      "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt", "corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt",
      "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
    ].map { Fixtures.repositoryRoot.appendingPathComponent($0).path }
    if TextBerg.isPresent {
      paths += ["dev.de", "dev.fr"].map { TextBerg.folder.appendingPathComponent($0).path }
    }
    return try paths.flatMap { path in
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }
  }

  /// The words of `lines` as the tokenizer cuts them, each also in capitals.
  static func words(_ lines: [String]) -> [String] {
    var words: Set<String> = []
    for line in lines {
      for word in AnchorTokenizer.words(line) {
        words.insert(word)
        words.insert(word.uppercased())
      }
    }
    return words.sorted()
  }

  /// The folding before session 13: lower-cased, then folded scalar by scalar into a
  /// `String.UnicodeScalarView`.
  static func oldFold(_ text: String) -> String {
    let latin1 = Array("aaaaaa3ceeeeiiiidnooooo_ouuuuy45aaaaaa3ceeeeiiiidnooooo_ouuuuy4y".unicodeScalars)
    let latinExtendedA = Array(
      ("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllllnnnnnnnnnoooooo22"
        + "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs").unicodeScalars)
    var result = String.UnicodeScalarView()
    for scalar in text.lowercased().unicodeScalars {
      let value = scalar.value
      if value < 0xC0 {
        result.append(scalar)
        continue
      }
      if (0x300...0x36F).contains(value) { continue }
      let replacement: Unicode.Scalar
      if value <= 0xFF {
        replacement = latin1[Int(value - 0xC0)]
      } else if value <= 0x17F {
        replacement = latinExtendedA[Int(value - 0x100)]
      } else {
        result.append(scalar)
        continue
      }
      switch replacement {
      case "_": result.append(scalar)
      case "1": result.append(contentsOf: "ij".unicodeScalars)
      case "2": result.append(contentsOf: "oe".unicodeScalars)
      case "3": result.append(contentsOf: "ae".unicodeScalars)
      case "4": result.append(contentsOf: "th".unicodeScalars)
      case "5": result.append(contentsOf: "ss".unicodeScalars)
      default: result.append(replacement)
      }
    }
    return String(result)
  }

  @Test("Folding every scalar up to U+0400 (alone and inside a word) gives the old result")
  func foldEveryScalar() {
    for value in UInt32(0)..<0x400 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      for text in [String(scalar), "É" + String(scalar) + "ĳs", "ab" + String(scalar)] {
        #expect(TextFolding.fold(text) == Self.oldFold(text), "U+\(String(value, radix: 16)) in \(text)")
      }
    }
  }

  @Test("Folding every word of the corpus letters and the Text+Berg pair gives the old result")
  func foldRealWords() throws {
    let words = Self.words(try Self.lines())
    // The corpus letters alone give 3 663 words; the Text+Berg pair, when present, many more.
    #expect(words.count > 3_000)
    let different = words.filter { TextFolding.fold($0) != Self.oldFold($0) }
    #expect(different.isEmpty, "folded differently: \(different.prefix(10))")
  }

  @Test("A text the byte scan rules out holds no address; one it lets through may")
  func addressScan() throws {
    var ruledOut = 0
    var found = 0
    for line in try Self.lines() {
      let scalars = Array(line.unicodeScalars)
      let addresses = AnchorTokenizer.extractAddresses(scalars).addresses
      if !AnchorTokenizer.mayHoldAddress(Array(line.utf8)) {
        ruledOut += 1
        #expect(addresses.isEmpty, "\(line)")
      }
      found += addresses.count
    }
    // The corpus letters alone give 363 such lines; the Text+Berg pair, when present, more.
    #expect(ruledOut > 300)
    #expect(found > 0)
    for text in ["mail info@example.org now", "see https://x.nl/a", "WwW.rijksoverheid.nl"] {
      #expect(AnchorTokenizer.mayHoldAddress(Array(text.utf8)))
      #expect(!AnchorTokenizer.extractAddresses(Array(text.unicodeScalars)).addresses.isEmpty)
    }
  }

  @Test("The word cache returns what was stored for each word of real text, and nothing for others")
  func wordCache() throws {
    let words = Self.words(try Self.lines())
    let cache = WordCache()
    var stored: [WordFeatures] = []
    for (index, word) in words.enumerated() where index % 2 == 0 {
      let features = WordFeatures(
        name: nil, isAcronym: false, isCapitalised: false, anchors: [], month: index)
      cache.store(word, features)
      stored.append(features)
    }
    for (index, word) in words.enumerated() {
      let found = cache.cached(word)
      if index % 2 == 0 {
        #expect(found === stored[index / 2], "\(word)")
      } else {
        #expect(found == nil, "\(word)")
      }
    }
  }
}
