import Foundation
import TestSupport
import Testing

/// Colour only on a terminal: run tweetal under a pseudo-terminal (`script`) to see what a user sees.
@Suite("tweetal colour: a terminal gets colour, NO_COLOR and TERM=dumb turn it off")
struct TerminalCLITests {
  static let sample = TMXFixtures.omegaT
  static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  /// Runs `tweetal stats SAMPLE` inside `script`, which gives it a terminal as stdout and stderr.
  func underTerminal(_ environment: [String: String]) throws -> String {
    let binary = try #require(Repository.binary, "the tweetal binary was not found; run `swift build` first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", "'\(binary)' stats '\(Self.sample)'", "/dev/null"]
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    env["TERM"] = "xterm"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test("on a terminal the file name is bold", .enabled(if: hasScript, "needs /usr/bin/script (util-linux)"))
  func colourOnTerminal() throws {
    let text = try underTerminal([:])
    #expect(text.contains("\u{1B}[1m"), "\(text)")
    #expect(text.contains("OmegaT"))
  }

  @Test(
    "NO_COLOR or TERM=dumb: no escape codes on a terminal",
    .enabled(if: hasScript, "needs /usr/bin/script (util-linux)"))
  func noColour() throws {
    for environment in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
      let text = try underTerminal(environment)
      #expect(!text.contains("\u{1B}["), "\(environment)")
      #expect(text.contains("OmegaT"))
    }
  }

  @Test("piped output has no escape codes even without NO_COLOR")
  func piped() throws {
    let result = try CLI.run(["stats", Self.sample], environment: ["NO_COLOR": "", "TERM": "xterm"])
    #expect(result.status == 0)
    #expect(!result.output.contains("\u{1B}[") && !result.stderr.contains("\u{1B}["))
  }
}
