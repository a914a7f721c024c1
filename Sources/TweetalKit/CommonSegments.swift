import Segmenter

/// The template text of a collection: segments whose normalised text (``normalised(_:)``) occurs in
/// many documents of one language, such as a colophon, a licence notice or a standard option line,
/// and phrases (runs of ``phraseWords`` words) that many documents of one language share, such as
/// a template sentence worded around each document's own name.
///
/// A corpus run learns them from all of its documents (``learning(sourceDocuments:targetDocuments:)``)
/// and the parallelism score of each pair leaves their characters out, so that two documents that
/// share only their template do not read as translations of each other (issue 12; `docs/aligner.md`,
/// "Template text of a collection"). Beads, links and confidences do not depend on them.
public struct CommonSegments: Sendable, Hashable {
  /// The normalised texts.
  public private(set) var segments: Set<String>
  /// The common phrases: ``phraseWords`` words of a normalised text (``words(of:)``), joined by one
  /// space.
  public private(set) var phrases: Set<String>

  /// The words of a common phrase: fewer would find ordinary wording in every document, more would
  /// miss a template sentence whose varying name falls every few words (`docs/aligner.md`).
  public static let phraseWords = 4

  public init(_ segments: some Sequence<String>, phrases: some Sequence<String> = [String]()) {
    self.segments = Set(segments.map(Self.normalised).filter { !$0.isEmpty })
    self.phrases = Set(
      phrases.map { Self.words(of: Self.normalised($0)).joined(separator: " ") }.filter { !$0.isEmpty })
  }

  /// Whether `text` (a sentence) is one of the common segments.
  public func contains(_ text: String) -> Bool {
    segments.contains(Self.normalised(text))
  }

  public var isEmpty: Bool { segments.isEmpty && phrases.isEmpty }
  /// The number of common segments (phrases not counted).
  public var count: Int { segments.count }

  /// `text` as segments are compared: lower-cased, every run of whitespace one space (none at either
  /// end), every run of digits one `0` (a version, a year or a page number does not make a colophon
  /// another one).
  public static func normalised(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    var inDigits = false
    for character in text.lowercased() {
      if character.isWhitespace {
        pendingSpace = !result.isEmpty
        inDigits = false
        continue
      }
      if pendingSpace {
        result.append(" ")
        pendingSpace = false
      }
      if character.isWholeNumber {
        if !inDigits { result.append("0") }
        inDigits = true
        continue
      }
      inDigits = false
      result.append(character)
    }
    return result
  }

  /// The words of a normalised text: its runs of letters and digits (punctuation and spaces
  /// between them do not count, so `--no-preserve-root` is three words).
  public static func words(of normalised: String) -> [Substring] {
    normalised.split { !($0.isLetter || $0.isNumber) }
  }

  /// The least number of documents of one language a segment must occur in to be common, out of
  /// `documents`: 3, or 2 % of the documents when that is more. Three documents sharing a sentence
  /// word for word is not chance, and fewer cannot tell a template from one text quoting another;
  /// the share keeps a large collection from discounting what a handful of its documents quote.
  public static func threshold(documents: Int) -> Int {
    max(3, (documents * 2 + 99) / 100)
  }

  /// The segments and phrases common to the documents of either language: each document is a list
  /// of its sentences' texts, and documents are counted per language (a segment common in the
  /// source documents is left out on both sides, like one common in the target documents). A
  /// phrase is counted once per document however often it occurs there, as a segment is.
  public static func learning(sourceDocuments: [[String]], targetDocuments: [[String]]) -> CommonSegments {
    var common: Set<String> = []
    var phrases: Set<String> = []
    for documents in [sourceDocuments, targetDocuments] {
      let least = threshold(documents: documents.count)
      let normalisedDocuments = documents.map { $0.map(normalised) }
      var frequency: [String: Int] = [:]
      // Phrases are counted by a 64-bit hash (``phraseKey(_:)``) in one sorted array of every
      // document's distinct keys: 8 bytes a phrase where a dictionary of counts took about four
      // times that, and a large collection holds about as many distinct phrases as words. Only the
      // keys found often enough are kept, and only their phrases as text.
      var keys: [UInt64] = []
      for document in normalisedDocuments {
        for segment in Set(document) where !segment.isEmpty {
          frequency[segment, default: 0] += 1
        }
        var seen: Set<UInt64> = []
        for segment in document {
          forEachPhrase(of: words(of: segment)) { seen.insert(phraseKey($0)) }
        }
        keys.append(contentsOf: seen)
      }
      for (segment, count) in frequency where count >= least { common.insert(segment) }
      let frequent = frequentKeys(in: &keys, least: least)
      keys = []
      guard !frequent.isEmpty else { continue }
      for document in normalisedDocuments {
        for segment in document {
          forEachPhrase(of: words(of: segment)) { phrase in
            if frequent.contains(phraseKey(phrase)) {
              phrases.insert(phrase.joined(separator: " "))
            }
          }
        }
      }
    }
    return CommonSegments(normalisedSegments: common, phrases: phrases)
  }

  /// The keys found at least `least` times in `keys` (each document's distinct keys; sorted here).
  private static func frequentKeys(in keys: inout [UInt64], least: Int) -> Set<UInt64> {
    keys.sort()
    var frequent: Set<UInt64> = []
    var start = 0
    while start < keys.count {
      var end = start + 1
      while end < keys.count && keys[end] == keys[start] { end += 1 }
      if end - start >= least { frequent.insert(keys[start]) }
      start = end
    }
    return frequent
  }

  /// Calls `body` with every run of ``phraseWords`` consecutive words of `words`.
  private static func forEachPhrase(of words: [Substring], _ body: (ArraySlice<Substring>) -> Void) {
    guard words.count >= phraseWords else { return }
    for start in 0...(words.count - phraseWords) { body(words[start..<(start + phraseWords)]) }
  }

  /// A phrase's key while counting: FNV-1a (64 bits) of its words' UTF-8, each word followed by a
  /// space (stable across runs, unlike `Hasher`).
  private static func phraseKey(_ phrase: ArraySlice<Substring>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for word in phrase {
      for byte in word.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
      hash = (hash ^ 0x20) &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  private init(normalisedSegments: Set<String>, phrases: Set<String>) {
    segments = normalisedSegments
    self.phrases = phrases
  }

  /// One normalised segment per line, sorted, then one common phrase per line after a tab, sorted
  /// (what `--write-common-segments` writes and `--common-segments` reads; a normalised segment
  /// never starts with a tab).
  public var text: String {
    segments.sorted().map { $0 + "\n" }.joined() + phrases.sorted().map { "\t" + $0 + "\n" }.joined()
  }

  /// The segments and phrases of a file in ``text``'s form (each line normalised again; blank lines
  /// skipped).
  public static func parse(_ text: String) -> CommonSegments {
    let lines = text.split(whereSeparator: \.isNewline)
    return CommonSegments(
      lines.filter { !$0.hasPrefix("\t") }.map(String.init),
      phrases: lines.filter { $0.hasPrefix("\t") }.map(String.init))
  }

  /// How the segments are recorded in a TMX header (`x-tweetal-option` `common-segments=…`): their
  /// number and the start of the SHA-256 of their lines in ``text``, so that a corpus run whose
  /// collection changed aligns again.
  public var recorded: String {
    Self.recorded(segments)
  }

  /// How the phrases are recorded in a TMX header (`x-tweetal-option` `common-phrases=…`), as
  /// ``recorded`` records the segments.
  public var recordedPhrases: String {
    Self.recorded(phrases)
  }

  private static func recorded(_ lines: Set<String>) -> String {
    let text = lines.sorted().map { $0 + "\n" }.joined()
    return "\(lines.count):" + String(Checksum.sha256Hex(of: Array(text.utf8)).prefix(12))
  }

  /// The sentences of `sentences` that are common segments.
  public func marks(_ sentences: [Sentence]) -> [Bool] {
    sentences.map { contains($0.text) }
  }

  /// How much of each sentence of `sentences` is template text: 1 for a common segment, else the
  /// share of its words' characters inside common phrases (0 for a sentence of fewer words than a
  /// phrase).
  public func shares(_ sentences: [Sentence]) -> [Double] {
    sentences.map { share(of: $0.text) }
  }

  /// How much of `text` (a sentence) is template text, as ``shares(_:)`` says.
  public func share(of text: String) -> Double {
    let normalisedText = Self.normalised(text)
    if segments.contains(normalisedText) { return 1 }
    let words = Self.words(of: normalisedText)
    guard !phrases.isEmpty, words.count >= Self.phraseWords else { return 0 }
    var covered = [Bool](repeating: false, count: words.count)
    for start in 0...(words.count - Self.phraseWords) {
      let end = start + Self.phraseWords
      if phrases.contains(words[start..<end].joined(separator: " ")) {
        for index in start..<end { covered[index] = true }
      }
    }
    var total = 0
    var inPhrases = 0
    for (word, isCovered) in zip(words, covered) {
      total += word.count
      if isCovered { inPhrases += word.count }
    }
    return total > 0 ? Double(inPhrases) / Double(total) : 0
  }
}
