import Synchronization

/// What one written word contributes, independent of its place in the sentence.
struct WordFeatures: Sendable {
  /// The `name:` anchor, given when the word's position makes it a name.
  var name: (key: AnchorKey, id: UInt64)?
  /// Whether the word is all capitals (an acronym): a name wherever it stands.
  var isAcronym: Bool
  /// Whether the word is capitalised or mixed case: a name unless it starts the sentence.
  var isCapitalised: Bool
  /// A number word's value, or cognate and lexicon anchors.
  var anchors: [(key: AnchorKey, id: UInt64)]
  /// The month the word names (1...12), if it is a month name or abbreviation.
  var month: Int?
}

/// Word features by written form, shared by copies of an extractor and safe across threads:
/// most words of a text are repeats, so each is folded, stemmed, translated and hashed once.
final class WordCache: Sendable {
  private let table = Mutex<[String: WordFeatures]>([:])
  /// Distinct words kept at most; beyond that, features are computed without being stored.
  static let capacity = 500_000

  /// The features stored for `word`, if any.
  func cached(_ word: String) -> WordFeatures? {
    table.withLock { $0[word] }
  }

  /// Stores the features of `word` while the cache holds fewer than ``capacity`` words.
  func store(_ word: String, _ features: WordFeatures) {
    table.withLock { if $0.count < Self.capacity { $0[word] = features } }
  }
}

extension AnchorExtractor {
  /// The month a word token names (English `may` only when capitalised), from the word cache.
  func month(_ token: AnchorToken) -> Int? {
    token.kind == .word ? cachedFeatures(token.text).month : nil
  }

  /// The features of a written word, from the word cache or computed and stored there. (Not a
  /// cache method taking `wordFeatures` as a closure: that copied the whole extractor, and released
  /// it, for every word.)
  func cachedFeatures(_ word: String) -> WordFeatures {
    if let known = wordCache.cached(word) { return known }
    let features = wordFeatures(word)
    wordCache.store(word, features)
    return features
  }

  /// Names, number words, cognates and lexicon anchors of the words.
  func findWords(_ tokens: [AnchorToken], _ consumed: [Bool], _ collector: inout KeyCollector) {
    // The sentence's first real word (after a list label such as `a)`) is capitalised by rule.
    let firstWord = tokens.firstIndex { $0.kind == .word && $0.text.unicodeScalars.count >= 2 }
    for (index, token) in tokens.enumerated() where token.kind == .word && !consumed[index] {
      let features = cachedFeatures(token.text)
      if let name = features.name, features.isAcronym || features.isCapitalised && index != firstWord {
        collector.add(name.key, id: name.id)
      }
      if token.text == "cent" && index > 0 && ["per", "pour"].contains(tokens[index - 1].text) { continue }
      for anchor in features.anchors { collector.add(anchor.key, id: anchor.id) }
    }
  }

  /// The features of one written word (uncached).
  private func wordFeatures(_ text: String) -> WordFeatures {
    let folded = TextFolding.fold(text)
    let letters = folded.unicodeScalars.count
    let shape = WordShape(text)
    var features = WordFeatures(
      name: nil, isAcronym: shape == .allCapitals, isCapitalised: shape != .lower, anchors: [],
      month: AnchorLanguageData.month(folded))
    if folded == "may" && text.unicodeScalars.first != "M" { features.month = nil }
    func add(_ kind: AnchorKind, _ value: String) {
      let key = AnchorKey(kind, value)
      features.anchors.append((key, key.id))
    }
    if letters >= 2 && shape != .lower {
      let key = AnchorKey(.name, folded)
      features.name = (key, key.id)
    }
    if let value = AnchorLanguageData.numberWord(folded) {
      add(.number, String(value))
      return features
    }
    guard !data.stopWords.contains(folded) else { return features }
    if letters >= 4 && shape != .allCapitals {
      add(.cognate, String(String.UnicodeScalarView(folded.unicodeScalars.prefix(4))))
    }
    switch lexiconRole {
    case .source:
      guard let lexicon, let targetData = lexiconTargetData else { break }
      var seen: Set<String> = []
      for phrase in lexicon.concepts(forSourceWord: text) {
        for word in AnchorTokenizer.tokens(Array(phrase.unicodeScalars)) where word.kind == .word {
          let translated = TextFolding.fold(word.text)
          guard translated.utf8.count >= 3, !targetData.stopWords.contains(translated) else { continue }
          let value = Self.lexiconKey(translated, language: lexiconTarget)
          if seen.insert(value).inserted { add(.lexicon, value) }
        }
      }
    case .target:
      if letters >= 3 { add(.lexicon, Self.lexiconKey(folded, language: language)) }
    case .none:
      break
    }
    return features
  }

  /// The lexicon anchor value of a folded target word: its stem cut to ``lexiconKeyLength``
  /// letters, so that derivations meet (`cooperate`, `cooperation` → `cooper`).
  static func lexiconKey(_ folded: String, language: String) -> String {
    let stem = TextFolding.stem(folded, language: language)
    return String(String.UnicodeScalarView(stem.unicodeScalars.prefix(lexiconKeyLength)))
  }

  /// Letters kept of a lexicon anchor's stem.
  static let lexiconKeyLength = 6
}

extension AnchorExtractor {
  /// The content words of `text` as IDs for the learned lexicon (``AlignerSentence/words``):
  /// each word of two or more letters that is not a stop word of ``language``, folded (lower case,
  /// no diacritics) and cut to its crude stem (``TextFolding/stem(_:language:)``), hashed. A word
  /// with the same stem in both languages gets the same ID on both sides (the learned lexicon
  /// leaves such pairs to the cognate and name anchors). Unique, in text order.
  public func words(for text: String) -> [UInt64] {
    var ids: [UInt64] = []
    var seen: Set<UInt64> = []
    for token in AnchorTokenizer.tokens(Array(text.unicodeScalars)) where token.kind == .word {
      let folded = TextFolding.fold(token.text)
      guard folded.unicodeScalars.count >= 2, !data.stopWords.contains(folded) else { continue }
      let id = AnchorID.make(.lexicon, "word:" + TextFolding.stem(folded, language: language))
      if seen.insert(id).inserted { ids.append(id) }
    }
    return ids
  }
}
