/// Turns a sentence's text into anchor IDs shared across languages (see ``AlignerSentence/anchors``).
///
/// Both sides of a document pair use the same ID space: a number, date, URL, name or cognate
/// prefix gets the same ID whichever language wrote it, and with a ``Lexicon`` the source side's
/// words become the target-language words they translate to. An ID's kind is in its top 4 bits
/// (``AnchorKind``, ``AnchorID``), so a consumer can weigh kinds without looking anything up.
public struct AnchorExtractor: Sendable {
  /// The language's BCP-47 primary subtag (`nl`, `en`, `de`, `fr`, ...).
  public let language: String
  /// The bilingual lexicon, if any; used when ``language`` is its source or its target language.
  public let lexicon: (any Lexicon)?

  let data: AnchorLanguageData
  let lexiconTargetData: AnchorLanguageData?
  let lexiconTarget: String
  let lexiconRole: LexiconRole
  let wordCache = WordCache()

  /// An extractor for `language` (`nl`, `en-GB`, ...; only the primary subtag counts).
  ///
  /// Pass the same `lexicon` to the extractors of both sides: the side in the lexicon's source
  /// language translates its words, the side in its target language emits its own words.
  public init(language: String, lexicon: (any Lexicon)? = nil) {
    let primary = LanguageTag.primarySubtag(language)
    self.language = primary
    self.lexicon = lexicon
    data = AnchorLanguageData(language: primary)
    let target = lexicon.map { LanguageTag.primarySubtag($0.targetLanguage) } ?? ""
    lexiconTarget = target
    lexiconTargetData = lexicon == nil ? nil : AnchorLanguageData(language: target)
    if let lexicon, LanguageTag.primarySubtag(lexicon.sourceLanguage) == primary {
      lexiconRole = .source
    } else if lexicon != nil && target == primary {
      lexiconRole = .target
    } else {
      lexiconRole = .none
    }
  }

  /// Sorted, unique anchor IDs for `text`.
  public func anchors(for text: String) -> [UInt64] {
    var collector = KeyCollector(recordKeys: false)
    collect(text, &collector)
    // Taken out of the collector, so that sorting does not copy them first.
    var ids = collector.takenIDs()
    ids.sort()
    var count = 0
    for index in ids.indices where count == 0 || ids[count - 1] != ids[index] {
      ids[count] = ids[index]
      count += 1
    }
    // A copy of exactly the unique IDs: every sentence keeps its array for the whole alignment,
    // and the collector's (reserved for two IDs a token, repeats included) is several times as
    // big. (`Array(ids[0..<count])` is no copy when the slice is the whole array: without a
    // repeat, it kept the collector's buffer, 20 MB more at 100 000 sentences a side.)
    return [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
      for index in 0..<count { buffer[index] = ids[index] }
      initialized = count
    }
  }

  /// The typed keys behind ``anchors(for:)``, in text order, without repeats: what was found.
  public func keys(for text: String) -> [AnchorKey] {
    var collector = KeyCollector(recordKeys: true)
    collect(text, &collector)
    return collector.keys
  }

  private func collect(_ text: String, _ collector: inout KeyCollector) {
    var text = text
    text.withUTF8 { utf8 in
      guard AnchorTokenizer.mayHoldAddress(utf8) else {
        collect(tokensOf: utf8, &collector)
        return
      }
      // The rare text with an address: the address found on its scalars and blanked out, the rest
      // cut into tokens as any other text.
      let (addresses, rest) = AnchorTokenizer.extractAddresses(
        Array(String(decoding: utf8, as: UTF8.self).unicodeScalars))
      for address in addresses { collector.add(.url, address) }
      var restText = AnchorTokenizer.string(rest)
      restText.withUTF8 { collect(tokensOf: $0, &collector) }
    }
  }

  /// The anchors of the tokens of `utf8` (no addresses left in it).
  private func collect(tokensOf utf8: UnsafeBufferPointer<UInt8>, _ collector: inout KeyCollector) {
    let tokens = AnchorTokens(utf8)
    var consumed = [Bool](repeating: false, count: tokens.count)
    // Two IDs a token is more than most sentences have (a word gives up to a name, a cognate
    // and its lexicon anchors; a symbol mostly none).
    collector.reserve(2 * tokens.count + 4)
    findDates(tokens, &consumed, &collector)
    findNumbers(tokens, consumed, &collector)
    findWords(tokens, consumed, &collector)
    findPunctuation(tokens, &collector)
  }

  // MARK: - Numbers

  private func findNumbers(_ tokens: AnchorTokens, _ consumed: [Bool], _ collector: inout KeyCollector) {
    for (index, token) in tokens.enumerated() where token.kind == .number && !consumed[index] {
      switch AnchorNumbers.value(of: tokens.text(token)) {
      case .integer(let digits, let grouped):
        if !grouped && token.byteCount >= 5 {
          collector.add(.reference, digits)
        } else {
          collector.add(.number, digits)
          if isPercent(tokens, after: index) { collector.add(.number, digits + "%") }
        }
      case .decimal(let value):
        collector.add(.number, value)
        if isPercent(tokens, after: index) { collector.add(.number, value + "%") }
      case .dotted(let groups):
        collector.add(.reference, groups.joined(separator: "."))
      }
    }
  }

  private func isPercent(_ tokens: AnchorTokens, after index: Int) -> Bool {
    guard index + 1 < tokens.count else { return false }
    let next = tokens[index + 1]
    if next.symbol == "%" || next.symbol == "\u{2030}" { return true }
    guard next.kind == .word else { return false }
    let word = TextFolding.fold(tokens.text(next))
    if word == "per" || word == "pour" {
      return index + 2 < tokens.count && TextFolding.fold(tokens.text(tokens[index + 2])) == "cent"
    }
    return AnchorLanguageData.percentWords.contains(word)
  }

  enum LexiconRole: Sendable { case source, target, none }

  // MARK: - Punctuation structure

  private func findPunctuation(_ tokens: AnchorTokens, _ collector: inout KeyCollector) {
    for (index, token) in tokens.enumerated() {
      switch token.symbol {
      case "?", "\u{BF}": collector.add(.punctuation, "question")
      case "!", "\u{A1}": collector.add(.punctuation, "exclamation")
      case ";": collector.add(.punctuation, "semicolon")
      case "(", ")", "[", "]": collector.add(.punctuation, "parenthesis")
      case ":":
        let betweenDigits =
          index > 0 && tokens[index - 1].kind == .number && index + 1 < tokens.count
          && tokens[index + 1].kind == .number && !tokens[index + 1].spaceBefore
        if !betweenDigits { collector.add(.punctuation, "colon") }
      default: break
      }
    }
    if isListItem(tokens) { collector.add(.punctuation, "list") }
  }

  /// A list marker opens the text: a bullet or dash, or `1.`, `a)`, `(iv)` before more text.
  private func isListItem(_ tokens: AnchorTokens) -> Bool {
    guard let first = tokens.first, tokens.count >= 3 else { return false }
    if let symbol = first.symbol { if Self.bullets.contains(symbol) { return true } }
    var index = first.symbol == "(" ? 1 : 0
    let label = tokens[index]
    let isLabel =
      label.kind == .number && label.byteCount <= 2
      || label.kind == .word && (label.scalarCount == 1 || Self.isRoman(tokens.text(label)))
    guard isLabel else { return false }
    index += 1
    guard index + 1 < tokens.count, let mark = tokens[index].symbol else { return false }
    if mark == ")" { return true }
    // `1. Text`, `A. Introduction`; not an initial before a name particle (`E. van der Burg`).
    let next = tokens[index + 1]
    let opensText = next.kind != .word || next.first.properties.isUppercase
    return mark == "." && next.spaceBefore && (label.kind == .number || opensText)
  }

  /// Symbols that mark a list item when they open the text.
  private static let bullets: Set<Unicode.Scalar> = [
    "-", "\u{2013}", "\u{2014}", "\u{2022}", "*", "\u{B7}", "\u{25AA}", ">",
  ]

  private static func isRoman(_ text: String) -> Bool {
    text.unicodeScalars.count <= 4
      && text.lowercased().unicodeScalars.allSatisfy { "ivx".unicodeScalars.contains($0) }
  }
}

/// One anchor before hashing: its kind and its value, e.g. `(.number, "2022")`.
public struct AnchorKey: Sendable, Hashable, CustomStringConvertible {
  public var kind: AnchorKind
  public var value: String

  public init(_ kind: AnchorKind, _ value: String) {
    self.kind = kind
    self.value = value
  }

  /// The anchor ID (see ``AnchorID/make(_:_:)``).
  public var id: UInt64 { AnchorID.make(kind, value) }

  /// `"num:2022"` style.
  public var description: String { "\(kind.keyPrefix):\(value)" }
}

/// Collects anchors: IDs (repeats allowed, sorted out later), or keys in order without repeats.
struct KeyCollector {
  let recordKeys: Bool
  private(set) var ids: [UInt64] = []
  private(set) var keys: [AnchorKey] = []
  private var seen: Set<AnchorKey> = []

  init(recordKeys: Bool) {
    self.recordKeys = recordKeys
  }

  mutating func add(_ kind: AnchorKind, _ value: String) {
    add(AnchorKey(kind, value))
  }

  /// The IDs collected, leaving none: the caller's array is their only owner.
  mutating func takenIDs() -> [UInt64] {
    var taken: [UInt64] = []
    swap(&taken, &ids)
    return taken
  }

  /// Makes room for `count` IDs, so that a sentence's IDs are not grown by doubling.
  mutating func reserve(_ count: Int) {
    if !recordKeys { ids.reserveCapacity(count) }
  }

  /// Adds a word's anchors, whose IDs are `ids` (the same order): only the IDs when no keys are kept.
  mutating func add(_ anchors: [(key: AnchorKey, id: UInt64)], ids: [UInt64]) {
    if recordKeys {
      for anchor in anchors { add(anchor.key, id: anchor.id) }
    } else {
      self.ids.append(contentsOf: ids)
    }
  }

  mutating func add(_ key: AnchorKey, id: UInt64? = nil) {
    if recordKeys {
      if seen.insert(key).inserted { keys.append(key) }
    } else {
      ids.append(id ?? key.id)
    }
  }
}

/// The capitalisation of a word as written.
enum WordShape {
  case lower, capitalised, allCapitals, mixed

  init(_ text: String) {
    var upper = 0
    var lower = 0
    var firstUpper = false
    for (offset, scalar) in text.unicodeScalars.enumerated() {
      let isUpper = scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
      let isLower = scalar.isASCII ? ("a"..."z").contains(scalar) : scalar.properties.isLowercase
      if isUpper {
        upper += 1
        if offset == 0 { firstUpper = true }
      } else if isLower {
        lower += 1
      }
    }
    if upper == 0 {
      self = .lower
    } else if lower == 0 {
      self = upper >= 2 ? .allCapitals : .capitalised
    } else {
      self = firstUpper && upper == 1 ? .capitalised : .mixed
    }
  }
}
