import Foundation
import TestSupport
import Testing

/// `segment` and `align` on HTML pages: the format recognised from the content, the header
/// records it, and a hostile page is refused without writing anything.
@Suite("HTML on the command line")
struct HTMLCLITests {
  static let dutch = """
    <!DOCTYPE html>
    <html lang="nl"><head><title>Kamerbrief</title><script>var x = 1;</script></head>
    <body><nav><a href="/">Home</a></nav>
    <main><h1>Kamerbrief over migratie</h1>
    <p>Het kabinet stuurt u deze brief over het Global Compact. De brief beschrijft de stand van zaken.</p>
    <ol><li>Eerste punt van de agenda.</li><li>Tweede punt van de agenda.</li></ol>
    <p>Wij danken u voor uw aandacht.</p></main>
    <footer>Rijksoverheid</footer></body></html>
    """
  static let english = """
    <!DOCTYPE html>
    <html lang="en"><head><title>Letter</title></head>
    <body><nav><a href="/">Home</a></nav>
    <main><h1>Letter on migration</h1>
    <p>The government sends you this letter on the Global Compact. The letter describes the state of affairs.</p>
    <ol><li>First item on the agenda.</li><li>Second item on the agenda.</li></ol>
    <p>We thank you for your attention.</p></main>
    <footer>Government of the Netherlands</footer></body></html>
    """

  @Test("segment recognises HTML by its content, whatever the file is called, and names it on stderr")
  func segmentRecognises() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/letter.txt"
    try Self.dutch.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLI.run(["segment", path])
    #expect(result.status == 0)
    #expect(result.stderr.contains("letter.txt read as html"))
    #expect(
      result.output == """
        heading\tKamerbrief over migratie
        sentence\tHet kabinet stuurt u deze brief over het Global Compact.
        sentence\tDe brief beschrijft de stand van zaken.
        list-item\tEerste punt van de agenda.
        list-item\tTweede punt van de agenda.
        sentence\tWij danken u voor uw aandacht.

        """)
    let asText = try CLI.run(["segment", path, "--input-format", "text"])
    #expect(asText.output.contains("<h1>Kamerbrief over migratie</h1>"))
  }

  @Test("align reads two HTML pages, links them one to one and records html in the header")
  func alignPages() throws {
    let folder = try TemporaryFolder()
    try Self.dutch.write(toFile: folder.path + "/nl.html", atomically: true, encoding: .utf8)
    try Self.english.write(toFile: folder.path + "/en.html", atomically: true, encoding: .utf8)
    let tmx = try CLI.run(["align", "nl.html", "en.html", "--no-lexicon"], directory: folder.path)
    #expect(tmx.status == 0, "\(tmx.stderr)")
    #expect(tmx.output.contains("<seg>Het kabinet stuurt u deze brief over het Global Compact.</seg>"))
    #expect(tmx.output.contains("<seg>The government sends you this letter on the Global Compact.</seg>"))
    #expect(!tmx.output.contains("Home"))
    #expect(tmx.output.contains("<prop type=\"x-tweetal-option\">source-format=html</prop>"))
    #expect(tmx.output.contains("<prop type=\"x-tweetal-option\">target-format=html</prop>"))
    #expect(tmx.output.components(separatedBy: "<tu ").count - 1 == 6)
  }

  @Test("a page nested 10 000 deep exits 1 naming the file and the limit, and writes nothing")
  func deepPageRefused() throws {
    let folder = try TemporaryFolder()
    let page = "<html><body>" + String(repeating: "<div>", count: 10_000) + "Diep.</body></html>"
    try page.write(toFile: folder.path + "/deep.html", atomically: true, encoding: .utf8)
    try Self.english.write(toFile: folder.path + "/en.html", atomically: true, encoding: .utf8)
    let segment = try CLI.run(["segment", "deep.html"], directory: folder.path)
    #expect(segment.status == 1)
    #expect(segment.stderr.contains("deep.html: nests elements"))
    #expect(segment.output.isEmpty)
    let align = try CLI.run(
      ["align", "deep.html", "en.html", "-o", "out.tmx", "--no-lexicon"], directory: folder.path)
    #expect(align.status == 1)
    #expect(align.stderr.contains("limit of 256"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.tmx"))
  }

  @Test("--presegmented refuses a document format and says what to do")
  func presegmentedRefusesHTML() throws {
    let folder = try TemporaryFolder()
    try Self.dutch.write(toFile: folder.path + "/nl.html", atomically: true, encoding: .utf8)
    try Self.english.write(toFile: folder.path + "/en.html", atomically: true, encoding: .utf8)
    let result = try CLI.run(["align", "nl.html", "en.html", "--presegmented"], directory: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("nl.html: --presegmented reads plain text"))
  }
}
