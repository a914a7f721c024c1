#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TextLoader {
  /// Reads and decodes the file at `path` as ``decode(_:file:encoding:)`` does, with the same
  /// errors, `file` naming it in messages.
  ///
  /// A UTF-8 file is read straight into the string's own storage and checked there, so the
  /// text is in memory once rather than as file data, a byte array and the string (a 20 MB
  /// document needs 20 MB, not 60). Anything else (UTF-16, a named encoding, a NUL byte,
  /// invalid UTF-8, a file that grows while it is read) goes through ``decode(_:file:encoding:)``.
  public static func load(path: String, file: String, encoding: TextEncoding? = nil) throws(TextLoadError)
    -> String
  {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw unreadable(file) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw unreadable(file) }
    let size = Int(status.st_size)
    guard encoding == nil || encoding == .utf8, size > 0, (status.st_mode & S_IFMT) == S_IFREG else {
      return try decode(readAll(descriptor, file: file), file: file, encoding: encoding)
    }
    // Bytes the in-place reading could not take; decoded (or refused) the usual way below.
    var other: [UInt8]? = nil
    var failed = false
    let text = String(unsafeUninitializedCapacity: size) { buffer in
      var count = 0
      while count < size {
        let got = read(descriptor, buffer.baseAddress! + count, size - count)
        if got < 0, errno == EINTR { continue }
        if got < 0 {
          failed = true
          return 0
        }
        if got == 0 { break }  // the file shrank: take what is there
        count += got
      }
      var body = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
      var bomLength = 0
      if body.starts(with: [0xEF, 0xBB, 0xBF]) {
        bomLength = 3
      }
      let grew = count == size && Self.hasMoreBytes(descriptor)
      let plainUTF8 =
        !grew && !body.starts(with: [0xFF, 0xFE]) && !body.starts(with: [0xFE, 0xFF])
        && memchr(body.baseAddress!, 0, count) == nil
        && isValidUTF8(UnsafeBufferPointer(rebasing: body[bomLength...]))
      guard plainUTF8 else {
        other = Array(body)
        return 0
      }
      if bomLength > 0 {
        // The byte-order mark is not part of the text: move the text to the front.
        memmove(body.baseAddress!, body.baseAddress! + bomLength, count - bomLength)
        body = UnsafeMutableBufferPointer(rebasing: body[..<(count - bomLength)])
      }
      return body.count
    }
    if failed { throw unreadable(file) }
    if var bytes = other {
      if Self.hasMoreBytes(descriptor) { bytes += try readAll(descriptor, file: file) }
      return try decode(bytes, file: file, encoding: encoding)
    }
    if !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
      throw TextLoadError(file: file, message: "contains no letters; is it the right file?")
    }
    return text
  }

  private static func unreadable(_ file: String) -> TextLoadError {
    TextLoadError(file: file, message: "cannot be read; check the path and its permissions")
  }

  /// Whether reading on from the current position yields more bytes (a file that grew).
  private static func hasMoreBytes(_ descriptor: Int32) -> Bool {
    var probe: UInt8 = 0
    let got = read(descriptor, &probe, 1)
    if got == 1 { lseek(descriptor, -1, SEEK_CUR) }
    return got == 1
  }

  /// The rest of the file, read in blocks.
  private static func readAll(_ descriptor: Int32, file: String) throws(TextLoadError) -> [UInt8] {
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { throw unreadable(file) }
      if got == 0 { return bytes }
      bytes += block[..<got]
    }
  }

  /// Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates, nothing above
  /// U+10FFFF). Checked here because `String(unsafeUninitializedCapacity:)` would silently
  /// replace bad bytes, and a user must be told where they are instead (``decode(_:file:encoding:)``).
  public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var index = 0
    while index < count {
      // Fast path: eight ASCII bytes at a time.
      while index + 8 <= count,
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
          == 0
      {
        index += 8
      }
      guard index < count else { break }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      // The allowed range of the second byte depends on the lead (Unicode Table 3-7).
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
      for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
        return false
      }
      index += length
    }
    return true
  }
}
