import Aligner
import Foundation
import Testing

/// The 2022 IMRF letter and its attachment, the Voluntary National Review, split into sentences
/// crudely (lines, then `. ` before a capital): enough to find real corresponding sentences.
struct CorpusPair {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("corpus")

  var source: [String]
  var target: [String]

  init() throws {
    source = try Self.sentences("nl/2022-04-29_kamerbrief-imrf-deelname.txt")
    target = try Self.sentences("en/2022-04-14_gcm-voluntary-national-review.txt")
  }

  static func sentences(_ path: String) throws -> [String] {
    let text = try String(contentsOf: corpus.appendingPathComponent(path), encoding: .utf8)
    var result: [String] = []
    for line in text.split(separator: "\n") {
      var current = ""
      let characters = Array(line)
      for (index, character) in characters.enumerated() {
        current.append(character)
        if character == ".", index + 2 < characters.count, characters[index + 1] == " ",
          characters[index + 2].isUppercase
        {
          result.append(current.trimmingCharacters(in: .whitespaces))
          current = ""
        }
      }
      let rest = current.trimmingCharacters(in: .whitespaces)
      if !rest.isEmpty { result.append(rest) }
    }
    return result
  }

  /// The first sentence containing `fragment`.
  static func find(_ fragment: String, in sentences: [String]) throws -> Int {
    try #require(sentences.firstIndex { $0.contains(fragment) }, "'\(fragment)' should occur")
  }
}

@Suite("Anchors on the real corpus pair (2022 IMRF letter ↔ Voluntary National Review)")
struct AnchorCorpusTests {
  /// Corresponding sentences: a fragment of the Dutch one, a fragment of the English one, and
  /// how many anchors they must share at least (a bare reference line has only one).
  static let pairs: [(String, String, Int)] = [
    ("3963666", "Our reference", 1),
    ("www.rijksoverheid.nl/jenv", "Turfmarkt 147", 1),
    ("Andere voorbeelden zijn de Nederlandse steun", "the United Nations Office on Drugs and Crime via", 6),
    ("op 19 december 2018 door de Algemene Vergadering", "The Netherlands supports the Global Compact", 5),
    ("herkennen van documentfraude", "detection of document fraud", 2),
  ]

  @Test("Each corresponding sentence pair shares anchors, and the English partner ranks near the top")
  func correspondingSentences() throws {
    let corpus = try CorpusPair()
    let source = corpus.source.map(AnchorExtractor(language: "nl").anchors(for:))
    let target = corpus.target.map(AnchorExtractor(language: "en").anchors(for:))
    for (dutch, english, minimum) in Self.pairs {
      let sourceIndex = try CorpusPair.find(dutch, in: corpus.source)
      let targetIndex = try CorpusPair.find(english, in: corpus.target)
      let scores = target.map { AnchorOverlap.shared(source[sourceIndex], $0).total }
      let partner = scores[targetIndex]
      let better = scores.filter { $0 > partner }.count
      #expect(partner >= minimum, "\(dutch) ↔ \(english)")
      #expect(better <= 2, "\(dutch): \(better) English sentences share more than its partner")
    }
  }

  @Test("Specific shared evidence: the reference number, the URL, UNODC's full name, GCM")
  func sharedEvidence() throws {
    let corpus = try CorpusPair()
    let dutch = AnchorExtractor(language: "nl")
    let english = AnchorExtractor(language: "en")
    func shared(_ nl: String, _ en: String) throws -> AnchorCounts {
      let source = corpus.source[try CorpusPair.find(nl, in: corpus.source)]
      let target = corpus.target[try CorpusPair.find(en, in: corpus.target)]
      return AnchorOverlap.shared(dutch.anchors(for: source), english.anchors(for: target))
    }
    #expect(try shared("3963666", "Our reference")[.reference] == 1)
    #expect(try shared("www.rijksoverheid.nl/jenv", "Turfmarkt 147")[.url] == 1)
    #expect(try shared("Andere voorbeelden zijn", "Office on Drugs and Crime via")[.name] >= 5)
    #expect(try shared("door de Algemene Vergadering", "supports the Global Compact")[.name] >= 4)
  }

  @Test("Unrelated sentences share few anchors: the mean over all pairs is far below true pairs")
  func unrelatedSentences() throws {
    let corpus = try CorpusPair()
    let source = corpus.source.map(AnchorExtractor(language: "nl").anchors(for:))
    let target = corpus.target.map(AnchorExtractor(language: "en").anchors(for:))
    var total = 0
    for sourceAnchors in source {
      for targetAnchors in target { total += AnchorOverlap.shared(sourceAnchors, targetAnchors).total }
    }
    let mean = Double(total) / Double(source.count * target.count)
    var trueTotal = 0
    for (dutch, english, _) in Self.pairs {
      let sourceIndex = try CorpusPair.find(dutch, in: corpus.source)
      let targetIndex = try CorpusPair.find(english, in: corpus.target)
      trueTotal += AnchorOverlap.shared(source[sourceIndex], target[targetIndex]).total
    }
    let trueMean = Double(trueTotal) / Double(Self.pairs.count)
    #expect(trueMean > 5 * mean, "true pairs \(trueMean), all pairs \(mean)")
  }
}
