import TestSupport
import Testing

@testable import Aligner

@Suite("Units: per-unit numbers kept in 32 bits, read back as they were")
struct UnitsTests {
  @Test(
    "the Text+Berg sentences' lengths, classes, blocks and anchor counts read back exactly, summed in O(1)",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergNumbers() throws {
    var sentences = try TextBerg.sentences("dev.de", language: "de")
    // Headings every 40 sentences, a block every 7: classes and block starts to read back.
    for index in sentences.indices {
      sentences[index].block = index / 7
      sentences[index].unitClass = index % 40 == 0 ? 1 : 0
    }
    let units = Units(sentences, useAnchors: true)
    #expect(units.count == sentences.count)
    var length = 0
    var anchors = 0
    var blocks = 0
    var breaks = 0
    for (index, sentence) in sentences.enumerated() {
      #expect(units.lengths[index] == sentence.length)
      #expect(units.classes[index] == sentence.unitClass)
      #expect(units.anchorIDs(index) == sentence.anchors)
      #expect(units.lengthPrefix[index] == length && units.anchorPrefix[index] == anchors)
      #expect(units.blockPrefix[index] == blocks && units.breakPrefix[index] == breaks)
      length += sentence.length
      anchors += sentence.anchors.count
      if index > 0 && sentence.block != sentences[index - 1].block { blocks += 1 }
      if index > 0 && sentence.unitClass != sentences[index - 1].unitClass { breaks += 1 }
    }
    #expect(units.lengthPrefix[sentences.count] == length && units.anchorPrefix[sentences.count] == anchors)
    #expect(units.lengths.reduce(0, +) == length)
    #expect(anchors > 3 * sentences.count, "the anchors are there to count")
    #expect(units.blockBoundaries(0..<sentences.count) == blocks && blocks == (sentences.count - 1) / 7)
  }

  @Test("classes refined by many block groups pass 2³¹ and still keep groups apart")
  func regroupedClassesPastInt32() {
    let units = Units(
      (0..<6).map { AlignerSentence(length: 30 + $0, unitClass: $0 < 3 ? 0 : 1) }, useAnchors: false)
    // 3 000 groups' worth of class numbers: group × 1 000 003 is past 2³¹ from group 2 148 on.
    let regrouped = units.regrouped([2_999, 2_999, 3_000, 3_000, 3_000, 3_000])
    #expect(regrouped.classes.allSatisfy { $0 > Int(Int32.max) })
    #expect(regrouped.isUniform(0..<2) && regrouped.isUniform(2..<3))
    #expect(!regrouped.isUniform(1..<3), "another group")
    #expect(!regrouped.isUniform(2..<4), "another class in the same group")
    #expect(regrouped.lengths.map { $0 } == (0..<6).map { 30 + $0 })
  }

  @Test("a sentence's numbers read back at the ends of 32 bits")
  func sentenceNumbers() {
    let sentence = AlignerSentence(
      length: Int(Int32.max), block: Int(Int32.max) - 1, unitClass: -1, common: true)
    #expect(sentence.length == 2_147_483_647 && sentence.block == 2_147_483_646 && sentence.unitClass == -1)
    var changed = sentence
    changed.length = 0
    #expect(changed != sentence && changed.length == 0 && changed.block == sentence.block && changed.common)
    #expect(MemoryLayout<AlignerSentence>.stride == 32)
  }

  @Test("the anchors two units share, counted on their ranks, are the total of their IDs' counts by kind")
  func sharedAnchorCount() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let units = Units.pair(letter, review, useAnchors: true)
    var shared = 0
    for s in 0..<units.source.count {
      for t in 0..<units.target.count {
        let count = units.source.sharedAnchorCount(s, units.target, t)
        #expect(count == units.source.sharedAnchors(s, units.target, t).total)
        shared += count
      }
    }
    // Real text: many pairs share anchors.
    #expect(shared > 1_000)
    // IDs without a kind are counted by neither.
    let kindless = Units(lengths: [3, 4], classes: [0, 0], anchors: [[1, 2, 3], [2, 3, 9]])
    #expect(kindless.sharedAnchors(0, kindless, 1).total == 0)
    #expect(kindless.sharedAnchorCount(0, kindless, 1) == 0)
  }

  @Test("units made by taking the sentences' anchors equal those made from a copy")
  func takingAnchors() throws {
    let (letter, review) = try Fixtures.letterAgainstReview()
    let copied = Units.pair(letter, review, useAnchors: true)
    var source = letter
    var target = review
    var freed: [Int] = []
    let (ranks, sides) = AnchorRanks.ranking(taking: &source, &target) { freed.append($0) }
    // Every anchor handed over once: fewer than a batch, so all of them in the last call.
    let anchors = (letter + review).reduce(0) { $0 + $1.anchors.count }
    #expect(anchors > 1_000 && anchors < AnchorRanks.freedBatch)
    #expect(freed == [anchors])
    #expect((source + target).allSatisfy { $0.anchors.isEmpty })
    #expect(ranks.ids == copied.source.ranks.ids)
    #expect(sides[0].flat == copied.source.flatAnchors && sides[1].flat == copied.target.flatAnchors)
    source = letter
    target = review
    let taken = Units.pair(taking: &source, &target, useAnchors: true)
    #expect((source + target).allSatisfy { $0.anchors.isEmpty })
    for (units, expected) in [(taken.source, copied.source), (taken.target, copied.target)] {
      #expect(units.flatAnchors == expected.flatAnchors && units.ranks.ids == expected.ranks.ids)
      #expect((0..<units.count).allSatisfy { units.anchorPrefix[$0] == expected.anchorPrefix[$0] })
      #expect(units.lengthPrefix == expected.lengthPrefix && units.signatures == expected.signatures)
    }
  }
}
