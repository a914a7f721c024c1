import Foundation
import TMX
import Testing

@Suite("Writing TMX files atomically")
struct AtomicWriteTests {
  @Test("a written file holds exactly the document's bytes and no temporary file is left")
  func writesFile() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("out.tmx").path
    try TMXWriter.write(TestDocuments.rich, toPath: path)
    #expect(FileManager.default.contents(atPath: path) == Data(try TMXWriter.bytes(of: TestDocuments.rich)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.tmx"])
  }

  @Test("a path that is a folder is refused as one, and the folder is left as it is")
  func folderPath() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let folder = directory.appendingPathComponent("out.tmx").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    do {
      try SafeFile.write(Array("x".utf8), toPath: folder)
      Issue.record("a folder was written to")
    } catch {
      #expect(error.message == "is a folder, not a file; give a file name to write", "\(error)")
      #expect(error.file == folder)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.tmx"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test("written only if changed: an equal file is left untouched, any other replaced with the bytes")
  func replacingIfChanged() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("out.tmx").path
    func write(_ document: TMXDocument) throws -> Bool {
      let writer = try TMXStreamWriter(header: document.header, replacingIfChanged: path)
      for unit in document.units { try writer.write(unit) }
      return try writer.finish()
    }
    func inode() -> ino_t {
      var info = stat()
      return stat(path, &info) == 0 ? info.st_ino : 0
    }
    let rich = TestDocuments.rich
    #expect(rich.units.count >= 2)
    var shorter = rich
    shorter.units.removeLast()
    var longer = rich
    longer.units.append(rich.units[0])
    var edited = rich
    edited.units[edited.units.count - 1].variants[0].segment.content.append(.text("!"))
    #expect(try write(rich))
    let first = inode()
    #expect(try write(rich) == false)
    #expect(inode() == first)
    // Each of these differs from the file before it: shorter is a prefix of it up to its last
    // unit, longer goes on past it, edited differs inside its last unit.
    for document in [shorter, rich, longer, edited, rich] {
      #expect(try write(document))
      #expect(try SafeFile.read(path: path) == (try TMXWriter.bytes(of: document)))
      #expect(try write(document) == false)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.tmx"])
  }

  @Test("a file shortened by another program during the save is reported as changed, not replaced")
  func fileShortenedDuringSave() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("out.tmx").path
    let rich = TestDocuments.rich
    try TMXWriter.write(rich, toPath: path)
    // The header agrees with the file; then the file is emptied, and the first unit finds no old
    // bytes to compare with, so the prefix it would copy is gone.
    let writer = try TMXStreamWriter(header: rich.header, replacingIfChanged: path)
    #expect(truncate(path, 0) == 0)
    var message = ""
    do {
      for unit in rich.units { try writer.write(unit) }
      try writer.finish()
    } catch {
      message = error.message
    }
    #expect(message.contains("changed while it was being saved"))
    #expect(!message.contains("Success"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.tmx"])
  }

  @Test("writing to a FIFO writes through it instead of replacing it with a regular file")
  func specialFileIsWrittenInPlace() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("pipe").path
    #expect(mkfifo(path, 0o600) == 0)
    // Read until the writer closes (FileManager's contents(atPath:) may stop at the FIFO's size, 0,
    // and close early, so that the write fails with EPIPE).
    let received = ReceivedBytes()
    let done = DispatchSemaphore(value: 0)
    let reader = Thread {
      let descriptor = open(path, O_RDONLY)
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while descriptor >= 0 {
        let count = read(descriptor, &buffer, buffer.count)
        if count <= 0 { break }
        received.append(buffer[0..<count])
      }
      if descriptor >= 0 { close(descriptor) }
      done.signal()
    }
    reader.start()
    try TMXWriter.write(TestDocuments.rich, toPath: path)
    done.wait()
    #expect(received.bytes == (try TMXWriter.bytes(of: TestDocuments.rich)))
    var info = stat()
    #expect(stat(path, &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFIFO)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipe"])
  }

  @Test("a file written again keeps its permissions; a missing file reads as nil, a folder is an error")
  func permissionsAndReads() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("shared.tmx").path
    try SafeFile.write(Array("one".utf8), toPath: path)
    #expect(chmod(path, 0o640) == 0)
    try SafeFile.write(Array("two".utf8), toPath: path)
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
    #expect(try SafeFile.read(path: path) == Array("two".utf8))
    #expect(try SafeFile.read(path: directory.appendingPathComponent("missing").path) == nil)
    #expect(throws: TMXError.self) { try SafeFile.read(path: directory.path) }
  }

  @Test("a failed write leaves the existing file untouched and removes the temporary file")
  func failedWriteKeepsOldFile() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("out.tmx").path
    try Data("old content".utf8).write(to: URL(fileURLWithPath: path))
    var broken = TestDocuments.rich
    broken.units[2].variants[0].segment = Segment(text: "NUL \u{0} here")
    #expect(throws: TMXError.self) { try TMXWriter.write(broken, toPath: path) }
    #expect(FileManager.default.contents(atPath: path) == Data("old content".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.tmx"])
  }

  @Test("a stream writer dropped before finish() leaves no file at all")
  func unfinishedStreamLeavesNothing() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("out.tmx").path
    do {
      let writer = try TMXStreamWriter(header: TestDocuments.rich.header, path: path)
      try writer.write(TestDocuments.rich.units[0])
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  @Test("writing into a missing directory fails with an io error naming the path")
  func missingDirectory() throws {
    let error = try #require(throws: TMXError.self) {
      try TMXWriter.write(TestDocuments.rich, toPath: "/nonexistent-dir-tweetal/out.tmx")
    }
    #expect(error.kind == .io)
    #expect(error.file == "/nonexistent-dir-tweetal/out.tmx")
    #expect(error.message.contains("No such file or directory"))
  }

  @Test("several files written as one step: all replaced, no temporary file left")
  func writesSeveralFiles() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let first = directory.appendingPathComponent("a.tmx.history").path
    let second = directory.appendingPathComponent("a.tmx").path
    try SafeFile.write(Array("old history".utf8), toPath: first)
    let tmx = try TMXWriter.bytes(of: TestDocuments.rich)
    try SafeFile.write([(Array("new history".utf8), first), (tmx, second)])
    #expect(FileManager.default.contents(atPath: first) == Data("new history".utf8))
    #expect(FileManager.default.contents(atPath: second) == Data(tmx))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
        "a.tmx", "a.tmx.history",
      ])
  }

  @Test("when one of several files cannot be written, none is replaced")
  func severalFilesAllOrNothing() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let first = directory.appendingPathComponent("kept").path
    try SafeFile.write(Array("before".utf8), toPath: first)
    let missing = directory.appendingPathComponent("no-such-folder/file").path
    #expect(throws: TMXError.self) {
      try SafeFile.write([(Array("after".utf8), first), (Array("x".utf8), missing)])
    }
    #expect(FileManager.default.contents(atPath: first) == Data("before".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kept"])
  }
}

/// Bytes a reader thread collects.
private final class ReceivedBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [UInt8] = []

  func append(_ slice: ArraySlice<UInt8>) {
    lock.lock()
    collected += slice
    lock.unlock()
  }

  var bytes: [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return collected
  }
}
