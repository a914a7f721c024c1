import Foundation
import TMX
import Testing

@Suite("Saving through scratch files swapped into place")
struct ScratchFilesTests {
  static func listing(_ directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
  }

  @Test("each save holds exactly its bytes; the scratch holds the version before; close removes it")
  func savesAndSwaps() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let tmx = directory.appendingPathComponent("a.tmx").path
    let history = tmx + ".history"
    try SafeFile.write([(Array("tmx 0".utf8), tmx), (Array("history 0".utf8), history)])
    #expect(chmod(tmx, 0o640) == 0)
    let scratch = ScratchFiles()
    for round in 1...5 {
      // Longer and shorter contents in turn: an overwritten scratch must not keep a longer tail.
      let padding = String(repeating: "x", count: round % 2 == 0 ? 10_000 : 3)
      try scratch.write([
        (Array("history \(round) \(padding)".utf8), history), (Array("tmx \(round) \(padding)".utf8), tmx),
      ])
      #expect(try SafeFile.read(path: tmx) == Array("tmx \(round) \(padding)".utf8))
      #expect(try SafeFile.read(path: history) == Array("history \(round) \(padding)".utf8))
      let before = String(repeating: "x", count: (round - 1) % 2 == 0 ? 10_000 : 3)
      if round > 1 {
        #expect(
          try SafeFile.read(path: ScratchFiles.scratchPath(for: tmx))
            == Array("tmx \(round - 1) \(before)".utf8))
      }
      var info = stat()
      #expect(stat(tmx, &info) == 0 && info.st_mode & 0o7777 == 0o640, "the file keeps its permissions")
    }
    #expect(
      try Self.listing(directory) == [
        ".a.tmx.history.tweetal-scratch", ".a.tmx.tweetal-scratch", "a.tmx", "a.tmx.history",
      ])
    scratch.close()
    #expect(try Self.listing(directory) == ["a.tmx", "a.tmx.history"])
  }

  @Test("a file that does not exist yet is created the old way; later saves go through the scratch")
  func missingFile() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("new.tmx").path
    let scratch = ScratchFiles()
    defer { scratch.close() }
    try scratch.write([(Array("first".utf8), path)])
    #expect(try SafeFile.read(path: path) == Array("first".utf8))
    #expect(try Self.listing(directory) == ["new.tmx"])
    try scratch.write([(Array("second".utf8), path)])
    #expect(try SafeFile.read(path: path) == Array("second".utf8))
    #expect(try Self.listing(directory) == [".new.tmx.tweetal-scratch", "new.tmx"])
  }

  @Test("a scratch replaced behind the writer's back is never written through; a new one is made")
  func replacedScratch() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let path = directory.appendingPathComponent("b.tmx").path
    try SafeFile.write(Array("zero".utf8), toPath: path)
    let scratch = ScratchFiles()
    defer { scratch.close() }
    try scratch.write([(Array("one".utf8), path)])
    let scratchPath = ScratchFiles.scratchPath(for: path)
    #expect(unlink(scratchPath) == 0)
    try SafeFile.write(Array("planted".utf8), toPath: scratchPath)
    try scratch.write([(Array("two".utf8), path)])
    #expect(try SafeFile.read(path: path) == Array("two".utf8))
    #expect(try SafeFile.read(path: scratchPath) == Array("one".utf8), "the scratch holds the version before")
    try scratch.write([(Array("three".utf8), path)])
    #expect(try SafeFile.read(path: path) == Array("three".utf8))
    #expect(try SafeFile.read(path: scratchPath) == Array("two".utf8))
  }

  @Test("a symbolic link is not swapped away: it is saved as SafeFile saves it")
  func symbolicLink() throws {
    let directory = try TestFiles.makeTemporaryDirectory()
    defer { TestFiles.remove(directory) }
    let target = directory.appendingPathComponent("real.tmx").path
    let link = directory.appendingPathComponent("link.tmx").path
    try SafeFile.write(Array("zero".utf8), toPath: target)
    #expect(symlink(target, link) == 0)
    let scratch = ScratchFiles()
    defer { scratch.close() }
    try scratch.write([(Array("one".utf8), link)])
    #expect(try SafeFile.read(path: link) == Array("one".utf8))
    #expect(try Self.listing(directory) == ["link.tmx", "real.tmx"])
  }
}
