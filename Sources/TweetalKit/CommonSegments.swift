import Segmenter

/// The template text of a collection: segments whose normalised text (``normalised(_:)``) occurs in
/// many documents of one language, such as a colophon, a licence notice or a standard option line.
///
/// A corpus run learns them from all of its documents (``learning(sourceDocuments:targetDocuments:)``)
/// and the parallelism score of each pair leaves their characters out, so that two documents that
/// share only their template do not read as translations of each other (issue 12; `docs/aligner.md`,
/// "Template text of a collection"). Beads, links and confidences do not depend on them.
public struct CommonSegments: Sendable, Hashable {
  /// The normalised texts.
  public private(set) var segments: Set<String>

  public init(_ segments: some Sequence<String>) {
    self.segments = Set(segments.map(Self.normalised).filter { !$0.isEmpty })
  }

  /// Whether `text` (a sentence) is one of the common segments.
  public func contains(_ text: String) -> Bool {
    segments.contains(Self.normalised(text))
  }

  public var isEmpty: Bool { segments.isEmpty }
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

  /// The least number of documents of one language a segment must occur in to be common, out of
  /// `documents`: 3, or 2 % of the documents when that is more. Three documents sharing a sentence
  /// word for word is not chance, and fewer cannot tell a template from one text quoting another;
  /// the share keeps a large collection from discounting what a handful of its documents quote.
  public static func threshold(documents: Int) -> Int {
    max(3, (documents * 2 + 99) / 100)
  }

  /// The segments common to the documents of either language: each document is a list of its
  /// sentences' texts, and documents are counted per language (a segment common in the source
  /// documents is left out on both sides, like one common in the target documents).
  public static func learning(sourceDocuments: [[String]], targetDocuments: [[String]]) -> CommonSegments {
    var common: Set<String> = []
    for documents in [sourceDocuments, targetDocuments] {
      let least = threshold(documents: documents.count)
      var frequency: [String: Int] = [:]
      for document in documents {
        for segment in Set(document.map(normalised)) where !segment.isEmpty {
          frequency[segment, default: 0] += 1
        }
      }
      for (segment, count) in frequency where count >= least { common.insert(segment) }
    }
    return CommonSegments(normalisedSegments: common)
  }

  private init(normalisedSegments: Set<String>) {
    segments = normalisedSegments
  }

  /// One normalised segment per line, sorted (what `--write-common-segments` writes and
  /// `--common-segments` reads).
  public var text: String {
    segments.sorted().map { $0 + "\n" }.joined()
  }

  /// The segments of a file in ``text``'s form (each line normalised again; blank lines skipped).
  public static func parse(_ text: String) -> CommonSegments {
    CommonSegments(text.split(whereSeparator: \.isNewline).map(String.init))
  }

  /// How the list is recorded in a TMX header (`x-tweetal-option` `common-segments=…`): its size and
  /// the start of the SHA-256 of ``text``, so that a corpus run whose collection changed aligns
  /// again.
  public var recorded: String {
    "\(count):" + String(Checksum.sha256Hex(of: Array(text.utf8)).prefix(12))
  }

  /// The sentences of `sentences` that are common.
  public func marks(_ sentences: [Sentence]) -> [Bool] {
    sentences.map { contains($0.text) }
  }
}
