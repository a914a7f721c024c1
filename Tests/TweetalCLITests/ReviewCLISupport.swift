import Foundation
import TestSupport
import Testing
import TweetalKit

/// Runs the built `tweetal` for the review tests, and makes alignments to review.
enum ReviewCLI {
  static var root: String { Repository.root }

  static let hasTmux = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  struct Result {
    var status: Int32
    var output: String
    var error: String
  }

  /// Runs `tweetal arguments…` in the repository root with `NO_COLOR=1` and no stdin, killing it after
  /// `seconds` (a test never waits on a process without a limit).
  @discardableResult
  static func run(_ arguments: [String], environment: [String: String] = [:], seconds: Double = 300) throws
    -> Result
  {
    let binary = try #require(Repository.binary, "the tweetal binary was not found; run `swift build` first")
    let result = try Bounded.run(
      binary, arguments,
      environment: environment.merging(["NO_COLOR": "1", "USER": "reviewer"]) { mine, _ in mine },
      directory: root, seconds: seconds)
    return Result(status: result.status, output: result.output, error: result.error)
  }

  static func start(_ arguments: [String], environment: [String: String] = [:]) throws
    -> (process: Process, output: Pipe, error: Pipe)
  {
    let binary = try #require(Repository.binary, "the tweetal binary was not found; run `swift build` first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["USER"] = "reviewer"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = Pipe()
    let error = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = error
    try process.run()
    return (process, output, error)
  }

  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "tweetal-review-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The corpus pairs: Dutch path, English path, output name.
  static func corpusPairs() throws -> [(source: String, target: String, name: String)] {
    let text = try String(contentsOfFile: root + "/corpus/pairs.tsv", encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let fields = line.split(separator: "\t").map(String.init)
      return (fields[0], fields[1], fields[2])
    }
  }

  /// Aligns corpus pair `index` with `tweetal align` into `folder` and returns the TMX path.
  static func align(pair index: Int, into folder: String) throws -> String {
    let pair = try corpusPairs()[index]
    let path = folder + "/" + pair.name + ".tmx"
    let result = try run(["align", pair.source, pair.target, "-o", path])
    try #require(result.status == 0, "tweetal align failed: \(result.error)")
    return path
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Every bead of a Tweetal TMX file by `tuid`, byte for byte: a link's `<tu>` element (without the
  /// unlinked beads it carries), an unlinked bead's two props.
  static func units(_ path: String) throws -> [String: String] {
    let text = try #require(String(validating: try bytes(path), as: UTF8.self))
    var result: [String: String] = [:]
    // An unlinked bead: its two props (inside the tu of the next link, or the last one).
    let record =
      #/\s*<prop type="x-tweetal-unlinked">tuid=(\d+) [^<]*</prop>\s*<prop type="x-tweetal-unlinked-text"[^>]*>[^<]*</prop>/#
    for match in text.matches(of: record) {
      result[String(match.output.1)] = String(match.output.0)
    }
    // A link: its tu without the unlinked beads it carries.
    for match in text.replacing(record, with: "").matches(of: #/<tu tuid="([^"]+)"[\s\S]*?</tu>/#) {
      result[String(match.output.1)] = String(match.output.0)
    }
    return result
  }
}
