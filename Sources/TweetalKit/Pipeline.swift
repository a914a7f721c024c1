public import Aligner
import Documents
public import Segmenter

/// A document to align: its bytes and the name it is known by (a path, or `-` for stdin).
public struct InputDocument: Sendable, Hashable {
  /// The name written to the TMX header and used in error messages.
  public var name: String
  public var bytes: [UInt8]

  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }
}

/// How the pipeline reads, segments and aligns a document pair.
public struct PipelineOptions: Sendable, Hashable {
  /// BCP-47 tags; the primary subtag picks the segmenter's rules and the anchor extractor.
  public var sourceLanguage: String
  public var targetLanguage: String
  /// One sentence per line, a blank line ends a block; no segmenter runs.
  public var presegmented: Bool
  /// The encoding of both documents when they are not UTF-8 / UTF-16 with a BOM.
  public var encoding: TextEncoding?
  /// How each document is written; ``InputFormat/auto`` detects it.
  public var sourceFormat: InputFormat
  public var targetFormat: InputFormat

  public init(
    sourceLanguage: String = "nl-NL", targetLanguage: String = "en-GB", presegmented: Bool = false,
    encoding: TextEncoding? = nil, sourceFormat: InputFormat = .auto, targetFormat: InputFormat = .auto
  ) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.presegmented = presegmented
    self.encoding = encoding
    self.sourceFormat = sourceFormat
    self.targetFormat = targetFormat
  }
}

/// A step of the pipeline, reported through the progress callback.
public enum PipelineStep: String, Sendable, Hashable {
  case decoding, segmenting, aligning
}

/// Why a document pair could not be aligned.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// Loads, segments and aligns one document pair into an ``AlignedDocument``.
///
/// Pure apart from the progress callback: the caller reads the files and writes the result.
public struct Pipeline: Sendable {
  public var options: PipelineOptions
  public var aligner: Aligner
  /// The bilingual lexicon whose translations become anchors, if any.
  public var lexicon: (any Lexicon)?
  /// How the lexicon is named in the TMX header (`x-tweetal-option` `lexicon=…`), e.g. the
  /// dictionary file names; `nil` with a lexicon writes `lexicon=yes`.
  public var lexiconName: String?
  /// The template text of the collection the pair belongs to: the parallelism score leaves these
  /// sentences out (``CommonSegments``); `nil` or empty scores every sentence.
  public var commonSegments: CommonSegments?
  /// A corpus run's one learned word-translation table (`align --learn-lexicon` over a manifest):
  /// when set, each pair is aligned once with its translations as anchors (and FreeDict's, if
  /// any) instead of learning from the pair alone; recorded as `learn-lexicon=run:…`.
  public var learnedLexicon: WordModel?

  public init(
    options: PipelineOptions = PipelineOptions(), aligner: Aligner = Aligner(), lexicon: (any Lexicon)? = nil,
    lexiconName: String? = nil, commonSegments: CommonSegments? = nil
  ) {
    self.options = options
    self.aligner = aligner
    self.lexicon = lexicon
    self.lexiconName = lexiconName
    self.commonSegments = commonSegments
  }

  /// Aligns `source` with `target`; `creationDate` (`YYYYMMDDThhmmssZ`) goes to the TMX.
  ///
  /// The documents are taken over: a caller that hands them on (`consume`) lets their bytes go as
  /// soon as they are decoded and hashed, before the aligner starts (25 MB at 100 000 sentences a
  /// side).
  public func align(
    source: consuming InputDocument, target: consuming InputDocument, creationDate: String,
    progress: (PipelineStep) -> Void = { _ in }
  ) throws(PipelineError) -> AlignedDocument {
    let sourceName = source.name
    let targetName = target.name
    var sides = try preparedSides(source: consume source, target: consume target, progress: progress)
    progress(.aligning)
    // Taken out of `sides` and handed over: the aligner lets each sentence's anchors go once it
    // has its flat copy.
    let result: AlignmentResult
    if let learnedLexicon {
      result = aligner.align(
        source: Self.taken(&sides.source.aligner), target: Self.taken(&sides.target.aligner),
        learned: learnedLexicon)
    } else {
      result = aligner.align(
        source: Self.taken(&sides.source.aligner), target: Self.taken(&sides.target.aligner))
    }
    let (sourceFormat, targetFormat) = (sides.source.format, sides.target.format)
    let sourceSentences = Self.restored(&sides.source.sentences)
    let targetSentences = Self.restored(&sides.target.sentences)
    let beads = result.beads.enumerated().map { index, bead in
      AlignmentBead(
        source: bead.source, target: bead.target, cost: bead.cost, confidence: bead.confidence, status: .auto,
        id: index + 1)
    }
    var metadata = AlignmentMetadata(
      sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage, sourceFile: sourceName,
      targetFile: targetName, sourceChecksum: sides.sourceChecksum, targetChecksum: sides.targetChecksum,
      creationDate: creationDate, parameters: result.parameters, parallelism: result.parallelism)
    metadata.options = recordedOptions
    if !options.presegmented, let sourceFormat, let targetFormat {
      metadata.options["source-format"] = sourceFormat.rawValue
      metadata.options["target-format"] = targetFormat.rawValue
    }
    let document = AlignmentStore.canonical(
      AlignedDocument(metadata: metadata, source: sourceSentences, target: targetSentences, beads: beads))
    do {
      try document.validate()
    } catch {
      throw PipelineError(file: sourceName, message: "the aligner broke the bead invariant: \(error)")
    }
    return document
  }

  /// Both documents hashed, decoded and prepared: what ``align(source:target:creationDate:progress:)``
  /// keeps of them. The bytes go once decoded, the decoded text once both are segmented (only the
  /// sentences hold text from then on), so neither stacks on the anchors or the aligner's memory;
  /// the aligner reads no text, so the sentences are parked (``ParkedSentences``) chunk by chunk
  /// as their anchors are found, and each sentence's `String` goes then.
  func preparedSides(
    source: consuming InputDocument, target: consuming InputDocument, progress: (PipelineStep) -> Void
  ) throws(PipelineError) -> (
    source: PreparedSide, target: PreparedSide, sourceChecksum: String, targetChecksum: String
  ) {
    progress(.decoding)
    // The two sums a side a core: on one core they were most of the work before segmenting
    // (`docs/aligner.md`, session 25). The copies of the bytes (references, not new buffers) go
    // at the end of the scope, so each side's bytes still go once it is decoded.
    let (sourceChecksum, targetChecksum): (String, String)
    do {
      let (sourceBytes, targetBytes) = (source.bytes, target.bytes)
      (sourceChecksum, targetChecksum) = Workers.both(
        workers: aligner.options.workers,
        { Checksum.sha256Hex(of: sourceBytes) }, { Checksum.sha256Hex(of: targetBytes) })
    }
    // The two documents share nothing until they are aligned: each is segmented, then its anchors
    // found, on a core of its own. The decoded text is gone before the anchors are found: at 1M
    // sentences a side it was 250 MB beside them, at the top of the process's memory.
    var (sourceSegmented, targetSegmented) = try segmented(
      source: consume source, target: consume target, progress: progress)
    // Each side's sentences have one owner, so that parking them frees their texts.
    let sourceSentences = SentencesBox(Self.taken(&sourceSegmented.sentences))
    let targetSentences = SentencesBox(Self.taken(&targetSegmented.sentences))
    let (sourceSide, targetSide) = Workers.both(
      workers: aligner.options.workers,
      { [self] in parkedAlignerSentences(sourceSentences, language: options.sourceLanguage) },
      { [self] in parkedAlignerSentences(targetSentences, language: options.targetLanguage) })
    return (
      (sourceSide.parked, sourceSegmented.format, sourceSide.aligner),
      (targetSide.parked, targetSegmented.format, targetSide.aligner),
      sourceChecksum, targetChecksum
    )
  }

  /// A side's sentences, handed to the worker that parks them.
  private final class SentencesBox: @unchecked Sendable {
    var sentences: [Sentence]
    init(_ sentences: [Sentence]) { self.sentences = sentences }
  }

  /// The sentences of `box` parked and what the aligner reads of them, chunk by chunk
  /// (``ParkedSentences/chunkSize``): each chunk's texts go as soon as its anchors are found, so
  /// that the texts' `String`s and the anchors' arrays are not all alive at once (at 1M sentences
  /// a side, 350 and 550 MB). Leaves `box` empty.
  private func parkedAlignerSentences(_ box: SentencesBox, language: String) -> (
    parked: ParkedSentences, aligner: [AlignerSentence]
  ) {
    let input = AlignmentInput(language: language, lexicon: lexicon, withWords: aligner.options.learnLexicon)
    let count = box.sentences.count
    let bytes = box.sentences.reduce(0) { $0 + $1.text.utf8.count }
    var parked = ParkedSentences(compressing: ParkedSentences.compresses(bytes: bytes))
    var result: [AlignerSentence] = []
    result.reserveCapacity(count)
    for (chunk, start) in stride(from: 0, to: count, by: ParkedSentences.chunkSize).enumerated() {
      let range = start..<min(count, start + ParkedSentences.chunkSize)
      result.append(contentsOf: alignerSentences(Array(box.sentences[range]), input: input))
      parked.park(&box.sentences, range)
      if (chunk + 1) % ParkedSentences.chunksBetweenReturns == 0 { ParkedSentences.returnFreedPages() }
    }
    box.sentences = []
    return (parked, result)
  }

  /// The sentences `parked` held, leaving it empty.
  private static func restored(_ parked: inout ParkedSentences) -> [Sentence] {
    let sentences = parked.restored()
    parked = ParkedSentences(compressing: false)
    return sentences
  }

  /// Both documents decoded in turn (poppler, behind the PDF reader, is not thread-safe) and
  /// segmented each on a core of its own; a source error is reported before a target error, as in
  /// turn. The decoded contents go when this returns.
  private func segmented(
    source: consuming InputDocument, target: consuming InputDocument, progress: (PipelineStep) -> Void
  ) throws(PipelineError) -> (
    source: (sentences: [Sentence], format: InputFormat?),
    target: (sentences: [Sentence], format: InputFormat?)
  ) {
    let files = (source: source.name, target: target.name)
    // Taken by the workers, so that each decoded text goes when its side is segmented.
    let sourceContent = HandOver(try read(consume source, format: options.sourceFormat))
    let targetContent = HandOver(try read(consume target, format: options.targetFormat))
    progress(.segmenting)
    let (source, target) = Workers.both(
      workers: aligner.options.workers,
      { [self] in
        Result { () throws(PipelineError) in
          try sentences(of: sourceContent.take()!, language: options.sourceLanguage, file: files.source)
        }
      },
      { [self] in
        Result { () throws(PipelineError) in
          try sentences(of: targetContent.take()!, language: options.targetLanguage, file: files.target)
        }
      })
    return (try source.get(), try target.get())
  }

  /// `value`, leaving an empty array in its place: the result is its only owner.
  private static func taken<Element>(_ value: inout [Element]) -> [Element] {
    var result: [Element] = []
    swap(&result, &value)
    return result
  }

  /// One side of a pair, segmented: its sentences, the format it was read as, what the aligner reads.
  typealias PreparedSide = (sentences: ParkedSentences, format: InputFormat?, aligner: [AlignerSentence])

  /// What the aligner reads of one document's sentences, as `input` sees them.
  private func alignerSentences(_ sentences: [Sentence], input: AlignmentInput) -> [AlignerSentence] {
    var alignerSentences = input.alignerSentences(sentences)
    if let commonSegments, !commonSegments.isEmpty {
      for (index, share) in commonSegments.shares(sentences).enumerated() {
        alignerSentences[index].commonShare = share
      }
    }
    return alignerSentences
  }

  /// The texts of `document`'s sentences, read and segmented as ``align(source:target:creationDate:progress:)``
  /// would (as `format`, in `language`): what a corpus run counts to learn its ``CommonSegments``.
  public func sentenceTexts(
    of document: InputDocument, language: String, format: InputFormat
  ) throws(PipelineError) -> [String] {
    try sentences(of: read(document, format: format), language: language, file: document.name).sentences.map(
      \.text)
  }

  /// The settings known before reading any document that go into the TMX header
  /// (`x-tweetal-option`): `presegmented`, `encoding`, `lexicon`, `common-segments` (when there are
  /// any), the aligner's settings and a corpus run's learned table (``learnedLexicon``). The
  /// formats each document was read as are added per pair. A corpus run compares these with an
  /// existing output's to decide whether it is still current.
  public var recordedOptions: [String: String] {
    var recorded = Self.describe(aligner.options)
    if options.presegmented { recorded["presegmented"] = "true" }
    if let encoding = options.encoding { recorded["encoding"] = encoding.rawValue }
    if lexicon != nil { recorded["lexicon"] = lexiconName ?? "yes" }
    if let commonSegments, !commonSegments.segments.isEmpty {
      recorded["common-segments"] = commonSegments.recorded
    }
    if let commonSegments, !commonSegments.phrases.isEmpty {
      recorded["common-phrases"] = commonSegments.recordedPhrases
    }
    if let learnedLexicon { recorded["learn-lexicon"] = "run:" + Self.recorded(learnedLexicon) }
    return recorded
  }

  /// The aligner settings that shape the result, as TMX header options (`x-tweetal-option`).
  public static func describe(_ options: AlignerOptions) -> [String: String] {
    var described = [
      "bead-types": options.priors.map { "\($0.type)" }.joined(separator: " "),
      "anchor-weight": "\(options.anchorsAvailable ? options.anchorWeight : 0)",
      "deletion-cost": "\(options.deletionCost)",
      "two-level": "\(options.twoLevel)",
      "estimate-parameters": "\(options.estimateParameters)",
    ]
    // Only when on, so that the headers of default alignments stay as they were (but for the model
    // of partly parallel text, below).
    if options.twoStateModel { described["two-state-model"] = "true" }
    if options.twoStateModel && options.twoStateLattice { described["two-state-lattice"] = "true" }
    // The default's model of partly parallel text since the lattice became it, so that a corpus
    // run's outputs made with the partial pass (without this option) are aligned again.
    if options.partialPass && options.partialLattice && !options.twoStateModel {
      described["partly-parallel"] =
        options.latticeBelowPartial
        ? "lattice-below-\(Aligner.latticeBelow)-partial-pass-where-it-links-nothing"
        : "lattice-from-\(Aligner.partialBelow)-below-\(Aligner.latticeBelow)"
    }
    // Since session 24 the lattice unlinks runs of links that share no anchor, since session 26
    // their sentences carrying the run's evidence: recorded wherever the lattice may run, so that a
    // corpus run aligns outputs made before again.
    if options.latticeAnchoredIslands && options.latticeMayRun {
      described["lattice-islands"] = options.latticeIslandsRunEvidence ? "anchored-run-evidence" : "anchored"
    }
    if !options.latticeExtras.isEmpty {
      described["lattice-extras"] = options.latticeExtras.map { "\($0.type):\($0.probability)" }.joined(
        separator: " ")
    }
    // Only where the windows can run, so that `--no-lattice` and the two-state model's headers
    // stay as they were.
    if options.localLatticeRuns {
      described["local-lattice"] = "\(options.localLatticeTrouble) margin \(options.localLatticeMargin)"
    }
    if options.learnLexicon { described["learn-lexicon"] = "true" }
    return described
  }

  /// The sentences of a decoded document: segmented, or one per line when presegmented.
  public func sentences(of text: String, language: String, file: String) throws(PipelineError) -> [Sentence] {
    try sentences(of: text, language: language, format: .auto, file: file).sentences
  }

  /// The sentences of a decoded document read as `format`, and the format used (`nil` when
  /// presegmented: one sentence per line).
  public func sentences(
    of text: String, language: String, format: InputFormat, file: String
  ) throws(PipelineError) -> (sentences: [Sentence], format: InputFormat?) {
    let chosen = format == .auto || format.isDocument ? InputFormat.detect(text) : format
    return try sentences(of: (.text(text), chosen), language: language, file: file)
  }

  /// The sentences of a document read by `Documents` (text, or blocks of a PDF, HTML, DOCX or ODT
  /// file), and the format used (`nil` when presegmented: one sentence per line).
  func sentences(
    of read: (content: DocumentContent, format: InputFormat), language: String, file: String
  ) throws(PipelineError) -> (sentences: [Sentence], format: InputFormat?) {
    if options.presegmented {
      guard case .text(let text) = read.content else {
        throw PipelineError(
          file: file,
          message: "--presegmented reads plain text with one sentence per line, and this is a "
            + "\(read.format.rawValue) document; drop --presegmented")
      }
      return (PresegmentedText.sentences(of: text), nil)
    }
    guard let segmenterLanguage = Self.segmenterLanguage(for: language) else {
      throw PipelineError(
        file: file,
        message: "there are no sentence rules for language \"\(language)\" (only nl and en); give one "
          + "sentence per line and use --presegmented")
    }
    let segmenter = Segmenter(language: segmenterLanguage)
    let units: [Unit]
    switch read.content {
    case .text(let text): units = segmenter.segment(text, format: read.format)
    case .blocks(let blocks): units = segmenter.segment(blocks: blocks)
    }
    let sentences = units.map {
      Sentence(text: $0.text, kind: $0.kind, block: $0.block, span: $0.start..<$0.end)
    }
    return (sentences, read.format)
  }

  /// The segmenter rules for a BCP-47 tag's primary subtag (`nl-NL` → Dutch), if there are any.
  public static func segmenterLanguage(for tag: String) -> SegmenterLanguage? {
    SegmenterLanguage(rawValue: LanguageTag.primarySubtag(tag))
  }

  /// Reads a document as `format` (detected when `auto`): decoded text, or a document format's
  /// blocks.
  private func read(
    _ document: consuming InputDocument, format: InputFormat
  ) throws(PipelineError) -> (content: DocumentContent, format: InputFormat) {
    // A sentence keeps its offsets in 32 bits (`Sentence`), as the XML readers take at most 2 GiB.
    if document.bytes.count > Int(Int32.max) {
      throw PipelineError(
        file: document.name,
        message: "is larger than 2 GiB, which Tweetal does not align in one piece; split it")
    }
    // Presegmented text is not segmented: only a document format needs detecting.
    let requested =
      options.presegmented && format == .auto ? (Document.detect(document.bytes) ?? .text) : format
    do {
      return try Document.read(
        document.bytes, file: document.name, format: requested, encoding: options.encoding)
    } catch {
      throw PipelineError(file: document.name, message: Self.strippingFile(error.description, document.name))
    }
  }

  static func strippingFile(_ message: String, _ file: String) -> String {
    message.hasPrefix(file + ": ") ? String(message.dropFirst(file.count + 2)) : message
  }
}

/// Text that is already split: one sentence per line, a blank line ends a block.
public enum PresegmentedText {
  /// The sentences of `text`; `\r\n` line ends are accepted, surrounding spaces trimmed.
  ///
  /// Lines end where `Character.isNewline` says (LF, VT, FF, CR, CR LF, NEL, LS, PS) and are
  /// trimmed of `Character.isWhitespace` at both ends, but found on the UTF-8 bytes: splitting
  /// the whole text by characters (grapheme clusters) was 6 % of aligning 10 000 sentences a side.
  /// A newline is always a cluster of its own (CR LF one), so the lines are the same; a line that
  /// starts and ends with a visible ASCII character needs no trimming, any other is trimmed by
  /// characters as before.
  public static func sentences(of text: String) -> [Sentence] {
    var text = text
    return text.withUTF8 { bytes in
      var sentences: [Sentence] = []
      // At most one sentence a line: the array is not grown by doubling.
      sentences.reserveCapacity(lineCount(bytes))
      var block = 0
      var blockHasSentences = false
      forEachLine(bytes) { line, mayHaveControls in
        var trimmed = trimmed(line)
        if mayHaveControls && hasControls(line) { trimmed = withoutControls(trimmed) }
        if trimmed.isEmpty {
          if blockHasSentences { block += 1 }
          blockHasSentences = false
          return
        }
        sentences.append(Sentence(text: trimmed, kind: .sentence, block: block))
        blockHasSentences = true
      }
      return sentences
    }
  }

  /// Whether a line end (``lineEnd(_:at:)``) can start with `byte`: CR, LF, VT, FF, and the first
  /// bytes of NEL (C2 85) and LS/PS (E2 80 A8/A9); or the byte may start a character XML cannot
  /// carry (any other control character, EF of U+FFFE and U+FFFF), which marks its line for
  /// ``hasControls(_:)``. One test for the bytes that are neither.
  @inline(__always)
  private static func mayStartLineEnd(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0xC2 || byte == 0xE2 || byte == 0xEF
  }

  /// The length in bytes of the line end starting at `index`, or 0 when none starts there (always
  /// 0 where ``mayStartLineEnd(_:)`` is false).
  private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    let next = index + 1 < bytes.count ? bytes[index + 1] : 0
    switch byte {
    case 0x0D: return next == 0x0A ? 2 : 1
    case 0x0A...0x0C: return 1
    case 0xC2: return next == 0x85 ? 2 : 0
    case 0xE2:
      let third = index + 2 < bytes.count ? bytes[index + 2] : 0
      return next == 0x80 && (third == 0xA8 || third == 0xA9) ? 3 : 0
    default: return 0
    }
  }

  /// Calls `body` with each line and whether it may hold a character XML cannot carry (a byte
  /// ``mayStartLineEnd(_:)`` stopped at that ends no line, other than tab).
  private static func forEachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void
  ) {
    var start = 0
    var index = 0
    var mayHaveControls = false
    while index < bytes.count {
      // Most bytes start no line end (``lineEnd(_:at:)`` is 0 for them): one test each.
      if !mayStartLineEnd(bytes[index]) {
        index += 1
        continue
      }
      let end = lineEnd(bytes, at: index)
      if end == 0 {
        let byte = bytes[index]
        if byte < 0x20 && byte != 0x09 || byte == 0xEF { mayHaveControls = true }
        index += 1
        continue
      }
      body(UnsafeBufferPointer(rebasing: bytes[start..<index]), mayHaveControls)
      mayHaveControls = false
      index += end
      start = index
    }
    body(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), mayHaveControls)
  }

  private static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    forEachLine(bytes) { _, _ in count += 1 }
    return count
  }

  /// Whether `line` holds a character XML 1.0 cannot carry: a control character other than tab
  /// (the line ends are not in it), U+FFFE or U+FFFF (EF BF BE, EF BF BF).
  private static func hasControls(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    for (index, byte) in line.enumerated() {
      if byte < 0x20 && byte != 0x09 { return true }
      if byte == 0xEF, index + 2 < line.count, line[index + 1] == 0xBF, line[index + 2] >= 0xBE {
        return true
      }
    }
    return false
  }

  /// `line` with each character XML 1.0 cannot carry made a space, as the segmenter folds them
  /// into white space (a TMX could not hold the sentence otherwise), trimmed again.
  static func withoutControls(_ line: String) -> String {
    let scalars = line.unicodeScalars.map { scalar -> Unicode.Scalar in
      let value = scalar.value
      return value < 0x20 && value != 0x09 || value == 0xFFFE || value == 0xFFFF ? " " : scalar
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    return Substring(String(text)).trimmingCharacters(where: \.isWhitespace)
  }

  /// The line without surrounding whitespace, as `Character.isWhitespace` trims it.
  private static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> String {
    guard let first = line.first, let last = line.last else { return "" }
    // A visible ASCII character (not a space or control) is a cluster of its own at either end
    // (no combining mark precedes it, and one after the first character does not make that
    // character whitespace), and it is not whitespace: nothing to trim.
    if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) {
      return String(decoding: line, as: UTF8.self)
    }
    return Substring(String(decoding: line, as: UTF8.self)).trimmingCharacters(where: \.isWhitespace)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(where predicate: (Character) -> Bool) -> String {
    guard let first = firstIndex(where: { !predicate($0) }), let last = lastIndex(where: { !predicate($0) })
    else { return "" }
    return String(self[first...last])
  }
}
