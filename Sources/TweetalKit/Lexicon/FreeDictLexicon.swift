public import Aligner
import FoundationEssentials
import Synchronization

/// A bilingual lexicon read from FreeDict dictionaries in dictd form, as Debian installs them
/// (`/usr/share/dictd/freedict-nld-eng.index` + `.dict.dz`).
///
/// The source→target dictionary is read as is; a target→source dictionary is read reversed
/// (each single-word translation becomes a headword). Lookups fold case and diacritics, try
/// simple inflections (`migranten` → `migrant`, `staten` → `staat`) and split unknown compounds
/// into known parts with Dutch or German linking elements (`arbeidsmigratie` → `arbeid` +
/// `migratie`). Loading takes a fraction of a second; a lookup is a few hash probes, cached.
public final class FreeDictLexicon: Lexicon, Sendable {
  public let sourceLanguage: String
  public let targetLanguage: String
  /// What was read, for telling the user: `freedict-nld-eng.index`, `freedict-eng-nld.index (reversed)`.
  public let sources: [String]
  /// Number of distinct source words with at least one translation.
  public var headwordCount: Int { table.count }

  private let table: Table
  /// The source language's rules for inflections, and its linking elements.
  private let language: WordForms.Language
  private let links: [WordForms.Suffix]
  private let cache = Mutex<[String: [String]]>([:])

  /// Most translations kept per source word: long lists are mostly rare senses and add noise.
  static let translationLimit = 10

  /// A lexicon from already read dictionaries: `forward` maps source to target words,
  /// `reverse` maps target to source words and is read backwards. Either may be nil.
  public init(
    sourceLanguage: String, targetLanguage: String, forward: DictdDictionary?, reverse: DictdDictionary?
  ) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    language = Self.forms(sourceLanguage)
    links = WordForms.linkingElements(language: language)
    var table: [String: [String]] = [:]
    var sources: [String] = []
    if let forward {
      sources.append(forward.indexPath)
      for entry in forward.entries {
        let key = TextFolding.fold(entry.headword)
        guard !key.contains(" ") else { continue }
        table[key, default: []] += entry.translations
      }
    }
    if let reverse {
      sources.append(reverse.indexPath + " (reversed)")
      for entry in reverse.entries {
        for translation in entry.translations {
          let key = TextFolding.fold(translation)
          guard !key.contains(" ") else { continue }
          table[key, default: []].append(entry.headword)
        }
      }
    }
    for (key, values) in table {
      var seen: Set<String> = []
      table[key] = Array(
        values.filter { seen.insert($0.lowercased()).inserted }.prefix(Self.translationLimit))
    }
    self.table = .dictionary(table)
    self.sources = sources
  }

  /// A lexicon whose table is a compact one read from a ``LexiconCache`` file.
  init(sourceLanguage: String, targetLanguage: String, compact: CompactLexicon, sources: [String]) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    language = Self.forms(sourceLanguage)
    links = WordForms.linkingElements(language: language)
    self.table = .compact(compact)
    self.sources = sources
  }

  /// Whether the table was read from a ``LexiconCache`` file rather than parsed from the dictionaries.
  public var loadedFromCache: Bool {
    if case .compact = table { return true }
    return false
  }

  /// The table in ``CompactLexicon``'s layout, for a cache file; nil when it came from one.
  var compactTable: [UInt8]? {
    if case .dictionary(let table) = table { return CompactLexicon.encode(table) }
    return nil
  }

  /// Every folded headword (for tests comparing a cached lexicon with a fresh one).
  public var headwords: [String] {
    switch table {
    case .dictionary(let table): table.keys.sorted()
    case .compact(let compact): compact.keys.sorted()
    }
  }

  /// The translations of `folded` when it is a headword itself (no inflection, no compound).
  func translations(ofHeadword folded: String) -> [String]? { table[folded] }

  /// Folded source word → translations, as parsed or as read from a cache file.
  private enum Table: Sendable {
    case dictionary([String: [String]])
    case compact(CompactLexicon)

    subscript(key: String) -> [String]? {
      switch self {
      case .dictionary(let table): table[key]
      case .compact(let compact): compact[key]
      }
    }

    /// The translations of the folded word `key` given as UTF-8.
    subscript(key: UnsafeBufferPointer<UInt8>) -> [String]? {
      switch self {
      case .dictionary(let table): table[String(decoding: key, as: UTF8.self)]
      case .compact(let compact): compact[key]
      }
    }

    var count: Int {
      switch self {
      case .dictionary(let table): table.count
      case .compact(let compact): compact.keyCount
      }
    }
  }

  /// Reads the dictionary at `path` for aligning `sourceLanguage` to `targetLanguage`.
  ///
  /// `path` is a `.index` file, its `.dict.dz`/`.dict` file, their common base name, or a
  /// directory holding `freedict-<src>-<tgt>` files. A file named `freedict-<tgt>-<src>` is read
  /// reversed; any other name is taken as source→target.
  /// With a `cache`, a current compact copy is used instead of parsing the files (see ``LexiconCache``).
  /// - Throws: ``LexiconError`` when the files are missing, unreadable, or for another pair.
  public convenience init(
    path: String, sourceLanguage: String, targetLanguage: String, cache: LexiconCache? = nil
  ) throws(LexiconError) {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if attributes?[.type] as? FileAttributeType == .typeDirectory {
      guard
        let found = try Self.installed(
          sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, directory: path, cache: cache)
      else {
        throw .missingFile(path: path + "/" + (try Self.baseName(sourceLanguage, targetLanguage)) + ".index")
      }
      self.init(copying: found)
      return
    }
    var base = path
    for suffix in [".index", ".dict.dz", ".dict"] where base.hasSuffix(suffix) {
      base.removeLast(suffix.count)
      break
    }
    let name = base.split(separator: "/").last.map(String.init) ?? base
    let forwardName = (try? Self.baseName(sourceLanguage, targetLanguage)) ?? ""
    let reverseName = (try? Self.baseName(targetLanguage, sourceLanguage)) ?? ""
    let reversed: Bool
    if name == reverseName {
      reversed = true
    } else if name == forwardName || !name.hasPrefix("freedict-") {
      reversed = false
    } else {
      throw .languageMismatch(path: path, source: sourceLanguage, target: targetLanguage)
    }
    let index = base + ".index"
    func load() throws(LexiconError) -> FreeDictLexicon {
      let dictionary = try DictdDictionary(indexPath: index)
      return FreeDictLexicon(
        sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, forward: reversed ? nil : dictionary,
        reverse: reversed ? dictionary : nil)
    }
    guard let cache, let data = DictdDictionary.existingDataPath(base: base) else {
      self.init(copying: try load())
      return
    }
    self.init(
      copying: try cache.lexicon(
        files: [index, data], sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, build: load))
  }

  private convenience init(copying other: FreeDictLexicon) {
    self.init(
      sourceLanguage: other.sourceLanguage, targetLanguage: other.targetLanguage, table: other.table,
      sources: other.sources)
  }

  private init(sourceLanguage: String, targetLanguage: String, table: Table, sources: [String]) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    language = Self.forms(sourceLanguage)
    links = WordForms.linkingElements(language: language)
    self.table = table
    self.sources = sources
  }

  /// The installed FreeDict dictionaries for the pair in `directory`: `freedict-<src3>-<tgt3>`
  /// and, reversed, `freedict-<tgt3>-<src3>` (ISO 639-3 names), or nil when neither is there.
  /// - Throws: ``LexiconError`` when a language has no known code or a file present is unreadable.
  /// With a `cache`, a current compact copy is used instead of parsing the files (see ``LexiconCache``).
  public static func installed(
    sourceLanguage: String, targetLanguage: String, directory: String = "/usr/share/dictd",
    cache: LexiconCache? = nil
  ) throws(LexiconError) -> FreeDictLexicon? {
    let forwardBase = directory + "/" + (try baseName(sourceLanguage, targetLanguage))
    let reverseBase = directory + "/" + (try baseName(targetLanguage, sourceLanguage))
    let manager = FileManager.default
    let hasForward = manager.fileExists(atPath: forwardBase + ".index")
    let hasReverse = manager.fileExists(atPath: reverseBase + ".index")
    guard hasForward || hasReverse else { return nil }
    func load() throws(LexiconError) -> FreeDictLexicon {
      let forward = hasForward ? try DictdDictionary(indexPath: forwardBase + ".index") : nil
      let reverse = hasReverse ? try DictdDictionary(indexPath: reverseBase + ".index") : nil
      return FreeDictLexicon(
        sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, forward: forward, reverse: reverse)
    }
    var files: [String] = []
    for (present, base) in [(hasForward, forwardBase), (hasReverse, reverseBase)] where present {
      guard let data = DictdDictionary.existingDataPath(base: base) else { return try load() }
      files += [base + ".index", data]
    }
    guard let cache else { return try load() }
    return try cache.lexicon(
      files: files, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, build: load)
  }

  /// `freedict-nld-eng` for `nl`, `en`.
  static func baseName(_ from: String, _ to: String) throws(LexiconError) -> String {
    guard let fromCode = threeLetterCode(from) else { throw .unknownLanguage(from) }
    guard let toCode = threeLetterCode(to) else { throw .unknownLanguage(to) }
    return "freedict-\(fromCode)-\(toCode)"
  }

  /// The ISO 639-3 code FreeDict uses for a BCP-47 language (`nl` → `nld`, `en-GB` → `eng`).
  public static func threeLetterCode(_ language: String) -> String? {
    let primary = String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
    if primary.count == 3 { return primary }
    return isoCodes[primary]
  }

  private static let isoCodes: [String: String] = [
    "nl": "nld", "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por",
    "sv": "swe", "da": "dan", "no": "nor", "nb": "nob", "fi": "fin", "pl": "pol", "cs": "ces",
    "sk": "slk", "hu": "hun", "ro": "ron", "ru": "rus", "uk": "ukr", "el": "ell", "tr": "tur",
    "la": "lat", "af": "afr", "ga": "gle", "cy": "cym", "hr": "hrv", "sr": "srp", "bg": "bul",
    "ja": "jpn", "lt": "lit", "is": "isl",
  ]

  public func concepts(forSourceWord word: String) -> [String] {
    let folded = TextFolding.fold(word)
    if let known = table[folded] { return known }
    let participle = language == .french ? WordForms.frenchParticipleEnding(word) : 0
    // `adoptée` and `adoptee` fold alike but have different candidates: keyed apart.
    let key = participle > 0 ? "\u{1}\(participle)" + folded : folded
    if let cached = cache.withLock({ $0[key] }) { return cached }
    let letters = FoldedWord(folded, frenchParticipleEnding: participle)
    var scratch = WordForms.Scratch()
    let found =
      lookup(letters, 0..<letters.count, &scratch) ?? split(letters, letters.count, depth: 0, &scratch) ?? []
    cache.withLock { $0[key] = found }
    return found
  }

  /// The word-form rules of `sourceLanguage`'s primary subtag (`nl` for `nl-BE`).
  private static func forms(_ sourceLanguage: String) -> WordForms.Language {
    WordForms.Language(String(sourceLanguage.lowercased().prefix { $0 != "-" && $0 != "_" }))
  }

  /// The characters `range` of `word`, or one of their inflection candidates, as a headword.
  private func lookup(_ word: FoldedWord, _ range: Range<Int>, _ scratch: inout WordForms.Scratch)
    -> [String]?
  {
    WordForms.firstKnown(word, range, language: language, scratch: &scratch) { table[$0] }
  }

  /// A compound (the first `end` characters of `word`) as known parts: the longest known tail, and
  /// a head that is known (after removing a linking element) or splits again. Every part is looked
  /// up by its bytes in the word (see ``FoldedWord``).
  private func split(_ word: FoldedWord, _ end: Int, depth: Int, _ scratch: inout WordForms.Scratch)
    -> [String]?
  {
    guard depth < 3, end >= 7 else { return nil }
    guard !links.isEmpty || language == .english else { return nil }
    for cut in 3...(end - 4) {
      guard let tail = lookup(word, cut..<end, &scratch) else { continue }
      if let found = lookup(word, 0..<cut, &scratch) ?? split(word, cut, depth: depth + 1, &scratch) {
        return found + tail
      }
      for link in links where word.hasSuffix(0..<cut, link) && cut - link.count >= 3 {
        let head = cut - link.count
        if let found = lookup(word, 0..<head, &scratch) ?? split(word, head, depth: depth + 1, &scratch) {
          return found + tail
        }
      }
    }
    return nil
  }
}
