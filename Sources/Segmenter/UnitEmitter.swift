/// Turns classified paragraphs into units with block numbers, in document order.
struct UnitEmitter {
  let text: [Unicode.Scalar]
  let splitter: SentenceSplitter
  private(set) var units: [Unit] = []
  private var block = 0
  /// Letters and digits of the meta lines emitted so far, to rejoin repeated page furniture
  /// that a later page wraps differently (`Bureau Internationale` / `Migratie`).
  private var metaKeys: Set<String> = []

  init(text: [Unicode.Scalar], splitter: SentenceSplitter) {
    self.text = text
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
    case .meta:
      emitMeta(paragraph)
    case .text, .listItem:
      let kind: UnitKind = paragraph.role == .listItem ? .listItem : .sentence
      let sentences = splitter.split(paragraph.clean)
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

  private func unit(_ kind: UnitKind, _ clean: CleanText, _ range: Range<Int>, block: Int) -> Unit {
    return Unit(
      kind: kind, text: CleanText.string(clean.scalars[range]), block: block,
      start: clean.offsets[range.lowerBound],
      end: clean.offsets[range.upperBound - 1] + 1)
  }

  /// One meta unit (split into sentences) per source line; a line that only continues the
  /// previous line's phrase (lower-case start, open emphasis, a long wrapped line) is joined.
  private mutating func emitMeta(_ paragraph: Paragraph) {
    var plain = InlineCleaner(text: text)
    var group: [Range<Int>] = []
    var openEmphasis = false
    func flush(_ emitter: inout UnitEmitter) {
      guard !group.isEmpty else { return }
      let clean = Segmenter.clean(group, with: &plain)
      group = []
      let sentences = emitter.splitter.split(clean)
      if !sentences.isEmpty { emitter.append(.meta, clean, sentences) }
      emitter.metaKeys.insert(ParagraphClassifier.key(clean))
    }
    func repeated(_ lines: [Range<Int>]) -> Bool {
      guard metaKeys.count > 0 else { return false }
      var probe = InlineCleaner(text: text)
      return metaKeys.contains(ParagraphClassifier.key(Segmenter.clean(lines, with: &probe)))
    }
    for span in paragraph.spans {
      if let previous = group.last, !continues(previous, span, openEmphasis: openEmphasis),
        !repeated(group + [span])
      {
        flush(&self)
        openEmphasis = false
      }
      group.append(span)
      if emphasisRuns(span) % 2 == 1 { openEmphasis.toggle() }
    }
    flush(&self)
  }

  /// Number of `*`/`_` delimiter runs (`**` is one run) in a line.
  private func emphasisRuns(_ span: Range<Int>) -> Int {
    var runs = 0
    var previous: Unicode.Scalar = " "
    for scalar in text[span] {
      if (scalar == "*" || scalar == "_") && previous != scalar { runs += 1 }
      previous = scalar
    }
    return runs
  }

  private func continues(_ previous: Range<Int>, _ span: Range<Int>, openEmphasis: Bool) -> Bool {
    if openEmphasis { return true }
    var first = span.lowerBound
    while first < span.upperBound, text[first] == "*" || text[first] == "_" { first += 1 }
    guard first < span.upperBound else { return true }
    let opening = text[first..<min(span.upperBound, first + 4)]
    if opening.elementsEqual("www.".unicodeScalars) || opening.elementsEqual("http".unicodeScalars) {
      return false  // a URL line of an address block is its own line
    }
    if Scalars.isLower(text[first]) { return true }
    if span.count <= 48, ParagraphClassifier(text: text).isNameLine(CleanText.string(text[span])) {
      return false
    }
    let last = text[previous.upperBound - 1]
    if last == "-" { return true }
    return previous.count >= 60 && !Scalars.isTerminal(last) && last != ","
  }
}
