import Foundation
import TestSupport
import Testing
import TweetalKit

@testable import Aligner

private let hasGermanFrench = FileManager.default.fileExists(
  atPath: "/usr/share/dictd/freedict-deu-fra.index")

@Suite(
  "The lexicon weight (experimental) weighs lexicon anchors only",
  .enabled(if: Shared.has(Shared.textBerg + "/dev.defr"), Shared.reason(Shared.textBerg)),
  .enabled(if: hasGermanFrench, "dict-freedict-deu-fra is not installed in /usr/share/dictd"))
struct LexiconWeightTests {
  /// The opening of Text+Berg dev, German and French (gold: the first 14 German sentences are the
  /// first 16 French ones), with FreeDict's translations as anchors when `lexicon` is given.
  static func opening(lexicon: (any Lexicon)?) throws -> (
    source: [AlignerSentence], target: [AlignerSentence]
  ) {
    func sentences(_ name: String, language: String, count: Int) throws -> [AlignerSentence] {
      let text = try String(
        contentsOfFile: Shared.path(Shared.textBerg + "/" + name), encoding: .utf8)
      let extractor = AnchorExtractor(language: language, lexicon: lexicon)
      return text.split(separator: "\n").prefix(count).map { line in
        let sentence = line.trimmingCharacters(in: .whitespaces)
        return AlignerSentence(length: sentence.count, anchors: extractor.anchors(for: sentence))
      }
    }
    return (
      try sentences("dev.de", language: "de", count: 14), try sentences("dev.fr", language: "fr", count: 16)
    )
  }

  /// The sentences with only the anchors `keep` accepts.
  static func keeping(_ sentences: [AlignerSentence], _ keep: (UInt64) -> Bool) -> [AlignerSentence] {
    sentences.map { AlignerSentence(length: $0.length, anchors: $0.anchors.filter(keep)) }
  }

  static func evidence(
    _ source: [AlignerSentence], _ target: [AlignerSentence], lexiconWeight: Double?
  ) -> (evidence: AnchorEvidence, source: Units, target: Units) {
    let (source, target) = Units.pair(source, target, useAnchors: true)
    let evidence = AnchorEvidence(
      source: source, target: target, match: 0.32, weight: 0.5, lexiconWeight: lexiconWeight)
    return (evidence, source, target)
  }

  @Test(
    "unset or at the anchor weight nothing changes; at 1 the lexicon anchors weigh as at anchor weight 1, the others as before"
  )
  func lexiconEvidenceOnly() throws {
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "de", targetLanguage: "fr"))
    let (german, french) = try Self.opening(lexicon: lexicon)
    let isLexicon = { (id: UInt64) in AnchorKind(id: id) == .lexicon }
    let unset = Self.evidence(german, french, lexiconWeight: nil)
    let same = Self.evidence(german, french, lexiconWeight: 0.5)
    let heavier = Self.evidence(german, french, lexiconWeight: 1)
    let others = Self.evidence(
      Self.keeping(german) { !isLexicon($0) }, Self.keeping(french) { !isLexicon($0) }, lexiconWeight: nil)
    let alone = Units.pair(Self.keeping(german, isLexicon), Self.keeping(french, isLexicon), useAnchors: true)
    let lexiconAtOne = AnchorEvidence(
      source: alone.source, target: alone.target, match: 0.32, weight: 1)
    var changed = 0
    var sharedBoth = 0
    for s in german.indices {
      for t in french.indices {
        let base = unset.evidence.shared(s, unset.source, t, unset.target)
        let atHalf = same.evidence.shared(s, same.source, t, same.target)
        #expect(base.count == atHalf.count && base.gain.bitPattern == atHalf.gain.bitPattern)
        let weighed = heavier.evidence.shared(s, heavier.source, t, heavier.target)
        let rest = others.evidence.shared(s, others.source, t, others.target)
        let lexical = lexiconAtOne.shared(s, alone.source, t, alone.target)
        #expect(weighed.count == base.count)
        #expect(abs(weighed.gain - (rest.gain + lexical.gain)) < 1e-9, "\(s)-\(t)")
        if weighed.gain != base.gain { changed += 1 }
        if rest.count > 0 && lexical.count > 0 { sharedBoth += 1 }
      }
    }
    // The opening's pairs share lexicon anchors, and some share both kinds: the test weighs something.
    #expect(changed > 0)
    #expect(sharedBoth > 0)
    for unit in german.indices {
      func miss(_ prefix: [Double]) -> Double { prefix[unit + 1] - prefix[unit] }
      #expect(
        miss(same.evidence.sourceMissPrefix).bitPattern == miss(unset.evidence.sourceMissPrefix).bitPattern)
      #expect(
        abs(
          miss(heavier.evidence.sourceMissPrefix)
            - (miss(others.evidence.sourceMissPrefix) + miss(lexiconAtOne.sourceMissPrefix))) < 1e-9)
    }
  }

  @Test("the aligner's beads: the same at the anchor weight, and without a lexicon at any lexicon weight")
  func alignerBeads() throws {
    let lexicon = try #require(try FreeDictLexicon.installed(sourceLanguage: "de", targetLanguage: "fr"))
    func beads(_ sentences: (source: [AlignerSentence], target: [AlignerSentence]), _ weight: Double?)
      -> [Bead]
    {
      var options = AlignerOptions()
      options.lexiconWeight = weight
      return Aligner(options: options).align(source: sentences.source, target: sentences.target).beads
    }
    let withLexicon = try Self.opening(lexicon: lexicon)
    #expect(beads(withLexicon, 0.5) == beads(withLexicon, nil))
    let plain = try Self.opening(lexicon: nil)
    #expect(beads(plain, 1.5) == beads(plain, nil))
  }
}
