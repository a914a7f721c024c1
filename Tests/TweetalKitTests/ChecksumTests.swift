import Foundation
import Testing

@testable import TweetalKit

@Suite("Source checksums (SHA-256 through swift-crypto)")
struct ChecksumTests {
  @Test("matches the FIPS 180-4 test vectors")
  func knownVectors() {
    #expect(
      Checksum.sha256Hex(of: Array("".utf8))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      Checksum.sha256Hex(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      Checksum.sha256Hex(of: Array(twoBlocks.utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      Checksum.sha256Hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(
    "the checksums recorded in the committed alignments/*.tmx are the SHA-256 of the corpus files they name")
  func committedAlignments() throws {
    let folder = TestData.root + "/alignments"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmx") }
      .sorted()
    #expect(names.count >= 3)
    for name in names {
      let metadata = try AlignmentStore.load(path: folder + "/" + name).metadata
      let source = try TestData.bytes(TestData.root + "/" + metadata.sourceFile)
      let target = try TestData.bytes(TestData.root + "/" + metadata.targetFile)
      #expect(metadata.sourceChecksum.count == 64, "\(name)")
      #expect(Checksum.sha256Hex(of: source) == metadata.sourceChecksum, "\(name): \(metadata.sourceFile)")
      #expect(Checksum.sha256Hex(of: target) == metadata.targetChecksum, "\(name): \(metadata.targetFile)")
    }
  }

  @Test("the checksum of every corpus document agrees with sha256sum")
  func corpusFiles() throws {
    let documents = try TestData.corpusDocuments()
    #expect(documents.count >= 4)
    for path in documents {
      let bytes = try TestData.bytes(path)
      #expect(Checksum.sha256Hex(of: bytes) == (try sha256sum(bytes)), "\(path)")
    }
  }

  private func sha256sum(_ bytes: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(bytes))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
  }
}
