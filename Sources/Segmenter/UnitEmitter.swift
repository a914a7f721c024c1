/// Turns classified paragraphs into units with block numbers, in document order.
struct UnitEmitter {
  let splitter: SentenceSplitter
  /// The units emitted since the caller last emptied this, their text still clean scalars (a
  /// `String` is made only if the caller asks for a ``Unit``).
  var units: [UnitSpan] = []
  private var block = 0
  /// Letters and digits of the meta lines emitted so far, to rejoin repeated page furniture
  /// that a later page wraps differently (`Bureau Internationale` / `Migratie`).
  private var metaKeys: Set<String> = []
  /// The sentence ranges of the paragraph being emitted, reused from paragraph to paragraph (a
  /// footnote emitted in the middle of a paragraph finds it taken and uses an array of its own).
  private var spareSentences: [Range<Int>] = []

  init(splitter: SentenceSplitter) {
    self.splitter = splitter
  }

  mutating func emit(_ paragraph: Paragraph) {
    switch paragraph.role {
    case .separator:
      return
    case .heading, .footnote:
      let whole = 0..<paragraph.clean.scalars.count
      if !whole.isEmpty {
        append(paragraph.role == .heading ? .heading : .footnote, paragraph.clean, [whole])
      }
    case .code:
      // A code block is one unit as it is: no sentence rules apply inside it.
      let whole = 0..<paragraph.clean.scalars.count
      if !whole.isEmpty { append(.sentence, paragraph.clean, [whole]) }
    case .meta:
      emitMeta(paragraph)
    case .text, .listItem:
      let kind: UnitKind = paragraph.role == .listItem ? .listItem : .sentence
      var sentences: [Range<Int>] = []
      swap(&sentences, &spareSentences)
      defer { swap(&sentences, &spareSentences) }
      splitter.split(paragraph.clean, into: &sentences)
      guard !sentences.isEmpty else { return }
      var pending = paragraph.interruptions
      let current = block
      block += 1
      for (position, sentence) in sentences.enumerated() {
        units.append(unit(kind, paragraph.clean, sentence, block: current))
        while let first = pending.first,
          first.at < sentence.upperBound || position == sentences.count - 1
        {
          pending.removeFirst()
          for note in first.paragraphs { emit(note) }
        }
      }
    }
  }

  private mutating func append(_ kind: UnitKind, _ clean: CleanText, _ ranges: [Range<Int>]) {
    for range in ranges { units.append(unit(kind, clean, range, block: block)) }
    block += 1
  }

  private func unit(_ kind: UnitKind, _ clean: CleanText, _ range: Range<Int>, block: Int) -> UnitSpan {
    UnitSpan(
      kind: kind, scalars: clean.scalars[range], block: block,
      start: clean.offsets[range.lowerBound],
      end: clean.offsets[range.upperBound - 1] + 1)
  }

  /// One meta unit (split into sentences) per source line; a line that only continues the
  /// previous line's phrase (lower-case start, a long wrapped line) is joined.
  private mutating func emitMeta(_ paragraph: Paragraph) {
    var groupStart = 0
    func flush(_ emitter: inout UnitEmitter, upTo end: Int) {
      guard end > groupStart else { return }
      let range = paragraph.range(ofLines: groupStart..<end)
      groupStart = end
      guard !range.isEmpty else { return }
      var clean = CleanText()
      clean.scalars = Array(paragraph.clean.scalars[range])
      clean.offsets = Array(paragraph.clean.offsets[range])
      let sentences = emitter.splitter.split(clean)
      if !sentences.isEmpty { emitter.append(.meta, clean, sentences) }
      emitter.metaKeys.insert(ParagraphClassifier.key(clean))
    }
    func repeated(_ lines: Range<Int>) -> Bool {
      guard metaKeys.count > 0 else { return false }
      let range = paragraph.range(ofLines: lines)
      var clean = CleanText()
      clean.scalars = Array(paragraph.clean.scalars[range])
      return metaKeys.contains(ParagraphClassifier.key(clean))
    }
    for index in 1..<max(1, paragraph.lineCount) {
      if !paragraph.continuedLines.contains(index),
        !continues(paragraph.line(index - 1), paragraph.line(index)),
        !repeated(groupStart..<(index + 1))
      {
        flush(&self, upTo: index)
      }
    }
    flush(&self, upTo: paragraph.lineCount)
  }

  private func continues(_ previous: ArraySlice<Unicode.Scalar>, _ line: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = line.first, let last = previous.last else { return true }
    if line.starts(with: "www.".unicodeScalars) || line.starts(with: "http".unicodeScalars) {
      return false  // a URL line of an address block is its own line
    }
    if Scalars.isLower(first) { return true }
    if line.count <= 48, ParagraphClassifier().isNameLine(CleanText.string(line)) { return false }
    if last == "-" { return true }
    return previous.count >= 60 && !Scalars.isTerminal(last) && last != ","
  }
}
