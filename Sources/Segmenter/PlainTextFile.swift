#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A UTF-8 plain-text file segmented without holding its text: checked in one pass (valid UTF-8,
/// no NUL, as ``TextLoader/load(path:file:encoding:)`` requires) and read again piece by piece
/// while it is segmented (``Segmenter/segment(file:spans:)``), so memory stays in the size of a
/// piece rather than the file's.
///
/// ``check(path:)`` gives nil for anything `TextLoader` would not simply read as UTF-8 (an empty
/// file, a UTF-16 byte-order mark, a NUL byte, invalid UTF-8, no letter in the first megabytes,
/// not a regular file); the caller then loads the file whole, with `TextLoader`'s errors.
public struct PlainTextFile: Sendable {
  public let path: String
  /// The number of bytes of text (the file without a UTF-8 byte-order mark).
  public let byteCount: Int
  /// 3 when the file starts with a UTF-8 byte-order mark (not part of the text).
  let bomLength: Int
  /// The start of the text, at least ``headBytes`` bytes of it (all of it when it is shorter),
  /// ending at a character boundary: format detection reads the first 2^20 scalars, which
  /// take at most 4 MB.
  public let head: String
  /// Whether ``head`` is all of the text.
  public let headIsWhole: Bool

  static let headBytes = 1 << 22
  /// Bytes read at a time.
  static let block = 1 << 18

  /// Reads the file at `path` once, checking what ``TextLoader`` checks; nil when it must be
  /// loaded whole instead (see the type's description).
  public static func check(path: String) -> PlainTextFile? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
      return nil
    }
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: block)
    defer { buffer.deallocate() }
    var head: [UInt8] = []
    var total = 0
    var carry = 0
    var bomLength = 0
    var first = true
    while true {
      let got = read(descriptor, buffer + carry, block - carry)
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { return nil }
      if got == 0 { break }
      let count = carry + got
      var start = 0
      if first {
        first = false
        // A byte-order mark of UTF-16 (or only part of one read): the whole-file path decides.
        guard count >= 3 || got < block - carry else { return nil }
        if count >= 2, buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF {
          return nil
        }
        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { bomLength = 3 }
        start = bomLength
      }
      let end = PlainTextWindow.characterBoundary(buffer, start: start, count: count)
      let checked = UnsafeBufferPointer(start: buffer + start, count: end - start)
      guard memchr(buffer + start, 0, count - start) == nil, TextLoader.isValidUTF8(checked) else {
        return nil
      }
      if head.count < headBytes { head.append(contentsOf: checked) }
      total += end - start
      carry = count - end
      if carry > 0 { memmove(buffer, buffer + end, carry) }
    }
    // An unfinished character at the end: invalid, for the whole-file path to report.
    guard carry == 0, total > 0 else { return nil }
    let text = String(decoding: head, as: UTF8.self)
    guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return nil }
    return PlainTextFile(
      path: path, byteCount: total, bomLength: bomLength, head: text, headIsWhole: head.count == total)
  }

  /// ``Segmenter/guessLanguage(of:)`` of the whole text, read from ``head``; nil when the head
  /// might not hold the 200 000 characters the guess reads.
  public func guessLanguage() -> SegmenterLanguage? {
    if headIsWhole { return Segmenter.guessLanguage(of: head) }
    if let guess = Segmenter.guessLanguageOfASCII(head) { return guess }
    // One character more than the guess reads: the last one read is then whole.
    guard head.prefix(200_001).count > 200_000 else { return nil }
    return Segmenter.guessLanguage(of: head)
  }
}

/// The text of a ``PlainTextFile`` as ``PlainTextChunks`` reads it: a buffer that holds the
/// piece being cut and is refilled from the file behind it. A piece is decoded from the buffer
/// as from the whole text; when the buffer ends before the piece does (a paragraph or a line
/// longer than what was read), more is read and the piece decoded again, so the pieces are the
/// same as those of the text in memory. Used by one thread at a time (under the lock of
/// ``PlainTextPieces``).
final class PlainTextWindow: @unchecked Sendable {
  private let descriptor: Int32
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Where the next piece starts in `buffer`.
  private var start: Int
  /// The end of the whole, checked characters read.
  private var checkedEnd = 0
  /// The end of the bytes read.
  private var filled = 0
  private var atEnd = false
  /// Bytes wanted after `start` before a piece is decoded.
  private var wanted = 1 << 20
  let file: String
  /// Why reading stopped early (a read error, or the file changed between the two readings).
  private(set) var failure: TextLoadError? = nil

  /// Opens `text` for reading again; nil when it cannot be opened.
  init?(_ text: PlainTextFile, file: String) {
    descriptor = open(text.path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    self.file = file
    capacity = wanted + PlainTextFile.block
    buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    start = 0
    refill()
    // The byte-order mark is read (and checked) but is not text.
    start = min(text.bomLength, checkedEnd)
  }

  deinit {
    close(descriptor)
    buffer.deallocate()
  }

  /// Decodes the next piece into `scalars` (empty at the end of the text).
  func nextPiece(size: Int, into scalars: inout [Unicode.Scalar]) {
    while true {
      if !atEnd, checkedEnd - start < wanted { refill() }
      scalars.removeAll(keepingCapacity: true)
      let window = UnsafeBufferPointer(start: buffer + start, count: checkedEnd - start)
      let end = PlainTextChunks.decodePiece(window, from: 0, size: size, into: &scalars)
      if end < window.count || atEnd {
        start += end
        return
      }
      // The piece may go on past what was read: read more and decode it again.
      wanted = max(wanted, window.count) * 2
    }
  }

  /// Moves the unread bytes to the front and reads until `wanted` bytes follow `start` or the
  /// file ends; checks the new characters as ``PlainTextFile/check(path:)`` did.
  private func refill() {
    if start > 0 {
      memmove(buffer, buffer + start, filled - start)
      filled -= start
      checkedEnd -= start
      start = 0
    }
    if capacity < wanted + PlainTextFile.block {
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted + PlainTextFile.block)
      larger.update(from: buffer, count: filled)
      buffer.deallocate()
      buffer = larger
      capacity = wanted + PlainTextFile.block
    }
    while filled - start < wanted, filled < capacity {
      let got = read(descriptor, buffer + filled, capacity - filled)
      if got < 0, errno == EINTR { continue }
      if got < 0 {
        stop("cannot be read; check the path and its permissions")
        return
      }
      if got == 0 {
        atEnd = true
        break
      }
      filled += got
    }
    let end = atEnd ? filled : Self.characterBoundary(buffer, start: checkedEnd, count: filled)
    let fresh = UnsafeBufferPointer(start: buffer + checkedEnd, count: end - checkedEnd)
    guard memchr(buffer + checkedEnd, 0, end - checkedEnd) == nil, TextLoader.isValidUTF8(fresh) else {
      stop("changed while it was read (it is no longer the UTF-8 text it was); run again")
      return
    }
    checkedEnd = end
  }

  private func stop(_ message: String) {
    failure = TextLoadError(file: file, message: message)
    atEnd = true
  }

  /// The end of the last whole character in `buffer[start..<count]`: `count`, or the start of
  /// a character whose bytes are not all there yet (at most three bytes back).
  static func characterBoundary(_ buffer: UnsafeMutablePointer<UInt8>, start: Int, count: Int) -> Int {
    var lead = count - 1
    while lead >= start, lead > count - 4, buffer[lead] & 0xC0 == 0x80 { lead -= 1 }
    guard lead >= start, buffer[lead] >= 0xC0 else { return count }
    let length = buffer[lead] >= 0xF0 ? 4 : buffer[lead] >= 0xE0 ? 3 : 2
    return lead + length > count ? lead : count
  }
}
