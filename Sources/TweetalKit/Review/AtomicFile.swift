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

  static func errno(_ path: String, _ action: String) -> FileSystemError {
    FileSystemError(path: path, message: "\(action) failed: \(String(cString: strerror(Glibc.errno)))")
  }
}

/// Whole-file reads and crash-safe writes.
public enum AtomicFile {
  /// Writes `bytes` to `path` so that a crash at any moment leaves either the old file or the new
  /// one: a temporary file beside it is written, synced, and renamed over `path`; then the folder
  /// is synced. A new file gets mode 0644; an existing file keeps its mode.
  public static func write(_ bytes: [UInt8], toPath path: String) throws(FileSystemError) {
    let folder = folderOf(path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let temporary = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    var mode: mode_t = 0o644
    var info = stat()
    if stat(path, &info) == 0 {
      // A device or pipe is written in place: a rename would replace it with a regular file.
      if info.st_mode & S_IFMT != S_IFREG { return try writeInPlace(bytes, toPath: path) }
      mode = info.st_mode & 0o7777
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw .errno(temporary, "creating a temporary file") }
    var failure: FileSystemError?
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = .errno(temporary, "writing")
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = .errno(temporary, "syncing") }
    close(descriptor)
    if failure == nil, rename(temporary, path) != 0 { failure = .errno(path, "renaming the temporary file") }
    if let failure {
      unlink(temporary)
      throw failure
    }
    let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  private static func writeInPlace(_ bytes: [UInt8], toPath path: String) throws(FileSystemError) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .errno(path, "opening") }
    defer { close(descriptor) }
    var failed = false
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count, let base = buffer.baseAddress {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        offset += written
      }
    }
    if failed { throw .errno(path, "writing") }
  }

  /// The whole file, or nil when it does not exist.
  public static func read(path: String) throws(FileSystemError) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw .errno(path, "opening")
    }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .errno(path, "reading")
      }
      if count == 0 { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }

  static func folderOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
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
