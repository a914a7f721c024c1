import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the process's standard streams are connected to, decided once at the edge.
enum Terminal {
  /// Whether file descriptor `descriptor` is a terminal.
  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// Colour only on a terminal, never when `NO_COLOR` is set (to anything non-empty) or `TERM=dumb`.
  /// The one place the decision is made (``Console``, `show` and `review` ask here).
  static func usesColour(
    descriptor: Int32 = STDOUT_FILENO, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isTerminal(descriptor)
  }
}

/// Writes to stdout and stderr; all output of the command goes through here.
final class Console: @unchecked Sendable {
  static let shared = Console()

  private let lock = NSLock()
  let errorIsTerminal: Bool
  let errorColour: Bool
  let outputColour: Bool
  private var progressShown = false

  init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    errorIsTerminal = Terminal.isTerminal(STDERR_FILENO) && environment["TERM"] != "dumb"
    errorColour = Terminal.usesColour(descriptor: STDERR_FILENO, environment: environment)
    outputColour = Terminal.usesColour(descriptor: STDOUT_FILENO, environment: environment)
  }

  /// Writes `text` and a newline to stdout.
  func print(_ text: String) {
    locked {
      clearProgress()
      FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
  }

  /// Writes raw bytes to stdout (a TMX for `-o -`).
  func write(_ bytes: [UInt8]) {
    locked { FileHandle.standardOutput.write(Data(bytes)) }
  }

  /// Writes a line to stderr.
  func note(_ text: String) {
    locked {
      clearProgress()
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  }

  /// `warning: …` on stderr, yellow on a colour terminal.
  func warn(_ text: String) {
    note(paint("warning:", code: "33", enabled: errorColour) + " " + text)
  }

  /// `Error: …` on stderr for a failure that does not end the command at once.
  func error(_ text: String) {
    note(paint("Error:", code: "31", enabled: errorColour) + " " + text)
  }

  /// A progress line on stderr: rewritten in place on a terminal, one line per call otherwise
  /// when `persistent` (so logs show each pair once), nothing otherwise.
  func progress(_ text: String, persistent: Bool) {
    locked {
      if errorIsTerminal {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        progressShown = true
      } else if persistent {
        FileHandle.standardError.write(Data((text + "\n").utf8))
      }
    }
  }

  /// Removes a progress line left on the terminal.
  func endProgress() { locked { clearProgress() } }

  /// `text` in bold when stdout takes colour.
  func bold(_ text: String) -> String { paint(text, code: "1", enabled: outputColour) }

  private func paint(_ text: String, code: String, enabled: Bool) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private func clearProgress() {
    guard progressShown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    progressShown = false
  }

  private func locked(_ body: () -> Void) {
    lock.lock()
    defer { lock.unlock() }
    body()
  }
}
