import Foundation
import TestSupport
import Testing
import ZIPFoundation

/// Hostile DOCX files on the command line: a ZIP bomb and XML with entities exit 1 naming the
/// file and the reason, and nothing is written.
@Suite("Hostile documents on the command line")
struct HostileDocumentCLITests {
  static func docx(documentXML: String) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    let entries = [
      ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"),
      ("word/document.xml", documentXML),
    ]
    for (path, text) in entries {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) }
    }
    return try #require(archive.data)
  }

  /// Runs `segment` and `align -o` on `name` holding `bytes`; both must exit 1 with `reason`.
  static func expectRefused(_ bytes: Data, name: String, reason: String) throws {
    let folder = try TemporaryFolder()
    try bytes.write(to: URL(fileURLWithPath: folder.path + "/" + name))
    try "The letter. It is short.\n".write(toFile: folder.path + "/en.txt", atomically: true, encoding: .utf8)
    let segment = try CLI.run(["segment", name], directory: folder.path)
    #expect(segment.status == 1)
    #expect(segment.stderr.contains("\(name): "), "\(segment.stderr)")
    #expect(segment.stderr.contains(reason), "\(segment.stderr)")
    #expect(segment.output.isEmpty)
    let align = try CLI.run(
      ["align", name, "en.txt", "-o", "out.tmx", "--no-lexicon"], directory: folder.path)
    #expect(align.status == 1)
    #expect(align.stderr.contains(reason), "\(align.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.tmx"))
  }

  @Test("a DOCX whose document.xml declares entities (billion laughs, a local file) is refused")
  func entities() throws {
    let laughs = """
      <?xml version="1.0"?>
      <!DOCTYPE w:document [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
      <!ENTITY c SYSTEM "file:///etc/passwd">]>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
      <w:body><w:p><w:r><w:t>&b; &c;</w:t></w:r></w:p></w:body></w:document>
      """
    try Self.expectRefused(try Self.docx(documentXML: laughs), name: "laughs.docx", reason: "has a DOCTYPE")
  }

  @Test("a DOCX whose document.xml claims 600 MiB is refused as a possible ZIP bomb before it is unpacked")
  func bomb() throws {
    let small = """
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
      <w:body><w:p><w:r><w:t>Small.</w:t></w:r></w:p></w:body></w:document>
      """
    var bytes = [UInt8](try Self.docx(documentXML: small))
    // The central directory record of word/document.xml: its uncompressed size now says 600 MiB.
    let name = Array("word/document.xml".utf8)
    let central = try #require(
      bytes.indices.first {
        bytes[$0...].starts(with: [0x50, 0x4B, 0x01, 0x02]) && bytes[($0 + 46)...].starts(with: name)
      })
    let claimed = UInt32(600 << 20)
    bytes.replaceSubrange(
      (central + 24)..<(central + 28), with: withUnsafeBytes(of: claimed.littleEndian, Array.init))
    try Self.expectRefused(Data(bytes), name: "bomb.docx", reason: "possible ZIP bomb")
  }
}
