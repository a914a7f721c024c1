import ArgumentParser

struct SegmenterBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segmenter", abstract: "Segmenter throughput (placeholder).")
}
