import ArgumentParser
import Segmenter

/// `--input-format`, shared by `segment` and `align`.
struct InputFormatOption: ParsableArguments {
  @Option(
    name: .customLong("input-format"),
    help: ArgumentHelp(
      "How the documents are written: auto, text, markdown, pdf-text, pdf, html, docx or odt.",
      discussion: """
        auto (the default) first recognises a document format by its content (a PDF by %PDF-, \
        HTML by <!DOCTYPE html> or <html>, DOCX and ODT by their ZIP entries, a flat ODT (.fodt) \
        and Word XML by their office:document and pkg:package roots; never by the file name; RTF, \
        Word 97-2003 .doc and other XML are refused with what they are unless you ask for text), \
        then picks markdown only on clear evidence (headings, emphasis pairs, links, list \
        markers in more than a trace of the lines), pdf-text on clear evidence of extraction debris \
        (form feeds, page numbers, hyphenated line ends at a fixed width), and text otherwise. \
        In text every character is kept and a blank line always ends a unit; markdown removes markup \
        by CommonMark's rules (cmark-gfm); pdf-text also drops page furniture and footnote markers \
        and rejoins a sentence cut by a page break. A document format (pdf, html, docx, odt) gives \
        its structure itself: headings, list items, footnotes, letterhead; see docs/documents.md.
        """,
      valueName: "format"))
  var format: InputFormat = .auto

  func validate() throws {}
}
