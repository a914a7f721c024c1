/// SHA-256 (FIPS 180-4) in pure Swift, for the checksums of source documents in the TMX header.
///
/// Streaming: feed bytes with ``update(_:)``, then read ``finalize()``. Linear in the input.
public struct SHA256: Sendable {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  public init() {}

  /// The lowercase hex digest of `bytes`.
  public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize().map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }

  /// Adds `bytes` to the message.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { storage in
      var offset = 0
      while offset < storage.count {
        if buffer.isEmpty && storage.count - offset >= 64 {
          compress(UnsafeBufferPointer(rebasing: storage[offset..<offset + 64]))
          offset += 64
          length &+= 64
          continue
        }
        let take = min(64 - buffer.count, storage.count - offset)
        buffer.append(contentsOf: storage[offset..<offset + take])
        offset += take
        length &+= UInt64(take)
        if buffer.count == 64 {
          let block = buffer
          block.withUnsafeBufferPointer { compress($0) }
          buffer.removeAll(keepingCapacity: true)
        }
      }
    }
    guard handled == nil else { return }
    for byte in bytes {
      buffer.append(byte)
      length &+= 1
      if buffer.count == 64 {
        let block = buffer
        block.withUnsafeBufferPointer { compress($0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
  }

  /// The 32-byte digest of everything added so far.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = length &* 8
    copy.buffer.append(0x80)
    while copy.buffer.count % 64 != 56 { copy.buffer.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      copy.buffer.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    let padded = copy.buffer
    padded.withUnsafeBufferPointer { all in
      var offset = 0
      while offset < all.count {
        copy.compress(UnsafeBufferPointer(rebasing: all[offset..<offset + 64]))
        offset += 64
      }
    }
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in copy.state {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
      }
    }
    return digest
  }

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { words in
      for index in 0..<16 {
        words[index] =
          UInt32(block[index * 4]) << 24 | UInt32(block[index * 4 + 1]) << 16
          | UInt32(block[index * 4 + 2]) << 8 | UInt32(block[index * 4 + 3])
      }
      for t in 16..<64 {
        let s0 = rotate(words[t - 15], 7) ^ rotate(words[t - 15], 18) ^ (words[t - 15] >> 3)
        let s1 = rotate(words[t - 2], 17) ^ rotate(words[t - 2], 19) ^ (words[t - 2] >> 10)
        words[t] = words[t - 16] &+ s0 &+ words[t - 7] &+ s1
      }
      var (a, b, c, d) = (state[0], state[1], state[2], state[3])
      var (e, f, g, h) = (state[4], state[5], state[6], state[7])
      for t in 0..<64 {
        let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
        let choice = (e & f) ^ (~e & g)
        let temp1 = h &+ sum1 &+ choice &+ Self.roundConstants[t] &+ words[t]
        let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        let temp2 = sum0 &+ majority
        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
      }
      state[0] &+= a
      state[1] &+= b
      state[2] &+= c
      state[3] &+= d
      state[4] &+= e
      state[5] &+= f
      state[6] &+= g
      state[7] &+= h
    }
  }

  private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value >> count | value << (32 - count) }
}
