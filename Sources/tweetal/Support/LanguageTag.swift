/// The shape of a BCP-47 language tag, as far as Tweetal needs it (`nl`, `nl-NL`, `en-GB`, `sr-Latn-RS`).
enum LanguageTag {
  /// Whether `tag` is a primary subtag of 2–3 letters followed by alphanumeric subtags of 1–8 characters.
  static func isWellFormed(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let primary = parts.first, (2...3).contains(primary.count),
      primary.allSatisfy({ $0.isASCII && $0.isLetter })
    else { return false }
    return parts.dropFirst().allSatisfy { part in
      (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
  }
}
