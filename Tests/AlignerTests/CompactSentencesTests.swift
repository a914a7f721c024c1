import Testing

@testable import Aligner

@Suite("The aligner's compact sentences give back what was put in")
struct CompactSentencesTests {
  /// Sentences whose numbers sit at the edges of 32 bits, and both values of `common`.
  static let edges: [AlignerSentence] = [
    AlignerSentence(length: 0),
    AlignerSentence(length: 1, block: 1, unitClass: -1, common: true),
    AlignerSentence(length: Int(Int32.max), block: Int(Int32.max), unitClass: Int(Int32.max)),
    AlignerSentence(length: Int(Int32.min), block: Int(Int32.min), unitClass: Int(Int32.min), common: true),
    AlignerSentence(length: -1, block: -1, unitClass: 1_000_003),
    AlignerSentence(length: 142, block: 7, unitClass: 2),
  ]

  @Test("every sentence read back equals the one put in, at the edges of 32 bits; the array is emptied")
  func roundTrip() {
    var sentences = Self.edges
    var compact = CompactSentences(taking: &sentences)
    #expect(sentences.isEmpty)
    #expect(compact.count == Self.edges.count)
    for index in Self.edges.indices { #expect(compact[index] == Self.edges[index], "sentence \(index)") }
    #expect(Array(compact.reversed()) == Self.edges.reversed())
    #expect(compact.restored() == Self.edges)
    #expect(compact.isEmpty)
  }

  @Test("no sentences: an empty compact form, and empty again")
  func empty() {
    var sentences: [AlignerSentence] = []
    var compact = CompactSentences(taking: &sentences)
    #expect(compact.isEmpty)
    #expect(compact.restored().isEmpty)
  }

  @Test("a sentence with anchors or words is not kept compact, which would lose them")
  func holdsOnlyBareSentences() {
    #expect(CompactSentences.holds(Self.edges))
    #expect(CompactSentences.holds([]))
    #expect(!CompactSentences.holds(Self.edges + [AlignerSentence(length: 5, anchors: [42])]))
    #expect(!CompactSentences.holds([AlignerSentence(length: 5, words: [ContentWord(id: 7)])] + Self.edges))
  }

  @Test("the chance level of compact sentences is that of the arrays they came from")
  func chanceLevel() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    let units = Units.pair(source, target, useAnchors: true)
    var bareSource = source
    var bareTarget = target
    Units.dropAnchors(of: &bareSource)
    Units.dropAnchors(of: &bareTarget)
    let aligner = Aligner()
    let parameters = aligner.options.fallbackParameters
    let fromArrays = aligner.chanceParallelism(
      source: bareSource, target: bareTarget, parameters: parameters, anchors: units)
    var sourceCopy = bareSource
    var targetCopy = bareTarget
    let compactSource = CompactSentences(taking: &sourceCopy)
    let compactTarget = CompactSentences(taking: &targetCopy)
    let fromCompact = aligner.chanceParallelism(
      source: compactSource, target: compactTarget, parameters: parameters, anchors: units)
    #expect(fromArrays > 0)
    #expect(fromCompact == fromArrays)
  }
}
