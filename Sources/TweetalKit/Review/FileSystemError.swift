#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file write or lock failed at the system level.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }

  /// The failure of a system call, with the system's message for `errno`.
  static func failed(_ path: String, _ action: String) -> FileSystemError {
    FileSystemError(path: path, message: "\(action) failed: \(String(cString: strerror(errno)))")
  }
}

/// The SHA-256 of bytes (hex): enough to tell whether the undo history still describes the TMX on
/// disk.
public func reviewChecksum(_ bytes: [UInt8]) -> String {
  Checksum.sha256Hex(of: bytes)
}
