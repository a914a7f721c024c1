import Foundation
import TestSupport
import Testing

/// An output path that is one of the command's inputs is refused before anything is written:
/// a `-o` typo must not replace the source document or a reviewed alignment.
@Suite("Output paths that are inputs")
struct OutputGuardCLITests {
  /// A folder with a Dutch and an English text and a reviewed alignment of them.
  static func folder() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try "Dit is de brief. Hij is kort.\n".write(
      toFile: folder.path + "/brief.nl", atomically: true, encoding: .utf8)
    try "This is the letter. It is short.\n".write(
      toFile: folder.path + "/brief.en", atomically: true, encoding: .utf8)
    let align = try CLI.run(
      ["align", "brief.nl", "brief.en", "-o", "brief.tmx", "--no-lexicon"], directory: folder.path)
    #expect(align.status == 0, "\(align.stderr)")
    let edit = try CLI.run(["edit", "brief.tmx", "confirm", "1"], directory: folder.path)
    #expect(edit.status == 0, "\(edit.stderr)")
    try FileManager.default.createSymbolicLink(
      atPath: folder.path + "/link.tmx", withDestinationPath: "brief.tmx")
    // A translation memory kept under its target language's suffix.
    try FileManager.default.copyItem(atPath: folder.path + "/brief.tmx", toPath: folder.path + "/memory.en")
    return folder
  }

  static func bytes(_ folder: TemporaryFolder) throws -> [String: Data] {
    var bytes: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      bytes[name] = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + name))
    }
    return bytes
  }

  @Test(
    "align, report and export refuse an output that is an input (by its path, another spelling or a link)",
    arguments: [
      ["align", "brief.nl", "brief.en", "-o", "brief.nl"],
      ["align", "brief.nl", "brief.en", "-o", "./brief.en", "--format", "beads"],
      ["report", "brief.tmx", "-o", "brief.tmx"],
      ["report", "brief.tmx", "-o", "link.tmx"],
      ["export", "brief.tmx", "-o", "brief.tmx"],
      ["export", "brief.tmx", "-o", "brief.tmx", "--format", "tsv"],
      ["export", ".", "-o", "link.tmx"],
      // --format text writes PREFIX.nl and PREFIX.en: here memory.en is the input.
      ["export", "memory.en", "-o", "memory", "--format", "text"],
      // ... and here brief.nl and brief.en, the documents the alignment was made from.
      ["export", "brief.tmx", "-o", "brief", "--format", "text"],
      ["export", "brief.tmx", "-o", "brief.en", "--format", "tsv"],
      ["report", "brief.tmx", "-o", "brief.nl"],
    ])
  func refused(arguments: [String]) throws {
    let folder = try Self.folder()
    let before = try Self.bytes(folder)
    let result = try CLI.run(arguments, directory: folder.path)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(
      result.stderr.contains("is also an input")
        || result.stderr.contains("is a document the alignment was made from"), "\(result.stderr)")
    #expect(result.stderr.contains("Choose another output path"), "\(result.stderr)")
    #expect(try Self.bytes(folder) == before, "nothing written, nothing replaced")
  }

  @Test("an output beside the inputs is written as before")
  func allowed() throws {
    let folder = try Self.folder()
    for arguments in [
      ["report", "brief.tmx", "-o", "brief.html"], ["export", "brief.tmx", "-o", "pairs.tmx"],
      ["export", "brief.tmx", "-o", "pairs", "--format", "text"],
      ["align", "brief.nl", "brief.en", "-o", "again.tmx", "--no-lexicon"],
    ] {
      let result = try CLI.run(arguments, directory: folder.path)
      #expect(result.status == 0, "\(arguments) \(result.stderr)")
    }
    for name in ["brief.html", "pairs.tmx", "pairs.nl", "pairs.en", "again.tmx"] {
      #expect(FileManager.default.fileExists(atPath: folder.path + "/" + name), "\(name)")
    }
  }
}
