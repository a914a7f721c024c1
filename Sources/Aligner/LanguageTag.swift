/// BCP-47 language tags as the aligner and the toolkit use them.
public enum LanguageTag {
  /// The primary language subtag, lower-cased: `nl` for `nl-NL` (`_` separates too: `en_GB`).
  public static func primarySubtag(_ tag: String) -> String {
    String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
  }
}
