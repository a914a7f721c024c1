import TMX

/// Serializes successive versions of one alignment (the saves of a review session) to Tweetal's
/// TMX form, keeping the bytes each bead contributes: a version re-serializes only the beads that
/// changed since the last one (with their sentences), and puts the file together from the kept
/// pieces.
///
/// The bytes are always exactly `TMXWriter.bytes(of: AlignmentStore.encode(document))`
/// (`ReviewSaveRoundTripTests` checks that after every kind of edit and on every committed
/// alignment). In Tweetal's form a `<tu>` is a linking bead with the unlinked beads around it as
/// props (see ``AlignmentStore/encode(_:)``), and most beads of a loosely parallel pair are
/// unlinked, so one unit can carry dozens of beads: the pieces are per bead, not per unit. A
/// linking bead gives the `<tu …>` start tag, its props and its `<tuv>`s; an unlinked bead its
/// two props. Unchanged beads are found by comparing the new document's beads with the last
/// one's from both ends (an edit changes one run of beads; the ones after it move but do not
/// change), with `==` on beads and their sentences: no hashing, no serialization.
///
/// Not thread-safe: one per file under review, used on its queue.
public final class AlignmentTMXAssembly {
  private var last: AlignedDocument?
  /// The pieces of `last`'s beads, by position.
  private var pieces: [Piece] = []
  private var header: Header?
  private var headerBytes: [UInt8] = []
  private let writer = TMXWriter.UnitPieces()
  /// How many beads the last ``bytes(of:)`` serialized (all of them when it wrote the whole
  /// document without pieces).
  private(set) var serializedBeads = 0

  private struct Piece {
    /// `\n    <tu …>` (a linking bead only).
    var start: [UInt8] = []
    /// The `<prop>`s, each after its line break and indentation.
    var properties: [UInt8]
    /// The `<tuv>`s (a linking bead only).
    var variants: [UInt8] = []
  }

  /// What a unit serialized with no attributes starts and ends with.
  private static let bareStart = Array("\n    <tu>".utf8)
  private static let end = Array("\n    </tu>".utf8)
  private static let linkStart = Array("\n    <tu ".utf8)

  public init() {}

  /// The TMX bytes of `document`.
  public func bytes(of document: AlignedDocument) throws -> [UInt8] {
    let groups = Self.groups(of: document.beads)
    guard !groups.isEmpty else {
      // No linking bead: everything is in the header; nothing worth keeping.
      last = nil
      pieces = []
      serializedBeads = document.beads.count
      return try TMXWriter.bytes(of: AlignmentStore.encode(document))
    }
    let header = AlignmentStore.header(for: document)
    let headerBytes = header == self.header ? self.headerBytes : try TMXWriter.headerBytes(header)
    let beads = document.beads
    var prefix = 0
    var suffix = 0
    if let last, Self.sameContext(last.metadata, document.metadata) {
      let limit = min(beads.count, last.beads.count)
      while prefix < limit, Self.same(prefix, in: document, prefix, in: last) { prefix += 1 }
      while suffix < limit - prefix,
        Self.same(beads.count - 1 - suffix, in: document, last.beads.count - 1 - suffix, in: last)
      {
        suffix += 1
      }
    }
    var pieces: [Piece] = []
    pieces.reserveCapacity(beads.count)
    pieces += self.pieces[..<prefix]
    for index in prefix..<(beads.count - suffix) {
      guard let piece = try piece(for: beads[index], in: document) else {
        // The writer did not give the layout the pieces rely on: serialize the whole document.
        last = nil
        self.pieces = []
        serializedBeads = beads.count
        return try TMXWriter.bytes(of: AlignmentStore.encode(document))
      }
      pieces.append(piece)
    }
    pieces += self.pieces[(self.pieces.count - suffix)...]
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      pieces.reduce(headerBytes.count + TMXWriter.end.count + groups.count * Self.end.count) {
        $0 + $1.start.count + $1.properties.count + $1.variants.count
      })
    bytes += headerBytes
    for group in groups {
      guard let link = group.first(where: { !beads[$0].source.isEmpty && !beads[$0].target.isEmpty })
      else { preconditionFailure("a group of beads without a linking bead") }
      bytes += pieces[link].start
      for index in group where index < link { bytes += pieces[index].properties }
      bytes += pieces[link].properties
      for index in group where index > link { bytes += pieces[index].properties }
      bytes += pieces[link].variants
      bytes += Self.end
    }
    bytes += TMXWriter.end
    last = document
    serializedBeads = beads.count - prefix - suffix
    self.pieces = pieces
    self.header = header
    self.headerBytes = headerBytes
    return bytes
  }

  /// The bytes `bead` contributes, or nil if the writer's layout is not the expected one.
  private func piece(for bead: AlignmentBead, in document: AlignedDocument) throws -> Piece? {
    if bead.source.isEmpty || bead.target.isEmpty {
      let unit = TranslationUnit(properties: UnlinkedRecord.properties(for: bead, in: document))
      return Self.inner(try writer.bytes(of: unit)).map { Piece(properties: $0) }
    }
    let unit = AlignmentStore.unit(for: bead, in: document)
    let withProperties = try writer.bytes(
      of: TranslationUnit(id: unit.id, attributes: unit.attributes, properties: unit.properties))
    // The start tag ends at the first line break after it begins (a line break in an attribute
    // value is written as a character reference).
    guard withProperties.count > Self.end.count, withProperties.starts(with: Self.linkStart),
      let tagEnd = withProperties.dropFirst().firstIndex(of: 0x0A),
      withProperties[tagEnd - 1] == UInt8(ascii: ">"),
      withProperties.suffix(Self.end.count).elementsEqual(Self.end),
      let variants = Self.inner(try writer.bytes(of: TranslationUnit(variants: unit.variants)))
    else { return nil }
    return Piece(
      start: Array(withProperties[..<tagEnd]),
      properties: Array(withProperties[tagEnd..<(withProperties.count - Self.end.count)]), variants: variants)
  }

  /// What is between `\n    <tu>` and `\n    </tu>` in the bytes of a unit without attributes.
  private static func inner(_ unit: [UInt8]) -> [UInt8]? {
    guard unit.count >= bareStart.count + end.count, unit.starts(with: bareStart),
      unit.suffix(end.count).elementsEqual(end)
    else { return nil }
    return Array(unit[bareStart.count..<(unit.count - end.count)])
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

  /// Whether what a bead's pieces take from the metadata is the same.
  private static func sameContext(_ a: AlignmentMetadata, _ b: AlignmentMetadata) -> Bool {
    a.creationDate == b.creationDate && a.sourceLanguage == b.sourceLanguage
      && a.targetLanguage == b.targetLanguage
  }

  /// Whether two beads give the same pieces: equal (ranges included), over the same sentences.
  private static func same(_ i: Int, in new: AlignedDocument, _ j: Int, in old: AlignedDocument) -> Bool {
    let bead = new.beads[i]
    guard bead == old.beads[j],
      bead.source.upperBound <= min(new.source.count, old.source.count),
      bead.target.upperBound <= min(new.target.count, old.target.count)
    else { return false }
    for s in bead.source where new.source[s] != old.source[s] { return false }
    for t in bead.target where new.target[t] != old.target[t] { return false }
    return true
  }
}
