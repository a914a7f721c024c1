import Testing

@testable import Segmenter

/// One test per hazard of the corpus, each on the real text it came from.
@Suite("Corpus hazards")
struct HazardTests {
  @Test("end-of-line hyphenation that splits a word is undone (Marrakesh letter: Interna-/tional)")
  func hyphenationJoined() {
    let source = """
      De dialoog over internationale migratie wordt al langere tijd op mondiaal 
      niveau gevoerd (waaronder tijdens VN High-level Dialogues on Interna-
      tional Migration and Development in 2006 en 2013). Dit kan 
      alleen worden gerealiseerd door samenwerking tussen bestemmings-
      landen en landen van transit en herkomst. 
      """
    #expect(
      texts(source) == [
        "De dialoog over internationale migratie wordt al langere tijd op mondiaal niveau gevoerd (waaronder "
          + "tijdens VN High-level Dialogues on International Migration and Development in 2006 en 2013).",
        "Dit kan alleen worden gerealiseerd door samenwerking tussen bestemmingslanden en landen van transit en herkomst.",
      ])
  }

  @Test("a hyphen that belongs to the word stays: EU-, suspended compounds, (identiteits-)documenten")
  func hyphenKept() {
    #expect(
      texts("Tijdens de consultaties vertolkt de delegatie de inbreng namens de EU-\nlidstaten.") == [
        "Tijdens de consultaties vertolkt de delegatie de inbreng namens de EU-lidstaten."
      ])
    #expect(
      texts("Een aandachtspunt is de aanpak van mensenhandel-\nen smokkel.") == [
        "Een aandachtspunt is de aanpak van mensenhandel- en smokkel."
      ])
    #expect(
      texts("Countries can improve their bi-\nand multilateral migration cooperation.", .english) == [
        "Countries can improve their bi- and multilateral migration cooperation."
      ])
    #expect(
      texts(
        "Het GCM kent doelstellingen om te zorgen voor adequate \n(identiteits-)documenten en registraties.")
        == [
          "Het GCM kent doelstellingen om te zorgen voor adequate (identiteits-)documenten en registraties."
        ])
    #expect(
      texts("Het gaat om hulp in Noord-\nAfrika en de niet-\nbindende afspraken.") == [
        "Het gaat om hulp in Noord-Afrika en de niet-bindende afspraken."
      ])
  }

  @Test("a word broken at its own hyphen keeps it when the document writes it with a hyphen elsewhere")
  func documentSpelling() {
    let source = """
      It also aims to enlarge the understanding of government officials in decision-making on how data and
      research is used to advance evidence-based programming and policies, as well as decision-
      making. The programme seeks to improve the accessibility of data and re-
      search.
      """
    #expect(
      texts(source, .english) == [
        "It also aims to enlarge the understanding of government officials in decision-making on how data and "
          + "research is used to advance evidence-based programming and policies, as well as decision-making.",
        "The programme seeks to improve the accessibility of data and research.",
      ])
  }

  @Test("bare footnote digits glued by PDF extraction are removed: (GCM1), York2, vluchtelingen.3")
  func gluedMarkers() throws {
    let all = texts(try corpusText(corpusDocuments[3]))
    #expect(
      all.contains { $0.hasPrefix("Uw Kamer heeft gevraagd") && $0.contains("Migratie (GCM) in december") })
    #expect(
      all.contains(
        "De Verklaring van New York roept alle VN-lidstaten op om «niet-bindende, richtinggevende "
          + "principes en vrijwillige richtlijnen» op te stellen over de behandeling van migranten en vluchtelingen."
      ))
    #expect(all.contains("Uw Kamer heeft specifiek gevraagd naar de positie van Kroatië."))
    #expect(all.contains("Uw Kamer is hierover ook op verschillende momenten geïnformeerd."))
    // Numbers that are not the next footnote stay.
    #expect(all.contains { $0.contains("(Handelingen II 2018/19, nr. 16, item 12).") })
  }

  @Test("a year with a footnote marker glued on: 20183 = 2018 + marker 3 (Eerste Kamer letter)")
  func yearWithMarker() throws {
    let all = texts(try corpusText(corpusDocuments[4]))
    #expect(all.contains { $0.contains("dat plaatsvond op 20 februari 2018 heeft u reeds toegezegd") })
    // The glued marker 2 of "JBZ-Raad2" is the next footnote number: dropped. The blank line after
    // that first line ends its paragraph (raw PDF text rejoins only across page breaks and footnotes).
    #expect(all.first == "De leden van de vaste commissie voor Immigratie & Asiel / JBZ-Raad")
    #expect(all.dropFirst().first?.hasPrefix("bespraken op 29 mei jl.") == true)
  }

  @Test("a footnote block at a page bottom is cut out of the sentence it interrupts and follows it")
  func footnoteInterruptsSentence() throws {
    let all = units(try corpusText(corpusDocuments[3]))
    let index = try #require(
      all.firstIndex { $0.text == "Daaruit volgde de committering om deze stromen beter te beheersen." })
    #expect(all[index + 1].kind == .footnote)
    #expect(
      all[index + 1].text
        == "https://refugeesmigrants.un.org/sites/default/files/180713_agreed_outcome_global_compact_for_migration.pdf."
    )
    #expect(all[index + 2].text.hasPrefix("De Verklaring van New York roept"))
  }

  @Test("footnote blocks between sentences stay in order, one footnote unit each, without numbers")
  func footnoteBlock() throws {
    let notes = units(try corpusText(corpusDocuments[3])).filter { $0.kind == .footnote }.map(\.text)
    #expect(notes.count == 7)
    #expect(notes[2] == "Verklaring van New York d.d. 19 september 2016. VN A/RES/71/1.")
    #expect(
      notes[5].hasSuffix(
        "én Kamerstukken 19 637 en 30 573, nrs. 2375, 2395 en 2401 én Kamerstuk 26 150, nrs. 163 en 171."))
  }

  @Test("markdown footnotes: <sup>N</sup> markers removed; a blank line ends the unit even mid-sentence")
  func markdownFootnotes() throws {
    let english = units(try corpusText(corpusDocuments[1]), .english)
    let index = try #require(english.firstIndex { $0.text == "Importantly, the GCM and its objectives" })
    #expect(english[index + 1].kind == .footnote)
    #expect(english[index + 2].text.hasPrefix("can also be used as a diplomatic tool"))
    #expect(english[index + 2].text.hasSuffix("bi- and multilateral migration cooperation."))
    #expect(
      english.contains {
        $0.text
          == "The last 4 years, the Netherlands government has chosen to elaborate its comprehensive migration policy in a 'six-pillar agenda'."
      })
    // Superscript markers are text and stay (`af²`); a paragraph opened by one is a footnote.
    let dutch = units(try corpusText(corpusDocuments[2]))
    #expect(
      dutch.contains {
        $0.text == "Nederland stemde in met het GCM en legde daarbij een standpuntverklaring af²."
      })
    let cut = try #require(
      dutch.firstIndex { $0.text.hasPrefix("Ook constateert het kabinet dat de initiatieven") })
    #expect(dutch[cut].text.hasSuffix("in het kader van het Nederlandse migratiebeleid"))
    #expect(dutch[cut + 1].kind == .footnote)
    #expect(
      dutch.contains { $0.kind == .footnote && $0.text.hasPrefix("Tweede Kamer, vergaderjaar 2018-2019") })
  }

  @Test("markup is stripped: **, *, #, >, <b>, <a href>, bullets and N. list numbering")
  func markupStripped() throws {
    let all = units(try corpusText(corpusDocuments[1]), .english)
    for unit in all {
      #expect(
        !unit.text.contains("*") && !unit.text.contains("<") && !unit.text.contains("#"), "\(unit.text)")
    }
    #expect(all.contains { $0.kind == .heading && $0.text == "A. Introduction" })
    #expect(all.contains { $0.kind == .listItem && $0.text == "Preventing irregular migration;" })
    #expect(all.contains { $0.kind == .meta && $0.text.hasPrefix("Contact Turfmarkt 147 2511 DP The Hague") })
  }

  @Test("letterhead, dates, references and signatures are meta; headings are headings (IMRF letter)")
  func metaAndHeadings() throws {
    let all = units(try corpusText(corpusDocuments[2]))
    let meta = all.filter { $0.kind == .meta }.map(\.text)
    #expect(meta.contains("Retouradres Postbus 20301 2500 EH Den Haag"))
    #expect(meta.contains("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"))
    #expect(
      meta.contains(
        "Onderwerp Deelname en inzet Nederland aan het International Migration Review Forum (IMRF)"))
    #expect(
      meta.contains("De Staatssecretaris van Justitie en Veiligheid,") && meta.contains("E. van der Burg"))
    #expect(meta.filter { $0 == "Bureau Internationale Migratie" }.count == 2)
    let headings = all.filter { $0.kind == .heading }.map(\.text)
    #expect(headings == ["Inleiding", "Nederlandse inzet IMRF", "Opvolging GCM", "Conclusie"])
  }

  @Test("PDF headings keep their labels; an all-caps title over two lines is one heading")
  func pdfHeadings() throws {
    let marrakesh = units(try corpusText(corpusDocuments[3])).filter { $0.kind == .heading }.map(\.text)
    #expect(marrakesh.contains("a) De juridische aard en intentie van het document"))
    #expect(marrakesh.contains("b) Mogelijke juridische doorwerking"))
    let eersteKamer = units(try corpusText(corpusDocuments[4])).filter { $0.kind == .heading }.map(\.text)
    #expect(
      eersteKamer == [
        "BRIEF VAN DE VOORZITTER VAN DE VASTE COMMISSIE VOOR IMMIGRATIE EN ASIEL/JBZ-RAAD",
        "BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID",
      ])
  }

  @Test("Markdown: a sentence cut by an exported page break stays cut (VNR: two years, / instead of)")
  func pageBreak() throws {
    // A blank line always ends a unit in Markdown; only raw PDF text rejoins across page breaks.
    let all = units(try corpusText(corpusDocuments[1]), .english)
    let index = try #require(
      all.firstIndex {
        $0.text
          == "One of the proposed measures was to introduce the possibility to issue a work permit for two years,"
      })
    #expect(all[index + 1].kind == .footnote)
    #expect(all[index + 2].text == "instead of one year, for applications with a full labour market test.")
  }

  @Test("several sentences in one bullet are several list items")
  func bulletSentences() throws {
    let all = units(try corpusText(corpusDocuments[0]), .english)
    let items = all.filter { $0.kind == .listItem }
    #expect(
      items.first?.text
        == "The Global Compact on Migration provides the first global cooperative framework on migration.")
    #expect(items[1].text == "It is a result of an inclusive exercise of all UN member states.")
    #expect(items[0].block == items[1].block)
  }
}

/// Page furniture of raw PDF text that the corpus copies do not show (running headers with
/// page numbers, bare page numbers), around sentences of the Marrakesh letter.
@Suite("PDF page furniture")
struct FurnitureTests {
  @Test("running headers and page numbers are meta and do not break the sentence they interrupt")
  func runningHeaders() {
    let source = """
      Nu nagenoeg alle belangrijke herkomstlanden het GCM politiek zullen ondersteunen, zullen
      Nederland en de EU hen hierop ook blijven aanspreken opdat zij hun verantwoordelijkheid
      nemen voor de

      Tweede Kamer, vergaderjaar 2018-2019, 19 637, nr. 2434 2

      terugkeer van hun eigen onderdanen. Andere, voor Nederland belangrijke aandachtspunten
      die het GCM adresseert zijn intensievere samenwerking in de aanpak van mensensmokkel en
      mensenhandel, het voeren van
      3
      informatiecampagnes en het tegengaan van de uitbuiting van arbeidsmigranten. Het GCM
      kent 23 algemene doelstellingen. Doelstellingen en opties zijn geïnspireerd door
      Europese standaarden.

      Tweede Kamer, vergaderjaar 2018-2019, 19 637, nr. 2434 3

      Tweede Kamer, vergaderjaar 2018-2019, 19 637, nr. 2434 4
      """
    let all = Segmenter(language: .dutch).segment(source, format: .pdfText)
    #expect(all.map(\.kind) == [.sentence, .meta, .sentence, .meta, .sentence, .sentence, .meta, .meta])
    #expect(all[0].text.hasSuffix("verantwoordelijkheid nemen voor de terugkeer van hun eigen onderdanen."))
    #expect(
      all[2].text.hasSuffix(
        "het voeren van informatiecampagnes en het tegengaan van de uitbuiting van arbeidsmigranten."))
    #expect(all[3].text == "3")
  }
}

/// Structures of the same genres that the corpus copies do not show.
@Suite("Lists and tables")
struct ListTests {
  @Test("a lead-in with a colon is its own unit; a), b) items keep their labels; N. numbering is stripped")
  func verticalLists() {
    let source = """
      De minister heeft de volgende punten benoemd:

      a. de aanpak van mensenhandel;
      b. de terugkeer van uitgeprocedeerde asielzoekers.

      The six pillars are:

      1. Preventing irregular migration;
      2. Promoting legal migration routes.

      1. Inleiding

      Dit is de eerste zin. Dit is de tweede zin.
      """
    let all = units(source)
    #expect(
      all.map(\.kind) == [
        .sentence, .listItem, .listItem, .sentence, .listItem, .listItem, .heading, .sentence, .sentence,
      ])
    #expect(all[1].text == "a. de aanpak van mensenhandel;")
    #expect(all[4].text == "Preventing irregular migration;")
    #expect(all[6].text == "1. Inleiding")
  }

  @Test("table rows are meta units without the pipes; the header rule is dropped")
  func tables() {
    let all = units("| Land | Bedrag |\n|------|--------|\n| Niger | 10 mln. |\n")
    #expect(all.map(\.text) == ["Land | Bedrag", "Niger | 10 mln."])
    #expect(all.allSatisfy { $0.kind == .meta })
  }
}

@Suite("Markdown and HTML debris")
struct DebrisTests {
  static let debrisSource = """
    Inleiding

    De oppervlakte is 100 m² groot[^1] en dat is veel.<br>Het kabinet<br/>stemt in³.

    Pagina 2 van 5

    [^1]: Zie de nota.
    """

  @Test(
    "Markdown: [^N] references and <br> are markup, superscripts stay; a title before the first sentence is a heading"
  )
  func debris() {
    let all = Segmenter(language: .dutch).segment(Self.debrisSource, format: .markdown)
    #expect(all.map(\.kind) == [.heading, .sentence, .sentence, .meta, .footnote])
    #expect(
      all.map(\.text) == [
        "Inleiding", "De oppervlakte is 100 m² groot en dat is veel.", "Het kabinet stemt in³.",
        "Pagina 2 van 5",
        "Zie de nota.",
      ])
  }

  @Test("plain text keeps the same debris as written")
  func debrisInPlainText() {
    let all = Segmenter(language: .dutch).segment(Self.debrisSource, format: .text)
    #expect(
      all.map(\.text).contains(
        "De oppervlakte is 100 m² groot[^1] en dat is veel.<br>Het kabinet<br/>stemt in³."))
    #expect(all.last?.text == "[^1]: Zie de nota.")
  }
}
