import Aligner
import Foundation

/// The profiles of both sides, their document frequencies, and an inverted index from rare
/// anchors to the English documents that hold them.
struct PairingIndex: Sendable {
  let sources: [DocumentProfile]
  let targets: [DocumentProfile]
  let options: PairingOptions
  /// In how many Dutch and English documents each anchor occurs.
  private let frequencies: [UInt64: (source: UInt32, target: UInt32)]
  /// Rare anchor → the English documents that hold it (ascending).
  private let postings: [UInt64: [Int32]]
  private let sourceNorms: [Double]
  private let targetNorms: [Double]
  private let documentCount: Double

  init(sources: [DocumentProfile], targets: [DocumentProfile], options: PairingOptions) {
    self.sources = sources
    self.targets = targets
    self.options = options
    var frequencies: [UInt64: (source: UInt32, target: UInt32)] = [:]
    for profile in sources {
      for term in profile.terms { frequencies[term, default: (0, 0)].source += 1 }
    }
    for profile in targets {
      for term in profile.terms { frequencies[term, default: (0, 0)].target += 1 }
    }
    let rare = UInt32(max(1, options.rareDocumentFrequency))
    var postings: [UInt64: [Int32]] = [:]
    for (index, profile) in targets.enumerated() {
      for term in profile.terms {
        guard let frequency = frequencies[term], frequency.source >= 1, frequency.source <= rare,
          frequency.target <= rare
        else { continue }
        postings[term, default: []].append(Int32(index))
      }
    }
    self.frequencies = frequencies
    self.postings = postings
    let documents = Double(sources.count + targets.count)
    documentCount = documents
    sourceNorms = sources.map { Self.norm($0, frequencies, documents) }
    targetNorms = targets.map { Self.norm($0, frequencies, documents) }
  }

  /// The length of a profile's tf-idf vector.
  private static func norm(
    _ profile: DocumentProfile, _ frequencies: [UInt64: (source: UInt32, target: UInt32)], _ documents: Double
  ) -> Double {
    var sum = 0.0
    for (term, count) in zip(profile.terms, profile.counts) {
      let weight = termWeight(count) * idf(frequencies[term], documents)
      sum += weight * weight
    }
    return sum.squareRoot()
  }

  /// Inverse document frequency over both sides.
  private static func idf(_ frequency: (source: UInt32, target: UInt32)?, _ documents: Double) -> Double {
    let df = Double((frequency?.source ?? 0) + (frequency?.target ?? 0))
    return log((documents + 1) / (df + 1))
  }

  private static func termWeight(_ count: UInt32) -> Double { 1 + log(Double(count)) }

  /// How much a shared rare anchor of `kind` says that two documents belong together.
  static func kindWeight(_ kind: AnchorKind?) -> Double {
    switch kind {
    case .reference, .url: 3
    case .date, .name: 1.5
    case .number, .lexicon: 1
    case .cognate: 0.5
    case .punctuation, nil: 0
    }
  }

  /// How much a shared anchor of `kind` identifies a document: a reference number or URL nearly
  /// proves a link (a letter and its attachment), a date less, a name or number little.
  static func identifyingWeight(_ kind: AnchorKind) -> Double {
    switch kind {
    case .reference: 3
    case .url: 2
    case .date: 1
    case .name: 0.3
    case .number: 0.2
    case .cognate, .lexicon, .punctuation: 0
    }
  }

  /// The English candidates of Dutch document `source`, best first, with their preliminary
  /// scores (no parallelism yet).
  func candidates(of source: Int) -> [PairingCandidate] {
    var shared: [Int32: Double] = [:]
    let profile = sources[source]
    for term in profile.terms {
      guard let holders = postings[term], let frequency = frequencies[term] else { continue }
      let weight = Self.kindWeight(AnchorKind(id: term)) / Double(frequency.source * frequency.target)
      for target in holders { shared[target, default: 0] += weight }
    }
    let best = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(options.candidates)
    var candidates: [PairingCandidate] = best.map { target, _ in
      var evidence = PairingEvidence()
      let other = targets[Int(target)]
      evidence.words = cosine(source, Int(target))
      evidence.anchors = anchorStrength(profile, other)
      evidence.lengthRatio = other.characters == 0 ? 0 : Double(profile.characters) / Double(other.characters)
      return PairingCandidate(
        source: source, target: Int(target), score: PairingScore.preliminary(evidence), evidence: evidence)
    }
    candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.target < $1.target }
    return candidates
  }

  /// The tf-idf cosine of a Dutch and an English profile.
  func cosine(_ source: Int, _ target: Int) -> Double {
    let a = sources[source]
    let b = targets[target]
    guard sourceNorms[source] > 0, targetNorms[target] > 0 else { return 0 }
    var i = 0
    var j = 0
    var dot = 0.0
    while i < a.terms.count, j < b.terms.count {
      if a.terms[i] < b.terms[j] {
        i += 1
      } else if a.terms[i] > b.terms[j] {
        j += 1
      } else {
        let idf = Self.idf(frequencies[a.terms[i]], documentCount)
        dot += Self.termWeight(a.counts[i]) * Self.termWeight(b.counts[j]) * idf * idf
        i += 1
        j += 1
      }
    }
    return dot / (sourceNorms[source] * targetNorms[target])
  }

  /// 0 to 1: how exclusively the two documents share identifying anchors (references, URLs,
  /// dates, names, numbers). An anchor that only these two documents hold counts fully, one held
  /// by d Dutch and e English documents counts 1/(d·e), times ``identifyingWeight(_:)``.
  func anchorStrength(_ a: DocumentProfile, _ b: DocumentProfile) -> Double {
    var i = 0
    var j = 0
    var sum = 0.0
    while i < a.terms.count, j < b.terms.count {
      if a.terms[i] < b.terms[j] {
        i += 1
      } else if a.terms[i] > b.terms[j] {
        j += 1
      } else {
        let term = a.terms[i]
        if let kind = AnchorKind(id: term), PairingEvidence.identifying.contains(kind),
          let frequency = frequencies[term]
        {
          sum += Self.identifyingWeight(kind) / Double(frequency.source * frequency.target)
        }
        i += 1
        j += 1
      }
    }
    return 1 - exp(-sum / 3)
  }

  /// Fills the evidence's lists from the typed anchors both documents share, rarest first.
  func describeSharedKeys(_ keys: Set<AnchorKey>, in evidence: inout PairingEvidence) {
    func rarity(_ key: AnchorKey) -> UInt32 {
      guard let frequency = frequencies[key.id] else { return .max }
      return frequency.source * frequency.target
    }
    func listed(_ kind: AnchorKind, limit: Int) -> [String] {
      keys.filter { $0.kind == kind }.sorted { (rarity($0), $0.value) < (rarity($1), $1.value) }.prefix(limit)
        .map(\.value)
    }
    evidence.references = listed(.reference, limit: 3)
    evidence.urls = listed(.url, limit: 2)
    evidence.dates = listed(.date, limit: 2)
    evidence.names = keys.count { $0.kind == .name }
    evidence.numbers = keys.count { $0.kind == .number }
  }
}

/// A candidate pair by index into ``PairingIndex``'s sides.
typealias PairingCandidate = DocumentPairer.Candidate

/// How the evidence becomes a score between 0 and 1.
///
/// Each kind of evidence can make the case on its own (a noisy-or): a translation has a high
/// parallelism, a letter and its attachment share a reference number and a URL, documents on the
/// same subject share words. Only the parallelism can reach 1 alone; shared anchors count at most
/// ``anchorShare``, the word profile at most ``wordShare``.
enum PairingScore {
  static let anchorShare = 0.6
  static let wordShare = 0.5

  /// Before alignment: rare shared anchors and the word profile.
  static func preliminary(_ evidence: PairingEvidence) -> Double {
    1 - (1 - anchorShare * evidence.anchors) * (1 - wordShare * evidence.words)
  }

  /// After alignment: parallelism, rare shared anchors and the word profile.
  static func final(_ evidence: PairingEvidence) -> Double {
    1 - (1 - (evidence.parallelism ?? 0)) * (1 - anchorShare * evidence.anchors)
      * (1 - wordShare * evidence.words)
  }
}
