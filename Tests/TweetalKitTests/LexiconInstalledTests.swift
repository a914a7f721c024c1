import Aligner
import Foundation
import TestSupport
import Testing
import TweetalKit

private let dictd = "/usr/share/dictd"
private let hasDutchEnglish = FileManager.default.fileExists(atPath: dictd + "/freedict-nld-eng.index")
private let hasGermanFrench = FileManager.default.fileExists(atPath: dictd + "/freedict-deu-fra.index")
private let worktree = URL(fileURLWithPath: Repository.root)
private let textBerg = URL(fileURLWithPath: Shared.path(Shared.textBerg))
private let hasTextBerg = Shared.has(Shared.textBerg + "/dev.defr")

/// Scores of true pairs against scores of unrelated pairs: the probability that a true pair
/// scores higher (ties half), with score = shared anchors / √(anchors of each side).
private func areaUnderCurve(_ truePairs: [(source: [UInt64], target: [UInt64])], negatives: Int) -> Double {
  func score(_ source: [UInt64], _ target: [UInt64]) -> Double {
    Double(AnchorOverlap.shared(source, target).total)
      / (Double(max(source.count, 1)) * Double(max(target.count, 1))).squareRoot()
  }
  let positive = truePairs.map { score($0.source, $0.target) }
  var negative: [Double] = []
  for (index, pair) in truePairs.enumerated() {
    for step in 1...negatives {
      negative.append(score(pair.source, truePairs[(index + step * 7) % truePairs.count].target))
    }
  }
  var wins = 0.0
  for p in positive {
    for n in negative { wins += p > n ? 1 : p == n ? 0.5 : 0 }
  }
  return wins / Double(positive.count * negative.count)
}

@Suite("Installed FreeDict dictionaries")
struct LexiconInstalledTests {
  @Test(
    "The Debian Dutch–English pair loads and translates corpus words",
    .enabled(if: hasDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func dutchEnglish() throws {
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en"))
    #expect(lexicon.headwordCount > 15_000)
    #expect(lexicon.concepts(forSourceWord: "regering").contains("government"))
    #expect(lexicon.concepts(forSourceWord: "terugkeer").contains("return"))
    #expect(lexicon.concepts(forSourceWord: "doelstellingen").contains("goal"), "plural of a headword")
    #expect(lexicon.concepts(forSourceWord: "lidstaten").contains("member"), "compound lid + staten")
  }

  @Test(
    "On the corpus pair the lexicon adds shared evidence to a true pair without hurting separation",
    .enabled(if: hasDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func corpusPair() throws {
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en"))
    let dutch = try String(
      contentsOf: worktree.appendingPathComponent("corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt"),
      encoding: .utf8)
    let english = try String(
      contentsOf: worktree.appendingPathComponent("corpus/en/2022-04-14_gcm-voluntary-national-review.txt"),
      encoding: .utf8)
    let source = try #require(
      dutch.split(separator: "\n").first { $0.hasPrefix("Het IMRF biedt de gelegenheid") })
    let target = try #require(
      english.split(separator: "\n").first { $0.hasPrefix("A comprehensive approach also") })
    let shared = AnchorOverlap.shared(
      AnchorExtractor(language: "nl", lexicon: lexicon).anchors(for: String(source)),
      AnchorExtractor(language: "en", lexicon: lexicon).anchors(for: String(target)))
    // herkomst → origin, bestemming → destination, landen → country: none is a cognate.
    #expect(shared[.lexicon] >= 3)
  }

  @Test(
    "On Text+Berg the German–French lexicon keeps true and unrelated pairs apart",
    .enabled(if: hasTextBerg, Shared.reason(Shared.textBerg)),
    .enabled(if: hasGermanFrench, "needs dict-freedict-deu-fra in /usr/share/dictd"))
  func textBergGermanFrench() throws {
    func lines(_ name: String) throws -> [String] {
      try String(contentsOf: textBerg.appendingPathComponent(name), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    let german = try lines("dev.de")
    let french = try lines("dev.fr")
    let beads: [([Int], [Int])] = try lines("dev.defr").compactMap { line in
      let sides = line.split(separator: ":").map { side in
        side.filter { $0.isNumber || $0 == "," }.split(separator: ",").compactMap { Int($0) }
      }
      return sides.count == 2 && !sides[0].isEmpty && !sides[1].isEmpty ? (sides[0], sides[1]) : nil
    }
    let start = Date()
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "de", targetLanguage: "fr"))
    let loading = Date().timeIntervalSince(start)
    func pairs(_ lexicon: (any Lexicon)?) -> [(source: [UInt64], target: [UInt64])] {
      let source = german.map(AnchorExtractor(language: "de", lexicon: lexicon).anchors(for:))
      let target = french.map(AnchorExtractor(language: "fr", lexicon: lexicon).anchors(for:))
      return beads.map { bead in
        (
          bead.0.reduce([]) { AnchorOverlap.union($0, source[$1]) },
          bead.1.reduce([]) { AnchorOverlap.union($0, target[$1]) }
        )
      }
    }
    let without = areaUnderCurve(pairs(nil), negatives: 20)
    let with = areaUnderCurve(pairs(lexicon), negatives: 20)
    print("Text+Berg de–fr AUC without lexicon \(without), with deu-fra \(with); load \(loading) s")
    #expect(with > 0.85)
  }
}
