import Foundation
import TestSupport
import Testing

/// Runs the built `tweetal` binary the way a user types it.
enum CLI {
  /// The repository root.
  static var root: String { Repository.root }

  struct Result {
    var status: Int32
    var stdout: Data
    var stderr: String
    var output: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs `tweetal arguments…` in `directory` (the repository root by default) with `NO_COLOR=1`.
  static func run(
    _ arguments: [String], stdin: Data? = nil, directory: String? = nil, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Result {
    guard let binary = Repository.binary else {
      Issue.record(
        "The tweetal binary was not found beside the test bundle or in .build/debug; run `swift build` first.",
        sourceLocation: sourceLocation)
      throw CancellationError()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let scratch = try TemporaryFolder()
    let outPath = scratch.path + "/stdout"
    let errPath = scratch.path + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    if let stdin {
      let inPath = scratch.path + "/stdin"
      _ = FileManager.default.createFile(atPath: inPath, contents: stdin)
      process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdout = try Data(contentsOf: URL(fileURLWithPath: outPath))
    let stderr = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
    return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }

  /// The corpus pairs as listed in corpus/pairs.tsv: (Dutch path, English path, name).
  static func corpusPairs() throws -> [(String, String, String)] {
    let text = try String(contentsOfFile: root + "/corpus/pairs.tsv", encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let fields = line.split(separator: "\t").map(String.init)
      return (fields[0], fields[1], fields[2])
    }
  }
}

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "tweetal-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
