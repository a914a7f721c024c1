/// Splits a decoded document into clean units (normalise into blocks, then split sentences).
public struct Segmenter: Sendable {
  public var language: SegmenterLanguage

  public init(language: SegmenterLanguage) {
    self.language = language
  }

  /// The units of `text`, in document order. Placeholder: one unit per non-empty line.
  public func segment(_ text: String) -> [Unit] {
    var units: [Unit] = []
    var offset = 0
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingSpaces
      if !trimmed.isEmpty {
        units.append(Unit(kind: .sentence, text: trimmed, block: index, start: offset, end: offset + line.count))
      }
      offset += line.count + 1
    }
    return units
  }

  /// Guesses Dutch or English from the text.
  public static func guessLanguage(of text: String) -> SegmenterLanguage { .english }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
  }
}
