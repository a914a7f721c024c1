import Aligner
import Testing
import TweetalKit

@Suite("Common segments: the template text of a collection, left out of parallelism")
struct CommonSegmentsTests {
  @Test("normalised text: lower case, whitespace runs one space, digit runs one 0")
  func normalisation() {
    #expect(
      CommonSegments.normalised("  Copyright ©\t2024 Free Software\n Foundation, Inc. ")
        == "copyright © 0 free software foundation, inc.")
    #expect(
      CommonSegments.normalised("GNU coreutils 9.4") == CommonSegments.normalised("gnu  Coreutils 10.1"))
    #expect(CommonSegments.normalised("Version 9.4") != CommonSegments.normalised("Versie 9.4"))
    #expect(CommonSegments.normalised(" \n ").isEmpty)
  }

  @Test("three documents of one language, or 2 % of them when that is more")
  func threshold() {
    #expect(CommonSegments.threshold(documents: 1) == 3)
    #expect(CommonSegments.threshold(documents: 25) == 3)
    #expect(CommonSegments.threshold(documents: 150) == 3)
    #expect(CommonSegments.threshold(documents: 151) == 4)
    #expect(CommonSegments.threshold(documents: 10_000) == 200)
  }

  @Test("a segment is common when that many distinct documents of one language hold it")
  func learning() {
    let colophon = "There is NO WARRANTY, to the extent permitted by law."
    let source = [
      ["Toon de helptekst en stop.", "Verwijder bestanden."],
      ["Toon de  helptekst en stop.", "Maak een map."],
      ["toon de helptekst en stop.", "Wijzig de eigenaar."],
      ["Verwijder bestanden.", "Verwijder bestanden.", "Verwijder bestanden."],
    ]
    let target = [
      [colophon, "Remove files."], ["Make a directory.", colophon], [colophon.uppercased()],
      ["Remove files."],
    ]
    let common = CommonSegments.learning(sourceDocuments: source, targetDocuments: target)
    #expect(common.contains("Toon de helptekst en stop."))
    #expect(common.contains("there is no warranty, to the extent permitted by law."))
    // Repeated within one document, found in two: not common.
    #expect(!common.contains("Verwijder bestanden."))
    #expect(!common.contains("Remove files."))
    #expect(common.count == 2)
    #expect(CommonSegments.parse(common.text) == common)
    #expect(common.recorded.hasPrefix("2:") && common.recorded.count == 14)
  }

  @Test("a template sentence worded around each document's own name is learned as common phrases")
  func phrases() {
    let names = ["mkdir", "link", "rename", "unlink"]
    let source = names.map { name in
      [
        "De \(name)at() systeemaanroep werkt op precies dezelfde manier als \(name)(), behalve voor de "
          + "hier beschreven verschillen.",
        "Alleen \(name) maakt dit bestand.",
      ]
    }
    let target = names.map { name in
      [
        "The \(name)at() system call operates in exactly the same way as \(name)(), except for the "
          + "differences described here.",
        "Only \(name) makes this file.",
      ]
    }
    let common = CommonSegments.learning(sourceDocuments: source, targetDocuments: target)
    // No sentence is the same word for word in three documents.
    #expect(common.segments.isEmpty)
    #expect(common.phrases.contains("operates in exactly the"))
    #expect(common.phrases.contains("werkt op precies dezelfde"))
    // A fifth page's sentence of the same template is template text but for its own names…
    let template = common.share(
      of: "The openat() system call operates in exactly the same way as open(), except for the "
        + "differences described here.")
    #expect(template > 0.8 && template < 1)
    // … a sentence of one page, or one whose words each page fills in, is not.
    #expect(common.share(of: "Only mkdir makes this file.") == 0)
    #expect(common.share(of: "The mode of the new directory is given by mode.") == 0)
    #expect(common.share(of: "There is NO WARRANTY.") == 0)
    #expect(CommonSegments.parse(common.text) == common)
    #expect(common.recordedPhrases.hasPrefix("\(common.phrases.count):"))
    #expect(common.recorded.hasPrefix("0:"))
  }

  @Test("a sentence partly template text weighs its other characters in the score")
  func partlyCommon() {
    var half = AlignerSentence(length: 100)
    half.commonShare = 0.5
    #expect(!half.common && abs(half.commonShare - 0.5) < 0.002)
    half.commonShare = 1
    #expect(half.common)
    var source = [AlignerSentence(length: 100), AlignerSentence(length: 100)]
    source[0].commonShare = 0.75
    let target = [AlignerSentence(length: 100), AlignerSentence(length: 100)]
    let beads = [
      Bead(source: 0..<1, target: 0..<1, confidence: 1),
      Bead(source: 1..<2, target: 1..<1, confidence: 1),
      Bead(source: 2..<2, target: 1..<2, confidence: 1),
    ]
    #expect(Aligner.coverage(of: beads, source: source, target: target) == 0.5)
    // The source's linked sentence now weighs about 25 characters against the other's 100.
    let discounted = Aligner.coverage(of: beads, source: source, target: target, leavingOutCommon: true)
    #expect(abs(discounted - 25.0 / 125.0) < 0.01)
  }

  @Test(
    "the bundled letters share their signature: left out, the IMRF pair's beads stay and only its score moves"
  )
  func bundledLetters() throws {
    let pipeline = Pipeline()
    var dutch: [[String]] = []
    for name in [
      "2022-04-29_kamerbrief-imrf-deelname.txt", "2018-11_kamerbrief-gcm-marrakesh.txt",
      "2018-06_eerste-kamer-briefwisseling-gcm-gcr.txt",
    ] {
      let path = "corpus/nl/" + name
      dutch.append(
        try pipeline.sentenceTexts(
          of: InputDocument(name: path, bytes: try TestData.bytes(TestData.root + "/" + path)),
          language: "nl-NL",
          format: .auto))
    }
    let english = try [
      "corpus/en/2022-04-14_gcm-voluntary-national-review.txt",
      "corpus/en/2020-11-09_gcm-implementation-input-un-network.txt",
    ].map {
      try pipeline.sentenceTexts(
        of: InputDocument(name: $0, bytes: try TestData.bytes(TestData.root + "/" + $0)), language: "en-GB",
        format: .auto)
    }
    let common = CommonSegments.learning(sourceDocuments: dutch, targetDocuments: english)
    #expect(common.contains("De Staatssecretaris van Justitie en Veiligheid,"))

    let source = InputDocument(
      name: "letter",
      bytes: try TestData.bytes(TestData.root + "/corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt"))
    let target = InputDocument(
      name: "report",
      bytes: try TestData.bytes(TestData.root + "/corpus/en/2022-04-14_gcm-voluntary-national-review.txt"))
    let plain = try pipeline.align(source: source, target: target, creationDate: "20260101T000000Z")
    var discounting = pipeline
    discounting.commonSegments = common
    let discounted = try discounting.align(source: source, target: target, creationDate: "20260101T000000Z")
    #expect(discounted.beads == plain.beads)
    let before = try #require(plain.metadata.parallelism)
    let after = try #require(discounted.metadata.parallelism)
    #expect(after != before && abs(after - before) < 0.01)
    #expect(discounted.metadata.options["common-segments"] == common.recorded)
    #expect(plain.metadata.options["common-segments"] == nil)
  }

  @Test("a side made only of common sentences is scored as if none were common")
  func allCommon() {
    let source = [AlignerSentence(length: 40, common: true), AlignerSentence(length: 30, common: true)]
    let target = [AlignerSentence(length: 42), AlignerSentence(length: 31)]
    let beads = [
      Bead(source: 0..<1, target: 0..<1, confidence: 0.9),
      Bead(source: 1..<2, target: 1..<1, confidence: 0.8),
      Bead(source: 2..<2, target: 1..<2, confidence: 0.8),
    ]
    #expect(
      Aligner.coverage(of: beads, source: source, target: target, leavingOutCommon: true)
        == Aligner.coverage(of: beads, source: source, target: target))
    #expect(
      Aligner.weightedCoverage(of: beads, source: source, target: target, leavingOutCommon: true)
        == Aligner.weightedCoverage(of: beads, source: source, target: target))
    var partly = source
    partly[1].common = false
    // The linked first sentence left out: nothing of the source's rest is linked.
    #expect(Aligner.coverage(of: beads, source: partly, target: target, leavingOutCommon: true) == 0)
    #expect(Aligner.coverage(of: beads, source: partly, target: target) > 0.5)
  }
}
