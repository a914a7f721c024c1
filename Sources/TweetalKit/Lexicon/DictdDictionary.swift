import Foundation

/// A dictionary in dictd form (`name.index` + `name.dict.dz` or `name.dict`), parsed into
/// headwords and their translations.
///
/// The index has one line per headword: `headword<TAB>offset<TAB>length`, offset and length in
/// dictd's base64 (digits `A–Z a–z 0–9 + /`, most significant first) into the uncompressed data.
/// FreeDict entries are plain text: a headword line (`migratie /miɣraːtsi/ <n>`), then
/// translation lines, plain or numbered (`1. hill, mound`), comma- or semicolon-separated.
public struct DictdDictionary: Sendable {
  /// One headword and what it translates to, in the order the dictionary gives them.
  public struct Entry: Sendable, Hashable {
    public var headword: String
    public var translations: [String]
  }

  /// The entries in index order (dictd's `00-database-…` metadata entries left out).
  public var entries: [Entry]
  /// The index file read.
  public var indexPath: String
  /// The data file read (`.dict.dz` or `.dict`).
  public var dataPath: String

  /// Reads the dictionary whose index is at `indexPath`; the data file defaults to the index path
  /// with `.index` replaced by `.dict.dz`, or `.dict` if that is what exists.
  /// - Throws: ``LexiconError`` naming the file and what to do.
  public init(indexPath: String, dataPath: String? = nil) throws(LexiconError) {
    let base = indexPath.hasSuffix(".index") ? String(indexPath.dropLast(".index".count)) : indexPath
    let data = dataPath ?? Self.existingDataPath(base: base) ?? base + ".dict.dz"
    self.indexPath = indexPath
    self.dataPath = data
    let indexBytes = try Self.read(indexPath)
    var dataBytes = try Self.read(data)
    if dataBytes.starts(with: [0x1F, 0x8B]) { dataBytes = try Gzip.decompress(dataBytes, path: data) }
    entries = try Self.parse(index: indexBytes, indexPath: indexPath, data: dataBytes, dataPath: data)
  }

  /// `base.dict.dz` or `base.dict`, whichever exists.
  static func existingDataPath(base: String) -> String? {
    [base + ".dict.dz", base + ".dict"].first { FileManager.default.fileExists(atPath: $0) }
  }

  private static func read(_ path: String) throws(LexiconError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw .missingFile(path: path) }
    return [UInt8](data)
  }

  private static func parse(
    index: [UInt8], indexPath: String, data: [UInt8], dataPath: String
  ) throws(LexiconError) -> [Entry] {
    var entries: [Entry] = []
    var parsedAt: [Int: [String]] = [:]
    var lineNumber = 0
    for line in index.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty { continue }
      let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      guard fields.count >= 3, let offset = base64Number(fields[1]), let length = base64Number(fields[2]),
        let headword = String(validating: fields[0], as: UTF8.self)
      else { throw .malformedIndex(path: indexPath, line: lineNumber) }
      let trimmed = headword.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("00-database") || trimmed.hasPrefix("00database") { continue }
      if let known = parsedAt[offset] {
        entries.append(Entry(headword: trimmed, translations: known))
        continue
      }
      guard offset + length <= data.count,
        let text = String(validating: data[offset..<offset + length], as: UTF8.self)
      else { throw .badEntry(path: dataPath, headword: trimmed) }
      let translations = FreeDictEntryText.translations(in: text)
      parsedAt[offset] = translations
      entries.append(Entry(headword: trimmed, translations: translations))
    }
    return entries
  }

  /// A number in dictd's base64 (no padding, most significant digit first).
  static func base64Number(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty, digits.count <= 10 else { return nil }
    var value = 0
    for byte in digits {
      let digit: Int
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(byte - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int(byte - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"): digit = 62
      case UInt8(ascii: "/"): digit = 63
      default: return nil
      }
      value = value * 64 + digit
    }
    return value
  }
}

/// Reading translations out of the plain text of a FreeDict dictd entry.
enum FreeDictEntryText {
  /// Translations in an entry's text, numbering, grammar labels (`<n>`, `<v, trans>`),
  /// pronunciations (`/…/`) and parenthesised notes removed, split at commas and semicolons.
  ///
  /// Senses are numbered lines (`1. hill, mound`) when there are several, else the single line
  /// after the headword line. Other lines are glosses in the source language (newer FreeDict
  /// editions follow each sense with a definition), notes or examples, and are skipped, as are
  /// pieces longer than four words.
  static func translations(in text: String) -> [String] {
    let lines = text.split(whereSeparator: \.isNewline).dropFirst()
      .map { Substring($0.trimmingCharacters(in: .whitespaces)) }
    let numbered = lines.compactMap(senseText)
    let senses = numbered.isEmpty ? Array(lines.prefix(1)) : numbered
    var result: [String] = []
    for line in senses where !line.contains("\"") && !line.contains("“") {
      for part in removeBracketed(String(line)).split(whereSeparator: { $0 == "," || $0 == ";" }) {
        let translation = part.trimmingCharacters(in: .whitespaces)
        if !translation.isEmpty && translation.split(separator: " ").count <= 4 { result.append(translation) }
      }
    }
    return result
  }

  /// The text of a numbered sense line (`2. schroom` → `schroom`), or nil.
  private static func senseText(_ line: Substring) -> Substring? {
    guard let dot = line.firstIndex(of: "."), dot != line.startIndex,
      line[..<dot].allSatisfy(\.isNumber)
    else { return nil }
    return line[line.index(after: dot)...]
  }

  /// Removes `<…>`, `(…)`, `[…]` and `/…/` spans.
  private static func removeBracketed(_ text: String) -> String {
    var result = ""
    var closer: Character?
    for character in text {
      if let expected = closer {
        if character == expected { closer = nil }
        continue
      }
      switch character {
      case "<": closer = ">"
      case "(": closer = ")"
      case "[": closer = "]"
      case "/": closer = "/"
      default: result.append(character)
      }
    }
    return result
  }
}
