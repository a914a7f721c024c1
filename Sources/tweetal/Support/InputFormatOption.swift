import ArgumentParser
import Segmenter

/// `--input-format`, shared by `segment` and `align`.
struct InputFormatOption: ParsableArguments {
  @Option(
    name: .customLong("input-format"),
    help: ArgumentHelp(
      "How the documents are written: auto, text, markdown or pdf-text.",
      discussion: """
        auto (the default) picks markdown only on clear evidence (headings, emphasis pairs, links, \
        list markers in more than a trace of the lines), pdf-text on clear evidence of extraction \
        debris (form feeds, page numbers, hyphenated line ends at a fixed width), and text otherwise. \
        In text every character is kept and a blank line always ends a unit; markdown removes markup \
        by CommonMark's rules (cmark-gfm); pdf-text also drops page furniture and footnote markers \
        and rejoins a sentence cut by a page break.
        """,
      valueName: "format"))
  var format: InputFormat = .auto

  func validate() throws {}
}
