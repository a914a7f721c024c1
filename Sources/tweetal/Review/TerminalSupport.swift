import ArgumentParser
import TweetalKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Terminal facts decided once, at the edge.
enum TerminalSupport {
  static let standardError: Int32 = 2

  /// The width of the terminal on `descriptor`, or nil when it is not a terminal.
  static func size(of descriptor: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
    guard isatty(descriptor) == 1 else { return nil }
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }

  /// The login name: `$USER`, else `getlogin()`, else `unknown`.
  static func userName() -> String {
    if let user = getenv("USER"), user.pointee != 0 { return String(cString: user) }
    if let login = getlogin() { return String(cString: login) }
    return "unknown"
  }

  /// Writes `text` to stdout unbuffered, as far as it can be written (screens and short notes;
  /// output that must not be lost goes through ``StandardStream/write(_:to:)`` and its error).
  static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
    try? StandardStream.write(Array(text.utf8), to: descriptor)
  }
}

/// Failures reported the CLI way: `Error: <file>: <problem>` on stderr, then exit 1 (or 64 for a
/// request that makes no sense).
enum CommandFailure {
  static func exit(file: String, _ error: any Error) -> ExitCode {
    let text = "\(error)"
    TerminalSupport.write(
      "Error: " + (text.hasPrefix(file) ? text : "\(file): \(text)") + "\n", to: STDERR_FILENO)
    if let editError = error as? EditError {
      switch editError {
      case .historyMismatch: return .failure
      default: return ExitCode(64)
      }
    }
    return .failure
  }
}
