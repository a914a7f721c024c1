/// Splits a decoded document into clean units: a reader for the input format turns the text
/// into classified paragraphs, and the sentence splitter cuts them into units.
///
/// A unit's text is its source span with only the changes the format's reader documents
/// (`docs/segmenter.md`): white space folded, a word's end-of-line hyphen removed, Markdown
/// markup removed by CommonMark's rules, PDF page furniture and glued footnote markers dropped.
/// Cost is linear in the input length.
public struct Segmenter: Sendable {
  public var language: SegmenterLanguage

  public init(language: SegmenterLanguage) {
    self.language = language
  }

  /// The units of `text` read as `format` (``InputFormat/auto`` detects it), in document order
  /// (a footnote that interrupted a sentence of PDF text follows that sentence). Offsets are
  /// Unicode-scalar offsets into `text` (see `Unit.start`).
  public func segment(_ text: String, format: InputFormat = .auto) -> [Unit] {
    segmentation(of: text, format: format).units
  }

  /// The units of `text` and the format they were read as.
  public func segmentation(of text: String, format: InputFormat = .auto) -> Segmentation {
    var units: [Unit] = []
    let used = segment(text, format: format) { units.append($0) }
    return Segmentation(units: units, format: used)
  }

  /// Hands the units of `text` to `each` in document order as they are found, and returns the
  /// format used. Plain text is read in pieces of about 256 000 characters cut at blank lines,
  /// so memory stays small whatever the document's size, and the next pieces are laid out on a
  /// second thread meanwhile (``PlainTextPieces``); Markdown and PDF text are read whole (their
  /// structure spans the document). `each` is called on the caller's thread.
  @discardableResult
  public func segment(_ text: String, format: InputFormat = .auto, each: (Unit) -> Void) -> InputFormat {
    segment(text, format: format, spans: { each($0.unit) })
  }

  /// Hands the units of `text` to `each` as ``segment(_:format:each:)`` does, each as a
  /// ``UnitSpan`` whose text is not made a `String` unless asked for (a caller that writes
  /// the units encodes them straight from the span).
  @discardableResult
  public func segment(_ text: String, format: InputFormat = .auto, spans each: (UnitSpan) -> Void)
    -> InputFormat
  {
    let format = format == .auto || format.isDocument ? InputFormat.detect(text) : format
    let splitter = SentenceSplitter(rules: .rules(for: language))
    var classifier = ParagraphClassifier(splitter: splitter)
    var emitter = UnitEmitter(splitter: splitter)
    func run(_ paragraphs: inout [Paragraph], base: Int) {
      classifier.classify(&paragraphs)
      // Units are handed on paragraph by paragraph: a piece's units are never all held at once.
      for index in paragraphs.indices {
        paragraphs.judge(index) { emitter.emit($0) }
        for var unit in emitter.units {
          unit.start += base
          unit.end += base
          each(unit)
        }
        emitter.units.removeAll(keepingCapacity: true)
      }
      classifier.startsDocument = false
    }
    switch format {
    case .markdown:
      let scalars = Array(text.unicodeScalars)
      var paragraphs = MarkdownReader(text: text, scalars: scalars).paragraphs()
      run(&paragraphs, base: 0)
    case .pdfText:
      var paragraphs = Self.layoutParagraphs(Array(text.unicodeScalars), pdfText: true)
      run(&paragraphs, base: 0)
    case .auto, .text, .pdf, .html, .docx, .odt:
      // A document format's text is read as plain text here; its reader (`Documents`) gives
      // blocks to `segment(blocks:)` instead.
      // The next pieces are laid out on a second thread while this one is classified and emitted.
      emit(PlainTextPieces(text, splitter: splitter), splitter: splitter, each: each)
    }
    return format
  }

  /// The units of a file checked by ``PlainTextFile/check(path:)`` read as plain text: the
  /// units ``segment(_:format:spans:)`` gives for its text with ``InputFormat/text``, but the
  /// file is read piece by piece as it is segmented instead of held whole. `name` names the
  /// file in errors. Throws when the file cannot be read again or has changed since it was
  /// checked (the units before that point have been handed on).
  public func segment(file: PlainTextFile, name: String, spans each: (UnitSpan) -> Void) throws(TextLoadError)
  {
    guard let window = PlainTextWindow(file, file: name) else {
      throw TextLoadError(file: name, message: "cannot be read; check the path and its permissions")
    }
    let splitter = SentenceSplitter(rules: .rules(for: language))
    let pieces = PlainTextPieces(
      chunks: PlainTextChunks(file: window), byteCount: file.byteCount, splitter: splitter)
    emit(pieces, splitter: splitter, each: each)
    if let failure = pieces.failure() { throw failure }
  }

  /// Classifies and emits plain-text pieces in order (the next ones are laid out on a second
  /// thread meanwhile, see ``PlainTextPieces``).
  private func emit(_ pieces: PlainTextPieces, splitter: SentenceSplitter, each: (UnitSpan) -> Void) {
    var classifier = ParagraphClassifier(splitter: splitter)
    var emitter = UnitEmitter(splitter: splitter)
    defer { pieces.finish() }
    while var piece = pieces.next() {
      classifier.classify(&piece.paragraphs)
      for index in piece.paragraphs.indices {
        piece.paragraphs.judge(index) { emitter.emit($0) }
        for var unit in emitter.units {
          unit.start += piece.base
          unit.end += piece.base
          each(unit)
        }
        emitter.units.removeAll(keepingCapacity: true)
      }
      classifier.startsDocument = false
      pieces.giveBack(piece)
    }
  }

  /// Paragraphs of plain text (a blank line always ends one) or raw PDF text (a sentence cut by
  /// a page break or a footnote block is rejoined).
  static func layoutParagraphs(_ scalars: [Unicode.Scalar], pdfText: Bool) -> [Paragraph] {
    let lines = SourceLine.split(scalars)
    var layout = LayoutReader(text: scalars, lines: lines, pdfText: pdfText)
    var paragraphs = layout.paragraphs()
    resolveNumberedItems(&paragraphs, scalars)
    var cleaner = InlineCleaner(text: scalars)
    cleaner.hyphenatedWords = InlineCleaner.hyphenatedWords(in: scalars)
    cleaner.gluedMarkers = !layout.pdfFootnotes.isEmpty
    cleaner.markers.known = layout.pdfFootnotes
    var plain = InlineCleaner(text: scalars)
    plain.hyphenatedWords = cleaner.hyphenatedWords
    for index in paragraphs.indices {
      if paragraphs[index].role == .footnote {
        paragraphs[index].fill(with: &plain)
      } else {
        paragraphs[index].fill(with: &cleaner)
      }
    }
    return pdfText ? rejoinInterrupted(paragraphs) : paragraphs
  }

  /// Guesses Dutch or English from the text by counting frequent function words.
  public static func guessLanguage(of text: String) -> SegmenterLanguage {
    if let guess = guessLanguageOfASCII(text) { return guess }
    let dutch: Set<Substring> = [
      "de", "het", "een", "van", "en", "dat", "op", "te", "voor", "niet", "met", "zijn", "die", "is",
      "worden", "wordt", "ook", "aan", "bij", "naar", "om", "deze", "als", "uw",
    ]
    let english: Set<Substring> = [
      "the", "of", "and", "to", "that", "for", "with", "on", "are", "be", "this", "by", "is", "as",
      "from", "which", "has", "have", "its", "their", "will", "an",
    ]
    var dutchCount = 0
    var englishCount = 0
    var seen = 0
    // The first 200 000 characters are plenty, and lower-casing a whole large file would copy it.
    // The words are those of `split(whereSeparator: { !$0.isLetter })`, found with a test on the
    // byte for ASCII characters (a letter there is `a`–`z` or `A`–`Z`, and `isLetter` asks for
    // each character's Unicode properties, which was half of the guess) and looked up only when
    // they can be in a list: at most six bytes (the longest entry), or not ASCII.
    let lower = text.prefix(200_000).lowercased()
    let bytes = Array(lower.utf8)
    var offset = 0
    var wordStart = -1
    var wordIsASCII = true
    /// Counts the word ending at `end`; true when enough words were seen.
    func close(_ end: Int) -> Bool {
      if end - wordStart <= 6 || !wordIsASCII {
        let word = Substring(String(decoding: bytes[wordStart..<end], as: UTF8.self))
        if dutch.contains(word) { dutchCount += 1 }
        if english.contains(word) { englishCount += 1 }
      }
      seen += 1
      wordStart = -1
      return seen > 20_000
    }
    for character in lower {
      let letter: Bool
      if let ascii = character.asciiValue {
        letter = (ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A
      } else {
        letter = character.isLetter
      }
      if letter {
        if wordStart < 0 {
          wordStart = offset
          wordIsASCII = true
        }
        if character.asciiValue == nil { wordIsASCII = false }
      } else if wordStart >= 0, close(offset) {
        return dutchCount > englishCount ? .dutch : .english
      }
      offset += character.utf8.count
    }
    if wordStart >= 0 { _ = close(offset) }
    return dutchCount > englishCount ? .dutch : .english
  }

  /// ``guessLanguage(of:)`` read from the UTF-8 bytes, with the same result, when the
  /// characters it reads are all ASCII (nil otherwise). There a character is a byte, except
  /// CR LF which is one character; a letter is `A`–`Z` or `a`–`z`; and no word longer than
  /// six letters is in the lists. Going through `Character`s took a few percent of a run.
  static func guessLanguageOfASCII(_ text: String) -> SegmenterLanguage? {
    let dutch: Set<String> = [
      "de", "het", "een", "van", "en", "dat", "op", "te", "voor", "niet", "met", "zijn", "die", "is",
      "worden", "wordt", "ook", "aan", "bij", "naar", "om", "deze", "als", "uw",
    ]
    let english: Set<String> = [
      "the", "of", "and", "to", "that", "for", "with", "on", "are", "be", "this", "by", "is", "as",
      "from", "which", "has", "have", "its", "their", "will", "an",
    ]
    return text.utf8.withContiguousStorageIfAvailable { bytes -> SegmenterLanguage? in
      // Where the first 200 000 characters end; any non-ASCII byte up to there (or right after
      // it: a combining mark joins the character before) leaves the question to the slow path.
      var end = 0
      var characters = 0
      while end < bytes.count, characters < 200_000 {
        guard bytes[end] < 0x80 else { return nil }
        end += bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1
        characters += 1
      }
      if end < bytes.count, bytes[end] >= 0x80 { return nil }
      var dutchCount = 0
      var englishCount = 0
      var seen = 0
      var index = 0
      var word: [UInt8] = []
      while index < end {
        while index < end, !Self.isASCIILetter(bytes[index]) { index += 1 }
        guard index < end else { break }
        let start = index
        while index < end, Self.isASCIILetter(bytes[index]) { index += 1 }
        if index - start <= 6 {
          word.removeAll(keepingCapacity: true)
          for byte in bytes[start..<index] { word.append(byte | 0x20) }
          let lower = String(decoding: word, as: UTF8.self)
          if dutch.contains(lower) { dutchCount += 1 }
          if english.contains(lower) { englishCount += 1 }
        }
        seen += 1
        if seen > 20_000 { break }
      }
      return dutchCount > englishCount ? .dutch : .english
    } ?? nil
  }

  @inline(__always)
  private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

  // MARK: - Normalising

  /// A `N.` item stays a list item when it stands in a list (next to another numbered item,
  /// or after a lead-in ending in a colon); otherwise its label is text (`1. Introduction`).
  private static func resolveNumberedItems(_ paragraphs: inout [Paragraph], _ text: [Unicode.Scalar]) {
    // 0: no label, 1: a number, 2: a kept letter label; items of one list share the type.
    let labels = paragraphs.map { $0.numberedLabelStart == nil ? 0 : $0.labelKept ? 2 : 1 }
    for index in paragraphs.indices {
      guard let labelStart = paragraphs[index].numberedLabelStart else { continue }
      let previous = index > 0 ? paragraphs[index - 1] : nil
      var leadIn = false
      if let last = previous?.spans.last, !last.isEmpty {
        var end = last.upperBound - 1
        while end > last.lowerBound, text[end] == "*" || text[end] == "_" { end -= 1 }
        leadIn = text[end] == ":"
      }
      // Neighbours of the same label type with consecutive numbers (1., 2. / a., b.) make a list.
      let label = labels[index]
      let value = Self.labelValue(paragraphs[index], text)
      let inList =
        (index > 0 && labels[index - 1] == label && Self.labelValue(paragraphs[index - 1], text) == value - 1)
        || (index + 1 < labels.count && labels[index + 1] == label
          && Self.labelValue(paragraphs[index + 1], text) == value + 1)
      if inList || leadIn {
        paragraphs[index].role = .listItem
      } else {
        paragraphs[index].spans[0] = labelStart..<paragraphs[index].spans[0].upperBound
        paragraphs[index].numberedLabelStart = nil
        paragraphs[index].labelKept = false
      }
    }
  }

  /// The number of an item label: `3.` is 3, `c)` is 3, `(ii)` is 2 (roman read as letters
  /// only when one letter long).
  static func labelValue(_ paragraph: Paragraph, _ text: [Unicode.Scalar]) -> Int {
    guard var index = paragraph.numberedLabelStart else { return -10 }
    if text[index] == "(" { index += 1 }
    var value = 0
    var length = 0
    while index < text.count, Scalars.isDigit(text[index]) || Scalars.isLower(text[index]), length < 4 {
      let scalar = text[index]
      if Scalars.isDigit(scalar) {
        value = value * 10 + Int(scalar.value - 48)
      } else {
        value = Int(scalar.value) - 96
      }
      length += 1
      index += 1
    }
    if length > 1, !Scalars.isDigit(text[index - 1]) {
      let roman = [
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
      ]
      let start = index - length
      value = roman[String(String.UnicodeScalarView(text[start..<index]))] ?? -10
    }
    return value
  }

  /// Prefixes always written with a hyphen (`niet-bindend`, `non-regressie`, `ex-minister`).
  static let hyphenatedPrefixes: Set<String> = ["niet", "non", "ex", "oud", "self", "vice", "semi"]

  /// Appends a line, undoing end-of-line hyphenation where the hyphen only splits a word.
  ///
  /// The hyphen stays when the next line starts with a capital or digit (`Noord-`/`Afrika`),
  /// with `en`/`of`/`and`/`or` (suspended compounds: `mensenhandel- en`), or when the part
  /// before it is an acronym (`EU-`, `VN-`) or a hyphenated prefix (`niet-`); otherwise the halves are joined.
  static func joinLine(_ text: inout CleanText, _ line: CleanText, hyphenated: Set<String> = []) {
    guard let first = line.scalars.first else { return }
    joinPrefix(&text, first: first, firstOffset: line.offsets[0], hyphenated: hyphenated) {
      var nextWordEnd = 0
      while nextWordEnd < line.scalars.count, Scalars.isLetter(line.scalars[nextWordEnd]) { nextWordEnd += 1 }
      return String(String.UnicodeScalarView(line.scalars[0..<nextWordEnd]))
    }
    text.append(line)
  }

  /// What ``joinLine(_:_:hyphenated:)`` does to `text` before it appends the line, for the line
  /// whose clean text is `source[start..<end]` with white space runs folded to one space (`start`
  /// and `end` not white space): the caller then cleans the line straight into `text`.
  static func joinLineStart(
    _ text: inout CleanText, _ source: [Unicode.Scalar], _ start: Int, _ end: Int, hyphenated: Set<String>
  ) {
    joinPrefix(&text, first: source[start], firstOffset: start, hyphenated: hyphenated) {
      // White space is no letter: the first word of the clean line is the source's.
      var wordEnd = start
      while wordEnd < end, Scalars.isLetter(source[wordEnd]) { wordEnd += 1 }
      return String(String.UnicodeScalarView(source[start..<wordEnd]))
    }
  }

  /// The space, or the hyphen removed, before a line whose first character is `first` (at source
  /// offset `firstOffset`) and whose first word `nextWord` gives, as ``joinLine(_:_:hyphenated:)``.
  @inline(__always)
  private static func joinPrefix(
    _ text: inout CleanText, first: Unicode.Scalar, firstOffset: Int, hyphenated: Set<String>,
    nextWord readNextWord: () -> String
  ) {
    if continuesURL(text, first: first) { return }
    guard text.scalars.count >= 2, text.scalars.last == "-",
      Scalars.isLetter(text.scalars[text.scalars.count - 2])
    else {
      if let last = text.offsets.last { text.appendSpace(at: last + 1) }
      return
    }
    var wordStart = text.scalars.count - 1
    while wordStart > 0, Scalars.isLetter(text.scalars[wordStart - 1]) { wordStart -= 1 }
    let before = text.scalars[wordStart..<(text.scalars.count - 1)]
    let prefix = String(String.UnicodeScalarView(before)).lowercased()
    let acronym =
      (before.count >= 2 && before.allSatisfy(Scalars.isUpper)) || hyphenatedPrefixes.contains(prefix)
    let nextWord = readNextWord()
    let spelledWithHyphen = !hyphenated.isEmpty && hyphenated.contains(prefix + "-" + nextWord.lowercased())
    if ["en", "of", "and", "or", "nor", "tot", "noch"].contains(nextWord) {
      text.appendSpace(at: firstOffset)
    } else if !(acronym || spelledWithHyphen || Scalars.isUpper(first) || Scalars.isDigit(first)
      || !Scalars.isLetter(first))
    {
      text.scalars.removeLast()
      text.offsets.removeLast()
    }
  }

  /// A URL broken at a `/`, `_`, `=`, `&` or `?` continues on the next line without a space.
  static func continuesURL(_ text: CleanText, _ line: CleanText) -> Bool {
    guard let first = line.scalars.first else { return false }
    return continuesURL(text, first: first)
  }

  /// ``continuesURL(_:_:)`` for a line starting with `first`.
  static func continuesURL(_ text: CleanText, first: Unicode.Scalar) -> Bool {
    guard let last = text.scalars.last,
      last == "/" || last == "_" || last == "=" || last == "&" || last == "?",
      Scalars.isLetterOrDigit(first)
    else { return false }
    var tokenStart = text.scalars.count - 1
    while tokenStart > 0, text.scalars[tokenStart - 1] != " " { tokenStart -= 1 }
    let token = String(String.UnicodeScalarView(text.scalars[tokenStart...]))
    return token.contains("://") || token.hasPrefix("www.")
  }

  static func endsSentence(_ text: CleanText) -> Bool {
    var index = text.scalars.count - 1
    while index > 0, Scalars.isClosing(text.scalars[index]) { index -= 1 }
    guard index >= 0 else { return true }
    let last = text.scalars[index]
    return Scalars.isTerminal(last) || last == ":" || last == ";"
  }

  /// Raw PDF text: rejoins a paragraph that stops mid-sentence with the paragraph that continues
  /// it in lower case, only across page furniture, footnote blocks or a page break (never across
  /// a plain blank line); the footnotes in between are kept as interruptions, emitted after the
  /// sentence they interrupted.
  static func rejoinInterrupted(_ paragraphs: [Paragraph]) -> [Paragraph] {
    var result: [Paragraph] = []
    var index = 0
    while index < paragraphs.count {
      var paragraph = paragraphs[index]
      index += 1
      guard paragraph.role == .text || paragraph.role == .listItem, !paragraph.quote else {
        result.append(paragraph)
        continue
      }
      while !paragraph.clean.isEmpty, !endsSentence(paragraph.clean) {
        var probe = index
        var skipped: [Paragraph] = []
        while probe < paragraphs.count,
          paragraphs[probe].role == .footnote || paragraphs[probe].role == .separator
            || paragraphs[probe].furniture
        {
          if paragraphs[probe].role != .separator { skipped.append(paragraphs[probe]) }
          probe += 1
        }
        guard probe < paragraphs.count, paragraphs[probe].role == .text, !paragraphs[probe].quote,
          paragraphs[probe].numberedLabelStart == nil, !skipped.isEmpty || paragraphs[probe].startsPage,
          let first = paragraphs[probe].clean.scalars.first, Scalars.isLower(first)
        else { break }
        let at = paragraph.clean.scalars.count
        if !skipped.isEmpty { paragraph.interruptions.append((at: at, paragraphs: skipped)) }
        paragraph.append(paragraphs[probe])
        index = probe + 1
      }
      result.append(paragraph)
    }
    return result
  }
}
