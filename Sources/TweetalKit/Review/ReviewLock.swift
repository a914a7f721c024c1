#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive claim on an alignment file, so that two reviewers (or a reviewer and a script)
/// never clobber each other's edits. Held through `flock` on `FILE.lock`, which the system drops
/// when the holder exits or is killed, so a crash never leaves a stale lock behind.
public final class ReviewLock {
  public let path: String
  private var descriptor: Int32

  /// Takes the lock for `file` (the TMX path), or throws if another process holds it.
  public init(file: String) throws(FileSystemError) {
    path = file + ".lock"
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw .failed(path, "opening the lock file") }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        let holder = Self.holder(descriptor)
        close(descriptor)
        throw FileSystemError(
          path: file,
          message: "is being edited by another tweetal process\(holder.map { " (pid \($0))" } ?? ""); "
            + "wait until that review ends, then try again")
      }
      // The holder may have removed the lock file between our open and flock: retry on the new one.
      var opened = stat()
      var current = stat()
      if fstat(descriptor, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
        opened.st_dev == current.st_dev
      {
        ftruncate(descriptor, 0)
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
        return
      }
      close(descriptor)
    }
  }

  /// Gives the lock up and removes the lock file.
  public func release() {
    guard descriptor >= 0 else { return }
    unlink(path)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  private static func holder(_ descriptor: Int32) -> Int? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let digits = buffer[0..<count].prefix { $0 >= 0x30 && $0 <= 0x39 }.map { Character(UnicodeScalar($0)) }
    return Int(String(digits))
  }
}
