/// Turns a sentence's text into anchor IDs shared across languages (see ``AlignerSentence/anchors``).
///
/// Placeholder: numbers only (each maximal run of digits is one anchor).
public struct AnchorExtractor: Sendable {
  /// The language's BCP-47 primary subtag (`nl`, `en`, `de`, `fr`, ...).
  public var language: String

  public init(language: String) {
    self.language = language
  }

  /// Sorted, unique anchor IDs for `text`.
  public func anchors(for text: String) -> [UInt64] {
    var result: Set<UInt64> = []
    var digits: UInt64 = 0
    var inNumber = false
    for scalar in text.unicodeScalars {
      if let value = scalar.properties.numericType == .decimal ? scalar.properties.numericValue : nil {
        digits = digits &* 10 &+ UInt64(value)
        inNumber = true
      } else if inNumber {
        result.insert(digits &* 0x9E37_79B9_7F4A_7C15)
        digits = 0
        inNumber = false
      }
    }
    if inNumber { result.insert(digits &* 0x9E37_79B9_7F4A_7C15) }
    return result.sorted()
  }
}
