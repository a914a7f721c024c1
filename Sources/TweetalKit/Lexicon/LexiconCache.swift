import FoundationEssentials
import TMX

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where compact copies of loaded FreeDict lexicons are kept, so that a process has its lexicon
/// ready in a few milliseconds instead of parsing the dictd files (about 0.2 s for nl–en).
///
/// One file per dictionary set and language pair, named by a hash of the dictionaries' real paths
/// and the languages. Its header records each file's size, modification time and SHA-256: a cache
/// whose sizes and times match is used as it is; when only the times differ the checksums decide
/// (a reinstalled, unchanged dictionary keeps its cache); otherwise it is rebuilt. Files are written
/// atomically; a cache folder that cannot be written is silently not used.
public struct LexiconCache: Sendable, Hashable {
  /// The folder holding the cache files.
  public var directory: String

  /// Bumped whenever the layout or what goes into the table changes (parsing, folding, limits).
  static let formatVersion: UInt32 = 1
  private static let magic = Array("TWTLLEX\u{0}".utf8)

  public init(directory: String) {
    self.directory = directory
  }

  /// `$XDG_CACHE_HOME/tweetal`, else `$HOME/.cache/tweetal`; nil when neither is set (absolute).
  public static func standard(environment: [String: String]) -> LexiconCache? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return LexiconCache(directory: xdg + "/tweetal")
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return LexiconCache(directory: home + "/.cache/tweetal")
    }
    return nil
  }

  /// One dictionary file the lexicon is made from, as found on disk.
  struct FileStamp: Codable, Hashable {
    var path: String
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int64
    var sha256: String?
  }

  /// What a cache file says about itself.
  struct Header: Codable, Hashable {
    var sourceLanguage: String
    var targetLanguage: String
    var sources: [String]
    var files: [FileStamp]
  }

  /// The lexicon of `files` for the language pair: from the cache when it is current, else from
  /// `build` (whose result is then cached).
  func lexicon(
    files: [String], sourceLanguage: String, targetLanguage: String,
    build: () throws(LexiconError) -> FreeDictLexicon
  ) throws(LexiconError) -> FreeDictLexicon {
    let paths = files.map(Self.realPath)
    guard let stamps = paths.map(Self.stamp).allPresent() else { return try build() }
    let cachePath = path(for: paths, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
    if let cached = Self.read(path: cachePath), cached.header.sourceLanguage == sourceLanguage,
      cached.header.targetLanguage == targetLanguage, cached.header.files.map(\.path) == paths
    {
      let stored = cached.header.files
      if zip(stored, stamps).allSatisfy({
        $0.size == $1.size && $0.modified == $1.modified && $0.modifiedNanoseconds == $1.modifiedNanoseconds
      }) {
        return cached.lexicon
      }
      if zip(stored, stamps).allSatisfy({ $0.size == $1.size }) {
        let sums = paths.map(Self.checksum)
        if zip(stored, sums).allSatisfy({ $1 != nil && $0.sha256 == $1 }) {
          var header = cached.header
          header.files = zip(stamps, sums).map { stamp, sum in
            var stamp = stamp
            stamp.sha256 = sum
            return stamp
          }
          write(header: header, table: Array(cached.bytes[cached.tableOffset...]), to: cachePath)
          return cached.lexicon
        }
      }
    }
    let sums = paths.map(Self.checksum)
    let lexicon = try build()
    let header = Header(
      sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, sources: lexicon.sources,
      files: zip(stamps, sums).map { stamp, sum in
        var stamp = stamp
        stamp.sha256 = sum
        return stamp
      })
    // Stamps taken before the build: a file changed meanwhile makes the next run rebuild again.
    if sums.allSatisfy({ $0 != nil }), let table = lexicon.compactTable {
      write(header: header, table: table, to: cachePath)
    }
    return lexicon
  }

  /// The cache file for these dictionary files and languages.
  func path(for files: [String], sourceLanguage: String, targetLanguage: String) -> String {
    let key = ([String(Self.formatVersion), sourceLanguage, targetLanguage] + files).joined(separator: "\n")
    let hash = Array(key.utf8).withUnsafeBufferPointer { CompactLexicon.hash($0) }
    let hex = String(hash, radix: 16)
    return directory + "/freedict-" + String(repeating: "0", count: 16 - hex.count) + hex + ".lexicon"
  }

  private struct Cached {
    var header: Header
    var bytes: [UInt8]
    var tableOffset: Int
    var lexicon: FreeDictLexicon
  }

  /// A cache file's header and table, or nil when it is missing, of another version or damaged.
  private static func read(path: String) -> Cached? {
    guard let bytes = try? SafeFile.read(path: path), bytes.count >= 16, bytes.starts(with: magic) else {
      return nil
    }
    let version = bytes.withUnsafeBytes {
      UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    }
    let headerCount = Int(
      bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) })
    guard version == formatVersion, 16 + headerCount <= bytes.count,
      let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[16..<16 + headerCount])),
      let table = CompactLexicon(bytes: bytes, offset: 16 + headerCount)
    else { return nil }
    let lexicon = FreeDictLexicon(
      sourceLanguage: header.sourceLanguage, targetLanguage: header.targetLanguage, compact: table,
      sources: header.sources)
    return Cached(header: header, bytes: bytes, tableOffset: 16 + headerCount, lexicon: lexicon)
  }

  /// Writes the cache file atomically; any failure (no folder, read-only) leaves things as they were.
  private func write(header: Header, table: [UInt8], to path: String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let json = try? encoder.encode(header) else { return }
    var bytes = Self.magic
    withUnsafeBytes(of: Self.formatVersion.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes += $0 }
    bytes += json
    bytes += table
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try SafeFile.write(bytes, toPath: path)
    } catch {
      return
    }
  }

  private static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func stamp(_ path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileStamp(
      path: path, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec),
      modifiedNanoseconds: Int64(info.st_mtim.tv_nsec), sha256: nil)
  }

  private static func checksum(_ path: String) -> String? {
    guard let bytes = try? SafeFile.read(path: path) else { return nil }
    return Checksum.sha256Hex(of: bytes)
  }
}

extension Array {
  /// The unwrapped elements, or nil when any is nil.
  fileprivate func allPresent<Wrapped>() -> [Wrapped]? where Element == Wrapped? {
    var result: [Wrapped] = []
    result.reserveCapacity(count)
    for element in self {
      guard let element else { return nil }
      result.append(element)
    }
    return result
  }
}
