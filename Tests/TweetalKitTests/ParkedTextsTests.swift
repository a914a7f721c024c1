import Testing

@testable import TweetalKit

/// The sentences' texts set aside in one buffer while the aligner runs come back as they were.
@Suite("ParkedTexts: the texts come back unchanged")
struct ParkedTextsTests {
  @Test("every corpus document's sentences, and texts of every width, parked and restored")
  func corpusDocuments() throws {
    var documents: [[Sentence]] = []
    for path in try TestData.corpusDocuments() {
      let text = String(decoding: try TestData.bytes(path), as: UTF8.self)
      let language = path.contains("/nl/") ? "nl" : "en"
      documents.append(try Pipeline().sentences(of: text, language: language, file: path))
    }
    documents.append(
      ["", "a", "Gänsefüßchen", "👩‍👩‍👧 e\u{301}", "€ 17,50\u{2009}", String(repeating: "lang ", count: 500)].map {
        Sentence(text: $0, kind: .sentence, block: 3, span: 2..<9)
      })
    #expect(documents.count > 3)
    for original in documents {
      var sentences = original
      let parked = ParkedTexts(taking: &sentences)
      #expect(sentences.allSatisfy { $0.text.isEmpty })
      parked.restore(into: &sentences)
      #expect(sentences == original)
      #expect(sentences.map { Array($0.text.utf8) } == original.map { Array($0.text.utf8) })
    }
  }
}
