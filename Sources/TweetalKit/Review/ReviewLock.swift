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

  /// Takes the lock for `file` (the TMX path), or throws if another process holds it. `holder`
  /// (e.g. `tweetal serve at http://127.0.0.1:8080/`) is written into the lock file, so that a
  /// process refused meanwhile can say who holds the file.
  public init(file: String, holder: String? = nil) throws(FileSystemError) {
    path = file + ".lock"
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw .failed(path, "opening the lock file") }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        let owner = Self.holder(descriptor)
        close(descriptor)
        let who = [owner.pid.map { "pid \($0)" }, owner.name].compactMap { $0 }.joined(separator: ", ")
        let end =
          owner.name == nil
          ? "wait until that review ends, then try again"
          : "stop that server (or review in the browser), then try again"
        throw FileSystemError(
          path: file,
          message: "is being edited by another tweetal process\(who.isEmpty ? "" : " (\(who))"); \(end)")
      }
      // The holder may have removed the lock file between our open and flock: retry on the new one.
      var opened = stat()
      var current = stat()
      if fstat(descriptor, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
        opened.st_dev == current.st_dev
      {
        self.descriptor = descriptor
        describe(holder)
        return
      }
      close(descriptor)
    }
  }

  /// Writes who holds the lock into the lock file: the pid and, after a space, `holder` (e.g. once
  /// a server knows its URL).
  public func describe(_ holder: String?) {
    guard descriptor >= 0 else { return }
    let name = holder.map { " " + $0.filter { $0 != "\n" && $0 != "\r" } } ?? ""
    let text = Array("\(getpid())\(name)\n".utf8)
    ftruncate(descriptor, 0)
    _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Gives the lock up and removes the lock file.
  public func release() {
    guard descriptor >= 0 else { return }
    unlink(path)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  /// The holder's pid and, after a space, its description (`tweetal serve at URL`), as the
  /// holder wrote them on the lock file's first line.
  private static func holder(_ descriptor: Int32) -> (pid: Int?, name: String?) {
    var buffer = [UInt8](repeating: 0, count: 512)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return (nil, nil) }
    let line = buffer[0..<count].prefix { $0 != 0x0A }
    let digits = line.prefix { $0 >= 0x30 && $0 <= 0x39 }
    let rest = String(decoding: line.dropFirst(digits.count), as: UTF8.self).trimmingPrefix(" ")
    return (Int(String(decoding: digits, as: UTF8.self)), rest.isEmpty ? nil : String(rest))
  }
}
