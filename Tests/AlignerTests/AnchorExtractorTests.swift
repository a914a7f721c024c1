import Aligner
import Foundation
import Testing

/// Keys as `"kind:value"` strings, for readable expectations.
private func keys(_ text: String, _ language: String, lexicon: (any Lexicon)? = nil) -> Set<String> {
  Set(AnchorExtractor(language: language, lexicon: lexicon).keys(for: text).map(\.description))
}

private func shared(_ source: String, _ target: String, lexicon: (any Lexicon)? = nil) -> AnchorCounts {
  AnchorOverlap.shared(
    AnchorExtractor(language: "nl", lexicon: lexicon).anchors(for: source),
    AnchorExtractor(language: "en", lexicon: lexicon).anchors(for: target))
}

@Suite("Anchor extraction")
struct AnchorExtractorTests {
  @Test("'17 t/m 20 mei 2022' and '17-20 May 2022' give the same dates")
  func dateRanges() {
    let dutch = keys("van 17 t/m 20 mei 2022 in New York", "nl")
    let english = keys("from 17-20 May 2022 in New York", "en")
    let dates: Set = ["date:2022-05-17", "date:2022-05-20", "date:2022-05", "num:2022"]
    #expect(dates.isSubset(of: dutch))
    #expect(dates.isSubset(of: english))
    #expect(!dutch.contains("num:17") && !english.contains("num:20"), "days of a date are not numbers")
  }

  @Test("Dates in Dutch, English, German and French word order and numeric forms agree")
  func dateFormats() {
    let expected: Set = ["date:2022-04-29", "date:2022-04", "num:2022"]
    for (text, language) in [
      ("Datum 29 april 2022", "nl"), ("Date 29 April 2022", "en"), ("on April 29, 2022", "en"),
      ("am 29. April 2022", "de"), ("le 29 avril 2022", "fr"), ("op 29-04-2022", "nl"),
      ("am 29.04.2022", "de"), ("ISO 2022-04-29", "en"), ("le 29/04/2022", "fr"),
    ] {
      #expect(keys(text, language).isSuperset(of: expected), "\(text)")
    }
    #expect(keys("17 en 18 mei 2022", "nl").isSuperset(of: ["date:2022-05-17", "date:2022-05-18"]))
    #expect(keys("le 1er mai", "fr").contains("date:05-01"))
    #expect(keys("in juli 2022", "nl") == keys("in July 2022", "en"))
  }

  @Test("The English modal 'may' is not a month, 'May' next to a number is")
  func englishMay() {
    #expect(!keys("Member states may 3 times ask", "en").contains { $0.hasPrefix("date:") })
    #expect(keys("on 3 May", "en").contains("date:05-03"))
  }

  @Test("Thousands separators and decimal commas of both languages give one number")
  func numbers() {
    #expect(keys("1.000 migranten", "nl").contains("num:1000"))
    #expect(keys("1,000 migrants", "en").contains("num:1000"))
    #expect(keys("1'000 Meter", "de").contains("num:1000"))
    #expect(keys("1,5 miljoen", "nl").contains("num:1.5"))
    #expect(keys("1.5 million", "en").contains("num:1.5"))
    #expect(keys("2015–2016", "nl").isSuperset(of: ["num:2015", "num:2016"]))
    #expect(keys("25 procent", "nl").contains("num:25%"))
    #expect(keys("25% of", "en").contains("num:25%"))
    #expect(keys("drei Schritt", "de").contains("num:3") && keys("trois pas", "fr").contains("num:3"))
  }

  @Test("Long digit runs are reference numbers; dotted codes too")
  func references() {
    #expect(keys("Ons kenmerk 3963666", "nl").contains("ref:3963666"))
    #expect(keys("Our reference\t3963666", "en").contains("ref:3963666"))
    #expect(keys("see section 3.2.1", "en").contains("ref:3.2.1"))
  }

  @Test("URLs and e-mail addresses are anchors without scheme, www. or markup")
  func addresses() {
    let markup = keys("<a href=\"http://www.rijksoverheid.nl/jenv\">www.rijksoverheid.nl/jenv</a>", "en")
    #expect(markup.contains("url:rijksoverheid.nl/jenv"))
    #expect(keys("www.rijksoverheid.nl/jenv", "nl") == ["url:rijksoverheid.nl/jenv"])
    #expect(keys("Mail info@minbuza.nl.", "nl").contains("url:info@minbuza.nl"))
    #expect(!keys("zie https://refugeesmigrants.un.org/2018.", "nl").contains("num:2018"))
  }

  @Test("Acronyms and capitalised words after the first are names, folded")
  func names() {
    let found = keys("Het Khartoum Proces en UNODC's steun; Zürich.", "nl")
    #expect(found.isSuperset(of: ["name:khartoum", "name:unodc", "name:zurich", "name:proces"]))
    #expect(!found.contains("name:het"), "the first word is capitalised by rule")
    #expect(!keys("a) De juridische aard", "nl").contains("name:de"), "nor the first after a list label")
  }

  @Test("Cognates share a folded four-letter prefix; stop words make none")
  func cognates() {
    #expect(keys("migratie", "nl").contains("pre:migr") && keys("Migration", "en").contains("pre:migr"))
    #expect(keys("Générale", "fr").contains("pre:gene"))
    #expect(keys("there would", "en").isEmpty)
    #expect(!keys("worden", "nl").contains("pre:word"))
  }

  @Test("Punctuation structure: question, colon, parentheses, list markers")
  func punctuation() {
    let found = keys("a) Is het bindend: ja (of nee)?", "nl")
    let expected: Set = ["punct:list", "punct:colon", "punct:parenthesis", "punct:question"]
    #expect(found.isSuperset(of: expected))
    #expect(!keys("om 10:30 uur", "nl").contains("punct:colon"))
    #expect(keys("- first item here", "en").contains("punct:list"))
    #expect(keys("A. Introduction", "en").contains("punct:list"))
    #expect(!keys("E. van der Burg", "nl").contains("punct:list"), "an initial is no list label")
  }

  @Test("An ID carries its kind in the top 4 bits and is stable across runs")
  func identifiers() {
    let id = AnchorID.make(.number, "2022")
    #expect(AnchorKind(id: id) == .number)
    #expect(id >> 60 == 1)
    // Kind 1, then the low 60 bits of FNV-1a 64 of "num:2022" (0x67a43026c1d99751, computed
    // independently): fixed, so IDs stay valid between processes and machines.
    #expect(id == 0x17A4_3026_C1D9_9751)
    for kind in AnchorKind.allCases { #expect(AnchorKind(id: AnchorID.make(kind, "x")) == kind) }
    let anchors = AnchorExtractor(language: "en").anchors(for: "GCM GCM 2022 on 17-20 May 2022")
    #expect(anchors == anchors.sorted() && Set(anchors).count == anchors.count)
  }

  @Test("A lexicon makes a source word and its translation share an anchor")
  func lexicon() {
    let table = TableLexicon(
      sourceLanguage: "nl", targetLanguage: "en", table: ["samenwerking": ["cooperation", "collaboration"]])
    let counts = shared("internationale samenwerking", "close collaborations", lexicon: table)
    #expect(counts[.lexicon] == 1)
    #expect(shared("internationale samenwerking", "close collaborations")[.lexicon] == 0)
    #expect(keys("the cooperations", "en", lexicon: table) == ["pre:coop", "lex:cooper"])
  }
}
