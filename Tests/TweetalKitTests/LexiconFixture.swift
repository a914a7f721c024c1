import Foundation

/// Writes small dictd dictionaries (index + plain `.dict` or gzip `.dict.dz`) into a fresh
/// temporary directory, so the reader is tested without any installed dictionary.
struct LexiconFixture {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tweetal-lexicon-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Writes `name.index` and `name.dict` (or `name.dict.dz` when `gzip`) for `entries`
  /// (headword, full entry text); returns the index path.
  @discardableResult
  func write(_ name: String, _ entries: [(String, String)], gzip: Bool = false) throws -> String {
    var data: [UInt8] = Array("00-database-info\nA test dictionary\n".utf8)
    var index = "00-database-info\tA\t\(Self.base64(data.count))\n"
    for (headword, text) in entries {
      let bytes = Array(text.utf8)
      index += "\(headword)\t\(Self.base64(data.count))\t\(Self.base64(bytes.count))\n"
      data += bytes
    }
    let base = directory.appendingPathComponent(name).path
    try Data(index.utf8).write(to: URL(fileURLWithPath: base + ".index"))
    let dataFile = gzip ? base + ".dict.dz" : base + ".dict"
    try Data(gzip ? Self.gzipStored(data) : data).write(to: URL(fileURLWithPath: dataFile))
    return base + ".index"
  }

  /// A number in dictd's base64: `A–Z a–z 0–9 + /`, most significant digit first.
  static func base64(_ value: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var value = value
    var digits: [Character] = []
    repeat {
      digits.insert(alphabet[value % 64], at: 0)
      value /= 64
    } while value > 0
    return String(digits)
  }

  /// A gzip member holding `data` in stored (uncompressed) deflate blocks, with CRC-32 and size.
  static func gzipStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
    var offset = 0
    repeat {
      let count = min(65_535, data.count - offset)
      let final: UInt8 = offset + count == data.count ? 1 : 0
      out += [
        final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF),
      ]
      out += data[offset..<offset + count]
      offset += count
    } while offset < data.count
    for value in [crc32(data), UInt32(truncatingIfNeeded: data.count)] {
      out += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    return out
  }

  static func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// A Dutch–English dictionary in the style of freedict-nld-eng 0.2, and the English–Dutch one.
  func writeDutchEnglish(gzip: Bool = false) throws {
    try write(
      "freedict-nld-eng",
      [
        ("arbeid", "arbeid /ˈɑrbɛit/\nlabour, work\n"),
        ("land", "land /lɑnt/ <n>\n1. country, land\n2. soil\n"),
        ("migratie", "migratie /miɣraːtsi/ <n, fem>\nmigration\n"),
        ("samenwerking", "samenwerking\ncooperation; collaboration (formal)\n"),
        ("staat", "staat /staːt/\n1. state\n2. condition\n"),
        ("regering", "regering\nNote: a test note\ngovernment, administration\n"),
      ], gzip: gzip)
    try write(
      "freedict-eng-nld",
      [
        ("return", "return /ritəːn/\n1. terugkeer, terugkomst\n2. teruggeven\n"),
        ("member", "member\nlid\n"),
      ], gzip: gzip)
  }
}
