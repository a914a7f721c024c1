import Foundation
import TMX
import TestSupport
import Testing

/// Every file in `../shared/tmx-samples/` (real exports of other tools) loads with the right
/// units, languages and text, or is refused with an error that says what and where. The project's
/// own fixtures (`FixtureReadingTests`) cover the same cases where `../shared` is absent.
@Suite(
  "Reading other tools' TMX files",
  .enabled(if: Shared.has(Shared.tmxSamples), Shared.reason(Shared.tmxSamples)))
struct SampleReadingTests {
  static let covered = [
    "01_sdl-studio8_en-de_fields.tmx", "03_trados-tw8_utf16le_en-de.tmx", "05_omegat42_multi-tuv.tmx",
    "07_lisa-kit_ImportTest1A_utf16le.tmx", "09_lisa-kit_ImportTest1H_us-ascii.tmx",
    "11_lisa-kit_ImportTest2A_level2.tmx", "13_okapi-sentencealigner.tmx",
    "15_oku-alignment_paragraph_ut.tmx", "17_olifant308_windows-1252.tmx", "19_mymemory_tmx11_en-ru.tmx",
    "21_disfr_multilanguage_ns.tmx", "23_heartsome_utf16le_noversion.tmx", "25_opentm2_en-de_inline.tmx",
    "27_t5memory_undeclared-ns-prefix.tmx", "29_supervertaler_en-nl.tmx",
  ]

  func read(_ name: String) throws -> TMXDocument {
    try TMXReader.read(path: Shared.path(Shared.tmxSamples + "/" + name))
  }

  @Test("every sample file has a test below")
  func everySampleIsCovered() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Shared.path(Shared.tmxSamples))
    #expect(names.filter { $0.hasSuffix(".tmx") }.sorted() == Self.covered)
  }

  @Test("Trados Studio, UTF-8 with BOM: 31 units, props on tu, bpt/ept codes")
  func sdlStudio() throws {
    let document = try read("01_sdl-studio8_en-de_fields.tmx")
    #expect(document.header.creationTool == "SDL Language Platform")
    #expect(document.header.sourceLanguage == "en-US")
    #expect(document.units.count == 31)
    #expect(document.variantLanguages == ["en-US", "de-DE"])
    #expect(document.text(unit: 0, language: "de-DE") == "Der Befehl Rechtschreibung")
    #expect(document.units[0].attributes["changeid"] == "PEGASUS\\Administrator")
    #expect(document.units[0].properties.first == Property(type: "x-Context", value: "0, 0"))
    #expect(document.units.reduce(0) { $0 + $1.properties.count } + document.header.properties.count == 117)
    #expect(codeCount(document, .beginPairedTag) == 40 && codeCount(document, .endPairedTag) == 40)
    let menu = document.units.first { $0.variants[0].segment.plainText.hasPrefix("From the Tools menu") }
    #expect(menu?.variants[1].segment.plainText.hasPrefix("Wählen Sie im Menü Extras den Befehl") == true)
  }

  @Test("Trados Workbench, UTF-16LE with BOM and no encoding declaration, DOCTYPE")
  func tradosWorkbench() throws {
    let document = try read("03_trados-tw8_utf16le_en-de.tmx")
    #expect(document.header.creationToolVersion == "Edition 8 Build 863")
    #expect(document.units.count == 6)
    #expect(document.variantLanguages == ["EN-US", "DE-DE"])
    #expect(document.text(unit: 0, language: "EN-US") == "New Features")
    #expect(document.text(unit: 0, language: "DE-DE") == "Neue Funktionen")
    #expect(document.header.properties.map(\.type) == ["RTFFontTable", "RTFStyleSheet"])
    #expect(document.header.properties[0].value.contains("Times New Roman Cyr"))
  }

  @Test("OmegaT: up to 8 variants per unit, two with the same language")
  func omegatMultipleVariants() throws {
    let document = try read("05_omegat42_multi-tuv.tmx")
    #expect(document.units.map(\.variants.count) == [8, 3, 3])
    #expect(document.units[0].variants.filter { $0.language == "FR-CA" }.count == 2)
    #expect(document.text(unit: 0, language: "ES") == "¡Hola Mundo!")
    #expect(document.text(unit: 2, language: "ES") == "Es una oración en inglés.")
  }

  @Test("LISA kit 1A, UTF-16LE: tabs and spaces from character references are kept")
  func lisaWhitespace() throws {
    let document = try read("07_lisa-kit_ImportTest1A_utf16le.tmx")
    #expect(document.units.count == 2)
    #expect(document.variantLanguages == ["en-us", "fr-ca"])
    #expect(document.text(unit: 0, language: "en-us") == "First segment with [\t\t   ]")
    #expect(document.text(unit: 1, language: "fr-ca") == "Second segment avec [  \t\t]")
  }

  @Test("LISA kit 1H, us-ascii with character references for non-ASCII letters")
  func lisaASCII() throws {
    let document = try read("09_lisa-kit_ImportTest1H_us-ascii.tmx")
    #expect(document.units.count == 3)
    #expect(document.variantLanguages == ["en-us", "en-gb"])
    #expect(document.text(unit: 0, language: "en-gb") == "à=agrave, é=eacute, æ=aelig")
    #expect(document.text(unit: 1, language: "en-us") == "ÿ=U+00FF, ™=U+2122, ’=U+2019")
  }

  @Test("LISA kit 2A: bpt/ept, nested pairs, it, ph, hi; inverted variant order")
  func lisaInlineCodes() throws {
    let document = try read("11_lisa-kit_ImportTest2A_level2.tmx")
    #expect(document.units.count == 7)
    #expect(codeCount(document, .beginPairedTag) == 18 && codeCount(document, .endPairedTag) == 18)
    #expect(codeCount(document, .placeholder) == 2 && codeCount(document, .isolatedTag) == 4)
    #expect(codeCount(document, .highlight) == 2)
    let first = document.units[0].variants[0].segment
    #expect(first.plainText == "The big black cat sleeps.")
    #expect(
      first.content[1]
        == .code(
          InlineCode(
            kind: .beginPairedTag, attributes: ["i": "1", "x": "1", "type": "bold"], content: [.text("<b>")]))
    )
    #expect(
      document.text(unit: 1, language: "en-us")?.hasPrefix("Test for special characters = <=lt, >=gt, &=amp")
        == true)
    #expect(document.units[6].variants.map(\.language) == ["FR-CA", "en-us"])
    #expect(document.units[6].variants[1].segment.plainText == "Some text with a part highlighted.")
  }

  @Test("Okapi aligner output: one unit, upper-case languages")
  func okapi() throws {
    let document = try read("13_okapi-sentencealigner.tmx")
    #expect(document.units.count == 1)
    #expect(document.variantLanguages == ["EN", "FR"])
    // The French text has a no-break space (U+00A0) before the colon; it is kept as is.
    #expect(
      document.text(unit: 0, language: "FR")?.hasPrefix("Voir Manuel 2\u{A0}: Administration l’Mundo") == true
    )
  }

  @Test("oku_alignment, CRLF, paragraph segtype: props on tuv, ph and ut codes")
  func okuParagraphs() throws {
    let document = try read("15_oku-alignment_paragraph_ut.tmx")
    #expect(document.header.segmentType == "paragraph")
    #expect(document.units.count == 7)
    #expect(document.units[0].id == "ACDetectionCheckFailedAction0")
    #expect(document.units[0].variants[0].properties.count == 3)
    #expect(codeCount(document, .placeholder) == 103 && codeCount(document, .unknownTag) == 2)
    #expect(
      document.text(unit: 1, language: "de-de") == "Zur Fortsetzung des Verfahrens 'Wiederholen' drücken.")
  }

  @Test("Olifant, windows-1252: accented letters and escaped specials decode")
  func olifantWindows1252() throws {
    let document = try read("17_olifant308_windows-1252.tmx")
    #expect(document.units.count == 9)
    #expect(document.variantLanguages == ["EN-US", "FR-FR"])
    #expect(document.text(unit: 0, language: "FR-FR") == "Test charactères: &=amp, <=lt, '=apos, \"=quot")
    #expect(document.text(unit: 1, language: "FR-FR") == "Une entrée dans la MT (file1, group1)")
    #expect(document.header.attributes["changeid"] == "YS")
  }

  @Test("MyMemory, TMX 1.1: `lang` instead of `xml:lang`, Russian text")
  func myMemoryTMX11() throws {
    let document = try read("19_mymemory_tmx11_en-ru.tmx")
    #expect(document.version == "1.1")
    #expect(document.units.count == 113)
    #expect(document.variantLanguages == ["EN-GB", "RU-RU"])
    #expect(document.units.allSatisfy { $0.variants.count == 2 })
    #expect(document.text(unit: 0, language: "RU-RU") == "Без названия")
    #expect(document.units[0].variants[1].attributes["changeid"] == "anonymous")
  }

  @Test("default namespace on <tmx>, srclang *all*, seven languages")
  func namespacedMultilanguage() throws {
    let document = try read("21_disfr_multilanguage_ns.tmx")
    #expect(document.header.sourceLanguage == "*all*")
    #expect(document.variantLanguages == ["en", "zh", "es", "fr", "it", "de", "ru"])
    #expect(document.text(unit: 0, language: "zh") == "你好世界！")
  }

  @Test("Heartsome, UTF-16LE declared, no version attribute: loads with an empty version")
  func heartsome() throws {
    let document = try read("23_heartsome_utf16le_noversion.tmx")
    #expect(document.version == "")
    #expect(document.header.segmentType == "block")
    #expect(document.units.count == 2)
    #expect(document.variantLanguages == ["en-US", "zh"])
    #expect(document.text(unit: 1, language: "zh") == "&lt;syntaxhighlight lang=\"java\"&gt;")
    #expect(codeCount(document, .placeholder) == 1)
  }

  @Test("OpenTM2, UTF-8 with BOM, CRLF: self-closing bpt/ept")
  func openTM2() throws {
    let document = try read("25_opentm2_en-de_inline.tmx")
    #expect(document.units.count == 3)
    #expect(document.variantLanguages == ["en", "de"])
    #expect(document.units[0].properties.map(\.type) == ["tmgr:segNum", "tmgr:markup", "tmgr:docname"])
    #expect(codeCount(document, .beginPairedTag) == 2)
    let note = document.units.first { $0.variants[0].segment.plainText == "Note:" }
    #expect(note?.variants[1].segment.plainText == "Hinweis:")
  }

  @Test("t5memory with an undeclared namespace prefix is refused at line 13, column 77")
  func undeclaredPrefixIsRefused() throws {
    let error = try #require(throws: TMXError.self) { try read("27_t5memory_undeclared-ns-prefix.tmx") }
    #expect(error.kind == .malformed)
    #expect(error.line == 13 && error.column == 77)
    #expect(error.message.contains("Namespace prefix t5 on n is not defined"))
    #expect(error.file?.hasSuffix("27_t5memory_undeclared-ns-prefix.tmx") == true)
  }

  @Test("Supervertaler without o-tmf loads with an empty original format")
  func supervertalerMissingOriginalFormat() throws {
    let document = try read("29_supervertaler_en-nl.tmx")
    #expect(document.header.originalFormat == "")
    #expect(document.units.count == 16)
    #expect(document.variantLanguages == ["en", "nl"])
    #expect(document.text(unit: 1, language: "nl") == "Van Wikipedia, de vrije encyclopedie")
    #expect(
      document.text(unit: 2, language: "en")?.hasPrefix("<b>Biagio Pagano</b> (born 29 January 1983)") == true
    )
  }
}
