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
      guard let base = bytes.baseAddress else { return 0 }
      let high: UInt64 = 0x8080_8080_8080_8080
      let low: UInt64 = 0x0101_0101_0101_0101
      var count = 0
      var previous: UInt8 = 0
      var index = 0
      // Eight bytes at a time while they hold no CR: the bytes that start a scalar are those
      // that are not continuation bytes (10xxxxxx), and a byte from 0xCC on (bit 7 set, its low
      // seven bits plus 0x34 carrying into bit 7) starts a scalar from U+0300 on.
      while index &+ 8 <= bytes.count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        let carriageReturns = word ^ (0x0D &* low)
        if (carriageReturns &- low) & ~carriageReturns & high != 0 { break }
        if ((word & ~high) &+ 0x34 &* low) & word & high != 0 { return nil }
        count &+= 8 &- (word & ~(word << 1) & high).nonzeroBitCount
        index &+= 8
      }
      // The rest a byte at a time, from the first eight with a CR on (the byte before them is
      // no CR).
      while index < bytes.count {
        let byte = bytes[index]
        if byte >= 0xCC { return nil }
        // LF after CR joins its character.
        if byte & 0xC0 != 0x80 && !(byte == 0x0A && previous == 0x0D) { count &+= 1 }
        previous = byte
        index &+= 1
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
