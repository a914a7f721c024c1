import FoundationEssentials
import TMX

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
    let bytes: [UInt8]?
    do {
      bytes = try SafeFile.read(path: path)
    } catch {
      throw .unreadable(path: path, detail: error.message)
    }
    guard let bytes else { throw .missingFile(path: path) }
    return bytes
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
      let trimmed = FreeDictEntryText.trimmed(Substring(headword))
      if trimmed.isEmpty || trimmed.hasPrefix("00-database") || trimmed.hasPrefix("00database") { continue }
      if let known = parsedAt[offset] {
        entries.append(Entry(headword: trimmed, translations: known))
        continue
      }
      guard offset + length <= data.count,
        let translations = FreeDictEntryText.translations(in: data[offset..<offset + length])
      else { throw .badEntry(path: dataPath, headword: trimmed) }
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
  /// - Returns: nil if a translation line is not UTF-8.
  static func translations(in entry: ArraySlice<UInt8>) -> [String]? {
    var numbered: [ArraySlice<UInt8>] = []
    var firstLine: ArraySlice<UInt8>?
    for rawLine in entry.split(separator: newline).dropFirst() {
      let line = rawLine.drop { $0 == space || $0 == tab }
      guard let first = line.first else { continue }
      if isDigit(first), let sense = senseText(line) {
        numbered.append(sense)
      } else if firstLine == nil && numbered.isEmpty && !isNote(line) {
        firstLine = line
      }
    }
    var result: [String] = []
    for bytes in numbered.isEmpty ? (firstLine.map { [$0] } ?? []) : numbered {
      guard let line = String(validating: bytes, as: UTF8.self) else { return nil }
      if line.unicodeScalars.contains(where: { $0 == "\"" || $0 == "“" }) { continue }
      for part in removeBracketed(line).split(whereSeparator: { $0 == "," || $0 == ";" }) {
        let translation = trimmed(part)
        if !translation.isEmpty && translation.split(separator: " ").count <= 4 { result.append(translation) }
      }
    }
    return result
  }

  /// `text` without leading and trailing white space (Foundation's trimming is slow on Linux).
  static func trimmed(_ text: Substring) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end && scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
    while end > start && scalars[scalars.index(before: end)].properties.isWhitespace {
      end = scalars.index(before: end)
    }
    return String(scalars[start..<end])
  }

  private static let newline = UInt8(ascii: "\n")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isNote(_ line: ArraySlice<UInt8>) -> Bool {
    let start = line.prefix(12).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    return notePrefixes.contains { start.starts(with: $0.utf8) }
  }

  /// Lines that are no translations: notes, cross-references, examples.
  private static let notePrefixes = [
    "note:", "notes:", "see:", "see also:", "synonym", "antonym", "example", "usage:", "→",
  ]

  /// The text of a numbered sense line (`2. schroom` → `schroom`), or nil.
  private static func senseText(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    let digits = line.prefix(while: isDigit)
    guard !digits.isEmpty, digits.endIndex < line.endIndex, line[digits.endIndex] == UInt8(ascii: ".")
    else { return nil }
    return line[(digits.endIndex + 1)...]
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
