import Testing

@testable import Aligner

@Suite("The learned lexicon: IBM Model 1 on confident beads")
struct WordModelTests {
  static let dutch = AnchorExtractor(language: "nl")
  static let english = AnchorExtractor(language: "en")

  /// Dutch sentences and their English translations.
  static let pairs: [(String, String)] = [
    ("Het huis staat aan de rivier.", "The house stands by the river."),
    ("Wij kopen een nieuw huis in de stad.", "We buy a new house in the city."),
    ("Het oude huis heeft een grote tuin.", "The old house has a large garden."),
    ("De tuin ligt achter het huis.", "The garden lies behind the house."),
    ("In de stad is het druk.", "The city is busy."),
    ("De rivier stroomt door de stad.", "The river flows through the city."),
    ("Mijn broer woont in een klein huis.", "My brother lives in a small house."),
  ]

  static func wordPairs(_ pairs: [(String, String)]) -> [(source: [UInt64], target: [UInt64])] {
    pairs.map { (dutch.words(for: $0.0), english.words(for: $0.1)) }
  }

  static func word(_ extractor: AnchorExtractor, _ text: String) -> UInt64 {
    extractor.words(for: text)[0]
  }

  static func translations(of word: UInt64, in model: WordModel) -> [UInt64] {
    model.translations.filter { $0.source == word }.map(\.target)
  }

  @Test("learns huis ↔ house and stad ↔ city from seven sentence pairs; tuin ↔ garden only when looser")
  func learnsFromAHandfulOfPairs() {
    let model = WordModel(pairs: Self.wordPairs(Self.pairs))
    #expect(model.pairsUsed == 7)
    let huis = Self.word(Self.dutch, "huis")
    #expect(Self.translations(of: huis, in: model) == [Self.word(Self.english, "house")])
    #expect(
      Self.translations(of: Self.word(Self.dutch, "stad"), in: model) == [Self.word(Self.english, "city")])
    let house = model.translations.first { $0.source == huis }!
    #expect(house.forward >= 0.7 && house.backward >= 0.7)
    // tuin and garden meet twice, both times next to huis and house: below the default 0.7, found
    // at 0.3.
    let tuin = Self.word(Self.dutch, "tuin")
    #expect(Self.translations(of: tuin, in: model).isEmpty)
    var looser = WordModel.Limits()
    looser.threshold = 0.3
    let loose = WordModel(pairs: Self.wordPairs(Self.pairs), limits: looser)
    #expect(Self.translations(of: tuin, in: loose) == [Self.word(Self.english, "garden")])
    // A word seen once (broer) is below the co-occurrence minimum: nothing is learned for it.
    #expect(Self.translations(of: Self.word(Self.dutch, "broer"), in: loose).isEmpty)
  }

  @Test("the same pairs give the same table, in any order")
  func deterministic() {
    let first = WordModel(pairs: Self.wordPairs(Self.pairs))
    let again = WordModel(pairs: Self.wordPairs(Self.pairs))
    let reversed = WordModel(pairs: Self.wordPairs(Self.pairs.reversed()))
    #expect(first.translations == again.translations)
    #expect(
      first.translations.map { [$0.source, $0.target] }
        == reversed.translations.map { [$0.source, $0.target] })
  }

  @Test("empty input, or pairs with an empty side, learn nothing")
  func emptyInput() {
    #expect(WordModel(pairs: []).translations.isEmpty)
    let oneSided = WordModel(pairs: [
      ([Self.word(Self.dutch, "huis")], []), ([], [Self.word(Self.english, "house")]),
    ])
    #expect(oneSided.translations.isEmpty && oneSided.pairsUsed == 0)
  }

  @Test("the caps hold: at most maximumPairs pairs, at most perWord translations")
  func capsHonoured() {
    var limits = WordModel.Limits()
    limits.maximumPairs = 3
    let capped = WordModel(pairs: Self.wordPairs(Self.pairs), limits: limits)
    #expect(capped.pairsUsed == 3)
    // Three pairs: huis and house meet three times, so that pair is still found.
    #expect(
      Self.translations(of: Self.word(Self.dutch, "huis"), in: capped) == [Self.word(Self.english, "house")])
    limits = WordModel.Limits()
    limits.perWord = 1
    limits.threshold = 0
    limits.minimumCount = 1
    let loose = WordModel(pairs: Self.wordPairs(Self.pairs), limits: limits)
    #expect(!loose.translations.isEmpty)
    #expect(Dictionary(grouping: loose.translations, by: \.source).values.allSatisfy { $0.count == 1 })
    #expect(Dictionary(grouping: loose.translations, by: \.target).values.allSatisfy { $0.count == 1 })
  }

  @Test("the learned pass adds one shared anchor per learned pair, and changes nothing without words")
  func learnedPass() {
    let model = WordModel(pairs: Self.wordPairs(Self.pairs))
    let (source, target) = Aligner.learnedAnchors(model)
    let huis = Self.word(Self.dutch, "huis")
    let house = Self.word(Self.english, "house")
    #expect(source[huis] == [Aligner.learnedAnchorID(huis, house)])
    #expect(target[house] == source[huis])
    #expect(AnchorKind(id: source[huis]![0]) == .lexicon)
    // Sentences without words: the option learns nothing and gives the plain alignment.
    let lengths = [40, 80, 25, 60, 100, 30]
    let plain = lengths.map { AlignerSentence(length: $0) }
    let english = lengths.map { AlignerSentence(length: $0 * 11 / 10) }
    var options = AlignerOptions()
    options.learnLexicon = true
    #expect(
      Aligner(options: options).align(source: plain, target: english).beads
        == Aligner().align(source: plain, target: english).beads)
  }
}
