import Aligner
import ArgumentParser
import Foundation
import TweetalKit

/// `TweetalBench anchors`: the CPU time of anchor extraction alone, on presegmented files (one
/// sentence a line), as `tweetal align` extracts them: one extractor a side, the installed FreeDict
/// lexicon of the pair (if any), a fresh word cache for each timed pass.
struct AnchorBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "anchors",
    abstract: "Anchor extraction CPU time on presegmented source and target files.",
    discussion: """
      Prints the process CPU time of each pass (the best is the figure) and a checksum of every
      sentence's anchor IDs, so that two builds can be compared for identical anchors.
      """)

  @Option(help: "The source language.")
  var sourceLang = "de"

  @Option(help: "The target language.")
  var targetLang = "fr"

  @Option(help: "Timed passes (the best is reported).")
  var repetitions = 5

  @Argument(help: "The source file, one sentence a line.")
  var source: String

  @Argument(help: "The target file, one sentence a line.")
  var target: String

  func run() throws {
    let lexicon = try FreeDictLexicon.installed(
      sourceLanguage: sourceLang, targetLanguage: targetLang,
      cache: LexiconCache.standard(environment: ProcessInfo.processInfo.environment))
    let sides = [(try lines(source), sourceLang), (try lines(target), targetLang)]
    var best = Double.infinity
    var checksum: UInt64 = 0
    var count = 0
    for _ in 0..<repetitions {
      let start = SegmenterBenchmark.cpuSeconds()
      checksum = 0xCBF2_9CE4_8422_2325
      count = 0
      for (sentences, language) in sides {
        let extractor = AnchorExtractor(language: language, lexicon: lexicon)
        for sentence in sentences {
          for id in extractor.anchors(for: sentence) { checksum = (checksum ^ id) &* 0x0000_0100_0000_01B3 }
          checksum = (checksum ^ 0xFF) &* 0x0000_0100_0000_01B3
          count += 1
        }
      }
      best = min(best, SegmenterBenchmark.cpuSeconds() - start)
    }
    print(
      String(
        format: "%d sentences: best of %d passes %.4f s CPU; anchors checksum %016llx", count,
        repetitions, best, checksum))
  }

  private func lines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").map(String.init)
  }
}
