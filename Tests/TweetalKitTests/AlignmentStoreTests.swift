import Aligner
import Foundation
import Segmenter
import TMX
import Testing

@testable import TweetalKit

@Suite("The TMX form of an alignment (model level)")
struct AlignmentStoreTests {
  static let sample: AlignedDocument = {
    let source = [
      Sentence(text: "Kamerbrief over de IMRF", kind: .heading, block: 0),
      Sentence(text: "Geachte voorzitter,", kind: .meta, block: 1),
      Sentence(text: "Nederland neemt deel.", kind: .sentence, block: 2),
      Sentence(text: "Dat is goed.", kind: .sentence, block: 2),
    ]
    let target = [
      Sentence(text: "Letter on the IMRF", kind: .heading, block: 0),
      Sentence(text: "The Netherlands takes part, which is good.", kind: .sentence, block: 3),
      Sentence(text: "Annex", kind: .heading, block: 4),
    ]
    let beads = [
      AlignmentBead(source: 0..<1, target: 0..<1, cost: 1.25, confidence: 0.873, id: 1),
      AlignmentBead(source: 1..<2, target: 1..<1, cost: 4.6, confidence: 0.5, id: 2),
      AlignmentBead(
        source: 2..<4, target: 1..<2, cost: 2.5, confidence: 0.9, status: .confirmed, id: 3,
        changeDate: "20261124T041500Z", changeUser: "anna"),
      AlignmentBead(source: 4..<4, target: 2..<3, cost: 4.6, confidence: 0.25, id: 4),
    ]
    let metadata = AlignmentMetadata(
      sourceLanguage: "nl-NL", targetLanguage: "en-GB", sourceFile: "corpus/nl/a.txt",
      targetFile: "corpus/en/b.txt", sourceChecksum: "11", targetChecksum: "22",
      creationDate: "20261124T040000Z", parameters: AlignmentParameters(ratio: 1.0625, variance: 6.8),
      parallelism: 0.42)
    return AlignedDocument(metadata: metadata, source: source, target: target, beads: beads)
  }()

  @Test("source spans survive the round trip (form 3); a form 2 file reads with every span unknown")
  func spans() throws {
    var document = Self.sample
    document.source[0].span = 0..<23
    document.source[1].span = 25..<44
    document.target[2].span = 900..<905
    let tmx = AlignmentStore.encode(document)
    #expect(tmx.units[0].properties.contains(Property(type: "x-tweetal-source-spans", value: "0:23")))
    #expect(!tmx.units[0].properties.contains { $0.type == "x-tweetal-target-spans" })  // none known
    #expect(tmx.units[1].properties.contains { $0.value.hasSuffix("blocks=1 spans=25:44") })
    #expect(try AlignmentStore.decode(tmx, file: "x.tmx") == document)

    var formTwo = tmx
    formTwo.header.properties = formTwo.header.properties.map {
      $0.type == "x-tweetal-form" ? Property(type: $0.type, value: "2") : $0
    }
    for index in formTwo.units.indices {
      formTwo.units[index].properties = formTwo.units[index].properties.compactMap { property in
        if property.type.hasSuffix("-spans") { return nil }
        var kept = property
        if let range = kept.value.range(of: " spans=") {
          kept.value = String(kept.value[..<range.lowerBound])
        }
        return kept
      }
    }
    #expect(try AlignmentStore.decode(formTwo, file: "x.tmx") == Self.sample)
  }

  @Test("a changeid is percent-encoded where it would break the record (space, %, controls) and beyond ASCII")
  func percentCoding() {
    let user = "Anna de Vries 100%\tné\u{7F}"
    #expect(UnlinkedRecord.percentEncoded(user) == "Anna%20de%20Vries%20100%25%09n%C3%A9%7F")
    #expect(UnlinkedRecord.percentDecoded(UnlinkedRecord.percentEncoded(user)) == user)
    // Form 2 left non-ASCII letters as they were; they still read.
    #expect(UnlinkedRecord.percentDecoded("Anna%20né") == "Anna né")
    #expect(UnlinkedRecord.percentDecoded("100%2") == nil)
    #expect(UnlinkedRecord.percentDecoded("%FF") == nil)
  }

  @Test("the header carries the required TMX attributes and names both files, checksums and parameters")
  func header() {
    let tmx = AlignmentStore.encode(Self.sample)
    #expect(tmx.version == "1.4")
    #expect(tmx.header.creationTool == "Tweetal")
    #expect(tmx.header.creationToolVersion == TweetalVersion.current)
    #expect(tmx.header.segmentType == "sentence")
    #expect(tmx.header.dataType == "plaintext")
    #expect(tmx.header.adminLanguage == "en")
    #expect(tmx.header.sourceLanguage == "nl-NL")
    #expect(tmx.header.originalFormat == "Tweetal")
    #expect(tmx.header.attributes["creationdate"] == "20261124T040000Z")
    let props = Dictionary(tmx.header.properties.map { ($0.type, $0.value) }, uniquingKeysWith: { a, _ in a })
    #expect(props["x-tweetal-source-file"] == "corpus/nl/a.txt")
    #expect(props["x-tweetal-target-sha256"] == "22")
    #expect(props["x-tweetal-target-language"] == "en-GB")
    #expect(props["x-tweetal-parameter-c"] == "1.0625")
    #expect(props["x-tweetal-parameter-s2"] == "6.8")
    #expect(props["x-tweetal-parallelism"] == "0.4200")
  }

  @Test("one tu per linking bead in order, with the source tuv first and both segs non-empty")
  func units() {
    let tmx = AlignmentStore.encode(Self.sample)
    #expect(tmx.units.map(\.id) == ["1", "3"])
    #expect(tmx.units.allSatisfy { $0.variants.map(\.language) == ["nl-NL", "en-GB"] })
    #expect(tmx.units.allSatisfy { unit in unit.variants.allSatisfy { !$0.segment.plainText.isEmpty } })
    let joined = tmx.units[1]
    #expect(joined.variants[0].segment.plainText == "Nederland neemt deel. Dat is goed.")
    let props = Dictionary(joined.properties.map { ($0.type, $0.value) }, uniquingKeysWith: { a, _ in a })
    #expect(props["x-tweetal-bead"] == "2-1")
    #expect(props["x-tweetal-source-range"] == "2:4")
    #expect(props["x-tweetal-source-lengths"] == "21 12")
    #expect(props["x-tweetal-confidence"] == "0.9000")
    #expect(props["x-tweetal-cost"] == "2.5000")
    #expect(props["x-tweetal-status"] == "confirmed")
    #expect(
      joined.attributes == [
        "creationdate": "20261124T040000Z", "changedate": "20261124T041500Z", "changeid": "anna",
      ])
    #expect(tmx.units[0].attributes["changedate"] == nil)
  }

  @Test("a 1-0 or 0-1 bead is two props of the next link's tu (after the last link, of the last tu)")
  func unlinkedBeads() {
    let props = AlignmentStore.encode(Self.sample).units[1].properties
    // Bead 2 (1-0) comes before link 3, so its record opens that tu's props.
    #expect(
      props[0]
        == Property(
          type: "x-tweetal-unlinked",
          value: "tuid=2 bead=1-0 status=auto confidence=0.5000 cost=4.6000 source-range=1:2 "
            + "target-range=1:1 lengths=19 kinds=meta blocks=1"))
    #expect(
      props[1] == Property(type: "x-tweetal-unlinked-text", value: "Geachte voorzitter,", language: "nl-NL"))
    // Bead 4 (0-1) follows the last link: its record closes that tu's props.
    #expect(
      props[props.count - 2].value
        == "tuid=4 bead=0-1 status=auto confidence=0.2500 cost=4.6000 source-range=4:4 target-range=2:3 "
        + "lengths=5 kinds=heading blocks=4")
    #expect(
      props[props.count - 1] == Property(type: "x-tweetal-unlinked-text", value: "Annex", language: "en-GB"))
  }

  @Test("a document without any link keeps its unlinked beads in the header, and reads back")
  func noLinks() throws {
    var document = Self.sample
    document.beads = [
      AlignmentBead(source: 0..<2, target: 0..<0, cost: 9.2, confidence: 0.1, id: 1),
      AlignmentBead(
        source: 2..<2, target: 0..<3, cost: 13.8, confidence: 0.2, status: .edited, id: 2,
        changeDate: "20261124T041500Z", changeUser: "Anna de Vries, 100%", creationDate: "20261124T041000Z"),
      AlignmentBead(source: 2..<4, target: 3..<3, cost: 9.2, confidence: 0.3, status: .confirmed, id: 3),
    ]
    try document.validate()
    let tmx = AlignmentStore.encode(document)
    #expect(tmx.units.isEmpty)
    #expect(tmx.header.properties.filter { $0.type == "x-tweetal-unlinked" }.count == 3)
    #expect(
      tmx.header.properties.contains {
        $0.value.hasSuffix("changedate=20261124T041500Z changeid=Anna%20de%20Vries,%20100%25")
      })
    #expect(try AlignmentStore.decode(tmx, file: "none.tmx") == document)
  }

  @Test("decoding the encoded sample gives back the same documents and beads")
  func sampleRoundTrip() throws {
    let decoded = try AlignmentStore.decode(AlignmentStore.encode(Self.sample), file: "sample.tmx")
    #expect(decoded == Self.sample)
  }

  @Test("random documents (seeded) survive encode then decode unchanged", arguments: 1...150)
  func randomRoundTrip(seed: UInt64) throws {
    let document = RandomAlignment.document(seed: seed)
    try document.validate()
    let decoded = try AlignmentStore.decode(AlignmentStore.encode(document), file: "random-\(seed).tmx")
    #expect(decoded == document)
  }

  /// The sample as form 1 wrote it: every bead a tu, the empty side of a 1-0 / 0-1 bead an empty seg.
  static func formOne() -> TMXDocument {
    var tmx = AlignmentStore.encode(sample)
    let form = tmx.header.properties.firstIndex { $0.type == "x-tweetal-form" }
    tmx.header.properties[form ?? 0].value = "1"
    for index in tmx.units.indices {
      tmx.units[index].properties.removeAll { $0.type.hasPrefix("x-tweetal-unlinked") }
    }
    func empty(_ id: String, _ range: (String, String), _ side: (String, String, String, String))
      -> TranslationUnit
    {
      TranslationUnit(
        id: id, attributes: ["creationdate": "20261124T040000Z"],
        properties: [
          Property(type: "x-tweetal-bead", value: side.0), Property(type: "x-tweetal-status", value: "auto"),
          Property(type: "x-tweetal-confidence", value: side.1),
          Property(type: "x-tweetal-cost", value: "4.6000"),
          Property(type: "x-tweetal-source-range", value: range.0),
          Property(type: "x-tweetal-target-range", value: range.1),
          Property(type: "x-tweetal-\(side.2)-lengths", value: String(side.3.unicodeScalars.count)),
          Property(type: "x-tweetal-\(side.2)-kinds", value: side.2 == "source" ? "meta" : "heading"),
          Property(type: "x-tweetal-\(side.2)-blocks", value: side.2 == "source" ? "1" : "4"),
        ],
        variants: [
          TranslationVariant(language: "nl-NL", segment: Segment(text: side.2 == "source" ? side.3 : "")),
          TranslationVariant(language: "en-GB", segment: Segment(text: side.2 == "source" ? "" : side.3)),
        ])
    }
    tmx.units.insert(empty("2", ("1:2", "1:1"), ("1-0", "0.5000", "source", "Geachte voorzitter,")), at: 1)
    tmx.units.append(empty("4", ("4:4", "2:3"), ("0-1", "0.2500", "target", "Annex")))
    return tmx
  }

  @Test("form 1 (every bead a tu, an empty seg on the empty side) still decodes, also with one tuv")
  func formOneStillReads() throws {
    #expect(try AlignmentStore.decode(Self.formOne(), file: "form1.tmx") == Self.sample)
    var tmx = Self.formOne()
    tmx.units[1].variants.removeLast()
    tmx.units[3].variants.removeFirst()
    #expect(try AlignmentStore.decode(tmx, file: "one-tuv.tmx") == Self.sample)
  }

  @Test("confidence, cost and parallelism are written with four decimals")
  func fixedDecimals() {
    #expect(TMXForm.fixed(0.873) == "0.8730")
    #expect(TMXForm.fixed(0) == "0.0000")
    #expect(TMXForm.fixed(1) == "1.0000")
    #expect(TMXForm.fixed(12.345_67) == "12.3457")
    #expect(TMXForm.fixed(-0.000_04) == "0.0000")
    #expect(TMXForm.fixed(-1.5) == "-1.5000")
    #expect(TMXForm.fixed(.infinity) == "inf")
    #expect(TMXForm.number(TMXForm.fixed(0.873)) == TMXForm.rounded(0.873))
  }

  /// Found by the alignment-decoder fuzz target: a block number of 11111111111111110 stopped the
  /// process (a sentence keeps its block and span in 32 bits) instead of refusing the file.
  @Test("a block or span number too large for a sentence is refused with an error, not a crash")
  func hugeBlockRefused() throws {
    for (type, value) in [
      ("x-tweetal-target-blocks", "11111111111111110"), ("x-tweetal-source-blocks", "-4294967296"),
      ("x-tweetal-source-spans", "0:4294967296"),
    ] {
      var tmx = AlignmentStore.encode(Self.sample)
      let unit = try #require(
        tmx.units.firstIndex { $0.properties.contains { $0.type == "x-tweetal-bead" && $0.value == "1-1" } })
      if let index = tmx.units[unit].properties.firstIndex(where: { $0.type == type }) {
        tmx.units[unit].properties[index].value = value
      } else {
        tmx.units[unit].properties.append(Property(type: type, value: value))
      }
      #expect(throws: AlignmentStoreError.self, "\(type) \(value)") {
        try AlignmentStore.decode(tmx, file: "huge-block.tmx")
      }
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-block-\(UUID()).tmx")
        .path
      try Data(try TMXWriter.bytes(of: tmx)).write(to: URL(fileURLWithPath: path))
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect(throws: (any Error).self, "\(type) \(value), streamed") {
        try AlignmentStore.stream(path: path, metadata: { _ in }, bead: { _, _, _ in })
      }
    }
  }

  /// Found by the alignment-decoder fuzz target: a file whose unlinked record said
  /// `cost=1999…9.3344` (78 digits) decoded to a finite cost that the writer writes `inf`, so encode
  /// then decode changed the document and `canonical` did not say so.
  @Test("a cost of 1e11 or more is written inf and canonical gives back what a decoded file holds")
  func hugeCostRoundTrip() throws {
    for cost in [1e11, 2e76, -3e12, 99_999_999_999.9] {
      var document = Self.sample
      let unlinked = try #require(document.beads.firstIndex { $0.type.source == 0 || $0.type.target == 0 })
      let linked = try #require(document.beads.firstIndex { $0.type.source > 0 && $0.type.target > 0 })
      document.beads[unlinked].cost = cost
      document.beads[linked].cost = cost
      let decoded = try AlignmentStore.decode(AlignmentStore.encode(document), file: "huge.tmx")
      #expect(decoded == AlignmentStore.canonical(document), "cost \(cost)")
      #expect(decoded.beads[linked].cost.isInfinite == (abs(cost) >= 1e11), "cost \(cost)")
      let again = try AlignmentStore.decode(AlignmentStore.encode(decoded), file: "again.tmx")
      #expect(again == decoded, "cost \(cost)")
    }
    #expect(TMXForm.rounded(-2e76) == -.infinity)
    #expect(TMXForm.rounded(.nan).isNaN)
  }
}
