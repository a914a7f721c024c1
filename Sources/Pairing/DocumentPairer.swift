public import Aligner
import Foundation
import Synchronization
import TMX
import TweetalKit

/// A proposed document pair with its score (0 to 1) and evidence.
public struct DocumentPair: Sendable, Hashable {
  /// The Dutch (source) document's path.
  public var source: String
  /// The English (target) document's path.
  public var target: String
  public var score: Double
  public var evidence: PairingEvidence
}

/// A document that got no partner above the threshold, with the best one it had, if any.
public struct UnpairedDocument: Sendable, Hashable {
  public var path: String
  /// The best candidate of the other side and its score, when there was a candidate at all.
  public var best: (path: String, score: Double)? {
    guard let bestPath, let bestScore else { return nil }
    return (bestPath, bestScore)
  }
  var bestPath: String?
  var bestScore: Double?
}

/// What ``DocumentPairer/pair(sources:targets:progress:)`` found.
public struct PairingResult: Sendable {
  /// The pairs, ordered by Dutch path, then English path.
  public var pairs: [DocumentPair]
  /// Dutch documents without a partner, in path order.
  public var unpairedSources: [UnpairedDocument]
  /// English documents without a partner, in path order.
  public var unpairedTargets: [UnpairedDocument]
  /// Documents that could not be read; they take no part in pairing.
  public var failures: [PairingError]
}

/// Finds which Dutch documents correspond to which English documents.
///
/// Evidence, cheapest first: (1) every document is read once and reduced to a profile of
/// anchors (numbers, dates, references, URLs, names, cognates, lexicon translations); (2) an
/// inverted index over the anchors that are rare on both sides proposes, for each Dutch
/// document, the English documents it shares rare anchors with, so that no pair is scored that
/// shares nothing rare; (3) those candidates are ranked by the tf-idf cosine of the two profiles
/// and the rare anchors they share; (4) the best are confirmed by aligning them (the existing
/// aligner's parallelism). The final score combines the three; pairs are taken best first, each
/// document at most once unless ``PairingOptions/many``.
///
/// Time grows with the number of documents and the rare anchors they share, not with the product
/// of the two sides; memory holds one profile per document.
public struct DocumentPairer: Sendable {
  public var options: PairingOptions
  public let sourceReader: ProfileReader
  public let targetReader: ProfileReader
  public let aligner: Aligner

  public init(
    options: PairingOptions, sourceReader: ProfileReader, targetReader: ProfileReader,
    aligner: Aligner = Aligner()
  ) {
    self.options = options
    self.sourceReader = sourceReader
    self.targetReader = targetReader
    self.aligner = aligner
  }

  /// Pairs the documents at `sources` (Dutch) with those at `targets` (English).
  /// `progress` may be called from several threads.
  public func pair(
    sources: [String], targets: [String], progress: @Sendable (PairingProgress) -> Void = { _ in }
  ) -> PairingResult {
    let total = sources.count + targets.count
    let counter = Atomic<Int>(0)
    let profiles = parallelMap(total, jobs: options.jobs) { index -> Result<DocumentProfile, PairingError> in
      let isSource = index < sources.count
      let path = isSource ? sources[index] : targets[index - sources.count]
      let reader = isSource ? sourceReader : targetReader
      defer {
        let done = counter.wrappingAdd(1, ordering: .relaxed).newValue
        if done % 50 == 0 || done == total { progress(.reading(done: done, total: total)) }
      }
      do throws(PairingError) {
        let sentences = try reader.sentences(of: try load(path), file: path)
        return .success(reader.profile(of: sentences, path: path))
      } catch {
        return .failure(error)
      }
    }
    var failures: [PairingError] = []
    var sourceProfiles: [DocumentProfile] = []
    var targetProfiles: [DocumentProfile] = []
    for (index, profile) in profiles.enumerated() {
      switch profile {
      case .success(let profile):
        if index < sources.count { sourceProfiles.append(profile) } else { targetProfiles.append(profile) }
      case .failure(let error): failures.append(error)
      }
    }
    progress(.indexing)
    let index = PairingIndex(sources: sourceProfiles, targets: targetProfiles, options: options)
    let confirmed = Atomic<Int>(0)
    let sourceCount = sourceProfiles.count
    let scored = parallelMap(sourceCount, jobs: options.jobs) { source -> [Candidate] in
      defer {
        let done = confirmed.wrappingAdd(1, ordering: .relaxed).newValue
        if done % 20 == 0 || done == sourceCount { progress(.confirming(done: done, total: sourceCount)) }
      }
      return confirm(index.candidates(of: source), source: source, index: index)
    }
    return assign(scored.flatMap { $0 }, index: index, failures: failures)
  }

  /// One candidate pair and its scores.
  struct Candidate: Sendable {
    var source: Int
    var target: Int
    var score: Double
    var evidence: PairingEvidence
  }

  /// Aligns the best `candidates` of `source` and scores them with the alignment's parallelism.
  private func confirm(_ candidates: [Candidate], source: Int, index: PairingIndex) -> [Candidate] {
    let limit = options.many ? options.candidates : options.confirmations
    // A candidate far behind the best (less than ``PairingOptions/confirmationShare`` of its
    // preliminary score) is not worth an alignment, except with `many`.
    let best = candidates.first?.score ?? 0
    let chosen = candidates.prefix(limit).filter {
      options.many || $0.score >= best * options.confirmationShare
    }
    guard !chosen.isEmpty else { return [] }
    let sourcePath = index.sources[source].path
    // Read once already; a file that changed in between and cannot be read now gets no pair.
    guard let sourceSentences = try? sourceReader.sentences(of: load(sourcePath), file: sourcePath) else {
      return []
    }
    let sourceAligned = sourceReader.alignerSentences(
      Array(sourceSentences.prefix(options.alignmentSentenceLimit)))
    let sourceKeys = sourceReader.identifyingKeys(of: sourceSentences)
    var results: [Candidate] = []
    for var candidate in chosen {
      let targetPath = index.targets[candidate.target].path
      guard let targetSentences = try? targetReader.sentences(of: load(targetPath), file: targetPath) else {
        continue
      }
      let targetAligned = targetReader.alignerSentences(
        Array(targetSentences.prefix(options.alignmentSentenceLimit)))
      let parallelism = aligner.align(source: sourceAligned, target: targetAligned).parallelism
      candidate.evidence.parallelism = parallelism
      index.describeSharedKeys(
        sourceKeys.intersection(targetReader.identifyingKeys(of: targetSentences)), in: &candidate.evidence)
      candidate.score = PairingScore.final(candidate.evidence)
      results.append(candidate)
    }
    return results
  }

  /// Takes the pairs best first above the threshold, each document once unless `many`.
  private func assign(_ candidates: [Candidate], index: PairingIndex, failures: [PairingError])
    -> PairingResult
  {
    let ranked = candidates.sorted {
      if $0.score != $1.score { return $0.score > $1.score }
      if $0.source != $1.source { return $0.source < $1.source }
      return $0.target < $1.target
    }
    var sourceTaken = Set<Int>()
    var targetTaken = Set<Int>()
    var pairs: [Candidate] = []
    var bestOfSource: [Int: Candidate] = [:]
    var bestOfTarget: [Int: Candidate] = [:]
    for candidate in ranked {
      if bestOfSource[candidate.source] == nil { bestOfSource[candidate.source] = candidate }
      if bestOfTarget[candidate.target] == nil { bestOfTarget[candidate.target] = candidate }
      guard candidate.score >= options.minimumScore else { continue }
      if !options.many, sourceTaken.contains(candidate.source) || targetTaken.contains(candidate.target) {
        continue
      }
      sourceTaken.insert(candidate.source)
      targetTaken.insert(candidate.target)
      pairs.append(candidate)
    }
    pairs.sort { ($0.source, $0.target) < ($1.source, $1.target) }
    let unpairedSources = index.sources.indices.filter { !sourceTaken.contains($0) }.map { source in
      UnpairedDocument(
        path: index.sources[source].path,
        bestPath: bestOfSource[source].map { index.targets[$0.target].path },
        bestScore: bestOfSource[source]?.score)
    }
    let unpairedTargets = index.targets.indices.filter { !targetTaken.contains($0) }.map { target in
      UnpairedDocument(
        path: index.targets[target].path,
        bestPath: bestOfTarget[target].map { index.sources[$0.source].path },
        bestScore: bestOfTarget[target]?.score)
    }
    return PairingResult(
      pairs: pairs.map {
        DocumentPair(
          source: index.sources[$0.source].path, target: index.targets[$0.target].path, score: $0.score,
          evidence: $0.evidence)
      },
      unpairedSources: unpairedSources, unpairedTargets: unpairedTargets, failures: failures)
  }

  private func load(_ path: String) throws(PairingError) -> [UInt8] {
    do {
      return try SafeFile.load(path: path)
    } catch {
      throw PairingError(file: path, message: ProfileReader.strippingFile(error.description, path))
    }
  }

  /// The documents in `folder` and its subfolders, sorted by path; hidden files and folders (a
  /// name starting with `.`) are left out. Links are followed, but every folder and every file is
  /// taken once, by device and inode: a link back to a folder above (a loop) or a second link to a
  /// document would list the same documents again, and a document that is its own rival leaves
  /// both unpaired. Of the names of one file, the first in path order is kept; of a folder's, the
  /// first the walk meets (folders are walked in name order, depth first).
  public static func documents(in folder: String) throws(PairingError) -> [String] {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw PairingError(file: folder, message: "is not a folder; give a folder of documents")
    }
    var found: [String] = []
    let root = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
    var pending = [root]
    var seenFolders: Set<FileIdentity> = []
    if let identity = FileIdentity(path: root) { seenFolders.insert(identity) }
    while let current = pending.popLast() {
      let names: [String]
      do {
        names = try manager.contentsOfDirectory(atPath: current)
      } catch {
        throw PairingError(file: current, message: "cannot be listed (\(error.localizedDescription))")
      }
      // In name order, so that which of two links to a folder is walked does not depend on the
      // order the file system lists them in.
      for name in names.sorted() where !name.hasPrefix(".") {
        let path = current + "/" + name
        var directory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &directory) else { continue }
        if directory.boolValue {
          if let identity = FileIdentity(path: path), !seenFolders.insert(identity).inserted { continue }
          pending.append(path)
        } else {
          found.append(path)
        }
      }
    }
    var seenFiles: Set<FileIdentity> = []
    return found.sorted().filter { path in
      FileIdentity(path: path).map { seenFiles.insert($0).inserted } ?? true
    }
  }
}
