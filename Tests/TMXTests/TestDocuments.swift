import TMX

/// Documents the writer tests and round-trip tests share.
enum TestDocuments {
  /// A Dutch-English document with everything the model holds: header props and notes, unit and
  /// variant attributes, inline codes (nested), XML specials, Unicode, and whitespace in segs.
  static let rich = TMXDocument(
    header: Header(
      creationTool: "Tweetal", creationToolVersion: "0.1.0", originalFormat: "Tweetal alignment",
      sourceLanguage: "nl-NL",
      attributes: ["creationdate": "20240131T120000Z", "changeid": "tester", "creationid": "lead"],
      properties: [Property(type: "x-source-file", value: "corpus/nl/2022-imrf-brief.txt")],
      notes: [Note(text: "Aligned with Gale & Church <1993>", language: "en")]),
    units: [
      TranslationUnit(
        id: "1", attributes: ["creationdate": "20240131T120000Z"],
        properties: [Property(type: "x-bead", value: "1-1"), Property(type: "x-confidence", value: "0.93")],
        notes: [Note(text: "checked \"twice\" & 'once'")],
        variants: [
          TranslationVariant(
            language: "nl-NL", segment: Segment(text: "De Minister van Buitenlandse Zaken, mede namens…")),
          TranslationVariant(
            language: "en-GB", attributes: ["changedate": "20240201T080000Z"],
            properties: [Property(type: "x-note", value: "  spaced  ", language: "en-GB")],
            segment: Segment(text: "The Minister of Foreign Affairs, also on behalf of…")),
        ]),
      TranslationUnit(
        id: "2",
        variants: [
          TranslationVariant(
            language: "nl-NL",
            segment: Segment(content: [
              .text("Zie "),
              .code(InlineCode(kind: .beginPairedTag, attributes: ["i": "1", "type": "bold"], content: [.text("<b>")])),
              .text("artikel 3 & 4"),
              .code(InlineCode(kind: .endPairedTag, attributes: ["i": "1"], content: [.text("</b>")])),
              .text(" <niet> \"bindend\" 'GCM'\ttab\r\nregel"),
              .code(InlineCode(kind: .placeholder, attributes: ["x": "2"])),
            ])),
          TranslationVariant(
            language: "en-GB",
            segment: Segment(content: [
              .text("See "),
              .code(
                InlineCode(
                  kind: .highlight, attributes: ["type": "term", "x": "1"],
                  content: [
                    .text("article "),
                    .code(
                      InlineCode(
                        kind: .placeholder, attributes: ["x": "3"],
                        content: [.text("{fn}"), .code(InlineCode(kind: .subflow, content: [.text("foot ✓ note")]))])),
                  ])),
              .code(InlineCode(kind: .isolatedTag, attributes: ["pos": "begin", "x": "4"], content: [.text("<i>")])),
              .code(InlineCode(kind: .unknownTag, content: [.text("\\par")])),
              .text(" 漢字 and 🇳🇱 — “quoted”"),
            ])),
        ]),
      TranslationUnit(
        id: "3",
        variants: [TranslationVariant(language: "nl-NL", segment: Segment(text: "Alleen Nederlands."))]),
      TranslationUnit(
        variants: [
          TranslationVariant(language: "nl-NL", segment: Segment(text: "")),
          TranslationVariant(language: "en-GB", segment: Segment(text: " leading and trailing ")),
        ]),
    ])
}
