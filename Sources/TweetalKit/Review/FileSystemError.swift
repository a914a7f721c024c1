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

/// A 64-bit FNV-1a checksum of bytes with their count, as 24 hex digits: enough to tell whether
/// the undo history still describes the TMX on disk.
public func reviewChecksum(_ bytes: [UInt8]) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01b3
  }
  let hex = String(hash, radix: 16)
  let count = String(bytes.count, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex + "-" + count
}
