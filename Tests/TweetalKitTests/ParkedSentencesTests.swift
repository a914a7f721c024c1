import Testing

@testable import TweetalKit

/// The sentences set aside while the aligner runs come back as they were, texts byte for byte.
@Suite("ParkedSentences: the sentences come back unchanged")
struct ParkedSentencesTests {
  /// Every corpus document's sentences (headings, list items, spans) and texts of every width.
  private func documents() throws -> [[Sentence]] {
    var documents: [[Sentence]] = []
    for path in try TestData.corpusDocuments() {
      let text = String(decoding: try TestData.bytes(path), as: UTF8.self)
      let language = path.contains("/nl/") ? "nl" : "en"
      documents.append(try Pipeline().sentences(of: text, language: language, file: path))
    }
    documents.append(
      ["", "a", "Gänsefüßchen", "👩‍👩‍👧 e\u{301}", "€ 17,50\u{2009}", String(repeating: "lang ", count: 500)].map {
        Sentence(text: $0, kind: .sentence, block: 3, span: 2..<9)
      } + [
        Sentence(text: "Kop", kind: .heading, block: -1), Sentence(text: "• punt", kind: .listItem, block: 7),
      ])
    return documents
  }

  @Test(
    "every corpus document's sentences, and texts of every width, parked in chunks and restored",
    arguments: [false, true])
  func corpusDocuments(compressing: Bool) throws {
    let documents = try documents()
    #expect(documents.count > 3)
    #expect(documents.contains { $0.contains { $0.span != nil } })
    #expect(documents.contains { $0.contains { $0.kind == .heading } })
    for original in documents {
      // Chunks of 7 sentences: several per document, the last one short.
      var sentences = original
      var parked = ParkedSentences(compressing: compressing)
      for start in stride(from: 0, to: sentences.count, by: 7) {
        parked.park(&sentences, start..<min(sentences.count, start + 7))
      }
      #expect(sentences.allSatisfy { $0.text.isEmpty })
      #expect(parked.count == original.count)
      let restored = parked.restored()
      #expect(restored == original)
      #expect(restored.map { Array($0.text.utf8) } == original.map { Array($0.text.utf8) })
    }
  }

  @Test("text is deflated when compressing, and bytes that do not shrink are kept as they are")
  func packedBytes() throws {
    let path = try #require(try TestData.corpusDocuments().first)
    let text = try TestData.bytes(path)
    #expect(text.count > 1_000)
    var generator = SystemRandomNumberGenerator()
    let noise = (0..<4_096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for (bytes, shrinks) in [(text, true), (noise, false), ([], false)] {
      for compressing in [false, true] {
        let packed = bytes.withUnsafeBytes { PackedBytes($0, compressing: compressing) }
        #expect(packed.count == bytes.count)
        #expect(packed.deflated == (compressing && shrinks))
        #expect(packed.withUnpacked { Array($0) } == bytes)
      }
    }
  }
}
