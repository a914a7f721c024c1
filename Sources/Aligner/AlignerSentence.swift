/// What the aligner knows about one sentence: no text, only what the model uses.
///
/// The numbers are kept in 32 bits (and read as `Int`), so that a sentence takes 32 bytes instead of
/// 48: at 100 000 sentences a side the aligner holds both sides' arrays to the end (3.5 MB saved).
/// Each must fit in `Int32`; a larger one stops the program rather than wrap.
public struct AlignerSentence: Sendable, Hashable {
  /// Anchor features (numbers, names, cognate prefixes, lexicon concepts) as sorted, unique IDs
  /// in one ID space shared by both languages; overlap between the two sides is evidence of a link.
  public var anchors: [UInt64]
  /// The sentence's content words (``AnchorExtractor/contentWords(for:)``), unique, for the
  /// learned lexicon (``AlignerOptions/learnLexicon``); empty when not wanted.
  public var words: [ContentWord]
  private var storedLength: Int32
  private var storedBlock: Int32
  private var storedUnitClass: Int32
  /// How much of the sentence is template text of its collection, in 255ths (``commonShare``).
  var storedCommonShare: UInt8

  /// Length in characters (the Gale–Church unit).
  public var length: Int {
    get { Int(storedLength) }
    set { storedLength = Int32(checked: newValue, "a sentence's length") }
  }

  /// Whether the whole sentence is template text of its collection (a colophon, a standard option
  /// line: found in many documents of a corpus run, see `CommonSegments` in TweetalKit). Only the
  /// parallelism score reads it, leaving its characters out; beads and confidences ignore it.
  public var common: Bool {
    get { storedCommonShare == UInt8.max }
    set { storedCommonShare = newValue ? UInt8.max : 0 }
  }

  /// The share of the sentence that is template text of its collection, from 0 to 1 in steps of
  /// 1/255: 1 for a ``common`` sentence, a part for one that shares phrases with many documents
  /// (a template sentence worded around each document's own name). The parallelism score leaves
  /// that share of its characters out; beads and confidences ignore it.
  public var commonShare: Double {
    get { Double(storedCommonShare) / Double(UInt8.max) }
    set { storedCommonShare = UInt8((min(1, max(0, newValue)) * Double(UInt8.max)).rounded()) }
  }

  /// The block (paragraph, heading, ...) the sentence belongs to, for two-level alignment.
  public var block: Int {
    get { Int(storedBlock) }
    set { storedBlock = Int32(checked: newValue, "a sentence's block") }
  }

  /// A class of unit: sentences of different classes never share a bead
  /// (a heading never links to a body sentence). Callers map unit kinds to classes.
  public var unitClass: Int {
    get { Int(storedUnitClass) }
    set { storedUnitClass = Int32(checked: newValue, "a sentence's unit class") }
  }

  public init(
    length: Int, block: Int = 0, unitClass: Int = 0, anchors: [UInt64] = [], words: [ContentWord] = [],
    common: Bool = false
  ) {
    storedLength = Int32(checked: length, "a sentence's length")
    storedBlock = Int32(checked: block, "a sentence's block")
    storedUnitClass = Int32(checked: unitClass, "a sentence's unit class")
    self.anchors = anchors
    self.words = words
    storedCommonShare = common ? UInt8.max : 0
  }
}

/// A content word of a sentence, as the learned lexicon sees it (``AlignerSentence/words``).
public struct ContentWord: Sendable, Hashable {
  /// The word's ID (``AnchorExtractor/words(for:)``): folded, stemmed, hashed.
  public var id: UInt64
  /// The lexicon concept the word carries itself, on the side in a lexicon's target language: the
  /// ``AnchorKind/lexicon`` anchor that the other side's translations into this word also get
  /// (every content word of three letters or more, whether or not an entry translates into it).
  /// `nil` on the source side (its words carry their translations' concepts, perhaps several),
  /// without a lexicon, and for short words and number words.
  public var concept: UInt64?

  public init(id: UInt64, concept: UInt64? = nil) {
    self.id = id
    self.concept = concept
  }
}
