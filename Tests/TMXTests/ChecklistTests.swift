import TMX
import TestSupport
import Testing

@Suite("TMX 1.4b checklist")
struct ChecklistTests {
  static let clean = TMXDocument(
    header: Header(
      creationTool: "Tweetal", creationToolVersion: "0.1.0", originalFormat: "Tweetal",
      sourceLanguage: "nl-NL",
      attributes: ["creationdate": "20240131T120000Z"]),
    units: [
      TranslationUnit(
        id: "1", attributes: ["creationdate": "20240131T120000Z"],
        variants: [
          TranslationVariant(
            language: "nl-NL",
            segment: Segment(content: [
              .code(InlineCode(kind: .beginPairedTag, attributes: ["i": "1"])), .text("Zie artikel 3."),
              .code(InlineCode(kind: .endPairedTag, attributes: ["i": "1"])),
            ])),
          TranslationVariant(language: "en-GB", segment: Segment(text: "See article 3.")),
        ])
    ])

  @Test("a clean Tweetal document has no problems")
  func clean() {
    #expect(TMXChecklist.problems(in: Self.clean).isEmpty)
  }

  @Test("each broken rule is reported with its unit")
  func brokenRules() {
    var document = Self.clean
    document.header.originalFormat = ""
    document.header.attributes["changedate"] = "2024-01-31"
    document.units[0].variants.swapAt(0, 1)
    document.units[0].variants[0].segment = Segment(text: "See article 3. ")
    document.units[0].variants[1].segment.content.removeLast()
    document.units.append(
      TranslationUnit(variants: [TranslationVariant(language: "en_GB", segment: Segment(text: "x"))]))
    let messages = TMXChecklist.problems(in: document).map(\.description)
    #expect(
      messages == [
        "header: o-tmf is empty",
        "header: header changedate='2024-01-31' is not YYYYMMDDThhmmssZ",
        "unit 1: the nl-NL variant is not first (first is en-GB)",
        "unit 1: tuv en-GB: the segment ends with white space",
        "unit 1: tuv nl-NL: <bpt i=\"1\"> has no <ept>",
        "unit 2: has no variant in srclang nl-NL",
        "unit 2: tuv en_GB: 'en_GB' is not a language tag",
      ])
  }

  @Test(
    "the reader loads other tools' files that break the checklist; the checklist names why",
    .enabled(if: Shared.has(Shared.tmxSamples), Shared.reason(Shared.tmxSamples)))
  func foreignFile() throws {
    let document = try TMXReader.read(
      path: Shared.path(Shared.tmxSamples + "/11_lisa-kit_ImportTest2A_level2.tmx"))
    let problems = TMXChecklist.problems(in: document)
    #expect(problems.contains { $0.unitIndex == 6 && $0.message.contains("is not first (first is FR-CA)") })
  }
}
