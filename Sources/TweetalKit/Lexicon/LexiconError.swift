/// Why a dictionary could not be read.
public enum LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A file the dictionary needs is not there.
  case missingFile(path: String)
  /// An index line is not `headword<TAB>offset<TAB>length` in dictd's base64.
  case malformedIndex(path: String, line: Int)
  /// The data file is not a readable gzip/dictzip stream.
  case corruptData(path: String, detail: String)
  /// A file is there but cannot be read (a folder, no permission).
  case unreadable(path: String, detail: String)
  /// An entry points outside the data file or is not UTF-8.
  case badEntry(path: String, headword: String)
  /// The dictionary's file name names other languages than the pair being aligned.
  case languageMismatch(path: String, source: String, target: String)
  /// The language has no known ISO 639-3 code, so no installed dictionary can be found.
  case unknownLanguage(String)

  public var description: String {
    switch self {
    case .missingFile(let path):
      "\(path): no such file; install the dictionary (e.g. apt-get install dict-freedict-nld-eng) "
        + "or give --lexicon the path of a dictd .index file"
    case .malformedIndex(let path, let line):
      "\(path):\(line): not a dictd index line (headword, offset and length separated by tabs); "
        + "check that the file is a dictd .index"
    case .corruptData(let path, let detail):
      "\(path): cannot decompress (\(detail)); reinstall the dictionary or pass an uncompressed .dict"
    case .unreadable(let path, let detail):
      "\(path): \(detail); check the path and its permissions"
    case .badEntry(let path, let headword):
      "\(path): the entry for '\(headword)' lies outside the data file or is not UTF-8; "
        + "the .index and .dict files do not belong together"
    case .languageMismatch(let path, let source, let target):
      "\(path): this dictionary is for another language pair than \(source)–\(target); "
        + "use freedict-<source>-<target> or freedict-<target>-<source>"
    case .unknownLanguage(let language):
      "no ISO 639-3 code known for language '\(language)'; pass --lexicon with a dictionary path"
    }
  }
}
