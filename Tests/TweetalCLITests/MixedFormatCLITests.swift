import Foundation
import TestSupport
import Testing

/// The same letter as PDF on one side and DOCX on the other aligns as its two plain-text versions do.
@Suite("Mixed document formats")
struct MixedFormatCLITests {
  /// The (source, target) segment texts of each `<tu>` of a Tweetal TMX.
  static func links(_ tmx: String) -> Set<[String]> {
    var links: Set<[String]> = []
    for unit in tmx.matches(of: #/<tu [^>]*>(?s:.*?)</tu>/#) {
      links.insert(String(unit.output).matches(of: #/<seg>((?s:.*?))</seg>/#).map { String($0.output.1) })
    }
    return links
  }

  @Test("letter.nl.pdf ↔ letter.en.docx gives the same links as the plain-text letters")
  func pdfAgainstDocx() throws {
    let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")
    let documents = try CLI.run([
      "align", "\(fixtures)/letter.nl.pdf", "\(fixtures)/letter.en.docx", "--no-lexicon",
    ])
    #expect(documents.status == 0, "\(documents.stderr)")
    #expect(documents.output.contains("<prop type=\"x-tweetal-option\">source-format=pdf</prop>"))
    #expect(documents.output.contains("<prop type=\"x-tweetal-option\">target-format=docx</prop>"))
    let texts = try CLI.run([
      "align", "\(fixtures)/expected/letter.nl.txt", "\(fixtures)/expected/letter.en.txt", "--no-lexicon",
    ])
    #expect(texts.status == 0, "\(texts.stderr)")
    let fromDocuments = Self.links(documents.output)
    let fromTexts = Self.links(texts.output)
    #expect(fromDocuments.count == 45)
    #expect(fromDocuments == fromTexts)
  }
}
