/// How ``DocumentPairer`` looks for pairs.
public struct PairingOptions: Sendable, Hashable {
  /// Pairs scoring below this are not proposed (0 to 1).
  public var minimumScore: Double
  /// Let one document pair with several of the other side (a letter with several attachments);
  /// by default each document pairs with at most one.
  public var many: Bool
  /// Threads to read and confirm with.
  public var jobs: Int
  /// Candidates taken from the inverted index per Dutch document.
  public var candidates: Int
  /// Candidates per Dutch document confirmed by a quick alignment (all ``candidates`` with ``many``).
  public var confirmations: Int
  /// Candidates whose preliminary score is below this share of the best one's are not confirmed.
  public var confirmationShare: Double
  /// An anchor in at most this many documents of a side is rare enough to propose candidates.
  public var rareDocumentFrequency: Int
  /// The quick alignment reads at most this many sentences of each side.
  public var alignmentSentenceLimit: Int

  public init(
    minimumScore: Double = 0.4, many: Bool = false, jobs: Int = 1, candidates: Int = 8,
    confirmations: Int = 2, confirmationShare: Double = 0.7,
    rareDocumentFrequency: Int = 20, alignmentSentenceLimit: Int = 200
  ) {
    self.minimumScore = minimumScore
    self.many = many
    self.jobs = jobs
    self.candidates = candidates
    self.confirmations = confirmations
    self.confirmationShare = confirmationShare
    self.rareDocumentFrequency = rareDocumentFrequency
    self.alignmentSentenceLimit = alignmentSentenceLimit
  }
}

/// What the pairer is doing, for a progress line.
public enum PairingProgress: Sendable, Hashable {
  /// Reading and profiling documents: `done` of `total` (both sides).
  case reading(done: Int, total: Int)
  /// Building the inverted index and scoring candidates.
  case indexing
  /// Confirming candidates by aligning them: `done` of `total` Dutch documents.
  case confirming(done: Int, total: Int)
}
