import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system's message for `errno`, e.g. "No such file or directory".
/// Runs `body` for every index below `count` at the same time (one thread per core; each index
/// writes only its own slot) and returns the failure of the lowest index that failed, if any.
/// Files are synced this way: the kernel overlaps their flushes.
func firstFailure<Failure>(
  concurrentlyFor count: Int, _ body: (Int) -> Failure?
) -> (index: Int, error: Failure)? {
  withoutActuallyEscaping(body) { body in
    let slots = ConcurrentSlots(body: body, failures: .allocate(capacity: count))
    slots.failures.initialize(repeating: nil)
    defer { slots.failures.deallocate() }
    DispatchQueue.concurrentPerform(iterations: count) { index in slots.failures[index] = slots.body(index) }
    return slots.failures.enumerated().first { $0.element != nil }.map { ($0.offset, $0.element!) }
  }
}

/// What ``firstFailure(concurrentlyFor:_:)``'s threads share: the work, and a slot per index.
private struct ConcurrentSlots<Failure>: @unchecked Sendable {
  let body: (Int) -> Failure?
  let failures: UnsafeMutableBufferPointer<Failure?>
}

func systemErrorMessage(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "error \(code)" }
  return String(cString: text)
}

/// `read(2)`, named apart from ``SafeFile/read(path:)``.
private func readSomeBytes(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, bytes, count)
}

/// `write(2)`, named apart from ``AtomicFile/write(_:)``.
private func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

/// The project's one file layer: whole-file reads and crash-safe whole-file writes, for TMX files,
/// the files kept beside them (a review's undo history, exports) and every input document. Errors
/// are ``TMXError``s of kind `.io` that name the file and say what is wrong.
public enum SafeFile {
  /// Writes `bytes` to `path` so that a crash at any moment leaves either the old file or the new
  /// one: a temporary file beside it is written, synced and renamed over `path`, then the folder is
  /// synced. An existing file keeps its permissions; a device or FIFO is written in place.
  public static func write(_ bytes: [UInt8], toPath path: String) throws(TMXError) {
    let file = try AtomicFile(path: path)
    var failure: TMXError?
    bytes.withUnsafeBytes { buffer in
      do throws(TMXError) { try file.write(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
    try file.commit()
  }

  /// Writes several files as one step: each temporary file is written, all are synced to disk at
  /// the same time, then they are renamed into place in the order given, and each folder is synced
  /// once. Until the first rename nothing has changed; each file is, at any moment, its old or its
  /// new version. Costs about one file sync and one folder sync instead of one of each per file.
  public static func write(_ files: [(bytes: [UInt8], path: String)]) throws(TMXError) {
    var opened: [AtomicFile] = []
    for file in files {
      let atomic = try AtomicFile(path: file.path)
      opened.append(atomic)
      var failure: TMXError?
      file.bytes.withUnsafeBytes { buffer in
        do throws(TMXError) { try atomic.write(buffer) } catch { failure = error }
      }
      if let failure { throw failure }
    }
    let failure = firstFailure(concurrentlyFor: opened.count) { index in
      do throws(TMXError) { try opened[index].sync() } catch { return error }
      return nil
    }
    if let failure { throw failure.error }
    for atomic in opened { try atomic.moveIntoPlace() }
    var synced: Set<String> = []
    for atomic in opened where !atomic.isSpecialFile && synced.insert(atomic.directory).inserted {
      atomic.syncDirectory()
    }
  }

  /// The whole file, or `nil` when there is no file at `path`.
  public static func read(path: String) throws(TMXError) -> [UInt8]? {
    var info = stat()
    if stat(path, &info) != 0 && errno == ENOENT { return nil }
    return try readWholeFile(atPath: path)
  }

  /// The whole file; a missing file, a folder or an unreadable file is an error that says so.
  public static func load(path: String) throws(TMXError) -> [UInt8] {
    try requireFile(path: path)
    return try readWholeFile(atPath: path)
  }

  /// Throws the error ``load(path:)`` and ``openForReading(path:)`` give for a missing file or a
  /// folder at `path`; anything else (an unreadable file) is left to the read that follows.
  private static func requireFile(path: String) throws(TMXError) {
    var info = stat()
    if stat(path, &info) != 0 && errno == ENOENT {
      throw TMXError(
        kind: .io, message: "no such file; check the path (it is relative to \(currentDirectory()))",
        file: path)
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      throw TMXError(kind: .io, message: "is a folder, not a file", file: path)
    }
  }

  /// At most the first `count` bytes of the file, or `nil` when there is no file at `path`.
  public static func prefix(path: String, count: Int) throws(TMXError) -> [UInt8]? {
    var info = stat()
    if stat(path, &info) != 0 && errno == ENOENT { return nil }
    return try readWholeFile(atPath: path, limit: count)
  }

  /// The file opened for reading, with its size when it is a regular file; a missing file, a
  /// folder or an unreadable file is the error ``load(path:)`` gives. The caller closes it.
  static func openForReading(path: String) throws(TMXError) -> (descriptor: Int32, size: Int?) {
    try requireFile(path: path)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw TMXError(kind: .io, message: "cannot open the file: \(systemErrorMessage(errno))", file: path)
    }
    var opened = stat()
    let size =
      fstat(descriptor, &opened) == 0 && opened.st_mode & S_IFMT == S_IFREG ? Int(opened.st_size) : nil
    return (descriptor, size)
  }

  /// Reads what is there (at most `buffer.count` bytes) from `descriptor`; 0 at the end.
  static func readSome(
    _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, name: String
  ) throws(TMXError) -> Int {
    while true {
      let count = readSomeBytes(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw TMXError(kind: .io, message: "cannot read the file: \(systemErrorMessage(errno))", file: name)
    }
  }

  private static func currentDirectory() -> String {
    guard let path = getcwd(nil, 0) else { return "the current folder" }
    defer { free(path) }
    return String(cString: path)
  }
}

/// Reads a whole file into memory, or its first `limit` bytes.
func readWholeFile(atPath path: String, limit: Int = .max) throws(TMXError) -> [UInt8] {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else {
    throw TMXError(kind: .io, message: "cannot open the file: \(systemErrorMessage(errno))", file: path)
  }
  defer { close(descriptor) }
  var bytes: [UInt8] = []
  // A regular file's size is known: room for all of it at once (one more byte to see the end),
  // rather than growing by doubling, which left up to half the buffer unused for as long as the
  // bytes are kept. The loop still reads to the end, so a file that grows meanwhile is whole.
  var status = stat()
  if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && status.st_size > 0 {
    bytes.reserveCapacity(min(limit, Int(status.st_size) + 1))
  }
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while bytes.count < limit {
    let wanted = min(chunk.count, limit - bytes.count)
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
    if count < 0 {
      if errno == EINTR { continue }
      throw TMXError(kind: .io, message: "cannot read the file: \(systemErrorMessage(errno))", file: path)
    }
    if count == 0 { return bytes }
    bytes.append(contentsOf: chunk[0..<count])
  }
  return bytes
}

/// A file written under a temporary name in the destination's directory, synced, then renamed
/// over the destination; until ``commit()`` the destination is untouched, and a file that is
/// never committed is removed.
final class AtomicFile {
  let path: String
  private let temporaryPath: String
  private var descriptor: Int32
  private var committed = false
  /// The destination is not a regular file and is written directly.
  let isSpecialFile: Bool

  init(path: String) throws(TMXError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else {
      throw TMXError(kind: .io, message: "the path names a directory, not a file", file: path)
    }
    var existing = stat()
    let exists = stat(path, &existing) == 0
    if exists, existing.st_mode & S_IFMT == S_IFDIR {
      throw TMXError(kind: .io, message: "is a folder, not a file; give a file name to write", file: path)
    }
    if exists, existing.st_mode & S_IFMT != S_IFREG {
      // A device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written in place: renaming a
      // temporary file over it would replace the device with a regular file.
      temporaryPath = path
      descriptor = open(path, O_WRONLY | O_CLOEXEC)
      isSpecialFile = true
    } else {
      let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      temporaryPath = "\(directory).\(name).tmp-\(getpid())-\(suffix)"
      descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      isSpecialFile = false
      // A file written again keeps its permissions.
      if exists, descriptor >= 0 { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
    }
    guard descriptor >= 0 else {
      let reason = systemErrorMessage(errno)
      throw TMXError(
        kind: .io, message: "cannot create a temporary file beside it: \(reason)", file: path)
    }
  }

  deinit {
    guard !committed else { return }
    if descriptor >= 0 { close(descriptor) }
    if !isSpecialFile { unlink(temporaryPath) }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws(TMXError) {
    var offset = 0
    while offset < bytes.count {
      let written = writeSome(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw TMXError(kind: .io, message: "cannot write: \(systemErrorMessage(errno))", file: path)
      }
      offset += written
    }
  }

  /// Syncs the data to disk and renames the temporary file over the destination.
  func commit() throws(TMXError) {
    try sync()
    try moveIntoPlace()
    if !isSpecialFile { syncDirectory() }
  }

  /// Syncs the data to disk and closes the file (a device or pipe is only closed).
  func sync() throws(TMXError) {
    if !isSpecialFile {
      guard fsync(descriptor) == 0 else {
        throw TMXError(kind: .io, message: "cannot sync to disk: \(systemErrorMessage(errno))", file: path)
      }
    }
    let closed = close(descriptor)
    descriptor = -1
    if isSpecialFile { committed = true }
    guard closed == 0 else {
      throw TMXError(kind: .io, message: "cannot close: \(systemErrorMessage(errno))", file: path)
    }
  }

  /// Renames the synced temporary file over the destination.
  func moveIntoPlace() throws(TMXError) {
    guard !isSpecialFile else { return }
    guard rename(temporaryPath, path) == 0 else {
      throw TMXError(kind: .io, message: "cannot rename into place: \(systemErrorMessage(errno))", file: path)
    }
    committed = true
  }

  /// The folder the file is in.
  var directory: String { folder(of: path) }

  /// Makes the rename durable (see ``syncFolder(_:)``).
  func syncDirectory() { syncFolder(directory) }
}

/// The folder `path` is in.
private func folder(of path: String) -> String {
  let slash = path.lastIndex(of: "/")
  return slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
}

/// Makes renames in `folder` durable; a folder that cannot be opened or synced is not an error,
/// since the files themselves are complete and in place.
private func syncFolder(_ folder: String) {
  let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { return }
  _ = fsync(descriptor)
  close(descriptor)
}

/// A file written piece by piece and put in place atomically: the bytes go to a temporary file
/// beside `path`, and only ``commit()`` syncs it and renames it over `path`. A writer dropped
/// without `commit()` removes the temporary file and leaves `path` as it was. Memory stays bounded
/// by the buffer: pieces are written through at 64 KiB.
public final class StreamingFile {
  private let file: AtomicFile
  private var buffer: [UInt8] = []

  public var path: String { file.path }

  public init(path: String) throws(TMXError) {
    file = try AtomicFile(path: path)
    buffer.reserveCapacity(1 << 16)
  }

  public func write(_ bytes: some Sequence<UInt8>) throws(TMXError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Writes what is buffered, syncs, and renames the file into place.
  public func commit() throws(TMXError) {
    try flush()
    try file.commit()
  }

  private func flush() throws(TMXError) {
    var failure: TMXError?
    buffer.withUnsafeBytes { raw in
      do throws(TMXError) { try file.write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Files saved again and again while they are open (a file under review in `tweetal serve`),
/// each with a scratch file beside it that stays open: a save overwrites the scratch in place,
/// syncs it, and swaps it with the file in one rename (`renameat2` with `RENAME_EXCHANGE`), so
/// the scratch then holds the previous version and takes the next save. As crash-safe as
/// ``SafeFile/write(_:)-([(bytes:path:)])`` (each file is, at any moment, its old or its new
/// version; the folder is synced once), without creating and freeing a file per save: one
/// operation on the folder instead of two, and blocks overwritten rather than allocated. Where the
/// swap is not possible (no file yet, a file system without it, a scratch replaced by someone
/// else) a save falls back to a temporary file renamed into place. ``close()`` removes the
/// scratch files. Not thread-safe: one owner (a serial queue).
public final class ScratchFiles {
  private struct Scratch {
    let path: String
    let descriptor: Int32
  }
  private var open: [String: Scratch] = [:]

  public init() {}

  deinit { close() }

  /// Where `path`'s scratch file is: beside it, hidden, never a `.tmx`.
  public static func scratchPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return "\(directory).\(name).tweetal-scratch"
  }

  /// Writes `files` as one step, like ``SafeFile/write(_:)-([(bytes:path:)])``: all are written and
  /// synced, then put in place in the order given, then their folders synced.
  public func write(_ files: [(bytes: [UInt8], path: String)]) throws(TMXError) {
    guard Self.exchange != nil, files.allSatisfy({ Self.isRegularFile($0.path) }) else {
      return try SafeFile.write(files)
    }
    var scratches: [Scratch] = []
    for file in files {
      let scratch = try self.scratch(for: file.path)
      scratches.append(scratch)
      try Self.overwrite(scratch.descriptor, with: file.bytes, name: file.path)
    }
    let failure = firstFailure(concurrentlyFor: scratches.count) { index in
      fsync(scratches[index].descriptor) == 0 ? nil : errno
    }
    if let failure {
      throw TMXError(
        kind: .io, message: "cannot sync to disk: \(systemErrorMessage(failure.error))",
        file: files[failure.index].path)
    }
    var folders: [String] = []
    for (file, scratch) in zip(files, scratches) {
      // Where the swap fails, this file goes in the old way (a temporary file renamed), in order.
      if !swap(scratch, into: file.path) { try SafeFile.write([file]) }
      let parent = folder(of: file.path)
      if !folders.contains(parent) { folders.append(parent) }
    }
    folders.forEach(syncFolder)
  }

  /// Closes and removes every scratch file.
  public func close() {
    for scratch in open.values {
      closeDescriptor(scratch.descriptor)
      unlink(scratch.path)
    }
    open = [:]
  }

  /// The open scratch of `path`: the one held, while the scratch file's name still leads to it;
  /// otherwise opened (created, or a stale one left by a crash reused) with the file's permissions.
  private func scratch(for path: String) throws(TMXError) -> Scratch {
    if let scratch = open[path] {
      var held = stat()
      var named = stat()
      if fstat(scratch.descriptor, &held) == 0, lstat(scratch.path, &named) == 0,
        held.st_dev == named.st_dev, held.st_ino == named.st_ino
      {
        return scratch
      }
      // The scratch's name leads elsewhere now (removed or replaced): never written through; a new
      // scratch is made.
      closeDescriptor(scratch.descriptor)
      open[path] = nil
    }
    let scratchPath = Self.scratchPath(for: path)
    var descriptor = openFile(scratchPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if descriptor < 0, errno == EEXIST {
      // A scratch left by a server that was killed (the name is the scratch's): replaced.
      unlink(scratchPath)
      descriptor = openFile(scratchPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    }
    guard descriptor >= 0 else {
      throw TMXError(
        kind: .io, message: "cannot create a scratch file beside it: \(systemErrorMessage(errno))", file: path
      )
    }
    var existing = stat()
    if stat(path, &existing) == 0 { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
    let scratch = Scratch(path: scratchPath, descriptor: descriptor)
    open[path] = scratch
    return scratch
  }

  /// Swaps the synced scratch with `path`; the scratch's name then leads to the previous version,
  /// which is opened as the next save's scratch. `false` (and the scratch given up) when the swap
  /// is not possible.
  private func swap(_ scratch: Scratch, into path: String) -> Bool {
    guard let exchange = Self.exchange, exchange(AT_FDCWD, scratch.path, AT_FDCWD, path, 2) == 0 else {
      closeDescriptor(scratch.descriptor)
      open[path] = nil
      unlink(scratch.path)
      return false
    }
    // The descriptor now holds the file itself: it must never be written again.
    closeDescriptor(scratch.descriptor)
    let next = openFile(scratch.path, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0)
    open[path] = next >= 0 ? Scratch(path: scratch.path, descriptor: next) : nil
    return true
  }

  private static func overwrite(_ descriptor: Int32, with bytes: [UInt8], name: String) throws(TMXError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        pwrite(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset))
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw TMXError(kind: .io, message: "cannot write: \(systemErrorMessage(errno))", file: name)
      }
      offset += written
    }
    guard ftruncate(descriptor, off_t(bytes.count)) == 0 else {
      throw TMXError(kind: .io, message: "cannot write: \(systemErrorMessage(errno))", file: name)
    }
  }

  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// glibc's `renameat2` (not in the Swift overlay), looked up once; `nil` where there is none.
  private static let exchange:
    (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
      guard let symbol = dlsym(nil, "renameat2") else { return nil }
      return unsafeBitCast(
        symbol,
        to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()
}

/// `open(2)` and `close(2)`, named apart from ``ScratchFiles``' members.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }

/// A file written piece by piece that is replaced only when its bytes change. The pieces are
/// compared with the file's current bytes as they come; nothing is written while they agree. At
/// the first difference a temporary file beside it (``AtomicFile``) is started with the equal
/// prefix copied from the old file, and the rest goes there; ``commit()`` renames it into place.
/// So saving an unchanged document touches nothing (its modification time stays), a changed one
/// is replaced atomically, and memory stays at one piece and a 64 KiB buffer whatever the size.
/// A device or FIFO (`/dev/null`, `/dev/stdout`) is always written, in place.
final class ChangedFile {
  let path: String
  /// The old file, read along while the pieces agree with it; `-1` once they differ.
  private var existing: Int32 = -1
  /// Bytes of the old file the pieces matched so far.
  private var matched = 0
  private var file: AtomicFile?
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  init(path: String) throws(TMXError) {
    self.path = path
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG {
      existing = open(path, O_RDONLY | O_CLOEXEC)
    }
    if existing < 0 { file = try AtomicFile(path: path) }
  }

  deinit {
    if existing >= 0 { close(existing) }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws(TMXError) {
    if existing >= 0 {
      let agreeing = try compare(bytes)
      if agreeing == bytes.count { return }
      try diverge()
      try file?.write(UnsafeRawBufferPointer(rebasing: bytes[agreeing...]))
      return
    }
    try file?.write(bytes)
  }

  /// Puts the new bytes in place when they differ from the old ones; returns whether it did.
  @discardableResult
  func commit() throws(TMXError) -> Bool {
    if existing >= 0 {
      // Every piece agreed: the file is unchanged unless the old one goes on.
      if try readExisting(into: 1) == 0 { return false }
      try diverge()
    }
    try file?.commit()
    return true
  }

  /// How many leading bytes of `bytes` the old file has next (and reads past them).
  private func compare(_ bytes: UnsafeRawBufferPointer) throws(TMXError) -> Int {
    var offset = 0
    while offset < bytes.count {
      let count = try readExisting(into: min(buffer.count, bytes.count - offset))
      if count == 0 { return offset }
      for index in 0..<count where buffer[index] != bytes[offset + index] {
        matched += index
        return offset + index
      }
      matched += count
      offset += count
    }
    return offset
  }

  /// Reads up to `count` bytes of the old file into `buffer`; 0 at its end.
  private func readExisting(into count: Int) throws(TMXError) -> Int {
    while true {
      let read = buffer.withUnsafeMutableBytes { readSomeBytes(existing, $0.baseAddress, count) }
      if read >= 0 { return read }
      if errno != EINTR {
        throw TMXError(kind: .io, message: "cannot read the file: \(systemErrorMessage(errno))", file: path)
      }
    }
  }

  /// The new bytes differ from the old after `matched` bytes: a temporary file with that prefix
  /// of the old one, which the rest of the new bytes follow.
  private func diverge() throws(TMXError) {
    let file = try AtomicFile(path: path)
    var copied = 0
    while copied < matched {
      let count = buffer.withUnsafeMutableBytes {
        pread(existing, $0.baseAddress, min($0.count, matched - copied), off_t(copied))
      }
      if count < 0 && errno == EINTR { continue }
      if count == 0 {
        // Another program shortened the file while this one compared it: nothing is replaced.
        throw TMXError(
          kind: .io,
          message: "the file changed while it was being saved (another program shortened it); "
            + "nothing was written: save again", file: path)
      }
      guard count > 0 else {
        throw TMXError(kind: .io, message: "cannot read the file: \(systemErrorMessage(errno))", file: path)
      }
      var failure: TMXError?
      buffer.withUnsafeBytes { raw in
        do throws(TMXError) { try file.write(UnsafeRawBufferPointer(rebasing: raw[0..<count])) } catch {
          failure = error
        }
      }
      if let failure { throw failure }
      copied += count
    }
    close(existing)
    existing = -1
    self.file = file
  }
}
