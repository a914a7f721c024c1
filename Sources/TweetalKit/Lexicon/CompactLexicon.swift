/// A lexicon table (folded source word → translations) as one flat byte buffer: an open-addressing
/// hash table over UTF-8 keys, so that it is usable straight after one read of the file, with no
/// per-entry parsing.
///
/// Layout (all numbers little-endian `UInt32`), after the caller's own header:
///
///     keyCount slotCount valueCount blobCount
///     slots[slotCount]            entry index + 1, 0 = empty (linear probing, FNV-1a 64 hash)
///     entries[keyCount][4]        key offset, key length, first value, value count
///     values[valueCount][2]       offset, length into the blob
///     blob[blobCount]             UTF-8 bytes of keys and values
struct CompactLexicon: Sendable {
  private let bytes: [UInt8]
  let keyCount: Int
  private let slotCount: Int
  private let slots: Int
  private let entries: Int
  private let values: Int
  private let blob: Int
  private let blobCount: Int

  /// The table starting at `offset` in `bytes`, or nil when it is truncated or points outside itself.
  init?(bytes: [UInt8], offset: Int) {
    func number(_ at: Int) -> Int? {
      guard at >= 0, at + 4 <= bytes.count else { return nil }
      return Self.load(bytes, at)
    }
    guard let keyCount = number(offset), let slotCount = number(offset + 4),
      let valueCount = number(offset + 8), let blobCount = number(offset + 12),
      slotCount > keyCount, slotCount & (slotCount - 1) == 0
    else { return nil }
    let slots = offset + 16
    let entries = slots + 4 * slotCount
    let values = entries + 16 * keyCount
    let blob = values + 8 * valueCount
    guard blob + blobCount == bytes.count else { return nil }
    // Every reference in bounds, once, so that lookups need no checks of their own.
    for slot in 0..<slotCount where Self.load(bytes, slots + 4 * slot) > keyCount { return nil }
    for entry in 0..<keyCount {
      let at = entries + 16 * entry
      let keyOffset = Self.load(bytes, at)
      let keyLength = Self.load(bytes, at + 4)
      let first = Self.load(bytes, at + 8)
      let count = Self.load(bytes, at + 12)
      guard keyOffset + keyLength <= blobCount, first + count <= valueCount else { return nil }
    }
    for value in 0..<valueCount {
      let at = values + 8 * value
      guard Self.load(bytes, at) + Self.load(bytes, at + 4) <= blobCount else { return nil }
    }
    self.bytes = bytes
    self.keyCount = keyCount
    self.slotCount = slotCount
    self.slots = slots
    self.entries = entries
    self.values = values
    self.blob = blob
    self.blobCount = blobCount
  }

  /// The translations of `key` (already folded), or nil when it is no headword.
  subscript(key: String) -> [String]? {
    var key = key
    return key.withUTF8 { self[$0] }
  }

  /// The translations of the folded word whose UTF-8 is `keyBytes`, or nil when it is no headword.
  subscript(keyBytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    bytes.withUnsafeBytes { raw -> [String]? in
      func number(_ at: Int) -> Int {
        Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
      }
      var slot = Int(truncatingIfNeeded: Self.hash(keyBytes)) & (slotCount - 1)
      while true {
        let stored = number(slots + 4 * slot)
        if stored == 0 { return nil }
        let entry = entries + 16 * (stored - 1)
        let keyOffset = number(entry)
        let keyLength = number(entry + 4)
        if keyLength == keyBytes.count
          && memcmpEqual(raw.baseAddress! + blob + keyOffset, keyBytes.baseAddress, keyLength)
        {
          let first = number(entry + 8)
          let count = number(entry + 12)
          var result: [String] = []
          result.reserveCapacity(count)
          for value in first..<first + count {
            let at = values + 8 * value
            let start = blob + number(at)
            let text = UnsafeRawBufferPointer(rebasing: raw[start..<start + number(at + 4)])
            result.append(String(decoding: text, as: UTF8.self))
          }
          return result
        }
        slot = (slot + 1) & (slotCount - 1)
      }
    }
  }

  /// Every key in the table, in table order (for tests and checks).
  var keys: [String] {
    (0..<keyCount).map { entry in
      let at = entries + 16 * entry
      let start = blob + Self.load(bytes, at)
      return String(decoding: bytes[start..<start + Self.load(bytes, at + 4)], as: UTF8.self)
    }
  }

  /// The table of `table` in the layout above, keys in sorted order (the bytes are deterministic).
  static func encode(_ table: [String: [String]]) -> [UInt8] {
    let keys = table.keys.sorted()
    var slotCount = 16
    while slotCount < keys.count * 2 { slotCount *= 2 }
    var slots = [UInt32](repeating: 0, count: slotCount)
    var entries: [UInt32] = []
    var values: [UInt32] = []
    var blob: [UInt8] = []
    entries.reserveCapacity(keys.count * 4)
    for (index, key) in keys.enumerated() {
      let keyBytes = Array(key.utf8)
      var slot = Int(truncatingIfNeeded: keyBytes.withUnsafeBufferPointer { hash($0) }) & (slotCount - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
      slots[slot] = UInt32(index + 1)
      let translations = table[key] ?? []
      entries += [
        UInt32(blob.count), UInt32(keyBytes.count), UInt32(values.count / 2), UInt32(translations.count),
      ]
      blob += keyBytes
      for translation in translations {
        let bytes = Array(translation.utf8)
        values += [UInt32(blob.count), UInt32(bytes.count)]
        blob += bytes
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(16 + 4 * (slots.count + entries.count + values.count) + blob.count)
    func append(_ number: UInt32) {
      withUnsafeBytes(of: number.littleEndian) { out += $0 }
    }
    for number in [UInt32(keys.count), UInt32(slotCount), UInt32(values.count / 2), UInt32(blob.count)] {
      append(number)
    }
    for number in slots { append(number) }
    for number in entries { append(number) }
    for number in values { append(number) }
    out += blob
    return out
  }

  /// FNV-1a, 64 bits.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  private static func load(_ bytes: [UInt8], _ at: Int) -> Int {
    bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
  }
}

private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
  guard let b else { return count == 0 }
  let left = a.assumingMemoryBound(to: UInt8.self)
  for index in 0..<count where left[index] != b[index] { return false }
  return true
}
