/// Per-language word lists the extractor needs: stop words, month names, range words.
struct AnchorLanguageData: Sendable {
  /// Very frequent words (folded) that make neither cognate nor lexicon anchors.
  let stopWords: Set<String>

  init(language: String) {
    let words = Self.stopLists[language] ?? ""
    stopWords = Set(words.split(separator: " ").map { TextFolding.fold(String($0)) })
  }

  /// Month number (1...12) for a folded month name or abbreviation in Dutch, English, German or
  /// French. Language-independent: a name is only taken as a month next to a number.
  static func month(_ folded: String) -> Int? { months[folded] }

  /// The value of a folded number word from two to twelve, twenty, hundred or thousand in Dutch,
  /// English, German or French (`drei`, `three`, `trois` → 3). `one` is left out: it is also an
  /// article or pronoun in most of these languages.
  static func numberWord(_ folded: String) -> Int? { numberWords[folded] }

  private static let numberWords: [String: Int] = {
    let words: [(Int, String)] = [
      (2, "twee two zwei deux"), (3, "drie three drei trois"), (4, "vier four quatre"),
      (5, "vijf five funf cinq"), (6, "zes six sechs"), (7, "zeven seven sieben sept"),
      (8, "acht eight huit"), (9, "negen nine neun neuf"), (10, "tien ten zehn dix"),
      (11, "elf eleven onze"), (12, "twaalf twelve zwolf douze"), (20, "twintig twenty zwanzig vingt"),
      (100, "honderd hundred hundert cent"), (1000, "duizend thousand tausend mille"),
    ]
    var table: [String: Int] = [:]
    for (value, list) in words {
      for word in list.split(separator: " ") { table[String(word)] = value }
    }
    return table
  }()

  /// Folded words that join the days of a range or list: `17 t/m 20 mei`, `17-20 May`,
  /// `17 and 18 May`, `1er mai`, `17. Mai`.
  static let rangeWords: Set<String> = [
    "t", "m", "tm", "tot", "en", "met", "and", "to", "through", "until", "till", "und", "bis", "et",
    "au", "a", "er", "st", "nd", "rd", "th", "of", "de", "du", "le", "den", "van",
  ]

  /// Folded words that mark the number before them as a percentage.
  static let percentWords: Set<String> = ["procent", "percent", "per", "prozent", "pour", "pct"]

  private static let months: [String: Int] = {
    let names: [(Int, String)] = [
      (1, "januari january januar janvier jan jänner"),
      (2, "februari february februar fevrier feb fev fevr"),
      (3, "maart march marz mars mar mrt maerz"),
      (4, "april avril apr avr"),
      (5, "mei may mai"),
      (6, "juni june juin jun"),
      (7, "juli july juillet jul juil"),
      (8, "augustus august aout aug"),
      (9, "september septembre sep sept"),
      (10, "oktober october octobre okt oct"),
      (11, "november novembre nov"),
      (12, "december dezember decembre dec dez"),
    ]
    var table: [String: Int] = [:]
    for (number, list) in names {
      for name in list.split(separator: " ") { table[TextFolding.fold(String(name))] = number }
    }
    return table
  }()

  private static let stopLists: [String: String] = [
    "nl": """
    aan al alle alleen als andere bij binnen daar daarbij daarnaast dan dat de den der des deze \
    die dit door dus een eens en er geen haar had heb hebben heeft hem het hier hierbij hij hoe \
    hun ik in is ja je jaar kan kon kunnen maar me meer men met mij mijn moet moeten na naar \
    niet niets nog nu of om omdat onder ons onze ook op over reeds sinds te tegen toch toen tot \
    tussen u uit uw van veel voor waarbij waarin want waren was wat wel werd wie wij wil worden \
    wordt zal ze zelf zich zij zijn zo zoals zou zouden zullen twee drie vier eerste
    """,
    "en": """
    a about after all also an and any are as at be been being between both but by can could \
    did do does each first for from had has have he her his how i if in into is it its may \
    more most must no not of on one or other our out over shall should since so some such than \
    that the their them then there these they this those through to two three four under up \
    upon was we well were what when where which while who will with within would you your
    """,
    "de": """
    aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass daß dem den \
    denn der des die dies diese diesem diesen dieser doch dort du durch ein eine einem einen \
    einer eines er es etwas für hat hatte hatten haben ich ihr ihre im immer in ist ja jedoch \
    kann kein konnte konnten mit nach nicht noch nun nur ob oder ohne schon sehr sein seine \
    seiner sich sie sind so über um und uns unter vom von vor war waren was weil wenn werden \
    wie wieder wir wird wurde wurden zu zum zur zwei drei vier
    """,
    "fr": """
    alors après au aussi aux avait avaient avant avec avoir bien ce cela ces cette comme dans \
    de des deux dont du elle en encore entre est et été étaient était être eux fait il ils je \
    la le les leur leurs lui mais me même mes moi mon ne nos notre nous on ou par pas plus pour \
    qu que qui sa sans se ses son sont sous sur ta te tes toi ton tous tout toute toutes très \
    trois tu un une vos votre vous quatre
    """,
  ]
}
