import TMX

/// Serializes successive versions of one alignment (the saves of a review session) to Tweetal's
/// TMX form, keeping each `<tu>`'s bytes: a version re-serializes only the units whose beads or
/// sentences changed since the last one, and puts the file together from the kept pieces.
///
/// The bytes are always exactly `TMXWriter.bytes(of: AlignmentStore.encode(document))`
/// (`ReviewSaveRoundTripTests` checks that after every kind of edit). A unit is the `<tu>` of a
/// group of beads (``AlignmentStore/unit(forGroup:in:)``): the unlinked beads before a linking
/// bead, the linking bead, and for the last group the unlinked beads after it. Unchanged groups
/// are found by comparing the new document's groups with the last one's from both ends (an edit
/// changes one run of beads; the ones after it move but do not change), with `==` on beads and
/// sentences: no hashing, no serialization.
///
/// Not thread-safe: one per file under review, used on its queue.
public final class AlignmentTMXAssembly {
  private var last: AlignedDocument?
  /// The bead ranges of `last`'s groups, and each group's bytes.
  private var groups: [Range<Int>] = []
  private var pieces: [[UInt8]] = []
  private var header: Header?
  private var headerBytes: [UInt8] = []
  private let writer = TMXWriter.UnitPieces()

  public init() {}

  /// The TMX bytes of `document`.
  public func bytes(of document: AlignedDocument) throws -> [UInt8] {
    let groups = Self.groups(of: document.beads)
    guard !groups.isEmpty else {
      // No linking bead: everything is in the header; nothing worth keeping.
      last = nil
      self.groups = []
      pieces = []
      return try TMXWriter.bytes(of: AlignmentStore.encode(document))
    }
    let header = AlignmentStore.header(for: document)
    let headerBytes = header == self.header ? self.headerBytes : try TMXWriter.headerBytes(header)
    var prefix = 0
    var suffix = 0
    if let last, Self.sameContext(last.metadata, document.metadata) {
      let limit = min(groups.count, self.groups.count)
      while prefix < limit, Self.same(groups[prefix], in: document, self.groups[prefix], in: last) {
        prefix += 1
      }
      while suffix < limit - prefix,
        Self.same(
          groups[groups.count - 1 - suffix], in: document, self.groups[self.groups.count - 1 - suffix],
          in: last)
      {
        suffix += 1
      }
    }
    var pieces: [[UInt8]] = []
    pieces.reserveCapacity(groups.count)
    pieces += self.pieces[..<prefix]
    for group in groups[prefix..<(groups.count - suffix)] {
      guard let unit = AlignmentStore.unit(forGroup: document.beads[group], in: document) else {
        preconditionFailure("a group of beads without a linking bead")
      }
      pieces.append(try writer.bytes(of: unit))
    }
    pieces += self.pieces[(self.pieces.count - suffix)...]
    var bytes: [UInt8] = []
    bytes.reserveCapacity(pieces.reduce(headerBytes.count + TMXWriter.end.count) { $0 + $1.count })
    bytes += headerBytes
    for piece in pieces { bytes += piece }
    bytes += TMXWriter.end
    last = document
    self.groups = groups
    self.pieces = pieces
    self.header = header
    self.headerBytes = headerBytes
    return bytes
  }

  /// The bead ranges of the units: each ends with a linking bead, except that the last one also
  /// takes the unlinked beads after it. Empty when no bead links.
  static func groups(of beads: [AlignmentBead]) -> [Range<Int>] {
    var groups: [Range<Int>] = []
    var start = 0
    for (index, bead) in beads.enumerated() where !bead.source.isEmpty && !bead.target.isEmpty {
      groups.append(start..<(index + 1))
      start = index + 1
    }
    if let lastGroup = groups.last, start < beads.count {
      groups[groups.count - 1] = lastGroup.lowerBound..<beads.count
    }
    return groups
  }

  /// Whether what a unit takes from the metadata is the same.
  private static func sameContext(_ a: AlignmentMetadata, _ b: AlignmentMetadata) -> Bool {
    a.creationDate == b.creationDate && a.sourceLanguage == b.sourceLanguage
      && a.targetLanguage == b.targetLanguage
  }

  /// Whether two groups give the same unit: the same beads (ranges included) over the same sentences.
  private static func same(
    _ a: Range<Int>, in new: AlignedDocument, _ b: Range<Int>, in old: AlignedDocument
  ) -> Bool {
    guard a.count == b.count else { return false }
    for (i, j) in zip(a, b) {
      let bead = new.beads[i]
      guard bead == old.beads[j] else { return false }
      guard bead.source.upperBound <= min(new.source.count, old.source.count),
        bead.target.upperBound <= min(new.target.count, old.target.count)
      else { return false }
      for s in bead.source where new.source[s] != old.source[s] { return false }
      for t in bead.target where new.target[t] != old.target[t] { return false }
    }
    return true
  }
}
