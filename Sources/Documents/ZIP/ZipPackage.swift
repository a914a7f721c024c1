import Foundation
import ZIPFoundation

/// A ZIP container (DOCX, ODT) opened from memory with ZIPFoundation, whose entries are read
/// under one decompressed-size budget: a ZIP bomb is refused once its entries together pass
/// ``DocumentLimits/maxDecompressedBytes``, whatever sizes its directory claims.
final class ZipPackage {
  private let archive: Archive
  private let file: String
  private let limit: Int
  /// Bytes decompressed so far, from all entries.
  private var used = 0
  /// The entry names, in the archive's order.
  let entryNames: [String]

  init(_ bytes: [UInt8], file: String, limits: DocumentLimits) throws(DocumentError) {
    self.file = file
    self.limit = limits.maxDecompressedBytes
    do {
      archive = try Archive(data: Data(bytes), accessMode: .read)
    } catch {
      throw DocumentError(
        file: file,
        message: "is not a readable ZIP archive (truncated or corrupt); a DOCX or ODT file is a ZIP "
          + "archive: save or download it again")
    }
    entryNames = archive.map(\.path)
  }

  /// The bytes of entry `path`, or `nil` when there is none.
  func data(_ path: String) throws(DocumentError) -> [UInt8]? {
    guard let entry = archive[path] else { return nil }
    if entry.uncompressedSize > UInt64(limit - used) { throw bomb() }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(min(entry.uncompressedSize, 64 << 20)))
    var overLimit = false
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        if chunk.count > self.limit - self.used {
          overLimit = true
          throw CancellationError()
        }
        self.used += chunk.count
        bytes += chunk
      }
    } catch {
      if overLimit { throw bomb() }
      throw DocumentError(
        file: file,
        message: "its ZIP entry \(path) cannot be decompressed (corrupt or truncated archive); "
          + "save or download the file again")
    }
    return bytes
  }

  /// The UTF-8 text of entry `path` if it has at most `limit` bytes.
  func text(_ path: String, limit: Int) throws(DocumentError) -> String? {
    guard let entry = archive[path], entry.uncompressedSize <= UInt64(limit), let bytes = try data(path)
    else {
      return nil
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func bomb() -> DocumentError {
    DocumentError(
      file: file,
      message: "decompresses to more than \(limit >> 20) MiB, the limit for one document; refused as a "
        + "possible ZIP bomb (split the document if it is real)")
  }
}
