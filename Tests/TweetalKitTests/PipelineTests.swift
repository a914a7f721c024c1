import Aligner
import Segmenter
import Testing

@testable import TweetalKit

@Suite("The pipeline: load, segment, align, model")
struct PipelineTests {
  @Test("pre-segmented text: one sentence per line, a blank line ends a block")
  func presegmented() {
    let sentences = PresegmentedText.sentences(of: "Eins.\r\nZwei.\n\n\n  Drei.  \nVier.\n\n")
    #expect(sentences.map(\.text) == ["Eins.", "Zwei.", "Drei.", "Vier."])
    #expect(sentences.map(\.block) == [0, 0, 1, 1])
    #expect(sentences.allSatisfy { $0.kind == .sentence })
  }

  @Test("pre-segmented lines: a control character XML cannot carry becomes a space, nothing else changes")
  func presegmentedControls() {
    let text = "Eins\u{1F}zwei.\n\u{01}Drei \t vier.\u{FFFF}\nFünf\u{200B}sechs €.\nSieben\u{7F}.\n"
    let sentences = PresegmentedText.sentences(of: text)
    #expect(
      sentences.map(\.text) == ["Eins zwei.", "Drei \t vier.", "Fünf\u{200B}sechs €.", "Sieben\u{7F}."])
    #expect(sentences.map(\.block) == [0, 0, 0, 0])
  }

  @Test("pre-segmented lines found on bytes are the lines a split by characters finds, trimmed alike")
  func presegmentedLikeCharacters() {
    // The splitter before (lines by Character.isNewline, trimmed by Character.isWhitespace).
    func byCharacters(_ text: String) -> [(String, Int)] {
      var result: [(String, Int)] = []
      var block = 0
      var blockHasSentences = false
      for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
        let first = line.firstIndex { !$0.isWhitespace }
        let last = line.lastIndex { !$0.isWhitespace }
        guard let first, let last else {
          if blockHasSentences { block += 1 }
          blockHasSentences = false
          continue
        }
        result.append((String(line[first...last]), block))
        blockHasSentences = true
      }
      return result
    }
    let texts = [
      "Eins.\r\nZwei.\n\n\n  Drei.  \nVier.\n\n",
      "a\rb\u{0B}c\u{0C}d\u{85}e\u{2028}f\u{2029}g\r\n\r\nh",
      "\u{A0}Gänsefüßchen\u{3000}\n\t» Zitat «\t\n\u{2003}\n",
      // A combining mark after a leading or trailing space makes one whitespace cluster with it.
      " \u{301}é\u{301}x \u{301}\n\u{301}accent first\n",
      "emoji 👩‍👩‍👧 end\r\n🇳🇱🇬🇧\n\n\n\u{FEFF}bom\u{200B}\n€ 17,50\u{2009}\n",
      "", "\n", "\r\n\r\n", "one line, no end",
    ]
    for text in texts {
      let sentences = PresegmentedText.sentences(of: text)
      let expected = byCharacters(text)
      #expect(sentences.map(\.text) == expected.map(\.0), "\(text.debugDescription)")
      #expect(sentences.map(\.block) == expected.map(\.1), "\(text.debugDescription)")
    }
  }

  @Test("the language tag's primary subtag picks the segmenter rules")
  func languages() {
    #expect(Pipeline.segmenterLanguage(for: "nl-NL") == .dutch)
    #expect(Pipeline.segmenterLanguage(for: "EN-gb") == .english)
    #expect(Pipeline.segmenterLanguage(for: "en") == .english)
    #expect(Pipeline.segmenterLanguage(for: "de-CH") == nil)
  }

  @Test("a heading, a footnote and meta never share a class with body text")
  func unitClasses() {
    #expect(UnitClass(.sentence) == UnitClass(.listItem))
    let classes = Set([UnitKind.sentence, .heading, .footnote, .meta].map(UnitClass.init))
    #expect(classes.count == 4)
  }

  @Test("a language without sentence rules asks for --presegmented")
  func unsupportedLanguage() {
    let pipeline = Pipeline(options: PipelineOptions(sourceLanguage: "de", targetLanguage: "fr"))
    let document = InputDocument(name: "dev.de", bytes: Array("Ein Satz.".utf8))
    #expect {
      try pipeline.align(source: document, target: document, creationDate: "20260101T000000Z")
    } throws: { error in
      "\(error)".hasPrefix("dev.de: ") && "\(error)".contains("--presegmented")
    }
  }

  @Test("pre-segmented German and French align: every line becomes a sentence, beads cover both")
  func presegmentedPair() throws {
    let pipeline = Pipeline(
      options: PipelineOptions(sourceLanguage: "de", targetLanguage: "fr", presegmented: true))
    let source = InputDocument(name: "a.de", bytes: Array("Der Berg ist hoch.\nEr hat 4478 Meter.\n".utf8))
    let target = InputDocument(
      name: "a.fr", bytes: Array("La montagne est haute.\nElle a 4478 mètres.\n".utf8))
    let document = try pipeline.align(source: source, target: target, creationDate: "20260101T000000Z")
    try document.validate()
    #expect(document.source.map(\.text) == ["Der Berg ist hoch.", "Er hat 4478 Meter."])
    #expect(document.target.count == 2)
    #expect(document.metadata.options["presegmented"] == "true")
    #expect(document.metadata.sourceChecksum == Checksum.sha256Hex(of: source.bytes))
    #expect(document.beads.map(\.id) == Array(1...document.beads.count))
  }

  @Test(
    "every corpus pair aligns into a valid document that survives encode and decode", arguments: [0, 1, 2])
  func corpusPairs(index: Int) throws {
    let manifestText = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    let manifest = try CorpusManifest.parse(manifestText, file: "corpus/pairs.tsv", root: TestData.root)
    let pair = manifest.pairs[index]
    let source = InputDocument(name: pair.source, bytes: try TestData.bytes(manifest.path(of: pair.source)))
    let target = InputDocument(name: pair.target, bytes: try TestData.bytes(manifest.path(of: pair.target)))
    var steps: [PipelineStep] = []
    let document = try Pipeline().align(source: source, target: target, creationDate: "20260101T000000Z") {
      steps.append($0)
    }
    #expect(steps == [.decoding, .segmenting, .aligning])
    try document.validate()
    #expect(document.source.count > 10 && document.target.count > 10)
    #expect(document.source.allSatisfy { !$0.text.isEmpty && $0.text == $0.text.trimmingWhitespace })
    #expect(document.metadata.sourceFile == pair.source)
    let decoded = try AlignmentStore.decode(AlignmentStore.encode(document), file: pair.name)
    #expect(decoded == document)
  }

  @Test("the two documents prepared on two workers give the document they give one after the other")
  func preparedOnTwoWorkers() throws {
    let manifestText = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    let manifest = try CorpusManifest.parse(manifestText, file: "corpus/pairs.tsv", root: TestData.root)
    let pair = manifest.pairs[0]
    let source = InputDocument(name: pair.source, bytes: try TestData.bytes(manifest.path(of: pair.source)))
    let target = InputDocument(name: pair.target, bytes: try TestData.bytes(manifest.path(of: pair.target)))
    var documents: [AlignedDocument] = []
    for workers in [1, 2] {
      var aligner = Aligner()
      aligner.options.workers = workers
      documents.append(
        try Pipeline(aligner: aligner).align(source: source, target: target, creationDate: "20260101T000000Z")
      )
    }
    #expect(documents[0].source.count > 10 && documents[0].target.count > 10)
    #expect(documents[0] == documents[1])
    // The two sums, taken a side a core with two workers, each of its own document's bytes.
    #expect(documents[1].metadata.sourceChecksum == Checksum.sha256Hex(of: source.bytes))
    #expect(documents[1].metadata.targetChecksum == Checksum.sha256Hex(of: target.bytes))
    #expect(documents[1].metadata.sourceChecksum != documents[1].metadata.targetChecksum)
  }

  @Test("when both documents fail, the source's error is the one reported, on any number of workers")
  func sourceErrorFirst() {
    // Neither language has sentence rules: both documents fail where they are segmented.
    let source = InputDocument(name: "brief.de", bytes: Array("Ein Satz.".utf8))
    let target = InputDocument(name: "rapport.fr", bytes: Array("Une phrase.".utf8))
    for workers in [1, 2] {
      var aligner = Aligner()
      aligner.options.workers = workers
      let pipeline = Pipeline(
        options: PipelineOptions(sourceLanguage: "de", targetLanguage: "fr"), aligner: aligner)
      #expect {
        try pipeline.align(source: source, target: target, creationDate: "20260101T000000Z")
      } throws: { error in
        "\(error)".hasPrefix("brief.de: ") && "\(error)".contains("\"de\"")
      }
    }
  }
}
