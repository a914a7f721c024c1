public import Aligner

/// A corpus run's learned lexicon (`align --learn-lexicon` over a manifest): the first round reads
/// each pair and keeps only the word IDs of its confident links; one ``WordModel`` is trained on
/// them all, and every pair is aligned with it (``Pipeline/learnedLexicon``).
extension Pipeline {
  /// The training pairs of one document pair for a run-wide table: the words of the confident links
  /// of its alignment without learning, at most `limit`
  /// (``Aligner/lexiconTrainingPairs(source:target:limit:)``). The documents are read, segmented
  /// and aligned as ``align(source:target:creationDate:progress:)`` does, and let go.
  public func lexiconTrainingPairs(
    source: consuming InputDocument, target: consuming InputDocument, limit: Int
  ) throws(PipelineError) -> [(source: [UInt64], target: [UInt64])] {
    guard limit > 0 else { return [] }
    let sides = try preparedSides(source: consume source, target: consume target) { _ in }
    return aligner.lexiconTrainingPairs(
      source: sides.source.aligner, target: sides.target.aligner, limit: limit)
  }

  /// How a run-wide table is recorded in a TMX header (`x-tweetal-option` `learn-lexicon=run:…`):
  /// how many word translations it holds and the start of the SHA-256 of their word-ID pairs (what
  /// the anchors are made of), so that a corpus run whose table changed aligns its pairs again.
  static func recorded(_ model: WordModel) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(model.translations.count * 16)
    for translation in model.translations {
      withUnsafeBytes(of: translation.source.littleEndian) { bytes += $0 }
      withUnsafeBytes(of: translation.target.littleEndian) { bytes += $0 }
    }
    return "\(model.translations.count):" + String(Checksum.sha256Hex(of: bytes).prefix(12))
  }
}
