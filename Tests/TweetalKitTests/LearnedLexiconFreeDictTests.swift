import Foundation
import Testing
import TweetalKit

@testable import Aligner

private let hasDutchEnglish = FileManager.default.fileExists(
  atPath: "/usr/share/dictd/freedict-nld-eng.index")

@Suite("The learned lexicon next to FreeDict counts a word pair once")
struct LearnedLexiconFreeDictTests {
  /// Dutch sentences and their English translations: huis ↔ house and stad ↔ city are learned.
  static let pairs: [(String, String)] = [
    ("Het huis staat aan de rivier.", "The house stands by the river."),
    ("Wij kopen een nieuw huis in de stad.", "We buy a new house in the city."),
    ("Het oude huis heeft een grote tuin.", "The old house has a large garden."),
    ("De tuin ligt achter het huis.", "The garden lies behind the house."),
    ("In de stad is het druk.", "The city is busy."),
    ("De rivier stroomt door de stad.", "The river flows through the city."),
    ("Mijn broer woont in een klein huis.", "My brother lives in a small house."),
  ]

  /// The sentences of one side as the aligner sees them, with `lexicon`'s anchors and the words.
  static func sentences(_ texts: [String], language: String, lexicon: (any Lexicon)?) -> [AlignerSentence] {
    let extractor = AnchorExtractor(language: language, lexicon: lexicon)
    return texts.map {
      AlignerSentence(
        length: $0.count, anchors: extractor.anchors(for: $0), words: extractor.contentWords(for: $0))
    }
  }

  @Test(
    "huis ↔ house, which FreeDict translates, adds no anchor next to it; without FreeDict it gets one of its own",
    .enabled(if: hasDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func learnedPairAnchoredOnce() throws {
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en"))
    let dutch = Self.sentences(Self.pairs.map(\.0), language: "nl", lexicon: lexicon)
    let english = Self.sentences(Self.pairs.map(\.1), language: "en", lexicon: lexicon)
    let model = WordModel(pairs: zip(dutch, english).map { ($0.words.map(\.id), $1.words.map(\.id)) })
    let huis = AnchorExtractor(language: "nl").words(for: "huis")[0]
    let house = AnchorExtractor(language: "en").words(for: "house")[0]
    #expect(model.translations.contains { $0.source == huis && $0.target == house })
    // FreeDict gives "huis" the concept of "house", which the English side carries itself.
    let concept = try #require(english[0].words.first { $0.id == house }?.concept)
    #expect(dutch[0].anchors.contains(concept))

    let (learnedDutch, learnedEnglish) = Aligner.withLearnedAnchors(model, source: dutch, target: english)
    // Every sentence with "huis" or "house" keeps exactly FreeDict's anchors: the pair counts once.
    for (index, pair) in Self.pairs.enumerated() where pair.0.contains("huis") {
      #expect(learnedDutch[index].anchors == dutch[index].anchors, "\(pair.0)")
      #expect(learnedEnglish[index].anchors == english[index].anchors, "\(pair.1)")
    }

    // Without FreeDict the same words learn the same pair, which then brings one anchor of its own.
    let plainDutch = Self.sentences(Self.pairs.map(\.0), language: "nl", lexicon: nil)
    let plainEnglish = Self.sentences(Self.pairs.map(\.1), language: "en", lexicon: nil)
    #expect(plainEnglish.allSatisfy { $0.words.allSatisfy { $0.concept == nil } })
    let (alone, aloneEnglish) = Aligner.withLearnedAnchors(model, source: plainDutch, target: plainEnglish)
    let own = Aligner.learnedAnchorID(huis, house)
    #expect(Set(alone[0].anchors).subtracting(plainDutch[0].anchors).contains(own))
    #expect(Set(aloneEnglish[0].anchors).subtracting(plainEnglish[0].anchors).contains(own))
  }
}
