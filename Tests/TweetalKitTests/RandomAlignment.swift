import Aligner
import Segmenter
import TestSupport

@testable import TweetalKit

/// Random aligned documents with awkward text: accents, combining marks, emoji, XML specials,
/// inner double spaces, one-character sentences; and every bead shape and review status.
enum RandomAlignment {
  static let pieces = [
    "De", "minister", "vluchtelingen", "EU-lidstaten", "t.a.v.", "café", "e\u{301}", "naïef", "€ 12,50",
    "<b>", "&amp;", "\"quoted\"", "'", "Ω", "👩‍👩‍👧", "日本", "The", "report", "GCM", "IMRF", "(2022)", "a  b",
    "x", "…", "—", "ß", "ﬁ", "\t", "1.", "?", "!", ">", "]]>",
  ]

  static func sentence(_ generator: inout SeededGenerator) -> Sentence {
    let words = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
      pieces.randomElement(using: &generator) ?? "x"
    }
    var text = words.joined(separator: " ")
    // A TMX seg never starts or ends with whitespace: the segmenter trims its units.
    text = text.trimmingWhitespace
    if text.isEmpty { text = "x" }
    let kind = UnitKind.allCases.randomElement(using: &generator) ?? .sentence
    return Sentence(text: text, kind: kind, block: Int.random(in: 0...40, using: &generator))
  }

  static func document(seed: UInt64, maxSentences: Int = 60) -> AlignedDocument {
    var generator = SeededGenerator(seed: seed)
    let source = (0..<Int.random(in: 0...maxSentences, using: &generator)).map { _ in sentence(&generator) }
    let target = (0..<Int.random(in: 0...maxSentences, using: &generator)).map { _ in sentence(&generator) }
    let shapes = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]
    var beads: [AlignmentBead] = []
    var nextSource = 0
    var nextTarget = 0
    while nextSource < source.count || nextTarget < target.count {
      var (sourceCount, targetCount) = shapes.randomElement(using: &generator) ?? (1, 1)
      sourceCount = min(sourceCount, source.count - nextSource)
      targetCount = min(targetCount, target.count - nextTarget)
      if sourceCount == 0 && targetCount == 0 { continue }
      let status = BeadStatus.allCases.randomElement(using: &generator) ?? .auto
      let touched = status != .auto
      let raw = Double.random(in: 0...1, using: &generator)
      beads.append(
        AlignmentBead(
          source: nextSource..<nextSource + sourceCount, target: nextTarget..<nextTarget + targetCount,
          cost: Double.random(in: 0...40, using: &generator), confidence: raw, status: status,
          id: beads.count * 3 + 1, changeDate: touched ? "20261124T0415\(beads.count % 6)0Z" : nil,
          changeUser: touched ? ["reviewer 1", "anna", "r\u{E9}viewer %2F 100%"][beads.count % 3] : nil,
          creationDate: Bool.random(using: &generator) ? "20261124T050000Z" : nil))
      nextSource += sourceCount
      nextTarget += targetCount
    }
    var metadata = AlignmentMetadata(
      sourceLanguage: "nl-NL", targetLanguage: "en-GB", sourceFile: "corpus/nl/ä \(seed).txt",
      targetFile: "corpus/en/b&<\(seed)>.txt", sourceChecksum: String(repeating: "a", count: 64),
      targetChecksum: String(repeating: "0", count: 64), creationDate: "20261124T040000Z",
      parameters: AlignmentParameters(
        ratio: Double.random(in: 0.8...1.3, using: &generator),
        variance: Double.random(in: 2...9, using: &generator),
        anchorMatch: Double.random(in: 0...1, using: &generator),
        anchorChance: Double.random(in: 0...0.2, using: &generator)),
      parallelism: Bool.random(using: &generator) ? Double.random(in: 0...1, using: &generator) : nil)
    if Bool.random(using: &generator) { metadata.options = ["presegmented": "true", "lexicon": "a=b"] }
    return AlignmentStore.canonical(
      AlignedDocument(metadata: metadata, source: source, target: target, beads: beads))
  }
}
