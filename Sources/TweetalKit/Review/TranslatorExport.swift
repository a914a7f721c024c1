import Aligner
public import TMX

/// Which beads go into an export.
public struct ExportOptions: Sendable, Hashable {
  /// Keep auto beads at or above this confidence (confirmed and edited beads always pass).
  public var minConfidence: Double?
  /// Keep confirmed beads only.
  public var confirmedOnly: Bool
  /// Write Tweetal's `x-` props (status, confidence, bead type, document) into the TMX.
  public var keepProperties: Bool

  public init(minConfidence: Double? = nil, confirmedOnly: Bool = false, keepProperties: Bool = false) {
    self.minConfidence = minConfidence
    self.confirmedOnly = confirmedOnly
    self.keepProperties = keepProperties
  }
}

/// One exported pair of segments.
public struct ExportPair: Sendable, Hashable {
  /// Clean text: the side's sentences joined with one space, whitespace runs collapsed, trimmed.
  public var source: String
  public var target: String
  public var bead: AlignmentBead
  /// The alignment file the pair came from.
  public var file: String

  public init(source: String, target: String, bead: AlignmentBead, file: String) {
    self.source = source
    self.target = target
    self.bead = bead
    self.file = file
  }
}

/// Why alignments cannot be exported together: a problem of the input files, not of the request.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No alignment was given.
  case noInput
  /// `file` is in another language pair than `firstFile`, the first input.
  case languageMismatch(file: String, languages: String, firstFile: String, firstLanguages: String)

  public var description: String {
    switch self {
    case .noInput: "no input alignments"
    case .languageMismatch(let file, let languages, let firstFile, let firstLanguages):
      "\(file): is \(languages) but \(firstFile) is \(firstLanguages); export one language pair at a time"
    }
  }
}

/// Exports reviewed alignments for translators and MT training.
public enum TranslatorExport {
  /// The exportable pairs of several alignments, in input order, each distinct pair once.
  /// Throws if the inputs do not share one source and one target language.
  public static func pairs(
    _ inputs: [(file: String, document: AlignedDocument)], options: ExportOptions
  ) throws(ExportError) -> (pairs: [ExportPair], sourceLanguage: String, targetLanguage: String) {
    guard let first = inputs.first else { throw .noInput }
    let sourceLanguage = first.document.metadata.sourceLanguage
    let targetLanguage = first.document.metadata.targetLanguage
    var seen: Set<String> = []
    var pairs: [ExportPair] = []
    for (file, document) in inputs {
      guard document.metadata.sourceLanguage.lowercased() == sourceLanguage.lowercased(),
        document.metadata.targetLanguage.lowercased() == targetLanguage.lowercased()
      else {
        throw .languageMismatch(
          file: file, languages: "\(document.metadata.sourceLanguage)→\(document.metadata.targetLanguage)",
          firstFile: first.file, firstLanguages: "\(sourceLanguage)→\(targetLanguage)")
      }
      for bead in document.beads where passes(bead, options) {
        let source = clean(bead.source.map { document.source[$0].text })
        let target = clean(bead.target.map { document.target[$0].text })
        guard !source.isEmpty, !target.isEmpty, seen.insert(source + "\u{0}" + target).inserted else {
          continue
        }
        pairs.append(ExportPair(source: source, target: target, bead: bead, file: file))
      }
    }
    return (pairs, sourceLanguage, targetLanguage)
  }

  /// A plain TMX 1.4b for translators: source tuv first, no private props unless asked.
  public static func tmx(
    _ pairs: [ExportPair], sourceLanguage: String, targetLanguage: String, options: ExportOptions,
    toolVersion: String, creationDate: String? = nil
  ) -> TMXDocument {
    let header = header(
      sourceLanguage: sourceLanguage, toolVersion: toolVersion, creationDate: creationDate)
    let units = pairs.enumerated().map { index, pair in
      unit(
        pair, id: index + 1, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
        keepProperties: options.keepProperties)
    }
    return TMXDocument(header: header, units: units)
  }

  /// The header of an export TMX.
  public static func header(sourceLanguage: String, toolVersion: String, creationDate: String?) -> Header {
    var attributes: [String: String] = [:]
    if let creationDate { attributes["creationdate"] = creationDate }
    return Header(
      creationTool: "Tweetal", creationToolVersion: toolVersion, segmentType: "sentence",
      originalFormat: "Tweetal", adminLanguage: "en", sourceLanguage: sourceLanguage, dataType: "plaintext",
      attributes: attributes)
  }

  /// The `<tu>` of one exported pair (`id` is 1-based), for writing one at a time.
  public static func unit(
    _ pair: ExportPair, id: Int, sourceLanguage: String, targetLanguage: String, keepProperties: Bool
  ) -> TranslationUnit {
    var properties: [Property] = []
    if keepProperties {
      properties = [
        Property(type: "x-document", value: pair.file),
        Property(type: "x-bead-type", value: pair.bead.type.description),
        Property(type: "x-confidence", value: String(pair.bead.confidence)),
        Property(type: "x-status", value: pair.bead.status.rawValue),
      ]
    }
    var unitAttributes: [String: String] = [:]
    if let date = pair.bead.changeDate { unitAttributes["changedate"] = date }
    if let user = pair.bead.changeUser { unitAttributes["changeid"] = user }
    return TranslationUnit(
      id: String(id), attributes: unitAttributes, properties: properties,
      variants: [
        TranslationVariant(language: sourceLanguage, segment: Segment(text: pair.source)),
        TranslationVariant(language: targetLanguage, segment: Segment(text: pair.target)),
      ])
  }

  /// Line-aligned text: line i of the source file translates line i of the target file.
  public static func text(_ pairs: [ExportPair]) -> (source: [UInt8], target: [UInt8]) {
    (Array(pairs.map { $0.source + "\n" }.joined().utf8), Array(pairs.map { $0.target + "\n" }.joined().utf8))
  }

  /// One `source<TAB>target` pair per line. Segments are clean (no tabs or line breaks left), and a
  /// backslash is written as `\\` so that `\t` and `\n` can never be misread.
  public static func tsv(_ pairs: [ExportPair]) -> [UInt8] {
    Array(pairs.map { escape($0.source) + "\t" + escape($0.target) + "\n" }.joined().utf8)
  }

  /// The file names of a text export: `OUT.nl` and `OUT.en` (full tags if the subtags agree).
  public static func textPaths(output: String, sourceLanguage: String, targetLanguage: String)
    -> (source: String, target: String)
  {
    var source = LanguageTag.primarySubtag(sourceLanguage)
    var target = LanguageTag.primarySubtag(targetLanguage)
    if source == target {
      source = sourceLanguage
      target = targetLanguage
    }
    return (output + "." + source, output + "." + target)
  }

  static func passes(_ bead: AlignmentBead, _ options: ExportOptions) -> Bool {
    if options.confirmedOnly { return bead.status == .confirmed }
    if let minimum = options.minConfidence, bead.status == .auto { return bead.confidence >= minimum }
    return true
  }

  /// Joins sentences with one space; any run of whitespace or control characters becomes one space.
  public static func clean(_ sentences: [String]) -> String {
    // Built as UTF-8 bytes (the export's hot loop): an ASCII scalar is a space when it is below
    // 0x21 (whitespace and control characters) or DEL; other scalars ask Unicode.
    var result: [UInt8] = []
    result.reserveCapacity(sentences.reduce(sentences.count) { $0 + $1.utf8.count })
    var pendingSpace = false
    for (index, sentence) in sentences.enumerated() {
      if index > 0 { pendingSpace = !result.isEmpty }
      for scalar in sentence.unicodeScalars {
        let isSpace =
          scalar.isASCII
          ? scalar.value < 0x21 || scalar.value == 0x7F
          : scalar.properties.isWhitespace || scalar.value < 0xA0
        if isSpace {
          pendingSpace = !result.isEmpty
          continue
        }
        if pendingSpace { result.append(UInt8(ascii: " ")) }
        pendingSpace = false
        UTF8.encode(scalar) { result.append($0) }
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\\\"
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default: result.append(character)
      }
    }
    return result
  }
}
