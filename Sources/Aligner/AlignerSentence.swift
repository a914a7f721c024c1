/// What the aligner knows about one sentence: no text, only what the model uses.
public struct AlignerSentence: Sendable, Hashable {
  /// Length in characters (the Gale–Church unit).
  public var length: Int
  /// The block (paragraph, heading, ...) the sentence belongs to, for two-level alignment.
  public var block: Int
  /// A class of unit: sentences of different classes never share a bead
  /// (a heading never links to a body sentence). Callers map unit kinds to classes.
  public var unitClass: Int
  /// Anchor features (numbers, names, cognate prefixes, lexicon concepts) as sorted, unique IDs
  /// in one ID space shared by both languages; overlap between the two sides is evidence of a link.
  public var anchors: [UInt64]
  /// The sentence's content words as IDs of one language (``AnchorExtractor/words(for:)``),
  /// unique, for the learned lexicon (``AlignerOptions/learnLexicon``); empty when not wanted.
  public var words: [UInt64]
  /// Whether the sentence is template text of its collection (a colophon, a standard option line:
  /// found in many documents of a corpus run, see `CommonSegments` in TweetalKit). Only the
  /// parallelism score reads it, leaving its characters out; beads and confidences ignore it.
  public var common: Bool

  public init(
    length: Int, block: Int = 0, unitClass: Int = 0, anchors: [UInt64] = [], words: [UInt64] = [],
    common: Bool = false
  ) {
    self.length = length
    self.block = block
    self.unitClass = unitClass
    self.anchors = anchors
    self.words = words
    self.common = common
  }
}
