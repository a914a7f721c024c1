import Foundation
import TestSupport
import Testing

/// `segment` and `align` on the committed LibreOffice letters as PDF: the units of
/// `expected/letter.*.units.tsv`, both sides linked, and bad PDFs refused with the fix.
@Suite("PDF on the command line")
struct PDFCLITests {
  static let fixtures = "Tests/DocumentsTests/Fixtures"

  static func has(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: Repository.path(fixtures + "/" + name))
  }

  @Test(
    "segment gives the letter's expected units and names the format",
    .enabled(
      if: has("letter.nl.pdf") && has("expected/letter.nl.units.tsv"), "the PDF letter fixture is missing"))
  func segmentLetter() throws {
    let result = try CLI.run(["segment", Self.fixtures + "/letter.nl.pdf", "--lang", "nl"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("letter.nl.pdf read as pdf"))
    let expected = try String(
      contentsOfFile: Repository.path(Self.fixtures + "/expected/letter.nl.units.tsv"), encoding: .utf8)
    #expect(result.output == expected)
  }

  @Test(
    "align links the Dutch and English PDF letters one to one and records pdf in the header",
    .enabled(if: has("letter.nl.pdf") && has("letter.en.pdf"), "the PDF letter fixtures are missing"))
  func alignLetters() throws {
    let result = try CLI.run([
      "align", Self.fixtures + "/letter.nl.pdf", Self.fixtures + "/letter.en.pdf", "--no-lexicon",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.output.contains("<prop type=\"x-tweetal-option\">source-format=pdf</prop>"))
    #expect(result.output.contains("<seg>Geachte voorzitter,</seg>"))
    #expect(!result.output.contains("Pagina 1 van 2"))
  }

  @Test(
    "an encrypted PDF and a scan exit 1 with the file and the fix, writing nothing",
    .enabled(if: has("bad/encrypted.pdf") && has("bad/scan.pdf"), "the bad PDF fixtures are missing"))
  func badPDFs() throws {
    let encrypted = try CLI.run(["segment", Self.fixtures + "/bad/encrypted.pdf"])
    #expect(encrypted.status == 1)
    #expect(encrypted.stderr.contains("encrypted.pdf: is encrypted; give the password-free file"))
    #expect(encrypted.output.isEmpty)
    let scan = try CLI.run(["segment", Self.fixtures + "/bad/scan.pdf"])
    #expect(scan.status == 1)
    #expect(scan.stderr.contains("scan.pdf: has no text layer: a scan; run OCR first"))
    #expect(scan.output.isEmpty)
  }

  /// The libraries the dynamic loader reported loading while `tweetal` ran `arguments`
  /// (glibc's `LD_DEBUG=libs` trace on stderr).
  static func loadedLibraries(_ arguments: [String]) throws -> (status: Int32, trace: String) {
    let result = try CLI.run(arguments, environment: ["LD_DEBUG": "libs"])
    return (result.status, result.stderr)
  }

  @Test(
    "poppler is loaded only when a PDF is read: not for plain text, and on the first PDF",
    .enabled(if: has("letter.nl.pdf"), "the PDF letter fixture is missing"))
  func popplerLoadedOnDemand() throws {
    let text = try Self.loadedLibraries([
      "align", "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt",
      "corpus/en/2022-04-14_gcm-voluntary-national-review.txt", "--no-lexicon", "-o", "/dev/null",
    ])
    #expect(text.status == 0, "\(text.trace.suffix(2000))")
    // The trace names libxml2 (linked), so it is a real trace; poppler and cairo stay out.
    #expect(text.trace.contains("libxml2.so"), "no loader trace: \(text.trace.prefix(500))")
    #expect(!text.trace.contains("libpoppler"))
    #expect(!text.trace.contains("libcairo"))
    let pdf = try Self.loadedLibraries(["segment", Self.fixtures + "/letter.nl.pdf", "--lang", "nl"])
    #expect(pdf.status == 0, "\(pdf.trace.suffix(2000))")
    #expect(pdf.trace.contains("libpoppler-glib.so"))
  }
}
