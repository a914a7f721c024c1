internal import Crypto

/// Checksums of source documents, as recorded in the TMX header.
public enum Checksum {
  /// The lowercase hex SHA-256 digest of `bytes` (swift-crypto's `SHA256`).
  public static func sha256Hex(of bytes: [UInt8]) -> String {
    let hexDigits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in Crypto.SHA256.hash(data: bytes) {
      hex.append(hexDigits[Int(byte >> 4)])
      hex.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }
}
