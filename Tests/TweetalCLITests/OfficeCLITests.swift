import Foundation
import TestSupport
import Testing

/// `segment` and `align` on the DOCX and ODT letter fixtures: the format recognised from the
/// content, the header records it, bad input refused without writing anything.
@Suite("DOCX and ODT on the command line")
struct OfficeCLITests {
  static let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")

  @Test("segment recognises DOCX and ODT by their content, whatever the file is called")
  func segmentRecognises() throws {
    let folder = try TemporaryFolder()
    let expected = try String(
      contentsOfFile: Self.fixtures + "/expected/letter.nl.units.tsv", encoding: .utf8)
    for format in ["docx", "odt"] {
      let path = folder.path + "/letter-\(format).bin"
      try FileManager.default.copyItem(atPath: Self.fixtures + "/letter.nl.\(format)", toPath: path)
      let result = try CLI.run(["segment", path, "--lang", "nl"])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stderr.contains("letter-\(format).bin read as \(format)"))
      #expect(result.output == expected)
    }
  }

  @Test("align reads a DOCX against an ODT and records both formats in the header")
  func alignLetters() throws {
    let tmx = try CLI.run([
      "align", Self.fixtures + "/letter.nl.docx", Self.fixtures + "/letter.en.odt", "--no-lexicon",
    ])
    #expect(tmx.status == 0, "\(tmx.stderr)")
    #expect(tmx.output.contains("<prop type=\"x-tweetal-option\">source-format=docx</prop>"))
    #expect(tmx.output.contains("<prop type=\"x-tweetal-option\">target-format=odt</prop>"))
    #expect(tmx.output.contains("<seg>Ministry of Justice and Security</seg>"))
  }

  @Test("a truncated DOCX and a text file given as DOCX exit 1 naming the file, and write nothing")
  func badInputRefused() throws {
    let folder = try TemporaryFolder()
    for (name, arguments, message) in [
      ("truncated.docx", [String](), "is not a readable ZIP archive"),
      ("not-a-zip.docx", ["--input-format", "docx"], "is not a DOCX file"),
    ] {
      let segment = try CLI.run(["segment", Self.fixtures + "/bad/" + name] + arguments)
      #expect(segment.status == 1)
      #expect(segment.stderr.contains("\(name): \(message)"), "\(segment.stderr)")
      #expect(segment.output.isEmpty)
      let align = try CLI.run(
        [
          "align", Self.fixtures + "/bad/" + name, Self.fixtures + "/letter.en.docx", "-o", "out.tmx",
          "--no-lexicon",
        ]
          + arguments, directory: folder.path)
      #expect(align.status == 1)
      #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.tmx"))
    }
  }
}
