/// What XML 1.0 allows in character data and names.
enum XMLCharacters {
  /// Whether XML 1.0 allows `scalar` in a document (`Char` production).
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// The offset in scalars of the first scalar XML 1.0 cannot carry, or `nil`.
  static func firstInvalidScalarOffset(in text: String) -> Int? {
    // Fast path on UTF-8: only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF) can be invalid,
    // since a Swift string holds no surrogates.
    let suspicious =
      text.utf8.withContiguousStorageIfAvailable(mayHoldInvalid)
      ?? Array(text.utf8).withUnsafeBufferPointer(mayHoldInvalid)
    guard suspicious else { return nil }
    for (offset, scalar) in text.unicodeScalars.enumerated() where !isAllowed(scalar) {
      return offset
    }
    return nil
  }

  /// Whether the UTF-8 `bytes` hold a C0 control other than tab, LF and CR, or U+FFFE or U+FFFF
  /// (EF BF BE, EF BF BF: in valid UTF-8, EF is always the first byte of three). One pass over the
  /// bytes, as the TMX writer makes it over every segment and prop (the view's iterator took about
  /// 1 % of a 100k-sentence `tweetal align`).
  static func mayHoldInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Eight bytes at a time while none is below 0x20 or is 0xEF (the usual text); from the first
    // word that has one, byte by byte (nothing before it can start a sequence that ends in it).
    var start = 0
    if let base = bytes.baseAddress {
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while start + 8 <= bytes.count {
        let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self)
        // Nonzero exactly when a byte of `word` is below 0x20, and when one is 0xEF.
        let below = (word &- ones &* 0x20) & ~word & highs
        let marked = word ^ (ones &* 0xEF)
        if below | ((marked &- ones) & ~marked & highs) != 0 { break }
        start += 8
      }
    }
    for index in start..<bytes.count {
      let byte = bytes[index]
      if byte < 0x20 {
        if byte != 0x9 && byte != 0xA && byte != 0xD { return true }
      } else if byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF
        && bytes[index + 2] >= 0xBE
      {
        return true
      }
    }
    return false
  }

  /// Whether `name` is an attribute name the writer accepts: an NCName, or `xml:` and an NCName.
  static func isAttributeName(_ name: String) -> Bool {
    let local = name.hasPrefix("xml:") ? name.dropFirst(4) : Substring(name)
    guard let first = local.unicodeScalars.first, isNameStart(first) else { return false }
    return local.unicodeScalars.dropFirst().allSatisfy { isNameStart($0) || isNameCharacter($0) }
  }

  private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x41...0x5A, 0x61...0x7A, 0x5F, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
      0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
      0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
      true
    default: false
    }
  }

  private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
    default: false
    }
  }
}
