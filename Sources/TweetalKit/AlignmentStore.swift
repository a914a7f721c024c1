import Aligner
public import TMX

/// Reads and writes ``AlignedDocument``s in their TMX form (see `docs/tmx-form.md`).
///
/// `decode(encode(document))` gives back `document` whenever its confidence, cost and
/// parallelism values already have four decimals (``AlignmentStore/canonical(_:)``), which is
/// what ``Pipeline`` produces.
public enum AlignmentStore {
  /// The version written as `creationtoolversion`.
  public static let toolVersion = TweetalVersion.current

  /// The TMX document for an alignment: one `<tu>` per linking bead, in order, each with a source
  /// and a target `<tuv>`; a bead with an empty side (`1-0`, `0-1`) is written as props of the
  /// next linking bead's `<tu>` (``UnlinkedRecord``), so that no CAT tool reads it as a translation.
  public static func encode(_ document: AlignedDocument) -> TMXDocument {
    var header = header(for: document)
    var units: [TranslationUnit] = []
    // With no link, the unlinked beads' props go into the header.
    header.properties += forEachUnit(of: document) { units.append($0) }
    return TMXDocument(version: "1.4", header: header, units: units)
  }

  /// The `tu`s of ``encode(_:)`` one at a time, in order, without holding them all: each linking
  /// bead's unit, with the props of the unlinked beads before it first; those after the last link
  /// go into the last link's unit. Returns the props of the unlinked beads when there is no link
  /// at all (they belong in the header), else nothing.
  static func forEachUnit<Failure: Error>(
    of document: AlignedDocument, _ body: (TranslationUnit) throws(Failure) -> Void
  ) throws(Failure) -> [Property] {
    let links = linkIndices(of: document)
    guard !links.isEmpty else {
      return document.beads.flatMap { UnlinkedRecord.properties(for: $0, in: document) }
    }
    for index in links.indices { try body(unit(at: index, of: links, in: document)) }
    return []
  }

  /// The indices of `document`'s linking beads (both sides non-empty), one unit each.
  static func linkIndices(of document: AlignedDocument) -> [Int] {
    document.beads.indices.filter { !document.beads[$0].source.isEmpty && !document.beads[$0].target.isEmpty }
  }

  /// The header ``encode(_:)`` writes: with no link in the document, it carries the unlinked beads.
  static func encodedHeader(for document: AlignedDocument) -> Header {
    var header = header(for: document)
    if !document.beads.contains(where: { !$0.source.isEmpty && !$0.target.isEmpty }) {
      header.properties += forEachUnit(of: document) { _ in }
    }
    return header
  }

  /// Writes the TMX of `document` to `output` piece by piece (each valid only during the call):
  /// exactly the bytes of `TMXWriter.bytes(of: encode(document))`, without ever holding them all.
  /// The units are made into bytes on up to `workers` threads (``write(_:to:workers:)``).
  public static func stream(
    _ document: AlignedDocument, workers: Int = Workers.available,
    to output: @escaping (UnsafeRawBufferPointer) throws(TMXError) -> Void
  ) throws(TMXError) {
    let writer = try TMXStreamWriter(header: encodedHeader(for: document), output: output)
    try write(document, to: writer, workers: workers)
    try writer.finish()
  }

  /// Writes `document` as ``encode(_:)`` would, unit by unit, through `writer`'s sink.
  ///
  /// With more than one worker, the units are made and turned into bytes in pieces of
  /// ``unitsPerPiece`` on up to `workers` threads, a round of pieces at a time, and the bytes
  /// written in order (``TMXStreamWriter/serialized(_:)``): the same bytes, whatever thread made
  /// which piece. Only a round's bytes are held (about 1 MB), not the document's. Writing was the
  /// longest phase of `tweetal align` left on one core: 15–20 % of the process at 100k sentences.
  static func write(
    _ document: AlignedDocument, to writer: TMXStreamWriter, workers: Int = Workers.available,
    unitsPerPiece: Int = unitsPerPiece
  ) throws(TMXError) {
    let links = linkIndices(of: document)
    guard workers > 1, links.count > unitsPerPiece else {
      var scratch: [UInt8] = []
      for index in links.indices {
        try writeUnit(at: index, of: links, in: document, to: writer, scratch: &scratch)
      }
      return
    }
    let pieces = (links.count + unitsPerPiece - 1) / unitsPerPiece
    let perRound = workers * piecesPerWorker
    for round in stride(from: 0, to: pieces, by: perRound) {
      let serialized = Workers.map(min(perRound, pieces - round), workers: workers) { offset in
        let first = (round + offset) * unitsPerPiece
        return Result { () throws(TMXError) in
          try TMXStreamWriter.serialized { (fragment) throws(TMXError) in
            var scratch: [UInt8] = []
            for index in first..<min(links.count, first + unitsPerPiece) {
              try writeUnit(at: index, of: links, in: document, to: fragment, scratch: &scratch)
            }
          }
        }
      }
      for made in serialized { try writer.write(serialized: made) }
    }
  }

  /// Writes `unit(at: index, of: links, in: document)` through `writer` with the same bytes (and
  /// errors) as `writer.write(_:)` of it, straight from the document: the values are made in
  /// `scratch` (emptied again) instead of strings, and no ``TranslationUnit`` is made. The units,
  /// their strings and the writer's Swift side were half of the output phase's CPU, and are now
  /// half of that (`docs/aligner.md`, session 19).
  static func writeUnit(
    at index: Int, of links: [Int], in document: AlignedDocument, to writer: TMXStreamWriter,
    scratch: inout [UInt8]
  ) throws(TMXError) {
    let beads = document.beads
    let bead = beads[links[index]]
    let metadata = document.metadata
    try writer.writeUnit(
      id: String(bead.id), creationDate: bead.creationDate ?? metadata.creationDate,
      changeDate: bead.changeDate,
      changeID: bead.changeUser
    ) { (parts) throws(TMXError) in
      for unlinked in beads[(index == 0 ? 0 : links[index - 1] + 1)..<links[index]] {
        for property in UnlinkedRecord.properties(for: unlinked, in: document) {
          try parts.property(property)
        }
      }
      TMXForm.appendDecimal(bead.type.source, to: &scratch)
      scratch.append(UInt8(ascii: "-"))
      TMXForm.appendDecimal(bead.type.target, to: &scratch)
      try parts.property(type: TMXForm.UnitProp.bead, utf8: &scratch)
      try parts.property(type: TMXForm.UnitProp.status, value: bead.status.rawValue)
      TMXForm.appendFixed(bead.confidence, to: &scratch)
      try parts.property(type: TMXForm.UnitProp.confidence, utf8: &scratch)
      TMXForm.appendFixed(bead.cost, to: &scratch)
      try parts.property(type: TMXForm.UnitProp.cost, utf8: &scratch)
      TMXForm.appendRange(bead.source, to: &scratch)
      try parts.property(type: TMXForm.UnitProp.sourceRange, utf8: &scratch)
      TMXForm.appendRange(bead.target, to: &scratch)
      try parts.property(type: TMXForm.UnitProp.targetRange, utf8: &scratch)
      // A side's props; a function rather than a loop over an array of the two sides' values, which
      // was made (and its strings retained) for every unit.
      func sideProps(_ range: Range<Int>, _ sentences: [Sentence], _ names: SideProps) throws(TMXError) {
        // The sentences of the side, as unit(for:in:) picks them (an index out of range is left out).
        let side = range.clamped(to: sentences.indices)
        for (offset, sentence) in sentences[side].enumerated() {
          if offset > 0 { scratch.append(UInt8(ascii: " ")) }
          TMXForm.appendDecimal(scalarCount(sentence.text), to: &scratch)
        }
        try parts.property(type: names.lengths, utf8: &scratch)
        for (offset, sentence) in sentences[side].enumerated() {
          if offset > 0 { scratch.append(UInt8(ascii: " ")) }
          scratch.append(contentsOf: sentence.kind.rawValue.utf8)
        }
        try parts.property(type: names.kinds, utf8: &scratch)
        for (offset, sentence) in sentences[side].enumerated() {
          if offset > 0 { scratch.append(UInt8(ascii: " ")) }
          TMXForm.appendDecimal(sentence.block, to: &scratch)
        }
        try parts.property(type: names.blocks, utf8: &scratch)
        if sentences[side].contains(where: { $0.span != nil }) {
          for (offset, sentence) in sentences[side].enumerated() {
            if offset > 0 { scratch.append(UInt8(ascii: " ")) }
            if let span = sentence.span {
              TMXForm.appendRange(span, to: &scratch)
            } else {
              scratch.append(UInt8(ascii: "-"))
            }
          }
          try parts.property(type: names.spans, utf8: &scratch)
        }
      }
      try sideProps(bead.source, document.source, SideProps.source)
      try sideProps(bead.target, document.target, SideProps.target)
      if index == links.count - 1 {
        for unlinked in beads[(links[index] + 1)...] {
          for property in UnlinkedRecord.properties(for: unlinked, in: document) {
            try parts.property(property)
          }
        }
      }
      func variant(_ range: Range<Int>, _ sentences: [Sentence], _ language: String) throws(TMXError) {
        let side = range.clamped(to: sentences.indices)
        if side.count == 1 {
          try parts.variant(language: language, text: sentences[side.lowerBound].text)
          return
        }
        for (offset, sentence) in sentences[side].enumerated() {
          if offset > 0 { scratch.append(contentsOf: TMXForm.separator.utf8) }
          scratch.append(contentsOf: sentence.text.utf8)
        }
        try parts.variant(language: language, utf8: &scratch)
      }
      try variant(bead.source, document.source, metadata.sourceLanguage)
      try variant(bead.target, document.target, metadata.targetLanguage)
    }
  }

  /// Linking units in a piece of ``write(_:to:workers:)``'s work (a few milliseconds' worth).
  static let unitsPerPiece = 256
  /// Pieces per worker in a round of ``write(_:to:workers:)``.
  static let piecesPerWorker = 4

  /// The unit of the linking bead `links[index]` (``linkIndices(of:)``): with the props of the
  /// unlinked beads since the previous link before its own, and the last link's with those after
  /// it at the end. Made alone, so that pieces of a document's units can be made on several
  /// threads (``write(_:to:workers:unitsPerPiece:)``) and in turn (``forEachUnit(of:_:)``) alike.
  static func unit(at index: Int, of links: [Int], in document: AlignedDocument) -> TranslationUnit {
    let beads = document.beads
    var pending: [Property] = []
    for bead in beads[(index == 0 ? 0 : links[index - 1] + 1)..<links[index]] {
      pending += UnlinkedRecord.properties(for: bead, in: document)
    }
    var unit = unit(for: beads[links[index]], in: document)
    unit.properties.insert(contentsOf: pending, at: 0)
    if index == links.count - 1 {
      for bead in beads[(links[index] + 1)...] {
        unit.properties += UnlinkedRecord.properties(for: bead, in: document)
      }
    }
    return unit
  }

  /// The header of `document` (without the props of unlinked beads, which a document with no
  /// linking bead carries there).
  static func header(for document: AlignedDocument) -> Header {
    let metadata = document.metadata
    var properties = [
      Property(type: TMXForm.HeaderProp.form, value: TMXForm.formVersion),
      Property(type: TMXForm.HeaderProp.sourceFile, value: metadata.sourceFile),
      Property(type: TMXForm.HeaderProp.sourceChecksum, value: metadata.sourceChecksum),
      Property(type: TMXForm.HeaderProp.sourceSentences, value: String(document.source.count)),
      Property(type: TMXForm.HeaderProp.targetFile, value: metadata.targetFile),
      Property(type: TMXForm.HeaderProp.targetChecksum, value: metadata.targetChecksum),
      Property(type: TMXForm.HeaderProp.targetSentences, value: String(document.target.count)),
      Property(type: TMXForm.HeaderProp.targetLanguage, value: metadata.targetLanguage),
      Property(type: TMXForm.HeaderProp.ratio, value: "\(metadata.parameters.ratio)"),
      Property(type: TMXForm.HeaderProp.variance, value: "\(metadata.parameters.variance)"),
      Property(type: TMXForm.HeaderProp.anchorMatch, value: "\(metadata.parameters.anchorMatch)"),
      Property(type: TMXForm.HeaderProp.anchorChance, value: "\(metadata.parameters.anchorChance)"),
    ]
    if metadata.parameters.blockCost > 0 {
      properties.append(
        Property(type: TMXForm.HeaderProp.blockCost, value: "\(metadata.parameters.blockCost)"))
    }
    if metadata.parameters.unrelatedLength > 0 {
      properties.append(
        Property(
          type: TMXForm.HeaderProp.unrelatedLength, value: "\(metadata.parameters.unrelatedLength)"))
    }
    if let parallelism = metadata.parallelism {
      properties.append(Property(type: TMXForm.HeaderProp.parallelism, value: TMXForm.fixed(parallelism)))
    }
    for name in metadata.options.keys.sorted() {
      properties.append(
        Property(type: TMXForm.HeaderProp.option, value: "\(name)=\(metadata.options[name] ?? "")"))
    }
    return Header(
      creationTool: TMXForm.tool, creationToolVersion: toolVersion, segmentType: "sentence",
      originalFormat: TMXForm.tool, adminLanguage: "en", sourceLanguage: metadata.sourceLanguage,
      dataType: "plaintext", attributes: ["creationdate": metadata.creationDate], properties: properties)
  }

  /// Rebuilds an alignment from a TMX document that Tweetal wrote.
  ///
  /// Throws ``AlignmentStoreError`` when the document is not Tweetal's, uses a newer form, or
  /// contradicts itself (ranges that do not cover both documents in order, text that does not
  /// match the stored sentence lengths, languages that differ from the header).
  public static func decode(_ tmx: TMXDocument, file: String) throws(AlignmentStoreError) -> AlignedDocument {
    var decoder = AlignmentDecoder(tmx: tmx, file: file)
    return try decoder.decode()
  }

  /// Whether `tmx` claims to be a Tweetal alignment (creation tool and original format).
  public static func isTweetal(_ tmx: TMXDocument) -> Bool {
    tmx.header.creationTool == TMXForm.tool && tmx.header.originalFormat == TMXForm.tool
  }

  /// `document` with confidence, cost and parallelism rounded to the decimals the TMX form keeps.
  public static func canonical(_ document: AlignedDocument) -> AlignedDocument {
    var result = document
    for index in result.beads.indices {
      result.beads[index].confidence = TMXForm.rounded(result.beads[index].confidence)
      result.beads[index].cost = TMXForm.rounded(result.beads[index].cost)
    }
    result.metadata.parallelism = result.metadata.parallelism.map(TMXForm.rounded)
    return result
  }

  /// Reads a Tweetal TMX file.
  public static func load(path: String) throws -> AlignedDocument {
    try decode(TMXReader.read(path: path), file: path)
  }

  /// Reads a Tweetal TMX from its bytes (standard input); `name` is used in error messages.
  public static func load(bytes: [UInt8], name: String) throws -> AlignedDocument {
    try decode(TMXReader.read(bytes: bytes, name: name), file: name)
  }

  /// Reads a Tweetal TMX file unit by unit (``TMXStreamReader``): `metadata` is called once the
  /// header is decoded, then `unit` with every unit as read and `bead` with every bead and its sentences in document order, and
  /// nothing is kept, so memory does not grow with the file. The checks are those of
  /// ``load(path:)``; when one fails, or the XML is broken, the file is read again with
  /// ``load(path:)`` and its error is thrown, so the errors are the same. Beads handed over before
  /// an error belong to a file that is refused: a caller keeps them until this returns.
  ///
  /// The unlinked records Tweetal writes (``UnlinkedRecord``) are read from the parser's bytes:
  /// `unit` gets a unit without those it took.
  ///
  /// With `sentencesOfUnlinked` false, a bead with an empty side (1-0, 0-1: most beads of a
  /// sparse pair) comes with no sentences on either side; its text is still checked against its
  /// lengths, but not cut into strings (what `export` and `stats` do not use).
  ///
  /// With `bytes`, the file is those bytes (standard input read once: `export -`), named `path`.
  @discardableResult
  public static func stream(
    path: String, bytes: [UInt8]? = nil, sentencesOfUnlinked: Bool = true,
    metadata: (AlignmentMetadata) -> Void, unit: (TranslationUnit) -> Void = { _ in },
    bead: (AlignmentBead, _ source: [Sentence], _ target: [Sentence]) -> Void
  ) throws -> AlignmentMetadata {
    try withoutActuallyEscaping(metadata) { metadata in
      try withoutActuallyEscaping(unit) { unit in
        try withoutActuallyEscaping(bead) { bead in
          try streamDecoding(
            path: path, bytes: bytes, sentencesOfUnlinked: sentencesOfUnlinked, metadata: metadata,
            unit: unit,
            bead: bead)
        }
      }
    }
  }

  /// What a streaming decode has found so far.
  private final class StreamProgress {
    var decoder: StreamingAlignmentDecoder?
    var consistent = true
  }

  private static func streamDecoding(
    path: String, bytes: [UInt8]?, sentencesOfUnlinked: Bool, metadata: @escaping (AlignmentMetadata) -> Void,
    unit: @escaping (TranslationUnit) -> Void, bead: @escaping (AlignmentBead, [Sentence], [Sentence]) -> Void
  ) throws -> AlignmentMetadata {
    let progress = StreamProgress()
    let header: (Header) -> Void = { header in
      do throws(AlignmentStoreError) {
        let decoder = try StreamingAlignmentDecoder(
          header: header, file: path, sentencesOfUnlinked: sentencesOfUnlinked)
        progress.decoder = decoder
        metadata(decoder.metadata)
      } catch {
        progress.consistent = false
      }
    }
    let properties = TMXPropertyFilter(
      take: { type, value, language, properties in
        guard progress.consistent else { return false }
        return progress.decoder?.takeProperty(
          type: type, value: value, language: language, properties: &properties) ?? false
      },
      abandon: { progress.decoder?.abandonUnit() })
    let take: (TranslationUnit) -> Void = { item in
      unit(item)
      guard progress.consistent else { return }
      progress.decoder?.take(item, emit: bead)
    }
    // A broken file's XML error is thrown from here, as load(path:) throws it.
    if let bytes {
      try TMXStreamReader.read(bytes: bytes, name: path, header: header, properties: properties, unit: take)
    } else {
      try TMXStreamReader.read(path: path, header: header, properties: properties, unit: take)
    }
    if progress.consistent, var decoder = progress.decoder, decoder.finish(emit: bead) {
      return decoder.metadata
    }
    // The file is inconsistent (or not Tweetal's): the whole decoder says exactly where and why.
    _ = try bytes.map { try load(bytes: $0, name: path) } ?? load(path: path)
    throw AlignmentStoreError(
      file: path,
      message: "the streaming decoder refused the file, the whole decoder read it; please report this")
  }

  /// Writes a Tweetal TMX file atomically.
  public static func save(
    _ document: AlignedDocument, toPath path: String, workers: Int = Workers.available
  ) throws {
    let writer = try TMXStreamWriter(header: encodedHeader(for: document), path: path)
    try write(document, to: writer, workers: workers)
    try writer.finish()
  }

  static func unit(for bead: AlignmentBead, in document: AlignedDocument) -> TranslationUnit {
    var attributes = ["creationdate": bead.creationDate ?? document.metadata.creationDate]
    if let changeDate = bead.changeDate { attributes["changedate"] = changeDate }
    if let changeUser = bead.changeUser { attributes["changeid"] = changeUser }
    var properties = [
      Property(type: TMXForm.UnitProp.bead, value: bead.type.description),
      Property(type: TMXForm.UnitProp.status, value: bead.status.rawValue),
      Property(type: TMXForm.UnitProp.confidence, value: TMXForm.fixed(bead.confidence)),
      Property(type: TMXForm.UnitProp.cost, value: TMXForm.fixed(bead.cost)),
      Property(type: TMXForm.UnitProp.sourceRange, value: TMXForm.range(bead.source)),
      Property(type: TMXForm.UnitProp.targetRange, value: TMXForm.range(bead.target)),
    ]
    var variants: [TranslationVariant] = []
    let sides = [
      (bead.source, document.source, document.metadata.sourceLanguage, SideProps.source),
      (bead.target, document.target, document.metadata.targetLanguage, SideProps.target),
    ]
    for (range, sentences, language, names) in sides {
      let side = range.compactMap { sentences.indices.contains($0) ? sentences[$0] : nil }
      properties.append(
        Property(
          type: names.lengths, value: side.map { String(scalarCount($0.text)) }.joined(separator: " ")))
      properties.append(Property(type: names.kinds, value: side.map(\.kind.rawValue).joined(separator: " ")))
      properties.append(
        Property(type: names.blocks, value: side.map { String($0.block) }.joined(separator: " ")))
      if let spans = TMXForm.spans(side, separator: " ") {
        properties.append(Property(type: names.spans, value: spans))
      }
      let text = side.map(\.text).joined(separator: TMXForm.separator)
      variants.append(TranslationVariant(language: language, segment: Segment(text: text)))
    }
    return TranslationUnit(
      id: String(bead.id), attributes: attributes, properties: properties, variants: variants)
  }
}

/// The number of Unicode scalars of `text` (`text.unicodeScalars.count`): its UTF-8 bytes that
/// start a scalar, counted in one pass over the bytes rather than by decoding each scalar.
func scalarCount(_ text: String) -> Int {
  func starts(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }
  var text = text
  return text.withUTF8(starts)
}

/// The prop names of one side of a bead.
struct SideProps: Sendable {
  var range: String
  var lengths: String
  var kinds: String
  var blocks: String
  var spans: String

  static let source = SideProps(
    range: TMXForm.UnitProp.sourceRange, lengths: TMXForm.UnitProp.sourceLengths,
    kinds: TMXForm.UnitProp.sourceKinds, blocks: TMXForm.UnitProp.sourceBlocks,
    spans: TMXForm.UnitProp.sourceSpans)
  static let target = SideProps(
    range: TMXForm.UnitProp.targetRange, lengths: TMXForm.UnitProp.targetLengths,
    kinds: TMXForm.UnitProp.targetKinds, blocks: TMXForm.UnitProp.targetBlocks,
    spans: TMXForm.UnitProp.targetSpans)
}

/// The version of Tweetal, written into every TMX it makes.
public enum TweetalVersion {
  /// Semantic version of the toolkit and the `tweetal` command.
  public static let current = "0.1.0"
}

extension AlignmentStore {
  /// The `creationdate` of the Tweetal TMX at `path`, or `nil` when there is no such file, it
  /// cannot be read or its header is not Tweetal's. Used to keep re-runs byte-identical.
  ///
  /// Parses only the `<header>` (``TMXReader/readHeader(path:)``), so that it costs nothing even
  /// for a 100 MB alignment; the file is read in full only when the new bytes are compared.
  public static func existingCreationDate(atPath path: String) -> String? {
    guard FileIdentity.isRegularFile(path) else { return nil }
    return creationDate(in: tweetalHeader(try? TMXReader.readHeader(path: path)))
  }

  /// ``existingCreationDate(atPath:)`` of an alignment held in memory (standard input).
  public static func existingCreationDate(bytes: [UInt8], name: String) -> String? {
    creationDate(in: tweetalHeader(try? TMXReader.readHeader(bytes: bytes, name: name)))
  }

  /// `header` when it is a Tweetal alignment's.
  private static func tweetalHeader(_ header: Header?) -> Header? {
    guard let header, header.creationTool == TMXForm.tool, header.originalFormat == TMXForm.tool else {
      return nil
    }
    return header
  }

  private static func creationDate(in header: Header?) -> String? {
    guard let date = header?.attributes["creationdate"], TMXDate.parse(date) != nil else { return nil }
    return date
  }

  private static func recordedDocuments(in header: Header?) -> [String] {
    (header?.properties ?? []).filter {
      $0.type == TMXForm.HeaderProp.sourceFile || $0.type == TMXForm.HeaderProp.targetFile
    }.map(\.value).filter { !$0.isEmpty && $0 != "-" }
  }

  /// The documents the Tweetal alignment at `path` was made from, as its header names them
  /// (`x-tweetal-source-file`, `x-tweetal-target-file`: the paths `align` was given, relative to
  /// where it ran); empty when the file is not a Tweetal alignment whose header reads. Only the
  /// header is read.
  public static func recordedDocuments(atPath path: String) -> [String] {
    guard FileIdentity.isRegularFile(path) else { return [] }
    return recordedDocuments(in: tweetalHeader(try? TMXReader.readHeader(path: path)))
  }

  /// ``recordedDocuments(atPath:)`` of an alignment held in memory (standard input).
  public static func recordedDocuments(bytes: [UInt8], name: String) -> [String] {
    recordedDocuments(in: tweetalHeader(try? TMXReader.readHeader(bytes: bytes, name: name)))
  }

  /// The beads a reviewer confirmed or edited in the Tweetal alignment at `path`, by status
  /// (`confirmed`, `edited`); empty when there is no such file or it is not a Tweetal alignment
  /// that reads. Only the header is read when the file is another tool's.
  public static func reviewedBeads(atPath path: String) -> [BeadStatus: Int] {
    guard existingCreationDate(atPath: path) != nil,
      let statistics = try? TMXStatistics(streaming: path), let summary = statistics.alignment
    else { return [:] }
    var reviewed: [BeadStatus: Int] = [:]
    for status in [BeadStatus.confirmed, .edited] {
      if let count = summary.statuses[status.rawValue], count > 0 { reviewed[status] = count }
    }
    return reviewed
  }

  /// Throws when the alignment at `path` holds reviewed beads, which aligning the pair again
  /// would replace: a reviewer's corrections are never lost to `align` (a corpus re-run after a
  /// document changed, `--force`, `-o` an alignment under review). The error says what to do
  /// instead: `tweetal realign` aligns the rest again around them, or the file is moved aside.
  /// (Carrying reviewed beads over to changed documents is not done.)
  public static func checkNoReviewsReplaced(atPath path: String) throws(TMXError) {
    let reviewed = reviewedBeads(atPath: path)
    guard !reviewed.isEmpty else { return }
    let counts = [BeadStatus.confirmed, .edited].compactMap { status in
      reviewed[status].map { "\($0) \(status.rawValue)" }
    }
    throw TMXError(
      kind: .io,
      message:
        "holds \(reviewed.values.reduce(0, +)) reviewed bead(s) (\(counts.joined(separator: ", "))) that aligning "
        + "again would replace; `tweetal realign \(path)` aligns the rest again around them (with the "
        + "sentences the file holds), or, when the documents changed, move the file aside to start over",
      file: path)
  }

  /// Writes `document` to `path` atomically unless the file already holds exactly these bytes.
  /// Returns whether the file was written.
  @discardableResult
  public static func saveIfChanged(
    _ document: AlignedDocument, toPath path: String, workers: Int = Workers.available
  ) throws(TMXError) -> Bool {
    // Streamed and compared with the file as it is written: neither the TMX nor the old file is
    // ever whole in memory (at 100 000 sentences a side they were a third of the peak).
    let writer = try TMXStreamWriter(header: encodedHeader(for: document), replacingIfChanged: path)
    try write(document, to: writer, workers: workers)
    return try writer.finish()
  }
}
