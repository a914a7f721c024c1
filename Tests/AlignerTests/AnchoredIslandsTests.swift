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
}
