/// The TMX 1.4b rules the DTD cannot express and that importers rely on (OmegaT, Trados, the
/// translate-toolkit): required header values, dates in `YYYYMMDDThhmmssZ`, the source variant
/// first, no white space at the ends of a segment, `bpt`/`ept` paired by `i`.
///
/// The writer writes whatever the model holds; run this on documents Tweetal produces (the
/// reader accepts other tools' files that break these rules).
public enum TMXChecklist {
  /// One broken rule, located by unit.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The index of the unit in ``TMXDocument/units``, or `nil` for the header.
    public var unitIndex: Int?
    public var message: String

    public init(unitIndex: Int?, message: String) {
      self.unitIndex = unitIndex
      self.message = message
    }

    public var description: String {
      (unitIndex.map { "unit \($0 + 1)" } ?? "header") + ": " + message
    }
  }

  static let dateAttributes = ["creationdate", "changedate", "lastusagedate"]

  /// Every broken rule, header first, then units in order; empty when the document is clean.
  public static func problems(in document: TMXDocument) -> [Problem] {
    var problems: [Problem] = []
    let header = document.header
    let required = [
      ("creationtool", header.creationTool), ("creationtoolversion", header.creationToolVersion),
      ("segtype", header.segmentType), ("o-tmf", header.originalFormat),
      ("adminlang", header.adminLanguage), ("srclang", header.sourceLanguage),
      ("datatype", header.dataType),
    ]
    for (name, value) in required where value.isEmpty {
      problems.append(Problem(unitIndex: nil, message: "\(name) is empty"))
    }
    if !["sentence", "paragraph", "phrase", "block"].contains(header.segmentType) {
      problems.append(Problem(unitIndex: nil, message: "segtype '\(header.segmentType)' is not a TMX value"))
    }
    problems += dateProblems(header.attributes, unitIndex: nil, place: "header")
    for (index, unit) in document.units.enumerated() {
      problems += unitProblems(unit, index: index, sourceLanguage: header.sourceLanguage)
    }
    return problems
  }

  private static func unitProblems(
    _ unit: TranslationUnit, index: Int, sourceLanguage: String
  ) -> [Problem] {
    var problems = dateProblems(unit.attributes, unitIndex: index, place: "tu")
    func add(_ message: String) { problems.append(Problem(unitIndex: index, message: message)) }
    if unit.variants.isEmpty { add("has no <tuv>") }
    if sourceLanguage.lowercased() != "*all*", let first = unit.variants.first,
      first.language.lowercased() != sourceLanguage.lowercased()
    {
      let has = unit.variants.contains { $0.language.lowercased() == sourceLanguage.lowercased() }
      add(
        has
          ? "the \(sourceLanguage) variant is not first (first is \(first.language))"
          : "has no variant in srclang \(sourceLanguage)")
    }
    for variant in unit.variants {
      let place = "tuv \(variant.language)"
      problems += dateProblems(variant.attributes, unitIndex: index, place: place)
      if !isLanguageTag(variant.language) { add("\(place): '\(variant.language)' is not a language tag") }
      let content = variant.segment.content
      if case .text(let text) = content.first, text.first?.isWhitespace == true {
        add("\(place): the segment starts with white space")
      }
      if case .text(let text) = content.last, text.last?.isWhitespace == true {
        add("\(place): the segment ends with white space")
      }
      for message in pairingProblems(content) { add("\(place): \(message)") }
    }
    return problems
  }

  private static func dateProblems(
    _ attributes: [String: String], unitIndex: Int?, place: String
  ) -> [Problem] {
    dateAttributes.compactMap { name in
      guard let value = attributes[name], TMXDate.parse(value) == nil else { return nil }
      return Problem(unitIndex: unitIndex, message: "\(place) \(name)='\(value)' is not YYYYMMDDThhmmssZ")
    }
  }

  /// `bpt` and `ept` of one segment level matched by their `i` attribute.
  private static func pairingProblems(_ content: [InlineContent]) -> [String] {
    var open: [String] = []
    var problems: [String] = []
    for case .code(let code) in content {
      let number = code.attributes["i"] ?? "?"
      switch code.kind {
      case .beginPairedTag: open.append(number)
      case .endPairedTag:
        if let position = open.lastIndex(of: number) {
          open.remove(at: position)
        } else {
          problems.append("<ept i=\"\(number)\"> has no <bpt> before it")
        }
      default: problems += pairingProblems(code.content)
      }
    }
    problems += open.map { "<bpt i=\"\($0)\"> has no <ept>" }
    return problems
  }

  /// A rough BCP-47 shape: letter subtags of 2-8 characters first, then alphanumeric subtags.
  private static func isLanguageTag(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let primary = parts.first, (2...8).contains(primary.count),
      primary.allSatisfy({ $0.isASCII && $0.isLetter })
    else { return false }
    return parts.dropFirst().allSatisfy { part in
      (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
  }
}
