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
    guard form == TMXForm.formVersion else {
      throw failure("uses Tweetal TMX form \(form); this tweetal reads form \(TMXForm.formVersion)")
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
    for (position, unit) in tmx.units.enumerated() {
      try decodeUnit(unit, position: position, metadata: metadata)
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

  private mutating func decodeUnit(
    _ unit: TranslationUnit, position: Int, metadata: AlignmentMetadata
  ) throws(AlignmentStoreError) {
    let name = unit.id ?? "#\(position + 1)"
    func fail(_ message: String) -> AlignmentStoreError {
      AlignmentStoreError(file: file, unit: name, message: message)
    }
    guard let idText = unit.id, let id = Int(idText) else { throw fail("has no numeric tuid") }
    guard seenIDs.insert(id).inserted else { throw fail("repeats tuid \(id); each bead needs its own") }
    var props: [String: String] = [:]
    for property in unit.properties where props[property.type] == nil {
      props[property.type] = property.value
    }
    func prop(_ type: String) throws(AlignmentStoreError) -> String {
      guard let value = props[type] else { throw fail("lacks the prop \(type)") }
      return value
    }
    guard let status = BeadStatus(rawValue: try prop(TMXForm.UnitProp.status)) else {
      throw fail(
        "has an unknown status \"\(props[TMXForm.UnitProp.status] ?? "")\" (auto, confirmed, edited)")
    }
    guard let confidence = TMXForm.number(try prop(TMXForm.UnitProp.confidence)),
      let cost = TMXForm.number(try prop(TMXForm.UnitProp.cost))
    else { throw fail("has a confidence or cost that is not a number") }
    guard let sourceRange = TMXForm.parseRange(try prop(TMXForm.UnitProp.sourceRange)),
      let targetRange = TMXForm.parseRange(try prop(TMXForm.UnitProp.targetRange))
    else { throw fail("has a sentence range that is not start:end") }
    guard sourceRange.lowerBound == source.count, targetRange.lowerBound == target.count else {
      throw fail(
        "starts at source sentence \(sourceRange.lowerBound), target \(targetRange.lowerBound); the beads "
          + "before it end at \(source.count), \(target.count) (beads must cover both documents in order)")
    }
    let type = BeadType(source: sourceRange.count, target: targetRange.count)
    guard try prop(TMXForm.UnitProp.bead) == type.description else {
      throw fail("says bead \(props[TMXForm.UnitProp.bead] ?? "") but its ranges make a \(type) bead")
    }
    let sides = [
      (sourceRange, metadata.sourceLanguage, SideProps.source),
      (targetRange, metadata.targetLanguage, SideProps.target),
    ]
    // Written form: a source and a target tuv, the empty side's seg empty. A 1-0 / 0-1 bead with only
    // the non-empty side's tuv is accepted too.
    let nonEmpty = sides.filter { !$0.0.isEmpty }.count
    guard unit.variants.count == 2 || (unit.variants.count == nonEmpty && nonEmpty == 1) else {
      throw fail("has \(unit.variants.count) tuv elements; a \(type) bead has a source and a target tuv")
    }
    var variantIndex = 0
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
      if sideIndex == 0 { source += sentences } else { target += sentences }
    }
    let documentDate = metadata.creationDate
    let creationDate = unit.attributes["creationdate"].flatMap { $0 == documentDate ? nil : $0 }
    beads.append(
      AlignmentBead(
        source: sourceRange, target: targetRange, cost: cost, confidence: confidence, status: status, id: id,
        changeDate: unit.attributes["changedate"], changeUser: unit.attributes["changeid"],
        creationDate: creationDate))
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
    for property in tmx.header.properties where property.type != TMXForm.HeaderProp.option {
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
