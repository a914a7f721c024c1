import Foundation
import TestSupport
import Testing

/// `--input-format` on `segment` and `align`, and the format named on stderr and in the TMX header.
@Suite("Input formats on the command line")
struct InputFormatCLITests {
  static let markdown =
    "# Sizes\n\nThe size MB=1000*1000 is used, *really*.\n\nSee [the page](https://example.org).\n"

  @Test("segment names the format it read on stderr; auto finds the corpus's Markdown")
  func namedOnStderr() throws {
    let result = try CLI.run(["segment", "corpus/en/2022-04-14_gcm-voluntary-national-review.txt"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("corpus/en/2022-04-14_gcm-voluntary-national-review.txt read as markdown"))
  }

  @Test("--input-format markdown removes emphasis; text keeps every character; pdf-text does what it says")
  func formatsDiffer() throws {
    let input = Data(Self.markdown.utf8)
    let asMarkdown = try CLI.run(
      ["segment", "-", "--lang", "en", "--input-format", "markdown"], stdin: input)
    #expect(asMarkdown.status == 0)
    #expect(asMarkdown.output.contains("sentence\tThe size MB=1000*1000 is used, really.\n"))
    #expect(asMarkdown.output.contains("sentence\tSee the page.\n"))
    let asText = try CLI.run(["segment", "-", "--lang", "en", "--input-format", "text"], stdin: input)
    #expect(asText.output.contains("The size MB=1000*1000 is used, *really*.\n"))
    #expect(asText.output.contains("See [the page](https://example.org).\n"))
    #expect(asText.stderr.contains("<stdin> read as text"))
    let asPDFText = try CLI.run(["segment", "-", "--lang", "en", "--input-format", "pdf-text"], stdin: input)
    #expect(asPDFText.status == 0)
    #expect(asPDFText.output.contains("*really*"))
  }

  @Test("an unknown --input-format exits 64 and lists the formats")
  func unknownFormat() throws {
    for command in [
      ["segment", "corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt"], ["align", "a.txt", "b.txt"],
    ] {
      let result = try CLI.run(command + ["--input-format", "docbook"])
      #expect(result.status == 64)
      for name in ["auto", "text", "markdown", "pdf-text"] { #expect(result.stderr.contains(name)) }
    }
  }

  @Test("align records each side's format in the TMX header and says it on stderr")
  func alignRecordsFormats() throws {
    let result = try CLI.run([
      "align", "corpus/nl/2018-11_kamerbrief-gcm-marrakesh.txt",
      "corpus/en/2020-11-09_gcm-implementation-input-un-network.txt", "--no-lexicon",
    ])
    #expect(result.status == 0)
    #expect(result.output.contains("<prop type=\"x-tweetal-option\">source-format=pdf-text</prop>"))
    #expect(result.output.contains("<prop type=\"x-tweetal-option\">target-format=markdown</prop>"))
    #expect(result.stderr.contains("2018-11_kamerbrief-gcm-marrakesh.txt read as pdf-text"))
  }

  @Test("a manifest's fourth field sets the formats of a pair; a wrong name stops the run with its line")
  func manifestFormats() throws {
    let folder = try TemporaryFolder()
    let corpus = folder.path + "/corpus"
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    try Data("De grootte MB=1000*1000 wordt gebruikt.\n".utf8).write(
      to: URL(fileURLWithPath: corpus + "/a.nl"))
    try Data("The size MB=1000*1000 is used.\n".utf8).write(to: URL(fileURLWithPath: corpus + "/a.en"))
    try Data("corpus/a.nl\tcorpus/a.en\tpair\ttext,markdown\n".utf8)
      .write(to: URL(fileURLWithPath: corpus + "/pairs.tsv"))
    let run = try CLI.run(
      ["align", "--corpus", "corpus/pairs.tsv", "--output-dir", "out", "--no-lexicon"], directory: folder.path
    )
    #expect(run.status == 0, "\(run.stderr)")
    let tmx = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/pair.tmx")), as: UTF8.self)
    #expect(tmx.contains("source-format=text") && tmx.contains("target-format=markdown"))
    // In Markdown `1000*1000` is no emphasis: the text comes through unchanged.
    #expect(tmx.contains("The size MB=1000*1000 is used."))
    try Data("corpus/a.nl\tcorpus/a.en\tpair\tdocbook\n".utf8).write(
      to: URL(fileURLWithPath: corpus + "/pairs.tsv"))
    let wrong = try CLI.run(
      ["align", "--corpus", "corpus/pairs.tsv", "--output-dir", "out", "--no-lexicon"], directory: folder.path
    )
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("pairs.tsv:1:") && wrong.stderr.contains("docbook"))
  }

  @Test("align refuses XML of a kind it does not read (exit 1, nothing written) and reads a flat ODT")
  func xmlDocuments() throws {
    let folder = try TemporaryFolder()
    try Data("<?xml version=\"1.0\"?>\n<book><para>De regering antwoordt.</para></book>\n".utf8).write(
      to: URL(fileURLWithPath: folder.path + "/a.xml"))
    try Data("The government replies.\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/b.txt"))
    let refused = try CLI.run(
      ["align", "a.xml", "b.txt", "-o", "out.tmx", "--no-lexicon"], directory: folder.path)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("a.xml: is an XML document") && refused.stderr.contains("<book>"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.tmx"))
    let asText = try CLI.run(
      ["align", "a.xml", "b.txt", "-o", "-", "--no-lexicon", "--input-format", "text"], directory: folder.path
    )
    #expect(asText.status == 0, "\(asText.stderr)")
    #expect(asText.output.contains("&lt;book&gt;&lt;para&gt;De regering antwoordt."))
    let flat = try CLI.run([
      "align", "Tests/DocumentsTests/Fixtures/source/letter.nl.fodt",
      "Tests/DocumentsTests/Fixtures/source/letter.en.fodt", "--no-lexicon",
    ])
    #expect(flat.status == 0, "\(flat.stderr)")
    #expect(flat.output.contains("source-format=odt") && flat.output.contains("target-format=odt"))
    #expect(!flat.output.contains("&lt;office:"))
  }
}
