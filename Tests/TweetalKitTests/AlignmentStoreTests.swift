import Aligner
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

  @Test(
    "one tu per bead in order; the source tuv comes first; a 1-0 or 0-1 bead's empty side is an empty seg")
  func units() {
    let tmx = AlignmentStore.encode(Self.sample)
    #expect(tmx.units.map(\.id) == ["1", "2", "3", "4"])
    #expect(tmx.units.allSatisfy { $0.variants.map(\.language) == ["nl-NL", "en-GB"] })
    #expect(
      tmx.units[1].variants[1].segment.content.isEmpty && tmx.units[3].variants[0].segment.content.isEmpty)
    let joined = tmx.units[2]
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
    let deletionProps = Set(tmx.units[1].properties.map(\.type))
    #expect(
      deletionProps.contains("x-tweetal-target-range") && !deletionProps.contains("x-tweetal-target-lengths"))
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

  @Test("a 1-0 bead written with only its source tuv (the architecture's first form) still decodes")
  func singleVariantForm() throws {
    var tmx = AlignmentStore.encode(Self.sample)
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
}
