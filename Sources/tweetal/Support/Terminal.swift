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

  /// Writes `text` and a newline to stdout; throws when it cannot all be written (a full disk),
  /// so that a command whose output is lost does not exit 0.
  func print(_ text: String) throws(StandardStream.WriteError) {
    lock.lock()
    defer { lock.unlock() }
    clearProgress()
    try StandardStream.write(Array((text + "\n").utf8), to: STDOUT_FILENO)
  }

  /// Writes raw bytes to stdout (a TMX for `-o -`); throws when they cannot all be written (a
  /// full disk, a closed pipe) instead of crashing or reporting success.
  func write(_ bytes: [UInt8]) throws(StandardStream.WriteError) {
    lock.lock()
    defer { lock.unlock() }
    try StandardStream.write(bytes, to: STDOUT_FILENO)
  }

  /// Writes one piece of a longer output (a TMX written unit by unit) to stdout.
  func write(_ bytes: UnsafeRawBufferPointer) throws(StandardStream.WriteError) {
    lock.lock()
    defer { lock.unlock() }
    try StandardStream.write(bytes, to: STDOUT_FILENO)
  }

  /// Writes a line to stderr.
  func note(_ text: String) {
    locked {
      clearProgress()
      try? StandardStream.write(Array((text + "\n").utf8), to: STDERR_FILENO)
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
        try? StandardStream.write(Array(("\r\u{1B}[K" + text).utf8), to: STDERR_FILENO)
        progressShown = true
      } else if persistent {
        try? StandardStream.write(Array((text + "\n").utf8), to: STDERR_FILENO)
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
    try? StandardStream.write(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO)
    progressShown = false
  }

  private func locked(_ body: () -> Void) {
    lock.lock()
    defer { lock.unlock() }
    body()
  }
}

/// Writes to a standard stream with `write(2)`, all of it or an error: Foundation's
/// `FileHandle.write` traps when the disk is full.
enum StandardStream {
  /// Why output could not be written, with what to do.
  struct WriteError: Error, CustomStringConvertible {
    let descriptor: Int32
    let reason: String
    var description: String {
      let stream = descriptor == STDOUT_FILENO ? "standard output" : "file descriptor \(descriptor)"
      return "cannot write to \(stream) (\(reason)); check the disk or redirect the output"
    }
  }

  static func write(_ bytes: [UInt8], to descriptor: Int32) throws(WriteError) {
    try bytes.withUnsafeBytes { buffer in
      Result { () throws(WriteError) in try write(buffer, to: descriptor) }
    }
    .get()
  }

  static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(WriteError) {
    var written = 0
    while written < bytes.count {
      let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
      if result < 0 {
        if errno == EINTR { continue }
        throw WriteError(descriptor: descriptor, reason: String(cString: strerror(errno)))
      }
      written += result
    }
  }
}

/// `write(2)`, named apart from the `write` functions of the types above.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
