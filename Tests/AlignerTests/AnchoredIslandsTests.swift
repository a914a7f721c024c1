import TestSupport
import Testing

@testable import Aligner

/// The lattice unlinks a run of links none of which shares an anchor
/// (``AlignerOptions/latticeAnchoredIslands``, `docs/aligner.md`, "Session 24").
@Suite(
  "The lattice's runs of links without a shared anchor are unlinked",
  .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
struct AnchoredIslandsTests {
  /// Text+Berg chunks of 70 gold beads in which every other run of 4 beads has lost its French and
  /// got 4 beads' French of the chunk halfway round instead (as `TweetalBench partial` builds them,
  /// with a fixed pattern instead of a seeded one), with their gold links.
  static func partlyParallelChunks() throws -> [(
    source: [AlignerSentence], target: [AlignerSentence], goldLinks: Set<[[Int]]>
  )] {
    let german = try TextBerg.sentences("dev.de", language: "de")
    let french = try TextBerg.sentences("dev.fr", language: "fr")
    let gold = try TextBerg.gold().filter { !$0.0.isEmpty || !$0.1.isEmpty }
    let chunks = stride(from: 0, to: gold.count - 35, by: 70).map {
      Array(gold[$0..<min(gold.count, $0 + 70)])
    }
    return chunks.indices.map { index in
      let foreign = chunks[(index + chunks.count / 2) % chunks.count]
      var source: [AlignerSentence] = []
      var target: [AlignerSentence] = []
      var goldLinks: Set<[[Int]]> = []
      for (passage, start) in stride(from: 0, to: chunks[index].count, by: 4).enumerated() {
        let beads = chunks[index][start..<min(chunks[index].count, start + 4)]
        if passage % 2 == 1 {
          source += beads.flatMap { $0.0.map { german[$0] } }
          let other = foreign[(start % foreign.count)..<min(foreign.count, start % foreign.count + 4)]
          target += other.flatMap { $0.1.map { french[$0] } }
          continue
        }
        for bead in beads {
          let sourceIndices = bead.0.indices.map { source.count + $0 }
          let targetIndices = bead.1.indices.map { target.count + $0 }
          if !bead.0.isEmpty && !bead.1.isEmpty { goldLinks.insert([sourceIndices, targetIndices]) }
          source += bead.0.map { german[$0] }
          target += bead.1.map { french[$0] }
        }
      }
      return (source, target, goldLinks)
    }
  }

  @Test("on partly parallel Text+Berg chunks the links it removes are all wrong, and every right link stays")
  func removesOnlyWrongLinks() throws {
    var before = AlignerOptions()
    before.latticeAnchoredIslands = false
    var removed = 0
    for (index, chunk) in try Self.partlyParallelChunks().enumerated() {
      let links = { (options: AlignerOptions) in
        Set(
          Aligner(options: options).align(source: chunk.source, target: chunk.target).beads
            .filter { !$0.source.isEmpty && !$0.target.isEmpty }.map { [Array($0.source), Array($0.target)] })
      }
      let kept = links(AlignerOptions())
      let all = links(before)
      // Only links go (the lattice's path is the same), none of them right.
      #expect(kept.isSubset(of: all), "chunk \(index)")
      let gone = all.subtracting(kept)
      #expect(gone.isDisjoint(with: chunk.goldLinks), "chunk \(index): right links removed")
      removed += gone.count
    }
    // Lengths alone link some replaced passages to the foreign French placed beside them.
    #expect(removed > 0)
  }

  @Test(
    "the sentences of an unlinked island carry the lattice's unlinked probability updated by the run's likelihood ratio, between it and 1"
  )
  func islandSentencesCarryTheRunEvidence() throws {
    var noRule = AlignerOptions()
    noRule.latticeAnchoredIslands = false
    var latticeProbability = AlignerOptions()
    latticeProbability.latticeIslandsRunEvidence = false
    var islandSentences = 0
    var raised = (lattice: 0.0, updated: 0.0)
    for (index, chunk) in try Self.partlyParallelChunks().enumerated() {
      let align = { (options: AlignerOptions) in
        Aligner(options: options).align(source: chunk.source, target: chunk.target).beads
      }
      let all = align(noRule)
      let before = align(latticeProbability)
      let after = align(AlignerOptions())
      // The same path and beads; only the confidences of the islands' sentences may differ.
      #expect(
        before.map { [$0.source, $0.target] } == after.map { [$0.source, $0.target] }, "chunk \(index)")
      let keptLinks = Set(
        after.filter { !$0.source.isEmpty && !$0.target.isEmpty }.map { [$0.source, $0.target] })
      func unlinked(_ beads: [Bead]) -> (source: [Int: Double], target: [Int: Double]) {
        var sides = (source: [Int: Double](), target: [Int: Double]())
        for bead in beads where bead.source.isEmpty != bead.target.isEmpty {
          for unit in bead.source { sides.source[unit] = bead.confidence }
          for unit in bead.target { sides.target[unit] = bead.confidence }
        }
        return sides
      }
      let (lattice, updated) = (unlinked(before), unlinked(after))
      // Islands: maximal runs of links without the rule that the rule unlinked, adjacent on the path.
      var islands: [[Bead]] = []
      var previousRemoved = false
      for bead in all {
        let removed =
          !bead.source.isEmpty && !bead.target.isEmpty && !keptLinks.contains([bead.source, bead.target])
        if removed { previousRemoved ? islands[islands.count - 1].append(bead) : islands.append([bead]) }
        previousRemoved = removed
      }
      var changed: (source: Set<Int>, target: Set<Int>) = ([], [])
      for island in islands {
        for link in island {
          let sentences =
            link.source.map { (lattice.source[$0], updated.source[$0]) }
            + link.target.map { (lattice.target[$0], updated.target[$0]) }
          for (own, new) in sentences {
            guard let own, let new else {
              Issue.record("chunk \(index): an island's sentence is not an unlinked bead")
              continue
            }
            let expected = Aligner.anchorlessRunUnlinked(own, links: island.count)
            #expect(abs(new - expected) < 1e-12, "chunk \(index)")
            #expect(own <= new && new <= 1, "chunk \(index)")
            raised.lattice += own
            raised.updated += new
            islandSentences += 1
          }
          changed.source.formUnion(link.source)
          changed.target.formUnion(link.target)
        }
      }
      // Every other bead keeps its confidence.
      for (old, new) in zip(before, after)
      where !old.source.contains(where: changed.source.contains)
        && !old.target.contains(where: changed.target.contains)
      {
        #expect(old.confidence == new.confidence, "chunk \(index)")
      }
    }
    // Lengths alone link some replaced passages to the foreign French beside them, and the run's
    // evidence makes their sentences surer to be unlinked than the lattice was.
    #expect(islandSentences > 0)
    #expect(raised.updated > raised.lattice)
  }
}
