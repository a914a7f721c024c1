/// The aligner's sentences while it searches, in 13 bytes each instead of an ``AlignerSentence``'s
/// 32: each one's length, block and class in 32 bits, and how much of it is common text.
///
/// Once ``Units`` hold the anchors, the searches read nothing of the sentences themselves; only
/// the chance level (a few hundred of them) and the parallelism score after the final pass do. At
/// 1M sentences a side the sentence arrays (70 MB) were alive beside the tables of both passes;
/// this keeps 28 MB of them. Only sentences without anchors or words (the aligner has taken their
/// anchors, and the learned lexicon's words are not wanted) are kept so: nothing is lost, and each
/// sentence read back equals the one put in.
struct CompactSentences: RandomAccessCollection, Sendable {
  private var lengths: [Int32]
  private var blocks: [Int32]
  private var classes: [Int32]
  private var commonShares: [UInt8]

  /// Whether every sentence of `sentences` can be kept compact: none has anchors or words.
  static func holds(_ sentences: [AlignerSentence]) -> Bool {
    sentences.allSatisfy { $0.anchors.isEmpty && $0.words.isEmpty }
  }

  /// `sentences` kept compact, leaving an empty array in their place. Every sentence must be one
  /// that ``holds(_:)`` allows.
  init(taking sentences: inout [AlignerSentence]) {
    precondition(Self.holds(sentences), "a compact sentence has neither anchors nor words")
    // Each number was stored in 32 bits (``AlignerSentence``): it fits again.
    lengths = sentences.map { Int32(truncatingIfNeeded: $0.length) }
    blocks = sentences.map { Int32(truncatingIfNeeded: $0.block) }
    classes = sentences.map { Int32(truncatingIfNeeded: $0.unitClass) }
    commonShares = sentences.map(\.storedCommonShare)
    sentences = []
  }

  var startIndex: Int { 0 }
  var endIndex: Int { lengths.count }

  /// The sentence at `position`, as it was put in.
  subscript(position: Int) -> AlignerSentence {
    var sentence = AlignerSentence(
      length: Int(lengths[position]), block: Int(blocks[position]), unitClass: Int(classes[position]))
    sentence.storedCommonShare = commonShares[position]
    return sentence
  }

  /// Every sentence again, as they were put in; leaves this empty.
  mutating func restored() -> [AlignerSentence] {
    let sentences = Array(self)
    self = CompactSentences()
    return sentences
  }

  private init() {
    (lengths, blocks, classes, commonShares) = ([], [], [], [])
  }
}
