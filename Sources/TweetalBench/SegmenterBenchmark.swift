import ArgumentParser
import Foundation
import Segmenter

/// `TweetalBench segmenter`: end-to-end throughput (decode + normalise + split) on
/// corpus-like text at 1x, 10x and 100x sizes, to show the cost is linear.
struct SegmenterBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segmenter",
    abstract: "Segmenter throughput in MB/s (decode + normalise + split), 1x/10x/100x input.",
    discussion: """
      Repeats the five corpus documents (each with its own language) until the base input is
      about --base-kilobytes, then times 1x, 10x and 100x that input. Build with -c release.
      """)

  @Option(help: "The corpus folder (with nl/ and en/).")
  var corpus: String = "corpus"

  @Option(help: "Size of the 1x input in kilobytes.")
  var baseKilobytes: Int = 64

  @Option(help: "Timed repetitions per size (the best is reported).")
  var repetitions: Int = 3

  /// CPU time used by this process so far, in seconds.
  static func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  func run() throws {
    var documents: [(bytes: [UInt8], language: SegmenterLanguage)] = []
    for folder in ["nl", "en"] {
      let path = corpus + "/" + folder
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for name in names.sorted() where name.hasSuffix(".txt") {
        guard let data = FileManager.default.contents(atPath: path + "/" + name) else { continue }
        documents.append(([UInt8](data), folder == "nl" ? .dutch : .english))
      }
    }
    guard !documents.isEmpty else {
      throw ValidationError("no .txt documents under \(corpus)/nl or \(corpus)/en; pass --corpus")
    }
    print("Wall-clock and process CPU time; the machine is shared, so CPU time is the fairer measure.")
    print("size      bytes        units     wall s    wall MB/s   cpu s     cpu MB/s")
    for factor in [1, 10, 100] {
      let target = baseKilobytes * 1024 * factor
      var inputs: [(bytes: [UInt8], language: SegmenterLanguage)] = []
      var total = 0
      while total < target {
        for document in documents {
          inputs.append(document)
          total += document.bytes.count
        }
      }
      var best = Double.infinity
      var bestCPU = Double.infinity
      var units = 0
      for _ in 0..<repetitions {
        let cpuStart = Self.cpuSeconds()
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure {
          for input in inputs {
            let text = try TextLoader.decode(input.bytes, file: "bench")
            count += Segmenter(language: input.language).segment(text).count
          }
        }
        units = count
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
        bestCPU = min(bestCPU, Self.cpuSeconds() - cpuStart)
      }
      let megabytes = Double(total) / 1_000_000
      let line =
        "\(factor)x".padding(toLength: 10, withPad: " ", startingAt: 0)
        + String(total).padding(toLength: 13, withPad: " ", startingAt: 0)
        + String(units).padding(toLength: 10, withPad: " ", startingAt: 0)
        + String(format: "%-10.4f%-12.1f%-10.4f%.1f", best, megabytes / best, bestCPU, megabytes / bestCPU)
      print(line)
    }
  }
}
