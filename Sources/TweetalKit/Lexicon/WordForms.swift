/// Guesses at the dictionary form of an inflected word, and the linking elements of compounds.
///
/// No morphology, only cheap candidates tried in order against the dictionary's headwords:
/// the first that is a headword wins. The candidates are described by the characters of a
/// ``FoldedWord`` they keep and written as UTF-8 into one buffer, so that trying them (most are no
/// headword) builds no `String`.
enum WordForms {
  /// The languages with rules of their own; any other uses ``other``.
  enum Language {
    case dutch, german, french, english, other

    /// The rules for a primary language subtag (`nl`, `de`, `fr`, `en`).
    init(_ subtag: String) {
      switch subtag {
      case "nl": self = .dutch
      case "de": self = .german
      case "fr": self = .french
      case "en": self = .english
      default: self = .other
      }
    }
  }

  /// Room for the candidates of one lookup and the bytes of one candidate, reused across lookups.
  struct Scratch {
    var candidates: [Candidate] = []
    var bytes: [UInt8] = []
  }

  /// The first answer of `find` for the characters `range` of `word` or, failing that, for one of
  /// their possible dictionary forms in `language` (``lemmaCandidates(_:_:language:into:)``), in
  /// order. `find` gets each candidate's UTF-8.
  static func firstKnown<Found>(
    _ word: FoldedWord, _ range: Range<Int>, language: Language, scratch: inout Scratch,
    _ find: (UnsafeBufferPointer<UInt8>) -> Found?
  ) -> Found? {
    let bytes = word.byteRange(range)
    if let found = word.bytes.withUnsafeBufferPointer({ find(UnsafeBufferPointer(rebasing: $0[bytes])) }) {
      return found
    }
    lemmaCandidates(word, range, language: language, into: &scratch.candidates)
    for candidate in scratch.candidates {
      candidate.write(word, into: &scratch.bytes)
      if let found = scratch.bytes.withUnsafeBufferPointer(find) { return found }
    }
    return nil
  }

  /// A candidate dictionary form: characters of the word, perhaps changed at the end, and an ending.
  struct Candidate: Equatable {
    /// The word's characters the candidate starts from.
    var characters: Range<Int>
    /// Whether the second-last character is written twice (`stat` → `staat`).
    var doubled = false
    /// The byte that replaces the last character (a one-byte `v` or `z`), or nil.
    var voiceless: UInt8?
    /// What follows.
    var ending = Ending.none

    /// Writes the candidate's UTF-8 into `buffer` (emptied first).
    func write(_ word: FoldedWord, into buffer: inout [UInt8]) {
      buffer.removeAll(keepingCapacity: true)
      let end = characters.upperBound
      if doubled {
        buffer += word.bytes[word.byteRange(characters.lowerBound..<end - 1)]
        buffer += word.bytes[word.byteRange(end - 2..<end)]
      } else {
        buffer += word.bytes[word.byteRange(characters)]
      }
      if let voiceless {
        buffer.removeLast()
        buffer.append(voiceless)
      }
      switch ending {
      case .none: break
      case .en: buffer += [UInt8(ascii: "e"), UInt8(ascii: "n")]
      case .y: buffer.append(UInt8(ascii: "y"))
      case .al: buffer += [UInt8(ascii: "a"), UInt8(ascii: "l")]
      case .er: buffer += [UInt8(ascii: "e"), UInt8(ascii: "r")]
      }
    }
  }

  /// The endings a candidate may add.
  enum Ending { case none, en, y, al, er }

  /// Possible dictionary forms of the characters `range` of `word` in `language`, most likely first
  /// (not the word itself), in `candidates` (emptied first): Dutch `landen` → `land`, `bommen` →
  /// `bom`, `staten` → `staat`, `brieven` → `brief`, `huizen` → `huis`, `gewerkt` → `werken`.
  static func lemmaCandidates(
    _ word: FoldedWord, _ range: Range<Int>, language: Language, into candidates: inout [Candidate]
  ) {
    candidates.removeAll(keepingCapacity: true)
    let count = range.count
    guard count > 3 else { return }
    /// The characters left when `suffix` ends the word and at least three remain.
    func strip(_ suffix: Suffix) -> Range<Int>? {
      count - suffix.count >= 3 && word.hasSuffix(range, suffix)
        ? range.lowerBound..<range.upperBound - suffix.count : nil
    }
    func add(_ stem: Range<Int>, _ ending: Ending = .none) {
      candidates.append(Candidate(characters: stem, ending: ending))
    }
    switch language {
    case .dutch:
      if let stem = strip(.apostropheS) { add(stem) }
      if let stem = strip(.ingen) ?? strip(.ing) { add(stem, .en) }
      for suffix in Suffix.dutch {
        if let stem = strip(suffix) { dutchStemVariants(word, stem, into: &candidates) }
      }
      if let stem = strip(.t) ?? strip(.d) {
        let prefixed =
          word.character(range.lowerBound, is: UInt8(ascii: "g"))
          && word.character(range.lowerBound + 1, is: UInt8(ascii: "e"))
        let body = prefixed && stem.count > 4 ? stem.lowerBound + 2..<stem.upperBound : stem
        dutchStemVariants(word, body, ending: .en, into: &candidates)
      }
    case .german:
      for suffix in Suffix.german {
        if let stem = strip(suffix) { add(stem) }
      }
    case .french:
      if let stem = strip(.aux) { add(stem, .al) }
      // Read on the word before folding (the folded word has lost the accent that tells
      // `adoptée` from `porte`), so only for the whole word.
      let participle = word.frenchParticipleEnding
      if participle > 0 && range.upperBound == word.count && count - participle >= 3 {
        add(range.lowerBound..<range.upperBound - participle, .er)
      }
      for suffix in Suffix.french {
        if let stem = strip(suffix) { add(stem) }
      }
    case .english:
      if let stem = strip(.ies) { add(stem, .y) }
      for suffix in Suffix.english {
        if let stem = strip(suffix) { add(stem) }
      }
    case .other:
      if let stem = strip(.s) { add(stem) }
    }
  }

  /// Dutch spelling changes between a stem and its inflected forms: `landen` → `land`,
  /// `bommen` → `bom`, `staten` → `staat`, `brieven` → `brief`, `huizen` → `huis`.
  private static func dutchStemVariants(
    _ word: FoldedWord, _ stem: Range<Int>, ending: Ending = .none, into candidates: inout [Candidate]
  ) {
    let first = candidates.count
    candidates.append(Candidate(characters: stem, ending: ending))
    guard stem.count >= 2 else { return }
    let last = stem.upperBound - 1
    let previous = last - 1
    func isVowel(_ index: Int) -> Bool {
      word.character(index, is: UInt8(ascii: "a")) || word.character(index, is: UInt8(ascii: "e"))
        || word.character(index, is: UInt8(ascii: "i"))
        || word.character(index, is: UInt8(ascii: "o")) || word.character(index, is: UInt8(ascii: "u"))
    }
    let lastIsVowel = isVowel(last)
    if !lastIsVowel && word.same(last, previous) {
      candidates.append(Candidate(characters: stem.lowerBound..<last, ending: ending))
    }
    if !lastIsVowel && isVowel(previous) && !word.character(previous, is: UInt8(ascii: "i"))
      && (stem.count < 3 || !isVowel(previous - 1))
    {
      candidates.append(Candidate(characters: stem, doubled: true, ending: ending))
    }
    // Every variant ends in the one-byte `v` or `z` here (the shortened one in a character equal to it).
    for (voiced, voiceless) in [
      (UInt8(ascii: "v"), UInt8(ascii: "f")), (UInt8(ascii: "z"), UInt8(ascii: "s")),
    ]
    where word.character(last, is: voiced) {
      for index in first..<candidates.count {
        var changed = candidates[index]
        changed.voiceless = voiceless
        candidates.append(changed)
      }
    }
  }

  /// An ending as characters, for comparing with a word's last characters.
  struct Suffix {
    let characters: [Character]
    /// The UTF-8 when every character is ASCII (a byte each), else nil.
    let ascii: [UInt8]?
    var count: Int { characters.count }

    init(_ text: String) {
      characters = Array(text)
      ascii = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.utf8) : nil
    }

    static let apostropheS = Suffix("'s")
    static let ingen = Suffix("ingen")
    static let ing = Suffix("ing")
    static let t = Suffix("t")
    static let d = Suffix("d")
    static let s = Suffix("s")
    static let aux = Suffix("aux")
    static let ies = Suffix("ies")
    static let dutch = ["en", "e", "s", "n"].map(Suffix.init)
    static let german = ["en", "es", "er", "em", "e", "n", "s"].map(Suffix.init)
    static let french = ["es", "s", "x", "e"].map(Suffix.init)
    static let english = ["es", "s", "ed", "ing"].map(Suffix.init)
  }

  /// The French past participle endings (`adoptées`, `adoptée`, `adoptés`, `adopté` → `adopter`).
  static let frenchParticiples = ["ées", "ée", "és", "é"]

  /// How many characters at the end of `word` (not yet folded) are a French past participle
  /// ending, or 0. Folding keeps their count (`ées` → `ees`), so the folded word loses as many.
  static func frenchParticipleEnding(_ word: String) -> Int {
    let lowered = word.lowercased()
    return frenchParticiples.first { lowered.hasSuffix($0) }?.count ?? 0
  }

  /// Linking elements that may join the parts of a compound (`arbeid-s-migratie`).
  static func linkingElements(language: Language) -> [Suffix] {
    switch language {
    case .dutch: ["s", "e", "en"].map(Suffix.init)
    case .german: ["s", "es", "n", "en", "e", "er"].map(Suffix.init)
    default: []
    }
  }
}

/// A folded word as UTF-8 with the byte offset where each of its characters starts, so that its
/// parts are looked up as byte ranges. Characters compare as `Character`s do (canonical
/// equivalence); two one-byte characters, or a one-byte one with an ASCII byte, by their bytes.
struct FoldedWord {
  let bytes: [UInt8]
  /// The byte offset of each character, then the byte count: `count + 1` offsets.
  private let starts: [Int]
  /// How many of the last characters were a French past participle ending before folding
  /// (``WordForms/frenchParticipleEnding(_:)``), or 0.
  let frenchParticipleEnding: Int

  init(_ word: String, frenchParticipleEnding: Int = 0) {
    self.frenchParticipleEnding = frenchParticipleEnding
    bytes = Array(word.utf8)
    // In ASCII text each byte is a character, except a CR before LF (one character).
    if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
      starts = Array(0...bytes.count)
    } else {
      starts = word.indices.map { word.utf8.distance(from: word.startIndex, to: $0) } + [bytes.count]
    }
  }

  /// The number of characters.
  var count: Int { starts.count - 1 }

  /// The bytes of the characters `characters`.
  func byteRange(_ characters: Range<Int>) -> Range<Int> {
    starts[characters.lowerBound]..<starts[characters.upperBound]
  }

  /// Character `index` as a `Character`.
  func character(_ index: Int) -> Character {
    Character(String(decoding: bytes[starts[index]..<starts[index + 1]], as: UTF8.self))
  }

  /// Whether character `index` is the ASCII character `ascii`.
  func character(_ index: Int, is ascii: UInt8) -> Bool {
    let start = starts[index]
    if starts[index + 1] - start == 1 { return bytes[start] == ascii }
    return character(index) == Character(Unicode.Scalar(ascii))
  }

  /// Whether character `index` is `character`.
  func character(_ index: Int, is character: Character) -> Bool {
    if starts[index + 1] - starts[index] == 1, character.utf8.count == 1, let ascii = character.utf8.first {
      return bytes[starts[index]] == ascii
    }
    return self.character(index) == character
  }

  /// Whether characters `a` and `b` are equal.
  func same(_ a: Int, _ b: Int) -> Bool {
    if starts[a + 1] - starts[a] == 1 && starts[b + 1] - starts[b] == 1 {
      return bytes[starts[a]] == bytes[starts[b]]
    }
    return character(a) == character(b)
  }

  /// Whether the characters `range` end with `suffix`.
  func hasSuffix(_ range: Range<Int>, _ suffix: WordForms.Suffix) -> Bool {
    guard suffix.count <= range.count else { return false }
    let first = range.upperBound - suffix.count
    if let ascii = suffix.ascii {
      for offset in 0..<ascii.count where !character(first + offset, is: ascii[offset]) { return false }
      return true
    }
    for (offset, character) in suffix.characters.enumerated()
    where !self.character(first + offset, is: character) {
      return false
    }
    return true
  }
}
