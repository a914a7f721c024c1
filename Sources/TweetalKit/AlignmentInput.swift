public import Aligner
public import Segmenter

/// Which units may share a bead: units of different classes never do.
public enum UnitClass: Int, Sendable, Hashable, CaseIterable {
  /// Running text: sentences and list items.
  case body
  case heading
  case footnote
  case meta

  /// The class of a unit of `kind`.
  public init(_ kind: UnitKind) {
    switch kind {
    case .sentence, .listItem: self = .body
    case .heading: self = .heading
    case .footnote: self = .footnote
    case .meta: self = .meta
    }
  }
}

/// One side of a document pair as the aligner sees it: the language, its anchor extractor, and
/// each ``Sentence`` as an ``AlignerSentence`` (length in characters, block, unit class, anchors).
///
/// ``Pipeline`` and ``Realigner`` both go through it, so that a re-aligned stretch sees exactly
/// what `tweetal align` saw.
public struct AlignmentInput: Sendable {
  /// The primary language subtag (`nl` for `nl-NL`).
  public let language: String
  private let anchors: AnchorExtractor
  /// Whether sentences carry their content words (``AlignerSentence/words``), which the learned
  /// lexicon needs (``AlignerOptions/learnLexicon``).
  public let withWords: Bool

  /// The input of a side in `language` (a BCP-47 tag); `lexicon`'s translations become anchors;
  /// `withWords` adds each sentence's content words for the learned lexicon.
  public init(language: String, lexicon: (any Lexicon)? = nil, withWords: Bool = false) {
    self.language = LanguageTag.primarySubtag(language)
    anchors = AnchorExtractor(language: language, lexicon: lexicon)
    self.withWords = withWords
  }

  /// What the aligner sees of `sentence`.
  public func alignerSentence(_ sentence: Sentence) -> AlignerSentence {
    AlignerSentence(
      length: Self.characterCount(sentence.text), block: sentence.block,
      unitClass: UnitClass(sentence.kind).rawValue,
      anchors: anchors.anchors(for: sentence.text),
      words: withWords ? anchors.contentWords(for: sentence.text) : [])
  }

  /// `text.count` (the characters, grapheme clusters, a sentence's length is counted in), read
  /// off the UTF-8 bytes when every scalar is below U+0300: there every scalar is a character of
  /// its own but for CR LF (Unicode's grapheme rules join nothing else below U+0300: the first
  /// combining mark, Hangul letter, prepended or spacing mark is above it). `String.count` walked
  /// the grapheme rules for every scalar, about a tenth of the anchors' work at 10k
  /// (`docs/aligner.md`, session 25). Other text is counted by `String.count` as before.
  static func characterCount(_ text: String) -> Int {
    let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      var count = 0
      var previous: UInt8 = 0
      for byte in bytes {
        // A lead byte from 0xCC on starts a scalar from U+0300 on.
        if byte >= 0xCC { return nil }
        // Continuation bytes (10xxxxxx) start no scalar; LF after CR joins its character.
        if byte & 0xC0 != 0x80 && !(byte == 0x0A && previous == 0x0D) { count &+= 1 }
        previous = byte
      }
      return count
    }
    return (counted ?? nil) ?? text.count
  }

  /// What the aligner sees of `sentences`, in order.
  public func alignerSentences(_ sentences: some Sequence<Sentence>) -> [AlignerSentence] {
    sentences.map(alignerSentence)
  }
}
