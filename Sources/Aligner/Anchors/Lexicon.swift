/// A bilingual lexicon: what a source-language word can mean in the target language.
///
/// Give the same lexicon to the source side's and the target side's ``AnchorExtractor``:
/// the source extractor turns each source word into the lexicon's target words
/// (``AnchorKind/lexicon`` anchors), the target extractor turns its own words into the same
/// anchors, so a shared anchor means "a word and its dictionary translation".
public protocol Lexicon: Sendable {
  /// The source language's primary subtag (`nl`).
  var sourceLanguage: String { get }
  /// The target language's primary subtag (`en`).
  var targetLanguage: String { get }
  /// Target-language words or short phrases that translate `word`, or an empty array.
  ///
  /// `word` is one source word as it appears in the text (any case, possibly inflected or a
  /// compound); the lexicon does its own normalisation. The extractor folds, stems and splits
  /// the returned phrases itself, so they need no normalisation.
  func concepts(forSourceWord word: String) -> [String]
}

/// A lexicon given as a plain table, for tests and for callers with their own word lists.
public struct TableLexicon: Lexicon {
  public let sourceLanguage: String
  public let targetLanguage: String
  private let table: [String: [String]]

  /// A lexicon from `table`: folded, lower-case source word → target words.
  public init(sourceLanguage: String, targetLanguage: String, table: [String: [String]]) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    var folded: [String: [String]] = [:]
    for (word, concepts) in table { folded[TextFolding.fold(word), default: []] += concepts }
    self.table = folded
  }

  public func concepts(forSourceWord word: String) -> [String] {
    table[TextFolding.fold(word)] ?? []
  }
}
