/// A bead as the undo history stores it.
struct HistoryBead: Codable, Sendable, Hashable {
  var source: [Int]
  var target: [Int]
  var cost: Double
  var confidence: Double
  var status: BeadStatus
  var id: Int
  var changeDate: String?
  var changeUser: String?
  /// The bead's own `creationdate`, so that undo gives back the bytes of a bead that had one.
  var creationDate: String?
  /// False for a bead read from a history written before creation dates were kept (no
  /// `creationDate` key): it matches a bead whatever its creation date, and restores none, as the
  /// history that wrote it did.
  var keepsCreationDate = true

  private enum CodingKeys: String, CodingKey {
    case source, target, cost, confidence, status, id, changeDate, changeUser, creationDate
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    source = try container.decode([Int].self, forKey: .source)
    target = try container.decode([Int].self, forKey: .target)
    cost = try container.decode(Double.self, forKey: .cost)
    confidence = try container.decode(Double.self, forKey: .confidence)
    status = try container.decode(BeadStatus.self, forKey: .status)
    id = try container.decode(Int.self, forKey: .id)
    changeDate = try container.decodeIfPresent(String.self, forKey: .changeDate)
    changeUser = try container.decodeIfPresent(String.self, forKey: .changeUser)
    creationDate = try container.decodeIfPresent(String.self, forKey: .creationDate)
    keepsCreationDate = container.contains(.creationDate)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(source, forKey: .source)
    try container.encode(target, forKey: .target)
    try container.encode(cost, forKey: .cost)
    try container.encode(confidence, forKey: .confidence)
    try container.encode(status, forKey: .status)
    try container.encode(id, forKey: .id)
    try container.encodeIfPresent(changeDate, forKey: .changeDate)
    try container.encodeIfPresent(changeUser, forKey: .changeUser)
    // Written even when nil (as null): the key marks a history that keeps creation dates.
    try container.encode(creationDate, forKey: .creationDate)
  }

  init(_ bead: AlignmentBead) {
    source = [bead.source.lowerBound, bead.source.upperBound]
    target = [bead.target.lowerBound, bead.target.upperBound]
    cost = bead.cost
    confidence = bead.confidence
    status = bead.status
    id = bead.id
    changeDate = bead.changeDate
    changeUser = bead.changeUser
    creationDate = bead.creationDate
  }

  /// Whether `bead` is the bead stored here (its creation date ignored if this history did not
  /// keep it).
  func matches(_ bead: AlignmentBead) -> Bool {
    var stored = HistoryBead(bead)
    if !keepsCreationDate {
      stored.creationDate = nil
      stored.keepsCreationDate = false
    }
    return stored == self
  }

  var bead: AlignmentBead? {
    guard source.count == 2, target.count == 2, source[0] <= source[1], target[0] <= target[1] else {
      return nil
    }
    return AlignmentBead(
      source: source[0]..<source[1], target: target[0]..<target[1], cost: cost, confidence: confidence,
      status: status, id: id, changeDate: changeDate, changeUser: changeUser, creationDate: creationDate)
  }
}

/// A sentence whose text an edit changed.
struct SentenceChange: Codable, Sendable, Hashable {
  var side: AlignmentSide
  var index: Int
  var before: String
  var after: String
}

/// The difference between two versions of an alignment: the run of beads that changed, and the
/// sentences whose text changed. Applying it forward or backward is exact and checked.
struct ReviewPatch: Codable, Sendable, Hashable {
  /// What the edit was, e.g. `merge 4`.
  var summary: String
  /// 0-based index of the first bead that differs.
  var start: Int
  var before: [HistoryBead]
  var after: [HistoryBead]
  var sentences: [SentenceChange]

  /// The patch that turns `old` into `new`. Both must have the same sentence counts.
  init(summary: String, from old: AlignedDocument, to new: AlignedDocument) {
    self.summary = summary
    let limit = min(old.beads.count, new.beads.count)
    var prefix = 0
    while prefix < limit, old.beads[prefix] == new.beads[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < limit - prefix,
      old.beads[old.beads.count - 1 - suffix] == new.beads[new.beads.count - 1 - suffix]
    {
      suffix += 1
    }
    start = prefix
    before = old.beads[prefix..<(old.beads.count - suffix)].map(HistoryBead.init)
    after = new.beads[prefix..<(new.beads.count - suffix)].map(HistoryBead.init)
    var changes: [SentenceChange] = []
    for (side, oldSentences, newSentences) in [
      (AlignmentSide.source, old.source, new.source), (.target, old.target, new.target),
    ] {
      for index in oldSentences.indices where index < newSentences.count {
        if oldSentences[index].text != newSentences[index].text {
          changes.append(
            SentenceChange(
              side: side, index: index, before: oldSentences[index].text, after: newSentences[index].text))
        }
      }
    }
    sentences = changes
  }

  /// The patch that undoes this one.
  var inverse: ReviewPatch {
    var result = self
    result.before = after
    result.after = before
    result.sentences = sentences.map {
      SentenceChange(side: $0.side, index: $0.index, before: $0.after, after: $0.before)
    }
    return result
  }

  /// Applies the patch to `document`, or returns nil if the document is not in the `before` state.
  func apply(to document: AlignedDocument) -> AlignedDocument? {
    var result = document
    let end = start + before.count
    guard start >= 0, end <= result.beads.count else { return nil }
    guard zip(result.beads[start..<end], before).allSatisfy({ $1.matches($0) }) else { return nil }
    var replacement: [AlignmentBead] = []
    for stored in after {
      guard let bead = stored.bead else { return nil }
      replacement.append(bead)
    }
    result.beads.replaceSubrange(start..<end, with: replacement)
    for change in sentences {
      switch change.side {
      case .source:
        guard result.source.indices.contains(change.index), result.source[change.index].text == change.before
        else { return nil }
        result.source[change.index].text = change.after
      case .target:
        guard result.target.indices.contains(change.index), result.target[change.index].text == change.before
        else { return nil }
        result.target[change.index].text = change.after
      }
    }
    do { try result.validate() } catch { return nil }
    return result
  }
}

/// The sidecar `FILE.tmx.history`: undo and redo stacks, the reviewer's position, and the
/// checksum of the TMX it belongs to.
struct ReviewHistory: Codable, Sendable, Hashable {
  /// A save that was announced but maybe not finished: if the TMX on disk has `checksum`, the save
  /// happened and `history` is the history that goes with it.
  struct Pending: Codable, Sendable, Hashable {
    var checksum: String
    var undo: StackChange
    var redo: StackChange
  }

  /// A stack after a save as what it keeps of the stack before it, at its bottom, and the steps
  /// it adds on top (an edit keeps every step but the oldest at the limit and adds one), so that
  /// the history file holds each step once. Format 1 wrote the whole stack (a JSON array): read
  /// as nothing kept and every step added.
  struct StackChange: Codable, Sendable, Hashable {
    /// The positions of the stack before the save whose steps stay, at the bottom.
    var kept: Range<Int>
    /// The steps after them, oldest first.
    var added: [ReviewPatch]

    init(kept: Range<Int> = 0..<0, added: [ReviewPatch]) {
      self.kept = kept
      self.added = added
    }

    /// The stack after the save, given the one before it; nil when `kept` lies outside it.
    func applied(to stack: [ReviewPatch]) -> [ReviewPatch]? {
      guard kept.upperBound <= stack.count else { return nil }
      return Array(stack[kept]) + added
    }

    private enum CodingKeys: String, CodingKey {
      case kept, added
    }

    init(from decoder: any Decoder) throws {
      if let whole = try? decoder.singleValueContainer().decode([ReviewPatch].self) {
        self.init(added: whole)
        return
      }
      let container = try decoder.container(keyedBy: CodingKeys.self)
      let bounds = try container.decode([Int].self, forKey: .kept)
      guard bounds.count == 2, 0 <= bounds[0], bounds[0] <= bounds[1] else {
        throw DecodingError.dataCorruptedError(
          forKey: .kept, in: container, debugDescription: "not a range of undo steps: \(bounds)")
      }
      self.init(kept: bounds[0]..<bounds[1], added: try container.decode([ReviewPatch].self, forKey: .added))
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(added, forKey: .added)
      try container.encode([kept.lowerBound, kept.upperBound], forKey: .kept)
    }
  }

  /// The format written: 2, the pending stacks as ``StackChange``s; 1 (read as well): whole stacks.
  static let currentFormat = 2
  var format = currentFormat
  /// `reviewChecksum` of the TMX bytes this history describes.
  var checksum: String
  var undo: [ReviewPatch] = []
  var redo: [ReviewPatch] = []
  /// 0-based index of the bead the reviewer last looked at.
  var position = 0
  var pending: Pending?

  /// Most undo steps kept; older ones are dropped.
  static let limit = 500
}
