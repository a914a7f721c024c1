public import Aligner
import TMX
import TweetalKit

/// What the first round of a corpus run with the learned lexicon found.
public struct CorpusLexicon: Sendable {
  /// The one table every pair is aligned with.
  public var model: WordModel
  /// How many pairs of the manifest were read for it (the first ones; the round stops once
  /// ``WordModel/Limits/maximumPairs`` links are found).
  public var pairsRead: Int
}

extension CorpusAligner {
  /// The word-translation table of a corpus run with `--learn-lexicon` (IBM Model 1, both
  /// directions, ``WordModel``): trained on the confident links of the manifest's pairs aligned
  /// without learning — all the manifest's pairs, also when this run does one shard, so that every
  /// shard aligns with the same table, as with ``learnCommonSegments()``.
  ///
  /// Pairs are read in manifest order, `jobs` at a time, until ``WordModel/Limits/maximumPairs``
  /// links are found: a run of 10 000 pairs reads only as many as the cap needs, so the round's
  /// cost is bounded, and only the links' word IDs are kept, not the documents. The table is the
  /// same for every `jobs`: each batch's links are taken in manifest order. A pair that cannot be
  /// read or aligned is left out (its own alignment reports the error). `progress` gets the number
  /// of pairs read so far.
  public func learnLexicon(progress: (Int) -> Void = { _ in }) -> CorpusLexicon {
    let limits = pipeline.aligner.options.wordModelLimits
    let pairs = manifest.pairs
    var training: [(source: [UInt64], target: [UInt64])] = []
    var read = 0
    while read < pairs.count && training.count < limits.maximumPairs {
      let batch = Array(pairs[read..<min(pairs.count, read + jobs)])
      let room = limits.maximumPairs - training.count
      let found = Workers.map(batch.count, workers: jobs) { index in
        (try? trainingPairs(of: batch[index], limit: room)) ?? []
      }
      for links in found { training += links.prefix(limits.maximumPairs - training.count) }
      read += batch.count
      progress(read)
    }
    return CorpusLexicon(model: WordModel(pairs: training, limits: limits), pairsRead: read)
  }

  /// The confident links' words of one pair, at most `limit`.
  private func trainingPairs(of pair: CorpusPair, limit: Int) throws -> [(source: [UInt64], target: [UInt64])]
  {
    let source = InputDocument(
      name: pair.source, bytes: try SafeFile.load(path: manifest.path(of: pair.source)))
    let target = InputDocument(
      name: pair.target, bytes: try SafeFile.load(path: manifest.path(of: pair.target)))
    return try pipeline(for: pair).lexiconTrainingPairs(
      source: consume source, target: consume target, limit: limit)
  }
}
