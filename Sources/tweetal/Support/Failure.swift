import ArgumentParser

/// A failure the command reports as `Error: <file>: <problem>` and exit status 1.
struct Failure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }

  /// `file: message`.
  init(file: String, _ message: String) { self.description = "\(file): \(message)" }
}

/// Exit statuses of `tweetal` (sysexits.h where one fits).
enum ExitStatus {
  /// Bad arguments (ArgumentParser's ValidationError uses the same).
  static let usage = ExitCode(64)
  /// A file could not be read, aligned or written.
  static let failure = ExitCode.failure
}
