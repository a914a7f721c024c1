import Aligner
import Foundation
import TestSupport
import Testing

@testable import TweetalKit

/// FreeDict lookups with inflection candidates and compound splitting on the folded word's UTF-8
/// (session 20) against the `String` version they replaced, kept here as it was: the same
/// translations for every word of the corpus documents, the nl–en pages and Text+Berg (when
/// present), for made-up compounds of real headwords and for words with marks, other scripts and
/// characters that compare equal without being the same bytes.
@Suite("FreeDict compound splitting on bytes agrees with the old String rule")
struct LexiconSplitBytesTests {
  /// `FreeDictLexicon.concepts(forSourceWord:)` before session 20, on a lexicon's plain headword table.
  struct OldRule {
    let language: String
    let headword: (String) -> [String]?

    func concepts(_ word: String) -> [String] {
      let folded = TextFolding.fold(word)
      if let known = headword(folded) { return known }
      // Session 21: the participle endings are read before folding (folded, they never matched).
      let participle = language == "fr" ? WordForms.frenchParticipleEnding(word) : 0
      return lookup(folded, participle: participle) ?? split(folded, depth: 0) ?? []
    }

    func lookup(_ folded: String, participle: Int = 0) -> [String]? {
      if let found = headword(folded) { return found }
      for candidate in Self.lemmaCandidates(folded, language: language, participle: participle) {
        if let found = headword(candidate) { return found }
      }
      return nil
    }

    func split(_ folded: String, depth: Int) -> [String]? {
      let letters = Array(folded)
      guard depth < 3, letters.count >= 7 else { return nil }
      let links = Self.linkingElements(language: language)
      guard !links.isEmpty || language == "en" else { return nil }
      for cut in 3...(letters.count - 4) {
        guard let tail = lookup(String(letters[cut...])) else { continue }
        let head = String(letters[..<cut])
        var heads = [head]
        for link in links where head.hasSuffix(link) && head.count - link.count >= 3 {
          heads.append(String(head.dropLast(link.count)))
        }
        for candidate in heads {
          if let found = lookup(candidate) ?? split(candidate, depth: depth + 1) { return found + tail }
        }
      }
      return nil
    }

    static func lemmaCandidates(_ word: String, language: String, participle: Int = 0) -> [String] {
      let letters = Array(word)
      guard letters.count > 3 else { return [] }
      var candidates: [String] = []
      func strip(_ suffix: String) -> [Character]? {
        word.hasSuffix(suffix) && letters.count - suffix.count >= 3
          ? Array(letters.dropLast(suffix.count)) : nil
      }
      switch language {
      case "nl":
        if let stem = strip("'s") { candidates.append(String(stem)) }
        if let stem = strip("ingen") ?? strip("ing") { candidates.append(String(stem) + "en") }
        for suffix in ["en", "e", "s", "n"] {
          if let stem = strip(suffix) { candidates += dutchStemVariants(stem) }
        }
        if let stem = strip("t") ?? strip("d") {
          let body = word.hasPrefix("ge") && stem.count > 4 ? Array(stem.dropFirst(2)) : stem
          candidates += dutchStemVariants(body).map { $0 + "en" }
        }
      case "de":
        for suffix in ["en", "es", "er", "em", "e", "n", "s"] {
          if let stem = strip(suffix) { candidates.append(String(stem)) }
        }
      case "fr":
        if let stem = strip("aux") { candidates.append(String(stem) + "al") }
        if participle > 0 && letters.count - participle >= 3 {
          candidates.append(String(letters.dropLast(participle)) + "er")
        }
        for suffix in ["es", "s", "x", "e"] {
          if let stem = strip(suffix) { candidates.append(String(stem)) }
        }
      case "en":
        if let stem = strip("ies") { candidates.append(String(stem) + "y") }
        for suffix in ["es", "s", "ed", "ing"] {
          if let stem = strip(suffix) { candidates.append(String(stem)) }
        }
      default:
        if let stem = strip("s") { candidates.append(String(stem)) }
      }
      return candidates
    }

    static func dutchStemVariants(_ stem: [Character]) -> [String] {
      var variants = [String(stem)]
      guard let last = stem.last, stem.count >= 2 else { return variants }
      let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
      let previous = stem[stem.count - 2]
      if last == previous && !vowels.contains(last) { variants.append(String(stem.dropLast())) }
      if !vowels.contains(last) && ["a", "e", "o", "u"].contains(previous)
        && (stem.count < 3 || !vowels.contains(stem[stem.count - 3]))
      {
        var doubled = stem
        doubled.insert(previous, at: stem.count - 1)
        variants.append(String(doubled))
      }
      for (voiced, voiceless) in [("v", "f"), ("z", "s")] as [(Character, Character)] where last == voiced {
        variants += variants.map { String($0.dropLast()) + String(voiceless) }
      }
      return variants
    }

    static func linkingElements(language: String) -> [String] {
      switch language {
      case "nl": ["s", "e", "en"]
      case "de": ["s", "es", "n", "en", "e", "er"]
      default: []
      }
    }
  }

  /// Words for what real text has little of: marks, other scripts, characters equal to ASCII
  /// letters without being them (the Kelvin sign is a `K`), CR LF, apostrophes.
  static let madeUp = [
    "arbeidsmigratie", "migratiesamenwerking", "terugkeerbeleid", "lidstaten", "doelstellingen",
    "gewerkt", "gebeurd", "brieven", "huizen", "staten", "bommen", "landen", "regering's", "stoven",
    "arbeids\u{301}migratie", "arbeidsmigratie\u{301}", "ge\u{301}werkt", "gé​werkt", "huize\u{301}n",
    "\u{212A}amerbrieven", "wer\u{212A}t", "bri\u{212A}ven", "stat\u{212A}en", "staa\u{301}ten",
    "👍🏽arbeidsmigratie", "🇳🇱🇳🇱landen", "landen🇳🇱🇳🇱", "한국어문장들", "한국어문장들en", "русскиеслова",
    "ελληνικάλέξεις", "日本語の単語です", "arbeid\r\nmigratie", "arbeid\u{200D}smigratie",
    "ﬁnanciële", "œuvresociale", "arrivées", "arrive\u{301}es", "arrivée", "arrive\u{301}e", "légaux",
    "hospitaux", "travaillés", "countries", "working", "workers", "ab", "abc", "abcdefg", "", "'s",
  ]

  /// The words of `texts`: cut at anything but letters and marks, and cut at spaces only.
  static func words(_ texts: [String]) -> [String] {
    var words: Set<String> = []
    for text in texts {
      for word in text.split(whereSeparator: {
        !$0.isLetter && $0.unicodeScalars.first?.properties.isAlphabetic != true
      }) {
        words.insert(String(word))
      }
      for word in text.split(whereSeparator: \.isWhitespace) { words.insert(String(word)) }
    }
    return words.sorted()
  }

  static func read(_ paths: [String]) -> [String] {
    paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
  }

  static func files(_ folder: String, _ suffix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
  }

  /// Compounds of real headwords, two by two, with and without a linking element, and inflected.
  static func compounds(_ headwords: [String], links: [String], endings: [String]) -> [String] {
    let parts = headwords.filter { $0.count >= 3 && !$0.contains(where: { !$0.isLetter }) }
    var words: [String] = []
    for index in stride(from: 0, to: parts.count, by: max(1, parts.count / 300)) {
      let head = parts[index]
      let tail = parts[(index * 7919 + 13) % parts.count]
      for link in [""] + links {
        words.append(head + link + tail)
        for ending in endings { words.append(head + link + tail + ending) }
      }
      words.append(parts[(index * 104_729) % parts.count] + head + "s" + tail)
    }
    return words
  }

  /// Every word's translations from `lexicon` and from the old rule on the same table.
  static func differences(_ lexicon: FreeDictLexicon, language: String, _ words: [String]) -> [String] {
    let old = OldRule(language: language, headword: { lexicon.translations(ofHeadword: $0) })
    return words.filter { lexicon.concepts(forSourceWord: $0) != old.concepts($0) }
  }

  static let dictd = "/usr/share/dictd"
  static let hasDutchEnglish = FileManager.default.fileExists(atPath: dictd + "/freedict-nld-eng.index")
  static let hasGermanFrench = FileManager.default.fileExists(atPath: dictd + "/freedict-deu-fra.index")

  @Test(
    "Dutch: corpus letters, nl–en pages, made-up compounds; parsed and compact tables",
    .enabled(if: hasDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func dutch() throws {
    let forward = try DictdDictionary(indexPath: Self.dictd + "/freedict-nld-eng.index")
    let reverse = try? DictdDictionary(indexPath: Self.dictd + "/freedict-eng-nld.index")
    let parsed = FreeDictLexicon(
      sourceLanguage: "nl", targetLanguage: "en", forward: forward, reverse: reverse)
    let compactBytes = try #require(parsed.compactTable)
    let compact = FreeDictLexicon(
      sourceLanguage: "nl", targetLanguage: "en",
      compact: try #require(CompactLexicon(bytes: compactBytes, offset: 0)),
      sources: parsed.sources)
    var texts = Self.read(Self.files(Repository.path("corpus/nl"), ".txt"))
    texts += Self.read(Self.files(Shared.path("bench/nlen-manpages-dev/full"), ".nl"))
    texts += Self.read(Self.files(Shared.path("bench/nlen-manpages-dev/partial"), ".nl"))
    let compounds = Self.compounds(
      parsed.headwords, links: ["s", "e", "en"], endings: ["en", "s", "t", "d"])
    let words = Self.words(texts) + compounds + Self.madeUp
    #expect(words.count > 3_000)
    for lexicon in [parsed, compact] {
      let differences = Self.differences(lexicon, language: "nl", words)
      #expect(differences.isEmpty, "differ: \(differences.prefix(10))")
    }
    // The split is exercised, not only whole headwords.
    let old = OldRule(language: "nl", headword: { parsed.translations(ofHeadword: $0) })
    let split = compounds.filter { word in
      old.lookup(TextFolding.fold(word)) == nil && old.split(TextFolding.fold(word), depth: 0) != nil
    }
    #expect(split.count > 100, "\(split.count) made-up compounds split")
  }

  @Test(
    "German, and French read backwards: Text+Berg dev, made-up compounds",
    .enabled(if: hasGermanFrench, "dict-freedict-deu-fra is not installed in /usr/share/dictd"))
  func germanAndFrench() throws {
    let dictionary = try DictdDictionary(indexPath: Self.dictd + "/freedict-deu-fra.index")
    let german = FreeDictLexicon(
      sourceLanguage: "de", targetLanguage: "fr", forward: dictionary, reverse: nil)
    let french = FreeDictLexicon(
      sourceLanguage: "fr", targetLanguage: "de", forward: nil, reverse: dictionary)
    let textBerg = Shared.path(Shared.textBerg)
    let germanWords =
      Self.words(Self.read([textBerg + "/dev.de"]))
      + Self.compounds(
        german.headwords, links: ["s", "es", "n", "en", "e", "er"], endings: ["en", "es", "e"])
      + Self.madeUp
    let frenchWords = Self.words(Self.read([textBerg + "/dev.fr"])) + Self.madeUp
    #expect(germanWords.count > 1_000)
    let germanDifferences = Self.differences(german, language: "de", germanWords)
    #expect(germanDifferences.isEmpty, "differ: \(germanDifferences.prefix(10))")
    let frenchDifferences = Self.differences(french, language: "fr", frenchWords)
    #expect(frenchDifferences.isEmpty, "differ: \(frenchDifferences.prefix(10))")
  }

  @Test(
    "English and a language without rules of its own: the corpus's English documents",
    .enabled(if: hasDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func englishAndOther() throws {
    let dictionary = try DictdDictionary(indexPath: Self.dictd + "/freedict-nld-eng.index")
    var texts = Self.read(Self.files(Repository.path("corpus/en"), ".txt"))
    texts += Self.read(Self.files(Shared.path("bench/nlen-manpages-dev/full"), ".en"))
    let words = Self.words(texts) + Self.madeUp
    for language in ["en", "sv"] {
      let lexicon = FreeDictLexicon(
        sourceLanguage: language, targetLanguage: "nl", forward: nil, reverse: dictionary)
      let compounds = Self.compounds(lexicon.headwords, links: [], endings: ["s", "es", "ed", "ing", "ies"])
      let differences = Self.differences(lexicon, language: language, words + compounds)
      #expect(differences.isEmpty, "\(language) differ: \(differences.prefix(10))")
    }
  }

  @Test("Without dictionaries: a small Dutch table, made-up words")
  func smallTable() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish()
    let lexicon = try FreeDictLexicon(
      path: fixture.directory.appendingPathComponent("freedict-nld-eng.index").path, sourceLanguage: "nl",
      targetLanguage: "en")
    let compounds = Self.compounds(lexicon.headwords, links: ["s", "e", "en"], endings: ["en", "s", "t"])
    let differences = Self.differences(lexicon, language: "nl", Self.madeUp + compounds)
    #expect(differences.isEmpty, "differ: \(differences.prefix(10))")
    #expect(lexicon.concepts(forSourceWord: "arbeidsmigratie").contains("labour"))
  }

  @Test("Characters of several bytes are counted and compared as characters, not bytes")
  func multiByteCharacters() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    let index = try fixture.write(
      "freedict-nld-eng",
      [
        ("日本語", "日本語\nJapanese\n"), ("単語帳", "単語帳\nvocabulary\n"), ("ab한", "ab한\nhan\n"),
        ("русск", "русск\nrussian\n"), ("слово", "слово\nword\n"),
      ])
    let lexicon = try FreeDictLexicon(path: index, sourceLanguage: "nl", targetLanguage: "en")
    // Six characters (18 bytes): too short to split. A precomposed and a decomposed 한 are the same
    // character, so `ab한한en` is `ab한` with a doubled consonant. Ten Cyrillic characters split.
    let short = "日本語単語帳"
    let decomposed = "ab한\u{1112}\u{1161}\u{11AB}en"
    let russian = "русскслово"
    #expect(lexicon.concepts(forSourceWord: short).isEmpty)
    #expect(lexicon.concepts(forSourceWord: decomposed) == ["han"])
    #expect(lexicon.concepts(forSourceWord: russian) == ["russian", "word"])
    let words = [short, short + "です", decomposed, russian, russian + "en", "日本語単語帳帳"] + Self.madeUp
    let differences = Self.differences(lexicon, language: "nl", words)
    #expect(differences.isEmpty, "differ: \(differences.prefix(10))")
  }
}
