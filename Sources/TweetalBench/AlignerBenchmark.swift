import ArgumentParser

struct AlignerBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aligner", abstract: "Aligner accuracy, time and memory (placeholder).")
}
