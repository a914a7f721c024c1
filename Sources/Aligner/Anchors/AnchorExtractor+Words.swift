import Synchronization

/// What one written word contributes, independent of its place in the sentence. A class, so
/// that a cache hit costs one retain rather than a copy of every field.
final class WordFeatures: Sendable {
  /// The `name:` anchor, given when the word's position makes it a name.
  let name: (key: AnchorKey, id: UInt64)?
  /// Whether the word is all capitals (an acronym): a name wherever it stands.
  let isAcronym: Bool
  /// Whether the word is capitalised or mixed case: a name unless it starts the sentence.
  let isCapitalised: Bool
  /// A number word's value, or cognate and lexicon anchors.
  let anchors: [(key: AnchorKey, id: UInt64)]
  /// The IDs of ``anchors``, in order: all that ``AnchorExtractor/anchors(for:)`` adds.
  let anchorIDs: [UInt64]
  /// The month the word names (1...12), if it is a month name or abbreviation.
  let month: Int?

  init(
    name: (key: AnchorKey, id: UInt64)?, isAcronym: Bool, isCapitalised: Bool,
    anchors: [(key: AnchorKey, id: UInt64)], month: Int?
  ) {
    self.name = name
    self.isAcronym = isAcronym
    self.isCapitalised = isCapitalised
    self.anchors = anchors
    anchorIDs = anchors.map(\.id)
    self.month = month
  }
}

/// Word features by written form, shared by copies of an extractor and safe across threads:
/// most words of a text are repeats, so each is folded, stemmed, translated and hashed once.
///
/// Keyed by the word's UTF-8 bytes with an FNV-1a hash (open addressing): `String` hashing
/// (SipHash, and a normalisation check for non-ASCII text) and the copy of a struct of features
/// were a fifth of the extraction's time on a 10k-sentence pair. A sentence's words are looked up
/// under one lock (``withTable(_:)``), by the bytes of the sentence itself.
final class WordCache: Sendable {
  private let table = Mutex(WordTable())
  /// Distinct words kept at most; beyond that, features are computed without being stored.
  static let capacity = 500_000

  /// The features stored for `word`, if any.
  func cached(_ word: String) -> WordFeatures? {
    var word = word
    return word.withUTF8 { bytes in table.withLock { $0.find(bytes) } }
  }

  /// Runs `body` with the table locked: the lookups and stores of a whole sentence under one lock.
  func withTable(_ body: (inout WordTable) -> Void) {
    table.withLock { body(&$0) }
  }

  /// Stores the features of `word` while the cache holds fewer than ``capacity`` words.
  func store(_ word: String, _ features: WordFeatures) {
    var word = word
    word.withUTF8 { bytes in
      table.withLock { if $0.count < Self.capacity { $0.insert(bytes, features) } }
    }
  }
}

/// An open-addressing hash table from UTF-8 byte strings to word features (no removal).
struct WordTable {
  /// Entry index + 1 per slot, 0 for empty; the slot count is a power of two.
  private var slots = [Int32](repeating: 0, count: 1024)
  private var hashes: [UInt64] = []
  /// Where each entry's key starts in `keyBytes`; entry `i` ends where `i + 1` starts.
  private var keyStarts: [Int32] = [0]
  private var keyBytes: [UInt8] = []
  private var values: [WordFeatures] = []

  var count: Int { values.count }

  func find(_ key: UnsafeBufferPointer<UInt8>) -> WordFeatures? {
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      let entry = Int(slots[slot]) - 1
      if hashes[entry] == hash && equals(entry, key) { return values[entry] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Adds `key` (not yet in the table) with `value`.
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: WordFeatures) {
    if (values.count + 1) * 2 > slots.count { grow() }
    let hash = Self.hash(key)
    hashes.append(hash)
    keyBytes.append(contentsOf: key)
    keyStarts.append(Int32(keyBytes.count))
    values.append(value)
    place(values.count - 1, hash: hash)
  }

  private func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(keyStarts[entry])
    let end = Int(keyStarts[entry + 1])
    guard end - start == key.count else { return false }
    return keyBytes.withUnsafeBufferPointer { stored in
      for offset in 0..<key.count where stored[start + offset] != key[offset] { return false }
      return true
    }
  }

  private mutating func place(_ entry: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(entry + 1)
  }

  private mutating func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    for entry in hashes.indices { place(entry, hash: hashes[entry]) }
  }

  /// FNV-1a 64, its high bits folded into the low ones that pick the slot.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash ^ hash >> 32
  }
}

extension AnchorExtractor {
  /// The month a word token names (English `may` only when capitalised), from the word cache.
  func month(_ token: AnchorToken, in tokens: AnchorTokens) -> Int? {
    token.kind == .word ? cachedFeatures(tokens.text(token)).month : nil
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

  /// Names, number words, cognates and lexicon anchors of the words; `utf8` is the text the
  /// tokens were cut from. The sentence's words are looked up in the word cache under one lock.
  func findWords(_ tokens: AnchorTokens, _ consumed: [Bool], _ collector: inout KeyCollector) {
    // The sentence's first real word (after a list label such as `a)`) is capitalised by rule.
    let firstWord = tokens.firstIndex { $0.kind == .word && $0.scalarCount >= 2 }
    wordCache.withTable { table in
      for (index, token) in tokens.enumerated() where token.kind == .word && !consumed[index] {
        let bytes = tokens.bytes(token)
        let features: WordFeatures
        if let known = table.find(bytes) {
          features = known
        } else {
          features = wordFeatures(tokens.text(token))
          if table.count < WordCache.capacity { table.insert(bytes, features) }
        }
        if let name = features.name, features.isAcronym || features.isCapitalised && index != firstWord {
          collector.add(name.key, id: name.id)
        }
        if tokens.token(token, is: "cent") && index > 0
          && (tokens.token(tokens[index - 1], is: "per") || tokens.token(tokens[index - 1], is: "pour"))
        {
          continue
        }
        collector.add(features.anchors, ids: features.anchorIDs)
      }
    }
  }

  /// The features of one written word (uncached).
  private func wordFeatures(_ text: String) -> WordFeatures {
    let folded = TextFolding.fold(text)
    let letters = folded.unicodeScalars.count
    let shape = WordShape(text)
    var month = AnchorLanguageData.month(folded)
    if folded == "may" && text.unicodeScalars.first != "M" { month = nil }
    var name: (key: AnchorKey, id: UInt64)?
    if letters >= 2 && shape != .lower {
      let key = AnchorKey(.name, folded)
      name = (key, key.id)
    }
    var anchors: [(key: AnchorKey, id: UInt64)] = []
    func add(_ kind: AnchorKind, _ value: String) {
      let key = AnchorKey(kind, value)
      anchors.append((key, key.id))
    }
    func features() -> WordFeatures {
      WordFeatures(
        name: name, isAcronym: shape == .allCapitals, isCapitalised: shape != .lower, anchors: anchors,
        month: month)
    }
    if let value = AnchorLanguageData.numberWord(folded) {
      add(.number, String(value))
      return features()
    }
    guard !data.stopWords.contains(folded) else { return features() }
    if letters >= 4 && shape != .allCapitals {
      add(.cognate, String(folded.unicodeScalars.prefix(4)))
    }
    switch lexiconRole {
    case .source:
      guard let lexicon, let targetData = lexiconTargetData else { break }
      var seen: Set<String> = []
      for phrase in lexicon.concepts(forSourceWord: text) {
        for word in AnchorTokenizer.words(phrase) {
          let translated = TextFolding.fold(word)
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
    return features()
  }

  /// The lexicon anchor value of a folded target word: its stem cut to ``lexiconKeyLength``
  /// letters, so that derivations meet (`cooperate`, `cooperation` → `cooper`).
  static func lexiconKey(_ folded: String, language: String) -> String {
    let stem = TextFolding.stem(folded, language: language)
    return String(stem.unicodeScalars.prefix(lexiconKeyLength))
  }

  /// Letters kept of a lexicon anchor's stem.
  static let lexiconKeyLength = 6
}

extension AnchorExtractor {
  /// The content words of `text` as IDs for the learned lexicon (``ContentWord/id``):
  /// each word of two or more letters that is not a stop word of ``language``, folded (lower case,
  /// no diacritics) and cut to its crude stem (``TextFolding/stem(_:language:)``), hashed. A word
  /// with the same stem in both languages gets the same ID on both sides (the learned lexicon
  /// leaves such pairs to the cognate and name anchors). Unique, in text order.
  public func words(for text: String) -> [UInt64] {
    contentWords(for: text).map(\.id)
  }

  /// The content words of ``words(for:)``, each with the lexicon concept it carries itself
  /// (``ContentWord/concept``): the ``AnchorKind/lexicon`` anchor ``anchors(for:)`` gives the word
  /// when this is the side in the lexicon's target language. The learned lexicon adds no anchor for
  /// a pair with such a word, so a pair the lexicon already translates is counted once.
  public func contentWords(for text: String) -> [ContentWord] {
    var words: [ContentWord] = []
    var seen: Set<UInt64> = []
    for word in AnchorTokenizer.words(text) {
      let folded = TextFolding.fold(word)
      guard folded.unicodeScalars.count >= 2, !data.stopWords.contains(folded) else { continue }
      let id = AnchorID.make(.lexicon, "word:" + TextFolding.stem(folded, language: language))
      guard seen.insert(id).inserted else { continue }
      var concept: UInt64?
      if lexiconRole == .target {
        concept = cachedFeatures(word).anchors.first { $0.key.kind == .lexicon }?.id
      }
      words.append(ContentWord(id: id, concept: concept))
    }
    return words
  }
}
