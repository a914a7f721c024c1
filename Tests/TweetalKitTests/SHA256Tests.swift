import Foundation
import Testing

@testable import TweetalKit

@Suite("SHA-256")
struct SHA256Tests {
  @Test("matches the FIPS 180-4 test vectors")
  func knownVectors() {
    #expect(
      SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256.hex(of: Array(twoBlocks.utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("hashes a million 'a's, fed in uneven pieces, like one piece")
  func millionA() {
    var hasher = SHA256()
    var remaining = 1_000_000
    var piece = 1
    while remaining > 0 {
      let count = min(piece, remaining)
      hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
      remaining -= count
      piece = piece * 3 % 1000 + 1
    }
    let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("padding boundaries: 55, 56, 63, 64 and 65 bytes agree with sha256sum")
  func paddingBoundaries() throws {
    for length in [55, 56, 63, 64, 65, 119, 120] {
      let bytes = [UInt8]((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
      #expect(SHA256.hex(of: bytes) == (try sha256sum(bytes)), "length \(length)")
    }
  }

  @Test("the checksum of every corpus document agrees with sha256sum")
  func corpusFiles() throws {
    for path in try TestData.corpusDocuments() {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(SHA256.hex(of: bytes) == (try sha256sum(bytes)), "\(path)")
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
