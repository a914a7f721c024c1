import Testing

@testable import Segmenter

/// Sentence boundaries in general text (not only the corpus), Dutch and English.
@Suite("Sentence boundaries")
struct SentenceRuleTests {
  @Test(
    "Dutch domain abbreviations do not end a sentence",
    arguments: [
      "Bij de aanneming van het GCM werd afgesproken om de voortgang t.a.v. de implementatie te bespreken.",
      "Zie de brief d.d. 22 januari 2018 over dit onderwerp.",
      "Het betreft Kamerstuk 26 150, nr. 158 en nrs. 155, 157 en 158 van dit jaar.",
      "Zij bespraken o.a. de stand van zaken.",
      "De leden hebben verzocht m.b.t. de formele standpunten van de EU.",
      "Tijdens de formele consultaties t.b.v. de GCR vertolkt de delegatie de inbreng.",
      "De leden bespraken op 29 mei jl. tijdens de rondvraag de stand van zaken.",
      "Het IMRF vindt plaats van 17 t/m 20 mei 2022 in New York.",
      "Er is gekozen voor een brief i.p.v. een notitie.",
      "Denk bijv. aan het startup visum.",
      "Het gaat om ca. 100 miljoen euro, incl. btw.",
      "Dit geldt ook voor mr. dr. P. de Vries en prof. Jansen.",
      "Zie art. 3 lid 2 van de wet.",
    ])
  func dutchAbbreviations(sentence: String) {
    #expect(texts(sentence, .dutch) == [sentence])
  }

  @Test(
    "English abbreviations do not end a sentence",
    arguments: [
      "Several countries, e.g. Niger and Mali, signed the memorandum.",
      "The main partners, i.e. IOM and UNHCR, fund the programme.",
      "See Resolution No. 71/1 of the General Assembly.",
      "Mr. Smith met Dr. Jones at 5 p.m. on Friday.",
      "Trafficking, smuggling, labour exploitation etc. are covered by the programme.",
      "He moved to the U.S. Government Accountability Office in 2019.",
      "The study by Jansen et al. shows a decline.",
      "Pages 12-14, cf. fig. 3 and pp. 20-22.",
    ])
  func englishAbbreviations(sentence: String) {
    #expect(texts(sentence, .english) == [sentence])
  }

  @Test("initials are not sentence ends: M.G.J. Harbers, E. van der Burg, D.J.H. van Dijk")
  func initials() {
    #expect(
      texts("De brief is ondertekend door M.G.J. Harbers en E. van der Burg.") == [
        "De brief is ondertekend door M.G.J. Harbers en E. van der Burg."
      ])
    #expect(
      texts("Tot de leden behoren D.J.H. van Dijk (SGP) en J. De Vries.") == [
        "Tot de leden behoren D.J.H. van Dijk (SGP) en J. De Vries."
      ])
  }

  @Test("a sentence-final abbreviation ends the sentence when a new sentence follows")
  func abbreviationAtEnd() {
    #expect(
      texts("Het gaat om smokkel, handel enz. De commissie is akkoord.") == [
        "Het gaat om smokkel, handel enz.", "De commissie is akkoord.",
      ])
    #expect(
      texts("It covers smuggling, trafficking etc. The committee agreed.", .english) == [
        "It covers smuggling, trafficking etc.", "The committee agreed.",
      ])
    #expect(
      texts("She lives in the U.S. She works in New York.", .english) == [
        "She lives in the U.S.", "She works in New York.",
      ])
  }

  @Test("numbers, dates and decimals do not split; a sentence may start with a digit")
  func numbers() {
    #expect(
      texts("Het budget steeg met 3.5 procent tot 100,5 miljoen op 19.12.2018. 23 landen stemden tegen.") == [
        "Het budget steeg met 3.5 procent tot 100,5 miljoen op 19.12.2018.", "23 landen stemden tegen.",
      ])
    #expect(
      texts("Het GCM werd aangenomen in 2018. In 2022 volgde het IMRF.") == [
        "Het GCM werd aangenomen in 2018.", "In 2022 volgde het IMRF.",
      ])
  }

  @Test("an inline enumeration a), b), c) and a colon stay inside the sentence")
  func inlineEnumeration() {
    let sentence =
      "In dit kader is gekeken naar a) de aard, b) de doorwerking en c) de relevantie: alle drie."
    #expect(texts(sentence) == [sentence])
    #expect(
      texts("De punten zijn: 1. de aanpak, 2. de terugkeer.") == [
        "De punten zijn: 1. de aanpak, 2. de terugkeer."
      ])
  }

  @Test("quotes «» “” and ellipses")
  func quotesAndEllipses() {
    #expect(
      texts("UNHCR zal het CRRF aanvullen met een «Global Programme of Action». Samen vormen zij de GCR.")
        == [
          "UNHCR zal het CRRF aanvullen met een «Global Programme of Action».", "Samen vormen zij de GCR.",
        ])
    #expect(
      texts("Hij zei: “Dit is het einde.” Daarna ging hij weg.") == [
        "Hij zei: “Dit is het einde.”", "Daarna ging hij weg.",
      ])
    #expect(
      texts("We waited... and waited. Then it came… The end.", .english) == [
        "We waited... and waited.", "Then it came…", "The end.",
      ])
    #expect(texts("Is dit juist? Ja! Dat is het.") == ["Is dit juist?", "Ja!", "Dat is het."])
  }

  @Test("URLs and e-mail addresses keep their periods")
  func urlsAndMail() {
    #expect(
      texts("Zie www.rijksoverheid.nl/jenv of mail info@minbuza.nl voor meer. Het kabinet reageert.") == [
        "Zie www.rijksoverheid.nl/jenv of mail info@minbuza.nl voor meer.", "Het kabinet reageert.",
      ])
    #expect(
      texts("Read https://www.government.nl/documents/2018/07/10/agenda.pdf first. Then reply.", .english)
        == [
          "Read https://www.government.nl/documents/2018/07/10/agenda.pdf first.", "Then reply.",
        ])
  }

  @Test("Dutch sentences may start with 's or 't; lower case after an unknown abbreviation continues")
  func lowerCaseStarts() {
    #expect(
      texts("Het overleg vond plaats in Den Haag. 's Avonds volgde een diner.") == [
        "Het overleg vond plaats in Den Haag.", "'s Avonds volgde een diner.",
      ])
    #expect(
      texts("Dit geldt voor het verdrag resp. het protocol.") == [
        "Dit geldt voor het verdrag resp. het protocol."
      ])
  }

  @Test("--lang auto tells Dutch from English")
  func guessLanguage() throws {
    #expect(Segmenter.guessLanguage(of: try corpusText(corpusDocuments[2])) == .dutch)
    #expect(Segmenter.guessLanguage(of: try corpusText(corpusDocuments[3])) == .dutch)
    #expect(Segmenter.guessLanguage(of: try corpusText(corpusDocuments[0])) == .english)
    #expect(Segmenter.guessLanguage(of: try corpusText(corpusDocuments[1])) == .english)
  }
}
