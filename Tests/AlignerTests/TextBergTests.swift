import Foundation
import TestSupport
import Testing

@testable import Aligner

/// The Text+Berg development set (`../shared/bench/textberg-dev` beside the repository).
enum TextBerg {
  static let folder = URL(fileURLWithPath: Shared.path(Shared.textBerg))
  static var isPresent: Bool { Shared.has(Shared.textBerg + "/dev.defr") }

  static func sentences(_ name: String, language: String) throws -> [AlignerSentence] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let extractor = AnchorExtractor(language: language)
    return text.split(separator: "\n").map { line in
      let sentence = line.trimmingCharacters(in: .whitespaces)
      return AlignerSentence(length: sentence.count, anchors: extractor.anchors(for: sentence))
    }
  }

  /// The first 150 German sentences and their French: a quarter of the cells of the whole pair's
  /// chance samples, which keeps full searches quick in a debug build.
  static func opening() throws -> (source: [AlignerSentence], target: [AlignerSentence]) {
    let source = Array(try sentences("dev.de", language: "de").prefix(150))
    return (source, Array(try sentences("dev.fr", language: "fr").prefix(178)))
  }

  /// Gold beads as (source indices, target indices).
  static func gold() throws -> [([Int], [Int])] {
    let text = try String(contentsOf: folder.appendingPathComponent("dev.defr"), encoding: .utf8)
    return text.split(separator: "\n").map { line in
      let sides = line.split(separator: ":", omittingEmptySubsequences: false).prefix(2).map { side in
        side.dropFirst().dropLast().split(separator: ",").compactMap {
          Int($0.trimmingCharacters(in: .whitespaces))
        }
      }
      return (sides[0], sides[1])
    }
  }
}

@Suite("Text+Berg development set", .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
struct TextBergTests {
  /// Chunks of about 60 German sentences with their French translation, cut at gold bead ends.
  static func chunks() throws -> [(source: [AlignerSentence], target: [AlignerSentence])] {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    var result: [(source: [AlignerSentence], target: [AlignerSentence])] = []
    var (sourceStart, targetStart) = (0, 0)
    var (sourceEnd, targetEnd) = (0, 0)
    for (sides, _) in try zip(TextBerg.gold(), 0...) {
      sourceEnd = max(sourceEnd, (sides.0.max() ?? -1) + 1)
      targetEnd = max(targetEnd, (sides.1.max() ?? -1) + 1)
      if sourceEnd - sourceStart >= 60 {
        result.append((Array(source[sourceStart..<sourceEnd]), Array(target[targetStart..<targetEnd])))
        (sourceStart, targetStart) = (sourceEnd, targetEnd)
      }
    }
    return result
  }

  @Test("parallelism: a chunk with its own translation scores high, with another chunk's low")
  func parallelismSeparates() throws {
    let chunks = try Self.chunks()
    #expect(chunks.count >= 6)
    let aligner = Aligner()
    var owns: [Double] = []
    var foreigns: [Double] = []
    for (index, chunk) in chunks.enumerated() {
      let own = aligner.align(source: chunk.source, target: chunk.target).parallelism
      let other = chunks[(index + chunks.count / 2) % chunks.count].target
      let foreign = aligner.align(source: chunk.source, target: other).parallelism
      // Each chunk separates; some chunks hold untranslated passages, so "own" varies.
      #expect(own >= foreign + 0.25, "chunk \(index): own \(own), another chunk's \(foreign)")
      owns.append(own)
      foreigns.append(foreign)
    }
    #expect(owns.reduce(0, +) / Double(owns.count) >= 0.55)
    #expect(foreigns.reduce(0, +) / Double(foreigns.count) <= 0.15)
  }

  @Test("the chance level searched in a band is the full search's, within a sample's spread")
  func chanceLevelInBandMatchesFullSearch() throws {
    let (source, target) = try TextBerg.opening()
    let aligner = Aligner()
    let parameters = aligner.options.fallbackParameters
    // Twelve starting points steady both levels enough to compare them.
    let band = aligner.chanceParallelism(source: source, target: target, parameters: parameters, samples: 12)
    let full = aligner.chanceParallelism(
      source: source, target: target, parameters: parameters, samples: 12, inBand: false)
    #expect(full > 0.1, "lengths alone link some unrelated sentences: \(full)")
    #expect(abs(band - full) <= 0.05, "band \(band), full \(full)")
  }

  @Test("the chance level reads its samples' anchors back from the units once the sentences let them go")
  func chanceLevelReadsAnchorsFromUnits() throws {
    let (source, target) = try TextBerg.opening()
    let aligner = Aligner()
    let parameters = aligner.options.fallbackParameters
    let units = (source: Units(source, useAnchors: true), target: Units(target, useAnchors: true))
    var bareSource = source
    var bareTarget = target
    Units.dropAnchors(of: &bareSource)
    Units.dropAnchors(of: &bareTarget)
    #expect(bareSource.allSatisfy(\.anchors.isEmpty) && bareTarget.allSatisfy(\.anchors.isEmpty))
    let kept = aligner.chanceParallelism(source: source, target: target, parameters: parameters)
    let readBack = aligner.chanceParallelism(
      source: bareSource, target: bareTarget, parameters: parameters, anchors: units)
    let without = aligner.chanceParallelism(source: bareSource, target: bareTarget, parameters: parameters)
    #expect(readBack == kept)
    // The anchors move this level: reading them back is what keeps it.
    #expect(without != kept, "without anchors \(without), with \(kept)")
  }

  @Test("confidence is useful: beads at ≥ 0.9 are far more often right than the rest")
  func confidenceSeparatesRightFromWrong() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let gold = Set(try TextBerg.gold().map { [$0.0, $0.1] })
    let beads = Aligner().align(source: source, target: target).beads
    func precision(_ beads: [Bead]) -> Double {
      Double(beads.filter { gold.contains([Array($0.source), Array($0.target)]) }.count)
        / Double(max(1, beads.count))
    }
    let sure = beads.filter { $0.confidence >= 0.9 }
    let unsure = beads.filter { $0.confidence < 0.5 }
    #expect(sure.count >= beads.count / 3)
    #expect(precision(sure) >= 0.85)
    #expect(precision(sure) > precision(beads) + 0.05)
    #expect(precision(unsure) < precision(beads))
  }

  @Test("weighing bigger bead types in the posterior makes confident beads ≥ 90 % right")
  func biggerTypesCalibrateConfidence() throws {
    let source = try TextBerg.sentences("dev.de", language: "de")
    let target = try TextBerg.sentences("dev.fr", language: "fr")
    let gold = Set(try TextBerg.gold().map { [$0.0, $0.1] })
    func sure(_ options: AlignerOptions) -> (count: Int, precision: Double) {
      let beads = Aligner(options: options).align(source: source, target: target).beads
        .filter { $0.confidence >= 0.9 }
      let right = beads.filter { gold.contains([Array($0.source), Array($0.target)]) }.count
      return (beads.count, Double(right) / Double(max(1, beads.count)))
    }
    var searchTypesOnly = AlignerOptions()
    searchTypesOnly.confidencePriors = []
    let with = sure(AlignerOptions())
    let without = sure(searchTypesOnly)
    #expect(with.precision >= 0.9)
    #expect(with.precision > without.precision)
    #expect(with.count >= 100)
  }
}
