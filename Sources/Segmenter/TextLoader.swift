/// Why a document could not be loaded as text.
public struct TextLoadError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// Encodings a user may name for files that are not UTF-8 or UTF-16 with a BOM.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
  case latin1 = "latin1"
}

/// Decodes document bytes strictly: UTF-8 (with or without BOM) or UTF-16 with a BOM,
/// or an encoding the user named. Never guesses silently.
///
/// Line endings are left as they are (CRLF, CR and LF are all handled by the segmenter),
/// so offsets into the returned string are offsets into the file's text. A UTF-8 or
/// UTF-16 byte-order mark is not part of the returned text.
public enum TextLoader {
  /// Decodes `bytes`; `file` is used in error messages.
  ///
  /// Throws for: an empty file, bytes that are not valid in the detected encoding (with the
  /// byte offset and the `iconv` command that converts the file), NUL bytes (a binary
  /// file), and text without a single letter.
  public static func decode(
    _ bytes: [UInt8], file: String, encoding: TextEncoding? = nil
  ) throws(TextLoadError) -> String {
    if bytes.isEmpty {
      throw TextLoadError(file: file, message: "is empty; give a file that contains the document's text")
    }
    let text: String
    switch encoding {
    case .windows1252?, .latin1?:
      try refuseNUL(bytes, file: file)
      text = decodeSingleByte(bytes, windows1252: encoding == .windows1252)
    case .utf8?, nil:
      if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE, encoding == nil {
        text = try decodeUTF16(bytes, littleEndian: true, file: file)
      } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF, encoding == nil {
        text = try decodeUTF16(bytes, littleEndian: false, file: file)
      } else {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
        let skipped = bytes.count - body.count
        try refuseNUL(body, file: file, offset: skipped)
        guard let decoded = String(validating: body, as: UTF8.self) else {
          let bad = firstInvalidUTF8(body) + skipped
          throw TextLoadError(
            file: file,
            message: "is not UTF-8 (invalid byte 0x\(hex(bytes[bad])) at byte offset \(bad)); "
              + "convert it with `iconv -f WINDOWS-1252 -t UTF-8 \(file) > converted.txt` "
              + "or pass --encoding windows-1252 (or latin1)")
        }
        text = decoded
      }
    }
    if !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
      throw TextLoadError(file: file, message: "contains no letters; is it the right file?")
    }
    return text
  }

  private static func refuseNUL(_ bytes: [UInt8], file: String, offset: Int = 0) throws(TextLoadError) {
    if let nul = bytes.firstIndex(of: 0) {
      throw TextLoadError(
        file: file,
        message: "looks binary (NUL byte at byte offset \(nul + offset)); "
          + "give a plain-text export of the document (for a PDF: pdftotext -layout)")
    }
  }

  private static func decodeUTF16(
    _ bytes: [UInt8], littleEndian: Bool, file: String
  ) throws(TextLoadError) -> String {
    if bytes.count % 2 != 0 {
      throw TextLoadError(
        file: file,
        message: "has a UTF-16 byte-order mark but an odd number of bytes (\(bytes.count)); "
          + "the file is truncated or not UTF-16")
    }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2 - 1)
    var index = 2
    while index + 1 < bytes.count {
      let low = UInt16(bytes[littleEndian ? index : index + 1])
      let high = UInt16(bytes[littleEndian ? index + 1 : index])
      units.append(high << 8 | low)
      index += 2
    }
    if let nul = units.firstIndex(of: 0) {
      throw TextLoadError(
        file: file, message: "looks binary (NUL character at byte offset \(2 + nul * 2))")
    }
    guard let text = String(validating: units, as: UTF16.self) else {
      var offset = 2
      var iterator = units.makeIterator()
      var decoder = UTF16()
      loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): offset += scalar.value > 0xFFFF ? 4 : 2
        case .emptyInput, .error: break loop
        }
      }
      let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
      throw TextLoadError(
        file: file,
        message: "is not valid \(name) (unpaired surrogate at byte offset \(offset)); "
          + "re-export the document as UTF-8")
    }
    return text
  }

  private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return max(0, bytes.count - 1)
      case .error: return min(offset, bytes.count - 1)
      }
    }
  }

  /// Windows-1252 differs from ISO 8859-1 in 0x80–0x9F only.
  private static let windows1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  private static func decodeSingleByte(_ bytes: [UInt8], windows1252: Bool) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      var value = UInt32(byte)
      if windows1252, (0x80...0x9F).contains(byte) { value = windows1252High[Int(byte - 0x80)] }
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return String(scalars)
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
