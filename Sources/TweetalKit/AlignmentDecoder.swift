import Aligner
import Segmenter
import TMX

/// Rebuilds an ``AlignedDocument`` from Tweetal's TMX form, checking every claim it makes.
struct AlignmentDecoder {
  let tmx: TMXDocument
  let file: String
  private var source: [Sentence] = []
  private var target: [Sentence] = []
  private var beads: [AlignmentBead] = []
  private var seenIDs = TuidSet()
  /// Whether unlinked records in Tweetal's plain form are read by ``UnlinkedRecordFastPath``
  /// (tests turn it off to compare it with the general path).
  var usesFastPath = true
  /// Whether the fast path cuts an unlinked record's text into sentences (`false`: it checks the
  /// text against the lengths and gives no sentences; see ``AlignmentStore/stream``).
  var cutsUnlinked = true

  /// One decoded bead with the sentences of its sides, before the beads are put in order.
  struct Piece {
    var bead: AlignmentBead
    var name: Name
    var source: [Sentence]
    var target: [Sentence]
    /// Beads in document order have strictly increasing `source.lowerBound + target.lowerBound`
    /// (each bead takes at least one sentence), so this orders them wherever they were stored.
    var position: Int { bead.source.lowerBound + bead.target.lowerBound }
  }

  /// How errors name a bead: a unit's tuid (or `#position`), or an unlinked record's tuid and
  /// where it is stored, put into words only when an error needs them.
  enum Name {
    case unit(String)
    case unlinked(tuid: String, host: String)

    var description: String {
      switch self {
      case .unit(let name): name
      case .unlinked(let tuid, let host): "\(tuid) (unlinked, in \(host))"
      }
    }
  }

  init(tmx: TMXDocument, file: String) {
    self.tmx = tmx
    self.file = file
  }

  /// Reads the header, then every bead wherever it is stored, puts the beads in document order
  /// and checks that they cover both documents exactly once.
  mutating func decode() throws(AlignmentStoreError) -> AlignedDocument {
    let props = try headerProperties()
    let metadata = try decodeMetadata(props)
    for piece in try decodePieces(metadata).enumerated().sorted(by: {
      ($0.element.position, $0.offset) < ($1.element.position, $1.offset)
    }) {
      try append(piece.element)
    }
    let sourceCount = try integer(TMXForm.HeaderProp.sourceSentences, in: props)
    let targetCount = try integer(TMXForm.HeaderProp.targetSentences, in: props)
    guard source.count == sourceCount, target.count == targetCount else {
      throw failure(
        "the header announces \(sourceCount) source and \(targetCount) target sentences, but the "
          + "translation units hold \(source.count) and \(target.count)")
    }
    return AlignedDocument(metadata: metadata, source: source, target: target, beads: beads)
  }

  /// The header: Tweetal's, a form this reader knows, the documents, parameters and options.
  fileprivate func decodeMetadata(_ props: [String: String]) throws(AlignmentStoreError) -> AlignmentMetadata
  {
    let header = tmx.header
    guard AlignmentStore.isTweetal(tmx) else {
      throw failure(
        "is not a Tweetal alignment (creationtool \"\(header.creationTool)\", o-tmf "
          + "\"\(header.originalFormat)\"); make one with `tweetal align`")
    }
    guard let form = props[TMXForm.HeaderProp.form] else {
      throw failure("has no \(TMXForm.HeaderProp.form) header prop; it was not written by `tweetal align`")
    }
    guard TMXForm.readableForms.contains(form) else {
      let known =
        TMXForm.readableForms.dropLast().joined(separator: ", ") + " and " + TMXForm.readableForms.last!
      throw failure(
        "uses Tweetal TMX form \(form); this tweetal reads forms \(known) (a newer tweetal wrote it)")
    }
    guard let creationDate = header.attributes["creationdate"] else {
      throw failure("the header has no creationdate")
    }
    var metadata = AlignmentMetadata(
      sourceLanguage: header.sourceLanguage,
      targetLanguage: try required(TMXForm.HeaderProp.targetLanguage, in: props),
      sourceFile: try required(TMXForm.HeaderProp.sourceFile, in: props),
      targetFile: try required(TMXForm.HeaderProp.targetFile, in: props),
      sourceChecksum: try required(TMXForm.HeaderProp.sourceChecksum, in: props),
      targetChecksum: try required(TMXForm.HeaderProp.targetChecksum, in: props),
      creationDate: creationDate,
      parameters: AlignmentParameters(
        ratio: try number(TMXForm.HeaderProp.ratio, in: props),
        variance: try number(TMXForm.HeaderProp.variance, in: props)))
    // The anchor rates came with the anchor-aware aligner; a file without them keeps the defaults.
    if props[TMXForm.HeaderProp.anchorMatch] != nil {
      metadata.parameters.anchorMatch = try number(TMXForm.HeaderProp.anchorMatch, in: props)
    }
    if props[TMXForm.HeaderProp.anchorChance] != nil {
      metadata.parameters.anchorChance = try number(TMXForm.HeaderProp.anchorChance, in: props)
    }
    if props[TMXForm.HeaderProp.blockCost] != nil {
      metadata.parameters.blockCost = try number(TMXForm.HeaderProp.blockCost, in: props)
    }
    if props[TMXForm.HeaderProp.unrelatedLength] != nil {
      metadata.parameters.unrelatedLength = try number(TMXForm.HeaderProp.unrelatedLength, in: props)
    }
    if props[TMXForm.HeaderProp.parallelism] != nil {
      metadata.parallelism = try number(TMXForm.HeaderProp.parallelism, in: props)
    }
    for property in header.properties where property.type == TMXForm.HeaderProp.option {
      guard let equals = property.value.firstIndex(of: "=") else {
        throw failure("header prop \(TMXForm.HeaderProp.option) \"\(property.value)\" is not name=value")
      }
      metadata.options[String(property.value[..<equals])] = String(
        property.value[property.value.index(after: equals)...])
    }
    return metadata
  }

  /// Every bead, in the order stored: each unit's unlinked records, then the unit; then the
  /// header's records.
  private mutating func decodePieces(_ metadata: AlignmentMetadata) throws(AlignmentStoreError) -> [Piece] {
    var pieces: [Piece] = []
    for (position, unit) in tmx.units.enumerated() {
      let name = unit.id ?? "#\(position + 1)"
      pieces += try unlinkedPieces(in: unit.properties, host: "tu \(name)", metadata: metadata)
      pieces.append(try decodeUnit(unit, name: name, metadata: metadata))
    }
    pieces += try unlinkedPieces(in: tmx.header.properties, host: "the header", metadata: metadata)
    return pieces
  }

  /// Puts the next bead (in document order) into the document, checking that it starts where the
  /// beads before it ended.
  private mutating func append(_ piece: Piece) throws(AlignmentStoreError) {
    let bead = piece.bead
    guard bead.source.lowerBound == source.count, bead.target.lowerBound == target.count else {
      throw AlignmentStoreError(
        file: file, unit: piece.name.description,
        message: "starts at source sentence \(bead.source.lowerBound), target \(bead.target.lowerBound); the "
          + "beads before it end at \(source.count), \(target.count) (beads must cover both documents in order)"
      )
    }
    source += piece.source
    target += piece.target
    beads.append(bead)
  }

  /// The beads with an empty side stored as ``UnlinkedRecord`` props among `properties`.
  fileprivate mutating func unlinkedPieces(
    in properties: [Property], host: String, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) -> [Piece] {
    var pieces: [Piece] = []
    var index = 0
    while index < properties.count {
      let property = properties[index]
      index += 1
      if property.type == UnlinkedRecord.textType {
        throw AlignmentStoreError(
          file: file, unit: host,
          message:
            "has a \(UnlinkedRecord.textType) prop without the \(UnlinkedRecord.recordType) prop before it")
      }
      guard property.type == UnlinkedRecord.recordType else { continue }
      let text =
        index < properties.count && properties[index].type == UnlinkedRecord.textType
        ? properties[index] : nil
      if text != nil { index += 1 }
      pieces.append(try unlinkedPiece(property.value, text: text, host: host, metadata: metadata))
    }
    return pieces
  }

  /// Whether tuid `id` has not been seen before (and is now).
  fileprivate mutating func isNew(_ id: Int) -> Bool { seenIDs.insert(id) }

  /// A bead stored as an unlinked record and its text prop.
  private mutating func unlinkedPiece(
    _ value: String, text: Property?, host: String, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) -> Piece {
    // The records Tweetal writes are read in one pass; anything else (and every error) the
    // general way below.
    if usesFastPath, let text,
      let piece = UnlinkedRecordFastPath.piece(
        record: value, text: text, host: host, metadata: metadata, cuts: cutsUnlinked,
        isNew: { seenIDs.insert($0) })
    {
      return piece
    }
    let parsed = UnlinkedRecord.fields(value)
    let tuid = parsed?.first(where: { $0.name == "tuid" })?.value
    let name = Name.unlinked(tuid: tuid ?? "?", host: host)
    let fields = StoredFields(
      file: file, name: name.description, kind: UnlinkedRecord.recordType, values: parsed ?? [])
    guard parsed != nil else {
      throw fields.fail("has a \(UnlinkedRecord.recordType) prop that is not name=value fields: \"\(value)\"")
    }
    var bead = try storedBead(id: fields["tuid"], fields)
    guard bead.source.isEmpty != bead.target.isEmpty else {
      throw fields.fail(
        "is stored as unlinked, but its ranges make a \(bead.type) bead; a link is a <tu> of its own")
    }
    let isSource = !bead.source.isEmpty
    let language = isSource ? metadata.sourceLanguage : metadata.targetLanguage
    guard let text else {
      throw fields.fail("lacks the \(UnlinkedRecord.textType) prop right after its record")
    }
    guard text.language == language else {
      throw fields.fail("has its text in xml:lang \"\(text.language ?? "")\"; expected \"\(language)\"")
    }
    let comma = { (list: String) in TMXForm.commasToSpaces(list) }
    let sentences = try split(
      text.value, lengths: comma(try fields.required("lengths")), kinds: comma(try fields.required("kinds")),
      blocks: comma(try fields.required("blocks")), spans: fields["spans"].map(comma),
      count: isSource ? bead.source.count : bead.target.count, fail: fields.fail)
    if let encoded = fields["changeid"] {
      guard let decoded = UnlinkedRecord.percentDecoded(encoded) else {
        throw fields.fail("has a changeid that is not percent-encoded UTF-8")
      }
      bead.changeUser = decoded
    }
    bead.changeDate = fields["changedate"]
    bead.creationDate = fields["creationdate"]
    return Piece(
      bead: bead, name: name, source: isSource ? sentences : [], target: isSource ? [] : sentences)
  }

  /// A bead stored as a `<tu>`.
  fileprivate mutating func decodeUnit(
    _ unit: TranslationUnit, name: String, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) -> Piece {
    // The first prop of each type counts (a later one of the same type is ignored). The unlinked
    // records a unit carries (dozens in a sparse pair) are none of the fields looked up here.
    let props = unit.properties.compactMap { property in
      property.type == UnlinkedRecord.recordType || property.type == UnlinkedRecord.textType
        ? nil : (name: property.type, value: property.value)
    }
    let fields = StoredFields(file: file, name: name, kind: "prop", values: props, prefix: "x-tweetal-")
    var bead = try storedBead(id: unit.id, fields)
    let sides = [
      (bead.source, metadata.sourceLanguage, SideProps.source),
      (bead.target, metadata.targetLanguage, SideProps.target),
    ]
    // A link has a source and a target tuv. Form 1 also wrote 1-0 / 0-1 beads as units, the empty
    // side's seg empty; a 1-0 / 0-1 unit with only the non-empty side's tuv is accepted too.
    let nonEmpty = sides.filter { !$0.0.isEmpty }.count
    guard unit.variants.count == 2 || (unit.variants.count == nonEmpty && nonEmpty == 1) else {
      throw fields.fail(
        "has \(unit.variants.count) tuv elements; a \(bead.type) bead has a source and a target tuv")
    }
    var variants = unit.variants.enumerated().makeIterator()
    var sideSentences: [[Sentence]] = [[], []]
    for (sideIndex, (range, language, names)) in sides.enumerated() {
      if range.isEmpty && unit.variants.count == 1 { continue }
      guard let (position, variant) = variants.next() else { break }
      guard variant.language == language else {
        throw fields.fail(
          "tuv \(position + 1) has xml:lang \"\(variant.language)\"; expected \"\(language)\"")
      }
      if range.isEmpty {
        guard variant.segment.plainText.isEmpty else {
          throw fields.fail(
            "has text in the \(language) tuv, but its range \(TMXForm.range(range)) holds no sentence")
        }
        continue
      }
      sideSentences[sideIndex] = try split(
        variant.segment.plainText, lengths: try fields.required(names.lengths),
        kinds: try fields.required(names.kinds), blocks: try fields.required(names.blocks),
        spans: fields[names.spans], count: range.count, fail: fields.fail)
    }
    bead.changeDate = unit.attributes["changedate"]
    bead.changeUser = unit.attributes["changeid"]
    bead.creationDate = unit.attributes["creationdate"].flatMap { $0 == metadata.creationDate ? nil : $0 }
    return Piece(bead: bead, name: .unit(name), source: sideSentences[0], target: sideSentences[1])
  }

  /// The values every bead has, unit or record: a unique tuid, status, confidence, cost, the two
  /// ranges and a bead type that agrees with them.
  private mutating func storedBead(id: String?, _ fields: StoredFields) throws(AlignmentStoreError)
    -> AlignmentBead
  {
    guard let id = id.flatMap({ Int($0) }) else { throw fields.fail("has no numeric tuid") }
    guard seenIDs.insert(id) else {
      throw fields.fail("repeats tuid \(id); each bead needs its own")
    }
    let status = try fields.required("status")
    guard let beadStatus = BeadStatus(rawValue: status) else {
      throw fields.fail("has an unknown status \"\(status)\" (auto, confirmed, edited)")
    }
    guard let confidence = TMXForm.number(try fields.required("confidence")),
      let cost = TMXForm.number(try fields.required("cost"))
    else { throw fields.fail("has a confidence or cost that is not a number") }
    guard let source = TMXForm.parseRange(try fields.required("source-range")),
      let target = TMXForm.parseRange(try fields.required("target-range"))
    else { throw fields.fail("has a sentence range that is not start:end") }
    let type = BeadType(source: source.count, target: target.count)
    guard try fields.required("bead") == type.description else {
      throw fields.fail("says bead \(fields["bead"] ?? "") but its ranges make a \(type) bead")
    }
    return AlignmentBead(
      source: source, target: target, cost: cost, confidence: confidence, status: beadStatus, id: id)
  }

  /// Cuts a side's segment text into its sentences at the stored lengths (Unicode scalars).
  private func split(
    _ text: String, lengths: String, kinds: String, blocks: String, spans: String?, count: Int,
    fail: (String) -> AlignmentStoreError
  ) throws(AlignmentStoreError) -> [Sentence] {
    guard let lengthValues = TMXForm.parseIntegers(lengths), lengthValues.count == count,
      lengthValues.allSatisfy({ $0 >= 0 })
    else { throw fail("its lengths \"\(lengths)\" do not give \(count) sentence lengths") }
    let kindParts = TMXForm.splitFields(kinds, separator: " ")
    let kindValues = kindParts.compactMap { UnitKind(rawValue: String($0)) }
    guard kindValues.count == count, kindParts.count == count else {
      throw fail("its kinds \"\(kinds)\" do not give \(count) unit kinds")
    }
    guard let blockValues = TMXForm.parseIntegers(blocks), blockValues.count == count else {
      throw fail("its blocks \"\(blocks)\" do not give \(count) block numbers")
    }
    let spanValues = spans.map(TMXForm.parseSpans) ?? Array(repeating: nil, count: count)
    guard let spanValues, spanValues.count == count else {
      throw fail("its spans \"\(spans ?? "")\" do not give \(count) source spans")
    }
    for index in 0..<count where !Sentence.canStore(block: blockValues[index], span: spanValues[index]) {
      throw fail(
        "its blocks \"\(blocks)\" or spans \"\(spans ?? "")\" hold a number too large for a sentence")
    }
    let scalars = text.unicodeScalars
    let scalarCount = scalars.count
    let expected = lengthValues.reduce(0, +) + count - 1
    guard scalarCount == expected else {
      throw fail("its text has \(scalarCount) characters; the stored sentence lengths make \(expected)")
    }
    var sentences: [Sentence] = []
    sentences.reserveCapacity(count)
    var offset = scalars.startIndex
    for index in 0..<count {
      if index > 0 {
        guard scalars[offset] == " " else { throw fail("its sentences are not separated by one space") }
        scalars.formIndex(after: &offset)
      }
      let end = scalars.index(offset, offsetBy: lengthValues[index])
      sentences.append(
        Sentence(
          text: String(scalars[offset..<end]), kind: kindValues[index], block: blockValues[index],
          span: spanValues[index]))
      offset = end
    }
    return sentences
  }

  fileprivate func headerProperties() throws(AlignmentStoreError) -> [String: String] {
    var props: [String: String] = [:]
    let repeatable = [TMXForm.HeaderProp.option, UnlinkedRecord.recordType, UnlinkedRecord.textType]
    for property in tmx.header.properties where !repeatable.contains(property.type) {
      guard props[property.type] == nil else { throw failure("the header repeats the prop \(property.type)") }
      props[property.type] = property.value
    }
    return props
  }

  private func required(_ type: String, in props: [String: String]) throws(AlignmentStoreError) -> String {
    guard let value = props[type] else { throw failure("the header lacks the prop \(type)") }
    return value
  }

  private func number(_ type: String, in props: [String: String]) throws(AlignmentStoreError) -> Double {
    guard let value = TMXForm.number(try required(type, in: props)) else {
      throw failure("the header prop \(type) is not a number")
    }
    return value
  }

  private func integer(_ type: String, in props: [String: String]) throws(AlignmentStoreError) -> Int {
    guard let value = Int(try required(type, in: props)), value >= 0 else {
      throw failure("the header prop \(type) is not a count")
    }
    return value
  }

  private func failure(_ message: String) -> AlignmentStoreError {
    AlignmentStoreError(file: file, message: message)
  }
}

/// A stored bead's values by name: a unit's props (`x-tweetal-status`) or an unlinked record's
/// fields (`status`), with errors that name the bead.
private struct StoredFields {
  let file: String
  /// The bead as errors name it.
  let name: String
  /// `prop` or the record's type, for "lacks the …" errors.
  let kind: String
  /// In stored order; the first of a name counts. A bead has about a dozen, so a search is
  /// cheaper than hashing them into a dictionary.
  let values: [(name: String, value: String)]
  /// Put before a field name to find it (`x-tweetal-` for a unit's props).
  var prefix = ""

  subscript(_ field: String) -> String? {
    let name = field.hasPrefix(prefix) ? field : prefix + field
    return values.first(where: { $0.name == name })?.value
  }

  func required(_ field: String) throws(AlignmentStoreError) -> String {
    guard let value = self[field] else {
      let stored = field.hasPrefix(prefix) ? field : prefix + field
      throw fail(kind == "prop" ? "lacks the prop \(stored)" : "lacks the field \(field) in \(kind)")
    }
    return value
  }

  func fail(_ message: String) -> AlignmentStoreError {
    AlignmentStoreError(file: file, unit: name, message: message)
  }
}

/// Decodes a Tweetal alignment unit by unit as ``TMXStreamReader`` hands the units over, passing
/// each bead with its sentences on in document order and keeping only beads that arrive before
/// the bead they follow. It makes the checks ``AlignmentDecoder`` makes (each piece decoded by the
/// same code, beads chained from sentence 0 without gap or overlap, the header's sentence counts);
/// it only says *that* the file is inconsistent, and the caller re-reads the file with the whole
/// decoder for the exact error.
struct StreamingAlignmentDecoder {
  private var decoder: AlignmentDecoder
  let metadata: AlignmentMetadata
  private var sourceCount = 0
  private var targetCount = 0
  private var position = 0
  /// Beads stored before the bead they follow, by the sentences they start at.
  private var waiting: [Start: [AlignmentDecoder.Piece]] = [:]
  /// A check failed: nothing more is passed on.
  private(set) var failed = false
  /// The unlinked records taken from the unit being read, and the record waiting for its text.
  private var taken: [AlignmentDecoder.Piece] = []
  private var heldRecord: HeldRecord?
  /// The last held record's buffer, kept for the next (one allocation per file, not per record).
  private var spareBytes: [UInt8] = []
  /// Whether the unit being read still has all its records taken so far.
  private var takesRecords = true

  private struct HeldRecord {
    var bytes: [UInt8]
    var language: String?

    var property: Property {
      Property(
        type: UnlinkedRecord.recordType, value: String(decoding: bytes, as: UTF8.self), language: language)
    }
  }

  private struct Start: Hashable {
    var source: Int
    var target: Int
  }

  /// The decoder for a file whose header is `header`; throws what the whole decoder throws for
  /// the header.
  init(header: Header, file: String, sentencesOfUnlinked: Bool = true) throws(AlignmentStoreError) {
    decoder = AlignmentDecoder(tmx: TMXDocument(version: "", header: header), file: file)
    decoder.cutsUnlinked = sentencesOfUnlinked
    metadata = try decoder.decodeMetadata(try decoder.headerProperties())
  }

  /// Decodes one unit (its unlinked records, then itself) and passes on every bead that is next.
  /// The unit's records taken while it was read (``takeProperty(type:value:language:properties:)``)
  /// come first: they were stored before any record left among its props.
  mutating func take(_ unit: TranslationUnit, emit: (AlignmentBead, [Sentence], [Sentence]) -> Void) {
    var unit = unit
    if let held = heldRecord.take() { unit.properties.append(held.property) }
    let takenPieces = taken
    abandonUnit()
    guard !failed else { return }
    let name = unit.id ?? "#\(position + 1)"
    position += 1
    do throws(AlignmentStoreError) {
      // Their tuids are checked now, in the order stored, as the fast path would have.
      for piece in takenPieces where !decoder.isNew(piece.bead.id) {
        failed = true
        return
      }
      var pieces = takenPieces
      pieces += try decoder.unlinkedPieces(in: unit.properties, host: "tu \(name)", metadata: metadata)
      pieces.append(try decoder.decodeUnit(unit, name: name, metadata: metadata))
      for piece in pieces { offer(piece, emit: emit) }
    } catch {
      failed = true
    }
  }

  /// A unit-level `<prop>` of the unit being read, offered before its value becomes a string
  /// (``TMXPropertyFilter``): an unlinked record and the text prop right after it are taken when
  /// ``UnlinkedRecordFastPath`` reads them (the record is held until its text comes). From the
  /// first record or text prop it does not take, the unit's records are left among its props,
  /// for ``take(_:emit:)`` to decode the general way in their order.
  mutating func takeProperty(
    type: String, value: UnsafeBufferPointer<UInt8>, language: String?, properties: inout [Property]
  ) -> Bool {
    let isRecord = type == UnlinkedRecord.recordType
    let isText = !isRecord && type == UnlinkedRecord.textType
    guard !failed, takesRecords, isRecord || isText || heldRecord != nil else { return false }
    if isRecord, heldRecord == nil {
      var bytes: [UInt8] = []
      swap(&bytes, &spareBytes)
      bytes.removeAll(keepingCapacity: true)
      bytes.append(contentsOf: value)
      heldRecord = HeldRecord(bytes: bytes, language: language)
      return true
    }
    if isText, let held = heldRecord,
      let piece = held.bytes.withUnsafeBufferPointer({ record in
        // Named only in errors, which a streaming decode never words: no host is made.
        UnlinkedRecordFastPath.piece(
          record: record, text: value, language: language, host: "", metadata: metadata,
          cuts: decoder.cutsUnlinked, isNew: { _ in true })
      })
    {
      spareBytes = held.bytes
      heldRecord = nil
      taken.append(piece)
      return true
    }
    // A record without its text right after it, a text without a record, a record the fast
    // path refuses: this one and the rest go the general way.
    if let held = heldRecord.take() { properties.append(held.property) }
    takesRecords = false
    return false
  }

  /// Forgets what was taken from a unit that is not handed over (the file is read again).
  mutating func abandonUnit() {
    taken.removeAll(keepingCapacity: true)
    heldRecord = nil
    takesRecords = true
  }

  /// The header's unlinked records, then the last checks; false when the file is inconsistent.
  mutating func finish(emit: (AlignmentBead, [Sentence], [Sentence]) -> Void) -> Bool {
    guard !failed else { return false }
    do throws(AlignmentStoreError) {
      for piece in try decoder.unlinkedPieces(
        in: decoder.tmx.header.properties, host: "the header", metadata: metadata)
      {
        offer(piece, emit: emit)
      }
      let props = try decoder.headerProperties()
      guard !failed, waiting.isEmpty,
        let sources = Int(props[TMXForm.HeaderProp.sourceSentences] ?? ""),
        let targets = Int(props[TMXForm.HeaderProp.targetSentences] ?? ""),
        sources == sourceCount, targets == targetCount
      else { return false }
      return true
    } catch {
      return false
    }
  }

  private mutating func offer(
    _ piece: AlignmentDecoder.Piece, emit: (AlignmentBead, [Sentence], [Sentence]) -> Void
  ) {
    guard !failed else { return }
    let start = Start(source: piece.bead.source.lowerBound, target: piece.bead.target.lowerBound)
    guard start == Start(source: sourceCount, target: targetCount) else {
      // Stored before the bead it follows (or overlapping one: then it never fits and the file
      // is found inconsistent at the end).
      guard start.source >= sourceCount, start.target >= targetCount else {
        failed = true
        return
      }
      waiting[start, default: []].append(piece)
      return
    }
    var next: AlignmentDecoder.Piece? = piece
    while let current = next {
      let bead = current.bead
      // A bead with an empty side has no sentences when they are not cut (its text was checked).
      if decoder.cutsUnlinked || !(bead.source.isEmpty || bead.target.isEmpty) {
        guard current.source.count == bead.source.count, current.target.count == bead.target.count else {
          failed = true
          return
        }
        emit(bead, current.source, current.target)
      } else {
        emit(bead, [], [])
      }
      sourceCount += bead.source.count
      targetCount += bead.target.count
      let key = Start(source: sourceCount, target: targetCount)
      if var queue = waiting[key] {
        next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
      } else {
        next = nil
      }
    }
  }
}

/// The tuids a decoder has seen: one bit each for the small non-negative numbers Tweetal writes
/// (beads are numbered from 1), a set for any other. Hashing 100 000 tuids into a `Set` was 3 %
/// of an export.
struct TuidSet {
  private var bits: [UInt64] = []
  private var others: Set<Int> = []
  /// Tuids below this take a bit (at most 2 MiB of them).
  static let bitLimit = 1 << 24

  /// Adds `id`; whether it was not there yet.
  mutating func insert(_ id: Int) -> Bool {
    guard id >= 0, id < Self.bitLimit else { return others.insert(id).inserted }
    let word = id >> 6
    let mask = UInt64(1) << UInt64(id & 63)
    if word >= bits.count {
      bits.append(contentsOf: repeatElement(0, count: max(word + 1 - bits.count, bits.count)))
    }
    guard bits[word] & mask == 0 else { return false }
    bits[word] |= mask
    return true
  }
}
