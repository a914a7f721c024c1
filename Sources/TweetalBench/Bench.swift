import ArgumentParser

/// Benchmarks, run in release mode: `swift run -c release TweetalBench <benchmark>`.
@main
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "TweetalBench",
    abstract: "Measure Tweetal's speed, memory and accuracy (build with -c release).",
    subcommands: [
      SegmenterBenchmark.self, SegmentProcessBenchmark.self, AlignerBenchmark.self, PartialBenchmark.self,
      NlenBenchmark.self, OfficeProcessBenchmark.self, DocumentsBenchmark.self, AlignProcessBenchmark.self,
      PairBenchmark.self, TMXProcessBenchmark.self, AlignScalingBenchmark.self, AnchorBenchmark.self,
    ]
  )
}
