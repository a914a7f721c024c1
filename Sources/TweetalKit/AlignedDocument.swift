public import Aligner
public import Segmenter

/// One sentence (unit) of a segmented document, as stored in an alignment.
///
/// The numbers are kept in 32 bits (and read as `Int`), so that a sentence takes 32 bytes instead of
/// 56: a pipeline holds both documents' sentences from segmenting to the output (5 MB at 100 000
/// sentences a side). Each must fit in `Int32`; a larger one stops the program rather than wrap.
public struct Sentence: Sendable, Hashable {
  public var text: String
  private var storedSpanStart: Int32
  private var storedSpanEnd: Int32
  private var storedBlock: Int32
  public var kind: UnitKind
  private var hasSpan: Bool

  /// Block index within its document, for two-level alignment and display.
  public var block: Int {
    get { Int(storedBlock) }
    set { storedBlock = Int32(checked: newValue, "a sentence's block") }
  }

  /// Where the unit lies in the decoded source document: Unicode-scalar offsets, end exclusive
  /// (the segmenter's `start`/`end`); `nil` when not known (presegmented input, TMX form 1 and 2).
  public var span: Range<Int>? {
    get { hasSpan ? Int(storedSpanStart)..<Int(storedSpanEnd) : nil }
    set {
      // A missing span is stored as 0..<0, so that equal sentences are equal field by field.
      hasSpan = newValue != nil
      storedSpanStart = Int32(checked: newValue?.lowerBound ?? 0, "a sentence's offset")
      storedSpanEnd = Int32(checked: newValue?.upperBound ?? 0, "a sentence's offset")
    }
  }

  /// Whether a sentence can hold `block` and `span` (they are stored in 32 bits): a decoder checks
  /// this before it makes one from a file, which may hold any number.
  public static func canStore(block: Int, span: Range<Int>?) -> Bool {
    let range = Int(Int32.min)...Int(Int32.max)
    guard range.contains(block) else { return false }
    guard let span else { return true }
    return range.contains(span.lowerBound) && range.contains(span.upperBound)
  }

  public init(text: String, kind: UnitKind = .sentence, block: Int = 0, span: Range<Int>? = nil) {
    self.text = text
    self.kind = kind
    storedBlock = Int32(checked: block, "a sentence's block")
    hasSpan = span != nil
    storedSpanStart = Int32(checked: span?.lowerBound ?? 0, "a sentence's offset")
    storedSpanEnd = Int32(checked: span?.upperBound ?? 0, "a sentence's offset")
  }
}

/// Who last decided a bead.
public enum BeadStatus: String, Sendable, Hashable, CaseIterable, Codable {
  /// Produced by the aligner.
  case auto
  /// A person said it is right.
  case confirmed
  /// A person changed it.
  case edited
}

/// A bead of a stored alignment: the aligner's bead plus review state.
public struct AlignmentBead: Sendable, Hashable {
  public var source: Range<Int>
  public var target: Range<Int>
  public var cost: Double
  public var confidence: Double
  public var status: BeadStatus
  /// Stable identity, written as `tuid`.
  public var id: Int
  /// `changedate` as TMX writes it (`YYYYMMDDThhmmssZ`), once a person touched the bead.
  public var changeDate: String?
  /// `changeid`: who touched it.
  public var changeUser: String?
  /// `creationdate` of the bead when it differs from the document's (a bead made in review);
  /// `nil` means the bead was made with the document.
  public var creationDate: String?

  public init(
    source: Range<Int>, target: Range<Int>, cost: Double = 0, confidence: Double = 0,
    status: BeadStatus = .auto, id: Int, changeDate: String? = nil, changeUser: String? = nil,
    creationDate: String? = nil
  ) {
    self.source = source
    self.target = target
    self.cost = cost
    self.confidence = confidence
    self.status = status
    self.id = id
    self.changeDate = changeDate
    self.changeUser = changeUser
    self.creationDate = creationDate
  }

  public var type: BeadType { BeadType(source: source.count, target: target.count) }
}

/// What an alignment was made from and with.
public struct AlignmentMetadata: Sendable, Hashable {
  /// BCP-47 tags, e.g. `nl-NL` and `en-GB`.
  public var sourceLanguage: String
  public var targetLanguage: String
  /// The documents' file names as given to `align`.
  public var sourceFile: String
  public var targetFile: String
  /// SHA-256 (hex) of each document's bytes.
  public var sourceChecksum: String
  public var targetChecksum: String
  /// `creationdate` of the TMX, `YYYYMMDDThhmmssZ`.
  public var creationDate: String
  /// Length-model parameters used.
  public var parameters: AlignmentParameters
  /// Document parallelism in [0, 1], when computed.
  public var parallelism: Double?
  /// Other settings that shaped the alignment (`lexicon`, `presegmented`, ...), by name.
  /// Written as `x-tweetal-option` header props, sorted by name.
  public var options: [String: String] = [:]

  public init(
    sourceLanguage: String, targetLanguage: String, sourceFile: String, targetFile: String,
    sourceChecksum: String, targetChecksum: String, creationDate: String,
    parameters: AlignmentParameters = .galeChurch, parallelism: Double? = nil
  ) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.sourceFile = sourceFile
    self.targetFile = targetFile
    self.sourceChecksum = sourceChecksum
    self.targetChecksum = targetChecksum
    self.creationDate = creationDate
    self.parameters = parameters
    self.parallelism = parallelism
  }
}

/// Two segmented documents and the beads that link them.
///
/// Invariant: reading `beads` in order visits every source and every target sentence exactly
/// once, in document order. ``validate()`` checks it; every edit keeps it.
public struct AlignedDocument: Sendable, Hashable {
  public var metadata: AlignmentMetadata
  public var source: [Sentence]
  public var target: [Sentence]
  public var beads: [AlignmentBead]

  public init(metadata: AlignmentMetadata, source: [Sentence], target: [Sentence], beads: [AlignmentBead]) {
    self.metadata = metadata
    self.source = source
    self.target = target
    self.beads = beads
  }

  /// Throws if the beads do not cover both documents exactly once, in order.
  public func validate() throws(AlignmentInvariantError) {
    var nextSource = 0
    var nextTarget = 0
    for (position, bead) in beads.enumerated() {
      guard bead.source.lowerBound == nextSource, bead.target.lowerBound == nextTarget else {
        throw AlignmentInvariantError(
          bead: position + 1,
          message: "bead \(position + 1) starts at source \(bead.source.lowerBound), target "
            + "\(bead.target.lowerBound); expected \(nextSource), \(nextTarget)")
      }
      nextSource = bead.source.upperBound
      nextTarget = bead.target.upperBound
    }
    guard nextSource == source.count, nextTarget == target.count else {
      throw AlignmentInvariantError(
        bead: beads.count,
        message:
          "beads end at source \(nextSource) of \(source.count), target \(nextTarget) of \(target.count)")
    }
  }
}

/// The beads of an alignment do not cover its documents exactly once, in order.
public struct AlignmentInvariantError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 1-based bead number where the problem shows.
  public var bead: Int
  public var message: String

  public var description: String { message }
}
