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
  private var seenIDs: Set<Int> = []

  /// One decoded bead with the sentences of its sides, before the beads are put in order.
  private struct Piece {
    var bead: AlignmentBead
    var name: String
    var source: [Sentence]
    var target: [Sentence]
    /// Beads in document order have strictly increasing `source.lowerBound + target.lowerBound`
    /// (each bead takes at least one sentence), so this orders them wherever they were stored.
    var position: Int { bead.source.lowerBound + bead.target.lowerBound }
  }

  init(tmx: TMXDocument, file: String) {
    self.tmx = tmx
    self.file = file
  }

  mutating func decode() throws(AlignmentStoreError) -> AlignedDocument {
    let header = tmx.header
    guard AlignmentStore.isTweetal(tmx) else {
      throw failure(
        "is not a Tweetal alignment (creationtool \"\(header.creationTool)\", o-tmf "
          + "\"\(header.originalFormat)\"); make one with `tweetal align`")
    }
    let props = try headerProperties()
    guard let form = props[TMXForm.HeaderProp.form] else {
      throw failure("has no \(TMXForm.HeaderProp.form) header prop; it was not written by `tweetal align`")
    }
    guard TMXForm.readableForms.contains(form) else {
      throw failure(
        "uses Tweetal TMX form \(form); this tweetal reads forms "
          + TMXForm.readableForms.sorted().joined(separator: " and ") + " (a newer tweetal wrote it)")
    }
    guard let creationDate = header.attributes["creationdate"] else {
      throw failure("the header has no creationdate")
    }
    let targetLanguage = try required(TMXForm.HeaderProp.targetLanguage, in: props)
    let ratio = try number(TMXForm.HeaderProp.ratio, in: props)
    let variance = try number(TMXForm.HeaderProp.variance, in: props)
    var metadata = AlignmentMetadata(
      sourceLanguage: header.sourceLanguage, targetLanguage: targetLanguage,
      sourceFile: try required(TMXForm.HeaderProp.sourceFile, in: props),
      targetFile: try required(TMXForm.HeaderProp.targetFile, in: props),
      sourceChecksum: try required(TMXForm.HeaderProp.sourceChecksum, in: props),
      targetChecksum: try required(TMXForm.HeaderProp.targetChecksum, in: props),
      creationDate: creationDate, parameters: AlignmentParameters(ratio: ratio, variance: variance))
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
    var pieces: [Piece] = []
    for (position, unit) in tmx.units.enumerated() {
      let name = unit.id ?? "#\(position + 1)"
      pieces += try unlinkedPieces(in: unit.properties, host: "tu \(name)", metadata: metadata)
      pieces.append(try decodeUnit(unit, name: name, metadata: metadata))
    }
    pieces += try unlinkedPieces(in: header.properties, host: "the header", metadata: metadata)
    for piece in pieces.enumerated().sorted(by: {
      ($0.element.position, $0.offset) < ($1.element.position, $1.offset)
    })
    .map(\.element) {
      try append(piece)
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

  /// Puts the next bead (in document order) into the document, checking that it starts where the
  /// beads before it ended.
  private mutating func append(_ piece: Piece) throws(AlignmentStoreError) {
    let bead = piece.bead
    guard bead.source.lowerBound == source.count, bead.target.lowerBound == target.count else {
      throw AlignmentStoreError(
        file: file, unit: piece.name,
        message: "starts at source sentence \(bead.source.lowerBound), target \(bead.target.lowerBound); the "
          + "beads before it end at \(source.count), \(target.count) (beads must cover both documents in order)"
      )
    }
    source += piece.source
    target += piece.target
    beads.append(bead)
  }

  private mutating func claim(_ id: Int, name: String) throws(AlignmentStoreError) {
    guard seenIDs.insert(id).inserted else {
      throw AlignmentStoreError(
        file: file, unit: name, message: "repeats tuid \(id); each bead needs its own")
    }
  }

  /// The beads with an empty side stored as ``UnlinkedRecord`` props among `properties`.
  private mutating func unlinkedPieces(
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

  private mutating func unlinkedPiece(
    _ value: String, text: Property?, host: String, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) -> Piece {
    let fields = UnlinkedRecord.fields(value) ?? [:]
    let name = "\(fields["tuid"] ?? "?") (unlinked, in \(host))"
    func fail(_ message: String) -> AlignmentStoreError {
      AlignmentStoreError(file: file, unit: name, message: message)
    }
    guard UnlinkedRecord.fields(value) != nil else {
      throw fail("has a \(UnlinkedRecord.recordType) prop that is not name=value fields: \"\(value)\"")
    }
    func field(_ key: String) throws(AlignmentStoreError) -> String {
      guard let value = fields[key] else {
        throw fail("lacks the field \(key) in \(UnlinkedRecord.recordType)")
      }
      return value
    }
    guard let id = Int(try field("tuid")) else { throw fail("has no numeric tuid") }
    try claim(id, name: name)
    let (status, confidence, cost) = try beadValues(
      status: try field("status"), confidence: try field("confidence"), cost: try field("cost"), fail: fail)
    guard let sourceRange = TMXForm.parseRange(try field("source-range")),
      let targetRange = TMXForm.parseRange(try field("target-range"))
    else { throw fail("has a sentence range that is not start:end") }
    let type = BeadType(source: sourceRange.count, target: targetRange.count)
    guard try field("bead") == type.description else {
      throw fail("says bead \(fields["bead"] ?? "") but its ranges make a \(type) bead")
    }
    guard sourceRange.isEmpty != targetRange.isEmpty else {
      throw fail("is stored as unlinked, but its ranges make a \(type) bead; a link is a <tu> of its own")
    }
    let isSource = !sourceRange.isEmpty
    let language = isSource ? metadata.sourceLanguage : metadata.targetLanguage
    guard let text else { throw fail("lacks the \(UnlinkedRecord.textType) prop right after its record") }
    guard text.language == language else {
      throw fail("has its text in xml:lang \"\(text.language ?? "")\"; expected \"\(language)\"")
    }
    let comma = { (list: String) in list.replacingOccurrences(of: ",", with: " ") }
    let sentences = try split(
      text.value, lengths: comma(try field("lengths")), kinds: comma(try field("kinds")),
      blocks: comma(try field("blocks")), count: isSource ? sourceRange.count : targetRange.count, fail: fail)
    var changeUser: String?
    if let encoded = fields["changeid"] {
      guard let decoded = UnlinkedRecord.percentDecoded(encoded) else {
        throw fail("has a changeid that is not percent-encoded UTF-8")
      }
      changeUser = decoded
    }
    let bead = AlignmentBead(
      source: sourceRange, target: targetRange, cost: cost, confidence: confidence, status: status, id: id,
      changeDate: fields["changedate"], changeUser: changeUser, creationDate: fields["creationdate"])
    return Piece(
      bead: bead, name: name, source: isSource ? sentences : [], target: isSource ? [] : sentences)
  }

  private func beadValues(
    status: String, confidence: String, cost: String, fail: (String) -> AlignmentStoreError
  ) throws(AlignmentStoreError) -> (BeadStatus, Double, Double) {
    guard let beadStatus = BeadStatus(rawValue: status) else {
      throw fail("has an unknown status \"\(status)\" (auto, confirmed, edited)")
    }
    guard let confidenceValue = TMXForm.number(confidence), let costValue = TMXForm.number(cost) else {
      throw fail("has a confidence or cost that is not a number")
    }
    return (beadStatus, confidenceValue, costValue)
  }

  private mutating func decodeUnit(
    _ unit: TranslationUnit, name: String, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) -> Piece {
    func fail(_ message: String) -> AlignmentStoreError {
      AlignmentStoreError(file: file, unit: name, message: message)
    }
    guard let idText = unit.id, let id = Int(idText) else { throw fail("has no numeric tuid") }
    try claim(id, name: name)
    var props: [String: String] = [:]
    for property in unit.properties where props[property.type] == nil {
      props[property.type] = property.value
    }
    func prop(_ type: String) throws(AlignmentStoreError) -> String {
      guard let value = props[type] else { throw fail("lacks the prop \(type)") }
      return value
    }
    let (status, confidence, cost) = try beadValues(
      status: try prop(TMXForm.UnitProp.status), confidence: try prop(TMXForm.UnitProp.confidence),
      cost: try prop(TMXForm.UnitProp.cost), fail: fail)
    guard let sourceRange = TMXForm.parseRange(try prop(TMXForm.UnitProp.sourceRange)),
      let targetRange = TMXForm.parseRange(try prop(TMXForm.UnitProp.targetRange))
    else { throw fail("has a sentence range that is not start:end") }
    let type = BeadType(source: sourceRange.count, target: targetRange.count)
    guard try prop(TMXForm.UnitProp.bead) == type.description else {
      throw fail("says bead \(props[TMXForm.UnitProp.bead] ?? "") but its ranges make a \(type) bead")
    }
    let sides = [
      (sourceRange, metadata.sourceLanguage, SideProps.source),
      (targetRange, metadata.targetLanguage, SideProps.target),
    ]
    // A link has a source and a target tuv. Form 1 also wrote 1-0 / 0-1 beads as units, the empty
    // side's seg empty; a 1-0 / 0-1 unit with only the non-empty side's tuv is accepted too.
    let nonEmpty = sides.filter { !$0.0.isEmpty }.count
    guard unit.variants.count == 2 || (unit.variants.count == nonEmpty && nonEmpty == 1) else {
      throw fail("has \(unit.variants.count) tuv elements; a \(type) bead has a source and a target tuv")
    }
    var variantIndex = 0
    var sideSentences: [[Sentence]] = [[], []]
    for (sideIndex, (range, language, names)) in sides.enumerated() {
      if range.isEmpty && unit.variants.count == 1 { continue }
      let variant = unit.variants[variantIndex]
      variantIndex += 1
      guard variant.language == language else {
        throw fail("tuv \(variantIndex) has xml:lang \"\(variant.language)\"; expected \"\(language)\"")
      }
      if range.isEmpty {
        guard variant.segment.plainText.isEmpty else {
          throw fail(
            "has text in the \(language) tuv, but its range \(TMXForm.range(range)) holds no sentence")
        }
        continue
      }
      let sentences = try split(
        variant.segment.plainText, lengths: try prop(names.lengths), kinds: try prop(names.kinds),
        blocks: try prop(names.blocks), count: range.count, fail: fail)
      sideSentences[sideIndex] = sentences
    }
    let documentDate = metadata.creationDate
    let creationDate = unit.attributes["creationdate"].flatMap { $0 == documentDate ? nil : $0 }
    let bead = AlignmentBead(
      source: sourceRange, target: targetRange, cost: cost, confidence: confidence, status: status, id: id,
      changeDate: unit.attributes["changedate"], changeUser: unit.attributes["changeid"],
      creationDate: creationDate)
    return Piece(bead: bead, name: name, source: sideSentences[0], target: sideSentences[1])
  }

  /// Cuts a side's segment text into its sentences at the stored lengths (Unicode scalars).
  private func split(
    _ text: String, lengths: String, kinds: String, blocks: String, count: Int,
    fail: (String) -> AlignmentStoreError
  ) throws(AlignmentStoreError) -> [Sentence] {
    guard let lengthValues = TMXForm.parseIntegers(lengths), lengthValues.count == count,
      lengthValues.allSatisfy({ $0 >= 0 })
    else { throw fail("its lengths \"\(lengths)\" do not give \(count) sentence lengths") }
    let kindValues = kinds.split(separator: " ", omittingEmptySubsequences: false).map {
      UnitKind(rawValue: String($0))
    }
    guard kindValues.count == count, kindValues.allSatisfy({ $0 != nil }) else {
      throw fail("its kinds \"\(kinds)\" do not give \(count) unit kinds")
    }
    guard let blockValues = TMXForm.parseIntegers(blocks), blockValues.count == count else {
      throw fail("its blocks \"\(blocks)\" do not give \(count) block numbers")
    }
    let scalars = Array(text.unicodeScalars)
    let expected = lengthValues.reduce(0, +) + count - 1
    guard scalars.count == expected else {
      throw fail("its text has \(scalars.count) characters; the stored sentence lengths make \(expected)")
    }
    var sentences: [Sentence] = []
    var offset = 0
    for index in 0..<count {
      if index > 0 {
        guard scalars[offset] == " " else { throw fail("its sentences are not separated by one space") }
        offset += 1
      }
      var sentenceText = String.UnicodeScalarView()
      sentenceText.append(contentsOf: scalars[offset..<offset + lengthValues[index]])
      offset += lengthValues[index]
      sentences.append(
        Sentence(text: String(sentenceText), kind: kindValues[index] ?? .sentence, block: blockValues[index]))
    }
    return sentences
  }

  private func headerProperties() throws(AlignmentStoreError) -> [String: String] {
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
