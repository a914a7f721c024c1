import Testing
import TweetalKit

@testable import Pairing

@Suite("Pair manifest")
struct PairManifestTests {
  @Test("the manifest `pair` writes is read back by the corpus manifest reader, notes ignored")
  func roundTrip() throws {
    var evidence = PairingEvidence()
    evidence.references = ["3963666"]
    evidence.names = 14
    let pairs = [
      DocumentPair(source: "nl/a b.txt", target: "en/x.txt", score: 0.81, evidence: evidence),
      DocumentPair(source: "nl/a b.txt", target: "en/y.txt", score: 0.52, evidence: evidence),
    ]
    let text = PairManifest.text(for: pairs)
    #expect(text.contains("\t0.81\tref 3963666; 14 shared names; words 0.00"))
    let manifest = try CorpusManifest.parse(text, file: "p.tsv", root: ".")
    #expect(manifest.pairs.map(\.source) == ["nl/a b.txt", "nl/a b.txt"])
    #expect(manifest.pairs.map(\.target) == ["en/x.txt", "en/y.txt"])
    #expect(manifest.pairs.map(\.name) == ["a_b", "a_b_y"])
    #expect(manifest.pairs.allSatisfy { $0.sourceFormat == .auto && $0.targetFormat == .auto })
  }
}
