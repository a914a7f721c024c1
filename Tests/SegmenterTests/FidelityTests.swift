import FoundationEssentials
import SegmenterChecks
import Testing

@testable import Segmenter

func plainTextMismatch(_ unit: Unit, in source: [Unicode.Scalar]) -> String? {
  SegmenterChecks.plainTextMismatch(unit, in: source)
}

func isSubsequenceOfSpan(_ unit: Unit, in source: [Unicode.Scalar]) -> Bool {
  SegmenterChecks.isSubsequenceOfSpan(unit, in: source)
}

/// Small documents written for these tests, one per rule, read as plain text.
let plainFixtures: [String] = [
  "The size MB=1000*1000 is used.\n\nUse char *path and enum __ptrace_request here.\n",
  "A backslash (\\) escapes.\nSee <https://example.org/x_y>.\n\nprint the version number\nand exit\n\n"
    + "output version information and exit\n",
  "  -a, --all\n         do not ignore entries starting with .\n  -b, --escape\n         print C-style escapes\n",
  "De onderhandelingen over beide Compacts zijn al een aantal maanden gaande, en de vluchte-\n"
    + "lingen wachten. Noord-\nAfrika is ver. Zie www.example.org/\nabc voor meer.\n",
  "Table:\n\nname\tvalue\nalpha\t1\n\n* a bullet point *not emphasis*\n- another item\n1. first\n2. second\n",
  "# not a heading in plain text\n\n[ugoa]*([-+=]([rwxXst]*|[ugo]))+ stays as it is.\n",
]

@Suite("Verbatim units")
struct FidelityTests {
  @Test("every plain-text unit is its source span with only white space and split hyphens changed")
  func plainFixturesAreVerbatim() throws {
    for fixture in plainFixtures {
      let scalars = Array(fixture.unicodeScalars)
      let units = Segmenter(language: .english).segment(fixture, format: .text)
      #expect(!units.isEmpty)
      for unit in units {
        #expect(
          plainTextMismatch(unit, in: scalars) == nil,
          "\(unit.text): \(plainTextMismatch(unit, in: scalars) ?? "")")
      }
    }
  }

  @Test("every unit of every corpus document appears in order in its source span", arguments: corpusDocuments)
  func corpusUnitsComeFromTheirSpans(document: String) throws {
    let text = try corpusText(document)
    let scalars = Array(text.unicodeScalars)
    let segmentation = Segmenter(language: Segmenter.guessLanguage(of: text)).segmentation(of: text)
    #expect(segmentation.format != .text)
    for unit in segmentation.units {
      #expect(unit.start < unit.end && unit.end <= scalars.count)
      #expect(isSubsequenceOfSpan(unit, in: scalars), "\(unit.text)")
    }
  }

  @Test("corpus documents read as plain text keep every unit verbatim", arguments: corpusDocuments)
  func corpusAsPlainText(document: String) throws {
    let text = try corpusText(document)
    let scalars = Array(text.unicodeScalars)
    for unit in Segmenter(language: Segmenter.guessLanguage(of: text)).segment(text, format: .text) {
      #expect(
        plainTextMismatch(unit, in: scalars) == nil,
        "\(unit.text): \(plainTextMismatch(unit, in: scalars) ?? "")")
    }
  }

  @Test("the issue's probe lines are stored verbatim in plain text")
  func probesAsPlainText() {
    let text =
      "The size MB=1000*1000 is used.\n\nUse char *path and enum __ptrace_request here.\n\n"
      + "A backslash (\\) escapes.\n\nSee <https://example.org/x_y>.\n\nprint the version number\nand exit\n\n"
      + "output version information and exit\n"
    let units = Segmenter(language: .english).segment(text)
    #expect(
      units.map(\.text) == [
        "The size MB=1000*1000 is used.", "Use char *path and enum __ptrace_request here.",
        "A backslash (\\) escapes.", "See <https://example.org/x_y>.", "print the version number and exit",
        "output version information and exit",
      ])
    #expect(units.allSatisfy { $0.kind == .sentence }, "no letterhead without letterhead evidence")
  }

  @Test("a zero-width space inside a word is kept; at a word's edge it is white space")
  func zeroWidthSpaces() {
    // A break opportunity in a compound or URL (web text, e-books): a space there would split
    // the word a translator sees; beside a space it folds with it.
    let text =
      "Een e-mail\u{200B}adres op www.example.org/\u{200B}lang/pad staat hier. "
      + "Twee \u{200B} spaties en \u{FEFF}een teken.\u{200B}\n"
    for format in [InputFormat.text, .markdown] {
      let units = Segmenter(language: .dutch).segment(text, format: format)
      #expect(
        units.map(\.text) == [
          "Een e-mail\u{200B}adres op www.example.org/\u{200B}lang/pad staat hier.",
          "Twee spaties en een teken.",
        ], "\(format)")
    }
  }

  @Test("control characters XML cannot carry fold into white space, so the unit can be written")
  func controlCharacters() {
    // Word's optional (U+001F) and non-breaking (U+001E) hyphens in exported text, a stray U+0001
    // from a converter, U+FFFF: a TMX cannot hold them, and a space never glues words together.
    let text = "Een zacht\u{1F}afbreekstreepje en een vast\u{1E}streepje.\nEen \u{01} teken\u{FFFF}hier.\n"
    let scalars = Array(text.unicodeScalars)
    let units = Segmenter(language: .dutch).segment(text, format: .text)
    #expect(units.map(\.text) == ["Een zacht afbreekstreepje en een vast streepje.", "Een teken hier."])
    for unit in units {
      #expect(plainTextMismatch(unit, in: scalars) == nil, "\(unit.text)")
      #expect(!unit.text.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0xFFFE })
    }
  }

  @Test("in Markdown, *x* is emphasis and 1000*1000 is not; markup goes by CommonMark's rules")
  func probesAsMarkdown() {
    let text =
      "# Sizes\n\nThe size MB=1000*1000 is used, *really*.\n\nUse `char *path` and enum \\_\\_ptrace_request here.\n\n"
      + "A backslash (\\\\) escapes.\n\nSee <https://example.org/x_y> and [the page](https://example.org).\n"
    let units = Segmenter(language: .english).segment(text, format: .markdown)
    #expect(
      units.map(\.text) == [
        "Sizes", "The size MB=1000*1000 is used, really.", "Use char *path and enum __ptrace_request here.",
        "A backslash (\\) escapes.", "See https://example.org/x_y and the page.",
      ])
    #expect(units.first?.kind == .heading)
    let scalars = Array(text.unicodeScalars)
    for unit in units { #expect(isSubsequenceOfSpan(unit, in: scalars), "\(unit.text)") }
  }
}

@Suite("Paragraph rules per input format")
struct ParagraphRuleTests {
  let interrupted =
    "The programme runs until the end of the year and\n\ncontinues after a break in January.\n"

  @Test("plain text: a blank line always ends a unit, also before a lower-case line")
  func plainTextBlankLine() {
    let units = Segmenter(language: .english).segment(interrupted, format: .text)
    #expect(
      units.map(\.text) == [
        "The programme runs until the end of the year and", "continues after a break in January.",
      ])
  }

  @Test("Markdown: a blank line always ends a unit")
  func markdownBlankLine() {
    let units = Segmenter(language: .english).segment(interrupted, format: .markdown)
    #expect(units.count == 2)
  }

  @Test("PDF text: a sentence cut by a page break (form feed) is rejoined, a plain blank line is kept")
  func pdfTextPageBreak() {
    let page = "The programme runs until the end of the year and\n\u{0C}continues after a break in January.\n"
    let rejoined = Segmenter(language: .english).segment(page, format: .pdfText)
    #expect(
      rejoined.map(\.text) == [
        "The programme runs until the end of the year and continues after a break in January."
      ])
    let kept = Segmenter(language: .english).segment(interrupted, format: .pdfText)
    #expect(kept.count == 2)
  }

  @Test("plain text: options, descriptions, list items and table rows are units of their own")
  func plainTextStructure() {
    let text =
      "  -a, --all\n         do not ignore entries starting with .\n  -b, --escape\n         print C-style escapes\n\n"
      + "- first item\n- second item\n"
    let units = Segmenter(language: .english).segment(text, format: .text)
    #expect(
      units.map(\.text) == [
        "-a, --all", "do not ignore entries starting with .", "-b, --escape", "print C-style escapes",
        "first item",
        "second item",
      ])
    #expect(units[4].kind == .listItem)
  }
}

@Suite("Input format detection")
struct FormatDetectionTests {
  @Test("the corpus's Markdown exports and raw PDF text are recognised")
  func corpus() throws {
    #expect(
      InputFormat.detect(try corpusText("corpus/en/2022-04-14_gcm-voluntary-national-review.txt"))
        == .markdown)
    #expect(
      InputFormat.detect(try corpusText("corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt")) == .markdown)
    #expect(InputFormat.detect(try corpusText("corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt")) == .pdfText)
  }

  @Test("plain text with stray markup characters stays plain text")
  func plainStaysPlain() {
    for fixture in plainFixtures { #expect(InputFormat.detect(fixture) == .text, "\(fixture)") }
    let manPage =
      "The pattern `*foo*` will also match a file called '.foobar'.\n\nReport bugs to <https://example.org/bugs>\n\n"
      + "Copyright © 2020 Free Software Foundation, Inc. <https://gnu.org/licenses/gpl.html>.\n"
    #expect(InputFormat.detect(manPage) == .text)
  }

  @Test("a form feed means PDF text")
  func formFeed() {
    #expect(InputFormat.detect("First page text.\n\u{0C}Second page text.\n") == .pdfText)
  }
}
