public import TMX

/// What `tweetal stats` reports about one TMX file.
public struct TMXStatistics: Sendable, Hashable, Codable {
  public var file: String
  public var creationTool: String
  public var creationToolVersion: String
  /// `srclang` of the header (may be `*all*`).
  public var sourceLanguage: String
  /// Every `xml:lang` of the variants, in order of first appearance.
  public var languages: [String]
  /// Number of translation units.
  public var units: Int
  /// Document parallelism in [0, 1] (Tweetal files that carry one; `nil` otherwise).
  public var parallelism: Double?
  /// What only a Tweetal alignment has: beads, statuses, confidence, linked sentences.
  public var alignment: AlignmentSummary?

  /// Statistics of `tmx`; a Tweetal file is decoded and must be consistent.
  public init(tmx: TMXDocument, file: String) throws(AlignmentStoreError) {
    self.file = file
    creationTool = tmx.header.creationTool
    creationToolVersion = tmx.header.creationToolVersion
    sourceLanguage = tmx.header.sourceLanguage
    var seen: Set<String> = []
    languages = []
    for unit in tmx.units {
      for variant in unit.variants where seen.insert(variant.language).inserted {
        languages.append(variant.language)
      }
    }
    units = tmx.units.count
    if AlignmentStore.isTweetal(tmx) {
      let document = try AlignmentStore.decode(tmx, file: file)
      parallelism = document.metadata.parallelism
      alignment = AlignmentSummary(document)
    }
  }

  /// Statistics of the TMX file at `file` (or of `bytes`, named `file`, when given: standard
  /// input), read with ``TMXStreamReader``:
  /// another tool's file is counted unit by unit and never held in memory; a Tweetal alignment's
  /// units are kept for the decoder, which checks the whole alignment. Gives what
  /// ``init(tmx:file:)`` gives after ``TMXReader/read(path:)``, and the same errors.
  public init(streaming file: String, bytes: [UInt8]? = nil) throws {
    // A pipe or device given by name (`/dev/stdin`) can be read only once: read whole, as `-` is.
    if bytes == nil, !FileIdentity.isRegularFile(file) {
      try self.init(streaming: file, bytes: try SafeFile.load(path: file))
      return
    }
    // A Tweetal alignment on disk is decoded bead by bead; its header tells (read from the first
    // MiB; a header that does not read leaves the error to the full read below).
    if bytes == nil, let header = try? TMXReader.readHeader(path: file) {
      if header.creationTool == TMXForm.tool && header.originalFormat == TMXForm.tool {
        try self.init(alignmentAt: file, header: header)
        return
      }
      // Another tool's file: only its languages are counted, without building its units.
      if let statistics = try Self.outlined(file) {
        self = statistics
        return
      }
    }
    var seen: Set<String> = []
    var languages: [String] = []
    var count = 0
    var isTweetal = false
    var kept: [TranslationUnit] = []
    let header = { (header: Header) in
      isTweetal = header.creationTool == TMXForm.tool && header.originalFormat == TMXForm.tool
    }
    let unit = { (unit: TranslationUnit) in
      count += 1
      // Nearly every unit repeats the languages of the one before: only a new one is hashed.
      for variant in unit.variants where !languages.suffix(2).contains(variant.language) {
        if seen.insert(variant.language).inserted { languages.append(variant.language) }
      }
      if isTweetal { kept.append(unit) }
    }
    let summary =
      if let bytes {
        try TMXStreamReader.read(bytes: bytes, name: file, header: header, unit: unit)
      } else {
        try TMXStreamReader.read(path: file, header: header, unit: unit)
      }
    let tmx = TMXDocument(version: summary.version, header: summary.header, units: kept)
    if AlignmentStore.isTweetal(tmx) {
      try self.init(tmx: tmx, file: file)
      return
    }
    try self.init(tmx: tmx, file: file)
    self.languages = languages
    units = count
  }

  /// Statistics of another tool's TMX file at `file`, read with
  /// ``TMXStreamReader/outline(path:header:unit:)`` (the languages of each unit, no units built);
  /// `nil` only when the header read in full turns out to be a Tweetal alignment's after all,
  /// which the caller then reads as one.
  private static func outlined(_ file: String) throws -> TMXStatistics? {
    var seen: Set<String> = []
    var languages: [String] = []
    var count = 0
    let summary = try TMXStreamReader.outline(path: file) { unit in
      count += 1
      // Nearly every unit repeats the languages of the one before: only a new one is hashed.
      for language in unit where !languages.suffix(2).contains(language) {
        if seen.insert(language).inserted { languages.append(language) }
      }
    }
    let tmx = TMXDocument(version: summary.version, header: summary.header, units: [])
    if AlignmentStore.isTweetal(tmx) { return nil }
    var statistics = try TMXStatistics(tmx: tmx, file: file)
    statistics.languages = languages
    statistics.units = count
    return statistics
  }

  /// Statistics of the Tweetal alignment at `file`, streamed with ``AlignmentStore/stream``: the
  /// beads are kept (not their sentences), so the figures are those of ``init(tmx:file:)``.
  private init(alignmentAt file: String, header: Header) throws {
    var seen: Set<String> = []
    var languages: [String] = []
    var count = 0
    var beads: [AlignmentBead] = []
    var sourceCount = 0
    var targetCount = 0
    let metadata = try AlignmentStore.stream(
      path: file, sentencesOfUnlinked: false, metadata: { _ in },
      unit: { unit in
        count += 1
        for variant in unit.variants where seen.insert(variant.language).inserted {
          languages.append(variant.language)
        }
      },
      bead: { bead, _, _ in
        beads.append(bead)
        sourceCount += bead.source.count
        targetCount += bead.target.count
      })
    self.file = file
    creationTool = header.creationTool
    creationToolVersion = header.creationToolVersion
    sourceLanguage = header.sourceLanguage
    self.languages = languages
    units = count
    parallelism = metadata.parallelism
    alignment = AlignmentSummary(beads: beads, sourceSentences: sourceCount, targetSentences: targetCount)
  }

  enum CodingKeys: String, CodingKey {
    case file, creationTool, creationToolVersion, sourceLanguage, languages, units, parallelism, alignment
  }

  /// Encodes every key, with `null` for a missing parallelism or alignment, so scripts see one shape.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(file, forKey: .file)
    try container.encode(creationTool, forKey: .creationTool)
    try container.encode(creationToolVersion, forKey: .creationToolVersion)
    try container.encode(sourceLanguage, forKey: .sourceLanguage)
    try container.encode(languages, forKey: .languages)
    try container.encode(units, forKey: .units)
    try container.encode(parallelism, forKey: .parallelism)
    try container.encode(alignment, forKey: .alignment)
  }
}

/// Bead types, statuses, confidence and coverage of an ``AlignedDocument``.
public struct AlignmentSummary: Sendable, Hashable, Codable {
  /// Number of beads per type (`"1-1"`, `"0-1"`, …).
  public var beadTypes: [String: Int]
  /// Number of beads per status (`auto`, `confirmed`, `edited`).
  public var statuses: [String: Int]
  public var sourceSentences: Int
  public var targetSentences: Int
  /// Sentences that sit in a bead with sentences on the other side.
  public var sourceLinked: Int
  public var targetLinked: Int
  /// Linked sentences of both sides over all sentences of both sides, in [0, 1].
  public var linkedShare: Double
  public var confidence: ConfidenceSummary

  public init(_ document: AlignedDocument) {
    self.init(
      beads: document.beads, sourceSentences: document.source.count, targetSentences: document.target.count)
  }

  /// The summary of `beads` over documents of `sourceSentences` and `targetSentences`.
  public init(beads: [AlignmentBead], sourceSentences: Int, targetSentences: Int) {
    var types: [String: Int] = [:]
    var statuses: [String: Int] = [:]
    var sourceLinked = 0
    var targetLinked = 0
    for bead in beads {
      types[bead.type.description, default: 0] += 1
      statuses[bead.status.rawValue, default: 0] += 1
      if !bead.source.isEmpty && !bead.target.isEmpty {
        sourceLinked += bead.source.count
        targetLinked += bead.target.count
      }
    }
    beadTypes = types
    self.statuses = statuses
    self.sourceSentences = sourceSentences
    self.targetSentences = targetSentences
    self.sourceLinked = sourceLinked
    self.targetLinked = targetLinked
    let total = sourceSentences + targetSentences
    linkedShare = total == 0 ? 0 : Double(sourceLinked + targetLinked) / Double(total)
    confidence = ConfidenceSummary(beads.map(\.confidence))
  }
}

/// The distribution of bead confidences.
public struct ConfidenceSummary: Sendable, Hashable, Codable {
  public var mean: Double?
  public var median: Double?
  public var minimum: Double?
  public var maximum: Double?
  /// Beads per tenth: `deciles[0]` counts [0, 0.1), …, `deciles[9]` counts [0.9, 1].
  public var deciles: [Int]

  public init(_ values: [Double]) {
    let sorted = values.filter { !$0.isNaN }.sorted()
    var deciles = [Int](repeating: 0, count: 10)
    for value in sorted { deciles[min(9, max(0, Int(value * 10)))] += 1 }
    self.deciles = deciles
    guard !sorted.isEmpty else { return }
    mean = sorted.reduce(0, +) / Double(sorted.count)
    let middle = sorted.count / 2
    median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    minimum = sorted.first
    maximum = sorted.last
  }
}

/// How related two documents are, read from their parallelism score.
public enum ParallelismLevel: String, Sendable, Hashable, CaseIterable {
  /// Most of both documents corresponds (parallelism ≥ 0.6).
  case parallel
  /// Some passages correspond, much has no counterpart (0.1 ≤ parallelism < 0.6).
  case loose = "loosely related"
  /// Hardly anything corresponds (parallelism < 0.1; another Text+Berg chunk's translation: 0–0.08).
  case unrelated

  /// The thresholds between the levels.
  public static let looseBelow = 0.6
  public static let unrelatedBelow = 0.1

  public init(_ parallelism: Double) {
    if parallelism < Self.unrelatedBelow {
      self = .unrelated
    } else if parallelism < Self.looseBelow {
      self = .loose
    } else {
      self = .parallel
    }
  }
}
