/// Tells headings, meta lines (letterhead, addresses, dates, references, colophon,
/// signatures, repeated page furniture) and body paragraphs apart.
struct ParagraphClassifier {
  /// Letters and digits (lower case) of the letterhead, to recognise repeated page furniture.
  private var letterhead: [UInt8] = []

  /// Used to refuse headings that hold more than one sentence.
  var splitter: SentenceSplitter? = nil
  /// The paragraphs given next open the document (a letterhead can only stand there); false for
  /// later pieces of a document read in pieces.
  var startsDocument = true
  /// Inside a colophon section (until the next heading).
  private var inColophon = false

  init(splitter: SentenceSplitter? = nil) {
    self.splitter = splitter
  }

  static let labels: Set<String> = [
    "datum", "date", "ons kenmerk", "uw kenmerk", "kenmerk", "onderwerp", "bijlage", "bijlagen",
    "bijlage(n)", "our reference", "your reference", "reference", "subject", "enclosure",
    "enclosures", "contactpersoon", "retouradres", "postbus", "telefoon", "inlichtingen", "doorkiesnummer",
    "uw brief", "behandeld door", "betreft", "project name", "data sender", "pagina", "page",
  ]

  static let months: Set<String> = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
    "august", "october",
  ]

  static let particles: Set<String> = [
    "van", "de", "der", "den", "ten", "ter", "te", "von", "da", "di", "du", "le", "la", "del", "het",
    "'t", "op", "in",
  ]

  /// The part of classifying that carries no state from paragraph to paragraph, done ahead of
  /// ``classify(_:)`` (plain text does it on the thread that lays out the next pieces): whether
  /// a text paragraph has a heading's shape. (Splitting the sentences ahead as well left the
  /// caller's thread idle half the time.)
  func prepare(_ paragraphs: inout [Paragraph]) {
    for index in paragraphs.indices where paragraphs[index].role == .text {
      paragraphs[index].headingShape = paragraphs.judge(index) { isHeading($0) }
    }
  }

  mutating func classify(_ paragraphs: inout [Paragraph]) {
    let firstProse = startsDocument ? (paragraphs.firstIndex { isProse($0) } ?? 0) : 0
    for index in 0..<firstProse {
      var paragraph = paragraphs[index]
      if paragraph.role == .footnote || paragraph.role == .separator || paragraph.role == .meta { continue }
      let lastBeforeBody = index == firstProse - 1 && paragraph.role == .text && !paragraph.wholeEmphasis
      if paragraph.markdownHeading || (paragraph.boldTitle && index == 0) {
        paragraph.role = .heading
      } else if lastBeforeBody, isHeading(paragraph), !isMeta(paragraph, afterGreeting: false),
        !continuesInLowerCase(paragraphs, after: index),
        !paragraph.clean.scalars.contains(where: Scalars.isDigit)
      {
        // A section title right before the first sentence (`Inleiding`), not letterhead.
        paragraph.role = .heading
      } else if isLetterhead(paragraph, afterGreeting: Self.followsGreeting(paragraphs, index)) {
        paragraph.role = .meta
        letterhead += Array(Self.key(paragraph.clean).utf8)
      } else {
        // No sign of a letterhead: an ordinary paragraph that happens to come first.
        continue
      }
      paragraphs[index] = paragraph
    }
    for index in 0..<paragraphs.count {
      // Read and changed in place: a copy of a paragraph retains and releases all its arrays.
      if index < firstProse, paragraphs[index].role == .meta || paragraphs[index].role == .heading {
        continue
      }
      if paragraphs[index].role == .heading {
        let title = paragraphs[index].clean.string.lowercased()
        inColophon = title == "colophon" || title == "colofon"
        continue
      }
      guard paragraphs[index].role == .text || paragraphs[index].role == .listItem else { continue }
      if inColophon {
        paragraphs[index].role = .meta
        continue
      }
      let afterGreeting = Self.followsGreeting(paragraphs, index)
      if paragraphs[index].role == .text,
        paragraphs.judge(index, { isMeta($0, afterGreeting: afterGreeting) })
      {
        paragraphs[index].role = .meta
        if index > 0, paragraphs[index - 1].role == .text, paragraphs[index - 1].lineCount == 1,
          paragraphs[index - 1].clean.last == ","
        {
          paragraphs[index - 1].role = .meta
        }
        continue
      }
      if paragraphs[index].role == .text,
        paragraphs[index].headingShape ?? paragraphs.judge(index, { isHeading($0) }),
        !continuesInLowerCase(paragraphs, after: index)
      {
        paragraphs[index].role = .heading
      }
    }
  }

  /// Letters and digits, lower-cased.
  static func key(_ clean: CleanText) -> String {
    var kept: [Unicode.Scalar] = []
    kept.reserveCapacity(clean.scalars.count)
    for scalar in clean.scalars where Scalars.isLetterOrDigit(scalar) {
      if scalar.value < 0x80 {
        kept.append(Scalars.isUpper(scalar) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
      } else if Scalars.isUpper(scalar) {
        kept.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      } else {
        kept.append(scalar)
      }
    }
    return CleanText.string(kept[...])
  }

  /// The next paragraph is text that starts in lower case: this one is the start of its sentence
  /// (cut by a blank line), not a title.
  private func continuesInLowerCase(_ paragraphs: [Paragraph], after index: Int) -> Bool {
    guard index + 1 < paragraphs.count, paragraphs[index + 1].role == .text,
      let first = paragraphs[index + 1].clean.scalars.first
    else { return false }
    return Scalars.isLower(first)
  }

  /// Letterhead before the body needs evidence: a block of several short lines (an address),
  /// a meta line (label, date, addressee, signature), or an address sign (postcode, `Postbus`,
  /// a web or mail address, a telephone number). A short sentence alone is no letterhead.
  private func isLetterhead(_ paragraph: Paragraph, afterGreeting: Bool) -> Bool {
    if isMeta(paragraph, afterGreeting: afterGreeting) { return true }
    let lines = paragraph.lineCount
    if lines >= 2, (0..<lines).allSatisfy({ paragraph.line($0).count <= 60 }) { return true }
    guard paragraph.clean.scalars.count <= 120 else { return false }
    let words = words(paragraph)
    return words.contains { word in
      let lower = word.lowercased()
      return lower == "postbus" || lower == "p.o." || lower.hasPrefix("www.") || lower.hasPrefix("http")
        || (lower.contains("@") && lower.contains("."))
    } || hasPostcode(words)
  }

  /// A Dutch postcode (`2511 DP`).
  private func hasPostcode(_ words: [Substring]) -> Bool {
    for index in words.indices.dropLast() {
      let number = words[index]
      let letters = words[index + 1]
      if number.count == 4, number.allSatisfy(\.isNumber), letters.count == 2,
        letters.allSatisfy({ $0.isUppercase && $0.isLetter })
      {
        return true
      }
    }
    return false
  }

  private func words(_ paragraph: Paragraph) -> [Substring] {
    paragraph.clean.string.split(separator: " ")
  }

  private func isProse(_ paragraph: Paragraph) -> Bool {
    guard paragraph.role == .text || paragraph.role == .listItem, !paragraph.quote,
      !paragraph.wholeEmphasis, !paragraph.tableRow, !paragraph.clean.isEmpty
    else { return false }
    let last = paragraph.clean.scalars[paragraph.clean.scalars.count - 1]
    let ended = Scalars.isTerminal(last) || last == ":"
    var spaces = 0
    for scalar in paragraph.clean.scalars where scalar == " " {
      spaces += 1
      // Six words and a full stop, or twenty words in any case (a sentence cut by a page end).
      if (spaces >= 5 && ended) || spaces >= 19 { return true }
    }
    return false
  }

  /// Whether the paragraph at `index` follows one line of text or meta ending in a comma (a
  /// closing greeting, `Met vriendelijke groet,`): a name line after it is a signature. Read
  /// from the array in place: passing the paragraph before as a value would copy it.
  private static func followsGreeting(_ paragraphs: [Paragraph], _ index: Int) -> Bool {
    guard index > 0 else { return false }
    return paragraphs[index - 1].clean.last == "," && paragraphs[index - 1].lineCount == 1
      && (paragraphs[index - 1].role == .text || paragraphs[index - 1].role == .meta)
  }

  private func isMeta(_ paragraph: Paragraph, afterGreeting: Bool) -> Bool {
    // Meta lines are short; a long paragraph is body text (this also keeps the cost linear).
    let lines = paragraph.lineCount
    guard paragraph.clean.scalars.count <= 400, lines <= 4,
      let lastScalar = paragraph.clean.last
    else { return false }
    let ended = lastScalar == "." || lastScalar == "?" || lastScalar == "!"
    if lines >= 2, lines <= 4, paragraph.line(lines - 1).count <= 48,
      Self.mayBeNameLine(paragraph.line(lines - 1)), isNameLine(lastSpanText(paragraph))
    {
      let lead = lastSpanLead(paragraph)
      if lead == "," || !(lead == "." || lead == "?" || lead == "!") && lastSpanHasInitial(paragraph) {
        return true
      }
    }
    if lines == 1, paragraph.clean.scalars.count <= 48, afterGreeting,
      isNameLine(paragraph.clean.string)
    {
      return true
    }
    if paragraph.clean.scalars.allSatisfy({
      Scalars.isDigit($0) || $0 == " " || $0 == "." || $0 == "/" || $0 == "-"
    }) {
      return true
    }
    if !ended, !letterhead.isEmpty, paragraph.clean.scalars.count <= 200 {
      let key = Array(Self.key(paragraph.clean).utf8)
      if key.count >= 12, Self.occurs(key, in: letterhead) { return true }
    }
    guard !ended, lines <= 3 else { return false }
    // Counted up to 17 only: every test below wants 16 words or fewer.
    let wordTotal = wordCount(paragraph, upTo: 17)
    guard wordTotal <= 16 else { return false }
    // The first two words, read from the scalars: most paragraphs stop here, without a split.
    guard let opening = openingWords(paragraph) else { return false }
    if opening.isLabel {
      // A label and its value (`Ons kenmerk 3963666`, `Datum 29 april 2022`), not a sentence
      // that opens with the word (`Page size is …`).
      return lines >= 2 || wordTotal <= 6 || opening.firstEndsInColon
    }
    if lines == 1, wordTotal <= 8, hasYearDigits(paragraph.clean.scalars) {
      let words = words(paragraph)
      if hasYear(words), words.contains(where: { Self.months.contains($0.lowercased().trimmingPunctuation) })
      {
        return true
      }
    }
    if lines == 1, wordTotal <= 14, opening.addressee {
      return true
    }
    return false
  }

  /// What ``isMeta(_:afterGreeting:)`` asks of a paragraph's first two words: whether the first
  /// (or the first two) lower-cased without a final colon is a label, whether the first ends in
  /// a colon, and whether they are `Aan de`/`Aan het`/`To the`.
  private struct OpeningWords {
    var isLabel: Bool
    var firstEndsInColon: Bool
    var addressee: Bool
  }

  /// The labels as lower-case ASCII bytes (they are all ASCII), for ``openingWords(_:)``.
  private static let labelBytes: [[UInt8]] = labels.map { Array($0.utf8) }
  private static let longestLabel = labelBytes.map(\.count).max() ?? 0

  /// ``OpeningWords`` of the paragraph, nil when it has no word. When the two words are ASCII
  /// they are compared as bytes, without making strings (lower-casing ASCII maps `A`–`Z` only,
  /// and a character is a byte); otherwise through strings, as ``leadingWords(_:count:)``
  /// gives them.
  private func openingWords(_ paragraph: Paragraph) -> OpeningWords? {
    let scalars = paragraph.clean.scalars
    var first: Range<Int>? = nil
    var second: Range<Int>? = nil
    var ascii = true
    var start = 0
    var index = 0
    while index <= scalars.count, second == nil {
      if index == scalars.count || scalars[index] == " " {
        if index > start {
          if first == nil { first = start..<index } else { second = start..<index }
        }
        start = index + 1
      } else if scalars[index].value >= 0x80 {
        ascii = false
      }
      index += 1
    }
    guard let first else { return nil }
    guard ascii else { return openingWordsOfStrings(paragraph) }
    let firstEndsInColon = scalars[first.upperBound - 1] == ":"
    var isLabel = Self.isLabel(scalars, first, nil)
    if !isLabel, let second { isLabel = Self.isLabel(scalars, first, second) }
    var addressee = false
    if let second, Self.equals(scalars, first, "Aan") || Self.equals(scalars, first, "To") {
      addressee =
        Self.equals(scalars, second, "de") || Self.equals(scalars, second, "het")
        || Self.equals(scalars, second, "the")
    }
    return OpeningWords(isLabel: isLabel, firstEndsInColon: firstEndsInColon, addressee: addressee)
  }

  /// Whether the ASCII scalars `first` (and `second` after a space), lower-cased and without a
  /// final colon, are one of ``labels``.
  private static func isLabel(_ scalars: [Unicode.Scalar], _ first: Range<Int>, _ second: Range<Int>?) -> Bool
  {
    var count = first.count + (second.map { $0.count + 1 } ?? 0)
    guard count <= longestLabel + 1 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestLabel + 1) { buffer in
      var length = 0
      func add(_ range: Range<Int>) {
        for position in range {
          let byte = UInt8(truncatingIfNeeded: scalars[position].value)
          buffer[length] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
          length += 1
        }
      }
      add(first)
      if let second {
        buffer[length] = 0x20
        length += 1
        add(second)
      }
      if buffer[length - 1] == 0x3A { length -= 1 }
      count = length
      return labelBytes.contains { label in
        label.count == count && label.withUnsafeBufferPointer { $0.elementsEqual(buffer[0..<count]) }
      }
    }
  }

  /// Whether the ASCII scalars `range` are `word`.
  private static func equals(_ scalars: [Unicode.Scalar], _ range: Range<Int>, _ word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    let bytes = word.utf8Start
    for (position, index) in range.enumerated() where scalars[index].value != UInt32(bytes[position]) {
      return false
    }
    return true
  }

  /// ``openingWords(_:)`` through strings (the words hold a character outside ASCII).
  private func openingWordsOfStrings(_ paragraph: Paragraph) -> OpeningWords? {
    let leading = leadingWords(paragraph, count: 2)
    guard let firstWord = leading.first else { return nil }
    let lowered = leading.map { $0.lowercased() }
    let isLabel =
      Self.labels.contains(lowered[0].trimmingColon)
      || (lowered.count >= 2 && Self.labels.contains("\(lowered[0]) \(lowered[1])".trimmingColon))
    let addressee =
      (firstWord == "Aan" || firstWord == "To") && leading.count >= 2
      && ["de", "het", "the"].contains(leading[1])
    return OpeningWords(isLabel: isLabel, firstEndsInColon: firstWord.hasSuffix(":"), addressee: addressee)
  }

  /// The first `count` words of the clean text.
  private func leadingWords(_ paragraph: Paragraph, count: Int) -> [String] {
    var words: [String] = []
    var start = 0
    let scalars = paragraph.clean.scalars
    var index = 0
    while index <= scalars.count, words.count < count {
      if index == scalars.count || scalars[index] == " " {
        if index > start { words.append(CleanText.string(scalars[start..<index])) }
        start = index + 1
      }
      index += 1
    }
    return words
  }

  /// Four digits in a row starting 19 or 20: a year may stand in the text.
  private func hasYearDigits(_ scalars: [Unicode.Scalar]) -> Bool {
    var run = 0
    for (index, scalar) in scalars.enumerated() {
      if Scalars.isDigit(scalar) {
        run += 1
        if run == 4, scalars[index - 3] == "1" || scalars[index - 3] == "2" { return true }
      } else {
        run = 0
      }
    }
    return false
  }

  /// Whether `needle` occurs in `haystack` (both short: a naive search is fastest).
  static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard needle.count <= haystack.count, let first = needle.first else { return false }
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
        return true
      }
      index += 1
    }
    return false
  }

  private func hasYear(_ words: [Substring]) -> Bool {
    words.contains { word in
      let digits = word.trimmingPunctuation
      return digits.count == 4 && digits.allSatisfy(\.isNumber)
        && (digits.hasPrefix("19") || digits.hasPrefix("20"))
    }
  }

  private func lastSpanText(_ paragraph: Paragraph) -> String {
    CleanText.string(paragraph.line(paragraph.lineCount - 1))
  }

  /// The last non-blank character of the line before the last.
  private func lastSpanLead(_ paragraph: Paragraph) -> Unicode.Scalar {
    paragraph.line(paragraph.lineCount - 2).last ?? " "
  }

  private func lastSpanHasInitial(_ paragraph: Paragraph) -> Bool {
    lastSpanText(paragraph).split(separator: " ").contains {
      $0.count >= 2 && $0.hasSuffix(".") && $0.first?.isUppercase == true && $0.count <= 8
    }
  }

  /// False where ``isNameLine(_:)`` of the line's text is false on its first tests (a digit, or
  /// more than five words in ASCII), read from the scalars: the last line of most paragraphs
  /// is refused here without making its string.
  static func mayBeNameLine(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    var ascii = true
    var words = 0
    var previous: UInt32 = 0x20
    for scalar in line {
      let value = scalar.value
      if value >= 0x30 && value <= 0x39 { return false }
      if value >= 0x80 { ascii = false }
      if value != 0x20 && previous == 0x20 { words += 1 }
      previous = value
    }
    return !ascii || words <= 5
  }

  /// A signature's name: initials, capitalised words and name particles (`E. van der Burg`).
  func isNameLine(_ line: String) -> Bool {
    guard line.utf8.count <= 60, !line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else {
      return false
    }
    // In ASCII a character is a byte: more than five words are counted without the split.
    if line.utf8.allSatisfy({ $0 < 0x80 }) {
      var words = 0
      var previous: UInt8 = 0x20
      for byte in line.utf8 {
        if byte != 0x20 && previous == 0x20 { words += 1 }
        previous = byte
      }
      if words > 5 { return false }
    }
    let words = line.split(separator: " ")
    guard (1...5).contains(words.count) else { return false }
    var capitalised = 0
    for word in words {
      let bare = word.filter { $0 != "*" }
      guard let first = bare.first else { return false }
      if Self.particles.contains(bare.lowercased()) && first.isLowercase { continue }
      guard first.isUppercase, bare.allSatisfy({ $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" })
      else { return false }
      capitalised += 1
    }
    let hasInitial = words.contains { $0.hasSuffix(".") }
    return capitalised >= 1 && (words.count >= 2 || hasInitial)
  }

  /// The number of words, or `limit` when there are that many or more.
  private func wordCount(_ paragraph: Paragraph, upTo limit: Int) -> Int {
    var count = 1
    for scalar in paragraph.clean.scalars where scalar == " " {
      count += 1
      if count >= limit { return limit }
    }
    return count
  }

  private func isHeading(_ paragraph: Paragraph) -> Bool {
    guard paragraph.clean.scalars.count <= 300 else { return false }
    // Every test below refuses a full stop at the end unless the whole paragraph is emphasised:
    // most paragraphs stop here, before the words are counted.
    if paragraph.clean.last == ".", !paragraph.wholeEmphasis { return false }
    // Counted up to 41 only: every test below wants 40 words or fewer.
    let words = wordCount(paragraph, upTo: 41)
    guard words <= 40, let lastScalar = paragraph.clean.last, let firstScalar = paragraph.clean.scalars.first,
      !paragraph.quote
    else { return false }
    // All capitals (`INLEIDING`, `SEE ALSO`); the cheap tests first, the scans last.
    if paragraph.lineCount <= 3, words >= 2, lastScalar != ".",
      paragraph.clean.scalars.contains(where: Scalars.isLetter),
      !paragraph.clean.scalars.contains(where: Scalars.isLower)
    {
      return true
    }
    guard paragraph.lineCount == 1 || paragraph.wholeEmphasis, words <= 14,
      paragraph.clean.scalars.count <= 120
    else { return false }
    switch lastScalar {
    case ".", ",", ";", ":", "?", "!": if !paragraph.wholeEmphasis { return false }
    default: break
    }
    if lastScalar == "," || lastScalar == ";" { return false }
    let opens =
      Scalars.isUpper(firstScalar) || Scalars.isDigit(firstScalar)
      || (Scalars.isLower(firstScalar) && paragraph.clean.scalars.count > 1
        && paragraph.clean.scalars[1] == ")")
    // Two sentences without a final full stop are text, not a title.
    return opens && (splitter.map { $0.split(paragraph.clean).count <= 1 } ?? true)
  }
}

extension StringProtocol {
  fileprivate var trimmingColon: String { hasSuffix(":") ? String(dropLast()) : String(self) }
  fileprivate var trimmingPunctuation: String {
    String(self.filter { $0.isLetter || $0.isNumber })
  }
}
