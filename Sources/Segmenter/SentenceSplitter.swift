/// Per-language sentence-boundary rules, built once from the lists in `Resources/`.
struct SentenceRules: Sendable {
  /// Abbreviations (with their final period, e.g. `t.a.v.`) that never end a sentence.
  var always: Set<String> = []
  /// Abbreviations that end a sentence when a common sentence opener follows (`etc.`).
  var mayEnd: Set<String> = []
  /// Abbreviations only before a number (`No. 5`).
  var beforeNumber: Set<String> = []
  /// Capitalised words that open sentences (`The`, `De`).
  var starters: Set<String> = []

  init(abbreviations: String, starters: String) {
    for line in abbreviations.split(separator: "\n") {
      let entry = line.trimmingCharacters(in: " ")
      if entry.hasPrefix("+") {
        mayEnd.insert(String(entry.dropFirst()))
      } else if entry.hasPrefix("#") {
        beforeNumber.insert(String(entry.dropFirst()))
      } else if !entry.isEmpty {
        always.insert(entry)
      }
    }
    for line in starters.split(separator: "\n") {
      let entry = line.trimmingCharacters(in: " ")
      if !entry.isEmpty { self.starters.insert(entry) }
    }
  }

  static let dutch = SentenceRules(
    abbreviations: DutchAbbreviations.list, starters: SentenceStarters.dutch)
  static let english = SentenceRules(
    abbreviations: EnglishAbbreviations.list, starters: SentenceStarters.english)

  static func rules(for language: SegmenterLanguage) -> SentenceRules {
    language == .dutch ? dutch : english
  }

  func isAbbreviation(_ word: String) -> Bool {
    always.contains(word)
      || (word.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } && always.contains(word.lowercased()))
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
  }
}

/// Finds sentence boundaries in clean text (single spaces, no markup).
struct SentenceSplitter {
  let rules: SentenceRules

  /// Ranges (into `text.scalars`) of the sentences, trimmed, in order.
  func split(_ text: CleanText) -> [Range<Int>] {
    var result: [Range<Int>] = []
    split(text, into: &result)
    return result
  }

  /// ``split(_:)`` into `result` (emptied first), so that a caller can reuse one array for
  /// every paragraph instead of allocating one each.
  func split(_ text: CleanText, into result: inout [Range<Int>]) {
    result.removeAll(keepingCapacity: true)
    text.scalars.withUnsafeBufferPointer { split($0, into: &result) }
  }

  /// ``split(_:into:)`` on the scalars' storage.
  private func split(_ s: UnsafeBufferPointer<Unicode.Scalar>, into result: inout [Range<Int>]) {
    let count = s.count
    var sentenceStart = 0
    var index = 0
    while index < count {
      guard Scalars.isTerminal(s[index]) else {
        index += 1
        continue
      }
      var runEnd = index
      var periods = 0
      var strong = false
      var ellipsis = false
      while runEnd < count, Scalars.isTerminal(s[runEnd]) {
        if s[runEnd] == "." { periods += 1 }
        if s[runEnd] == "?" || s[runEnd] == "!" { strong = true }
        if s[runEnd] == "\u{2026}" { ellipsis = true }
        runEnd += 1
      }
      var closeEnd = runEnd
      while closeEnd < count, Scalars.isClosing(s[closeEnd]) { closeEnd += 1 }
      guard closeEnd + 1 < count, s[closeEnd] == " " else {
        index = max(runEnd, index + 1)
        continue
      }
      let next = closeEnd + 1
      let boundary: Bool
      if strong {
        boundary = opensSentence(s, next, lowercaseAllowed: false)
      } else if ellipsis || periods > 1 {
        boundary = opensSentence(s, next, lowercaseAllowed: false) && startsUpper(s, next)
      } else {
        boundary = periodEnds(s, period: index, closers: closeEnd > runEnd, next: next, start: sentenceStart)
      }
      if boundary {
        result.append(sentenceStart..<closeEnd)
        sentenceStart = next
      }
      index = next
    }
    if sentenceStart < count {
      var end = count
      while end > sentenceStart, s[end - 1] == " " { end -= 1 }
      if end > sentenceStart { result.append(sentenceStart..<end) }
    }
  }

  private func startsUpper(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ index: Int) -> Bool {
    var position = index
    while position < s.count, Scalars.isOpening(s[position]) { position += 1 }
    return position < s.count && (Scalars.isUpper(s[position]) || Scalars.isDigit(s[position]))
  }

  /// Whether the text at `index` can open a sentence: a capital, a digit, an opening quote or
  /// bracket before one, Dutch `'s`/`'t`, or a lower-case brand name (`eBay`).
  private func opensSentence(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ index: Int, lowercaseAllowed: Bool)
    -> Bool
  {
    var position = index
    while position < s.count, Scalars.isOpening(s[position]) { position += 1 }
    guard position < s.count else { return false }
    let first = s[position]
    if Scalars.isUpper(first) || Scalars.isDigit(first) { return true }
    if s[index] == "'" || s[index] == "\u{2019}", index + 2 < s.count,
      s[index + 1] == "s" || s[index + 1] == "t", s[index + 2] == " " || s[index + 2] == "-"
    {
      return true
    }
    if Scalars.isLower(first), position + 1 < s.count, Scalars.isUpper(s[position + 1]) { return true }
    return lowercaseAllowed && Scalars.isLower(first)
  }

  private func word(_ s: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, to end: Int) -> String {
    CleanText.string(s[start..<end])
  }

  private func nextWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ index: Int) -> String {
    var end = index
    while end < s.count, Scalars.isLetter(s[end]) { end += 1 }
    return word(s, from: index, to: end)
  }

  static let particles: Set<String> = [
    "de", "van", "der", "den", "ten", "ter", "le", "la", "da", "du", "di", "von", "del", "dos", "das",
  ]

  private func previousWordIsLower(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, before tokenStart: Int, start: Int
  ) -> Bool {
    var end = tokenStart - 1
    guard end > start, s[end] == " " else { return false }
    var letters = 0
    end -= 1
    while end >= start, s[end] != " " {
      guard Scalars.isLower(s[end]) else { return false }
      letters += 1
      end -= 1
    }
    return letters > 0
  }

  /// Whether the single period at `period` ends a sentence.
  private func periodEnds(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, period: Int, closers: Bool, next: Int, start: Int
  ) -> Bool {
    // Spaced ellipsis `. . .`: with a fourth period it ends a sentence, without it it does not.
    if period >= 2, s[period - 1] == " ", s[period - 2] == "." {
      var dots = 1
      var position = period - 2
      while position >= 0, s[position] == "." {
        dots += 1
        guard position >= 2, s[position - 1] == " " else { break }
        position -= 2
      }
      return dots >= 4 && startsUpper(s, next)
    }
    let ellipsisNext =
      next + 1 < s.count && (s[next] == "\u{2026}" || (s[next] == "." && s[next + 1] == "."))
    guard ellipsisNext || opensSentence(s, next, lowercaseAllowed: false) else { return false }
    if closers { return true }
    var tokenStart = period
    while tokenStart > start, s[tokenStart - 1] != " " { tokenStart -= 1 }
    while tokenStart < period, Scalars.isOpening(s[tokenStart]) { tokenStart += 1 }
    guard tokenStart < period else { return true }
    let nextIsDigit = Scalars.isDigit(s[next])
    // A long word without inner periods cannot be an abbreviation: skip the look-ups.
    if period - tokenStart > 12, !s[tokenStart..<period].contains(".") { return true }
    let token = word(s, from: tokenStart, to: period + 1)
    var nextIsStarter: Bool { rules.starters.contains(nextWord(s, next)) }
    if rules.isAbbreviation(token) { return false }
    if rules.mayEnd.contains(token) || rules.mayEnd.contains(token.lowercased()) { return nextIsStarter }
    if rules.beforeNumber.contains(token) && nextIsDigit { return false }
    if token == "al.", tokenStart >= 3, word(s, from: tokenStart - 3, to: tokenStart - 1) == "et" {
      return nextIsStarter
    }
    // Initials (`E.`, `M.G.J.`) and other dotted abbreviations (`a.s.`, `U.S.`).
    var segments = 0
    var longest = 0
    var allUpper = true
    var current = 0
    for position in tokenStart...period {
      let scalar = s[position]
      if scalar == "." {
        guard current > 0 else {
          segments = -1
          break
        }
        segments += 1
        longest = max(longest, current)
        current = 0
      } else if Scalars.isLetter(scalar) {
        if current == 0, !Scalars.isUpper(scalar) { allUpper = false }
        current += 1
      } else {
        segments = -1
        break
      }
    }
    // A single lower-case letter is an enumeration label (`a.`), not a sentence.
    if segments == 1, longest == 1, !allUpper { return false }
    if segments == 1, longest == 1, allUpper {
      // An initial, unless a lower-case word precedes and a sentence opener (not a name
      // particle) follows: `you and I. Did`, `vitamine C. Het`.
      return previousWordIsLower(s, before: tokenStart, start: start) && nextIsStarter
        && !Self.particles.contains(nextWord(s, next).lowercased())
    }
    if segments >= 2, longest <= 3 {
      if allUpper, longest == 1 { return nextIsStarter }
      return nextIsStarter || nextIsDigit
    }
    // A short number after a colon or comma is an inline enumeration label (`punten: 1. De`).
    let body = s[tokenStart..<period]
    if body.count <= 2, body.allSatisfy(Scalars.isDigit) {
      if tokenStart == start { return false }
      if tokenStart >= 2, s[tokenStart - 2] == ":" || s[tokenStart - 2] == "," || s[tokenStart - 2] == ";" {
        return false
      }
    }
    return true
  }
}
