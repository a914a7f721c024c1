/// Guesses at the dictionary form of an inflected word, and the linking elements of compounds.
///
/// No morphology, only cheap candidates tried in order against the dictionary's headwords:
/// the first that is a headword wins.
enum WordForms {
  /// Possible dictionary forms of a folded word in `language`, most likely first (not the word).
  static func lemmaCandidates(_ word: String, language: String) -> [String] {
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
      for suffix in ["ées", "ée", "és", "é"] {
        if let stem = strip(suffix) { candidates.append(String(stem) + "er") }
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

  /// Dutch spelling changes between a stem and its inflected forms: `landen` → `land`,
  /// `bommen` → `bom`, `staten` → `staat`, `brieven` → `brief`, `huizen` → `huis`.
  private static func dutchStemVariants(_ stem: [Character]) -> [String] {
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

  /// Linking elements that may join the parts of a compound (`arbeid-s-migratie`).
  static func linkingElements(language: String) -> [String] {
    switch language {
    case "nl": ["s", "e", "en"]
    case "de": ["s", "es", "n", "en", "e", "er"]
    default: []
    }
  }
}
