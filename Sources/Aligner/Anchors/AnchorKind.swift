/// The kind of evidence an anchor ID stands for, stored in the ID's top 4 bits.
///
/// Bit layout of an anchor ID (`UInt64`):
///
/// ```
/// bits 63...60  AnchorKind.rawValue (1...8; 0 is never produced)
/// bits 59...0   the low 60 bits of FNV-1a 64 over the UTF-8 of a typed key ("num:2022")
/// ```
///
/// The hash is stable across processes and machines (unlike Swift's `Hasher`), so IDs may be
/// stored and compared between runs. Sorting IDs groups them by kind.
public enum AnchorKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// A number: `2022`, `1.000` = `1,000` = `1000`, `1,5` = `1.5`, `25%` (key `num:`).
  case number = 1
  /// A calendar date or month: `17 mei 2022` = `May 17, 2022` = `17.05.2022` (key `date:`).
  case date = 2
  /// A reference number or code: a run of 5+ digits (`3963666`), `A/RES/73/195` (key `ref:`).
  case reference = 3
  /// A URL or e-mail address, lower-cased, without scheme and `www.` (key `url:`).
  case url = 4
  /// An acronym or a name: an all-capitals token (`GCM`) or a capitalised word that does not
  /// start the sentence (`Khartoum`), case and diacritics folded (key `name:`).
  case name = 5
  /// A cognate: the first 4 letters of a folded word of 4+ letters that is not a stop word
  /// (`migratie`, `migration` → `pre:migr`).
  case cognate = 6
  /// Punctuation structure: question, exclamation, colon, semicolon, parentheses, list marker
  /// (key `punct:`). Weak evidence.
  case punctuation = 7
  /// A target-language word: on the target side the sentence's own content words, on the source
  /// side the lexicon's translations of the source words (key `lex:`).
  case lexicon = 8

  /// The prefix of the typed key, e.g. `"num"`.
  public var keyPrefix: String {
    switch self {
    case .number: "num"
    case .date: "date"
    case .reference: "ref"
    case .url: "url"
    case .name: "name"
    case .cognate: "pre"
    case .punctuation: "punct"
    case .lexicon: "lex"
    }
  }

  public var description: String {
    switch self {
    case .number: "number"
    case .date: "date"
    case .reference: "reference"
    case .url: "url"
    case .name: "name"
    case .cognate: "cognate"
    case .punctuation: "punctuation"
    case .lexicon: "lexicon"
    }
  }

  /// The kind encoded in `id`'s top 4 bits, or nil for an ID no extractor produces.
  public init?(id: UInt64) {
    self.init(rawValue: UInt8(truncatingIfNeeded: id >> AnchorID.kindShift))
  }
}

/// Building and reading anchor IDs (see ``AnchorKind`` for the bit layout).
public enum AnchorID {
  /// How far the kind is shifted: the kind occupies bits 63...60.
  public static let kindShift: UInt64 = 60
  /// The bits that hold the key's hash.
  public static let hashMask: UInt64 = (1 << 60) - 1

  /// The ID of `value` as an anchor of `kind`: hashes the typed key `"<prefix>:<value>"`.
  public static func make(_ kind: AnchorKind, _ value: String) -> UInt64 {
    var hash = fnv1a(kind.keyPrefix.utf8, seed: fnvOffset)
    hash = fnv1a(CollectionOfOne(UInt8(ascii: ":")), seed: hash)
    hash = fnv1a(value.utf8, seed: hash)
    return UInt64(kind.rawValue) << kindShift | hash & hashMask
  }

  /// The kind of `id`, or nil if its top bits hold no kind.
  public static func kind(of id: UInt64) -> AnchorKind? { AnchorKind(id: id) }

  private static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
  private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

  private static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt64) -> UInt64 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* fnvPrime
    }
    return hash
  }
}
