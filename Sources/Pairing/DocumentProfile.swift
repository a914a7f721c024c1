public import Aligner
import Documents
public import Segmenter
public import TweetalKit

/// What the pairer keeps of one document: its size and how often each anchor occurs in it.
///
/// The anchors are those of ``AnchorExtractor`` (numbers, dates, references, URLs, names, cognate
/// prefixes, and with a lexicon the English words a Dutch word translates to), in one ID space for
/// both languages, so that a Dutch and an English profile can be compared term by term.
/// Punctuation anchors are left out: they say nothing about which document is which.
public struct DocumentProfile: Sendable {
  /// The document's path as found in its folder.
  public var path: String
  /// Characters of all its sentences.
  public var characters: Int
  /// Number of sentences (units) the segmenter found.
  public var sentences: Int
  /// Anchor IDs, ascending, each once.
  public var terms: [UInt64]
  /// How often each of ``terms`` occurs (in how many sentences).
  public var counts: [UInt32]

  public init(path: String, characters: Int, sentences: Int, terms: [UInt64], counts: [UInt32]) {
    self.path = path
    self.characters = characters
    self.sentences = sentences
    self.terms = terms
    self.counts = counts
  }
}

/// Reads a document of either side the way `tweetal align` does (any supported format, detected
/// from the content) and turns it into sentences, a profile, or typed anchors.
public struct ProfileReader: Sendable {
  /// The BCP-47 tag of the side's language (`nl-NL`, `en-GB`).
  public let language: String
  /// The encoding of documents that are not UTF-8 or UTF-16 with a BOM.
  public let encoding: TextEncoding?
  let extractor: AnchorExtractor
  let input: AlignmentInput
  let segmenter: Segmenter

  /// A reader for `language`; `lexicon` is shared by both sides (see ``AnchorExtractor``).
  /// Returns nil when Tweetal has no sentence rules for the language.
  public init?(language: String, lexicon: (any Lexicon)?, encoding: TextEncoding? = nil) {
    guard let rules = Pipeline.segmenterLanguage(for: language) else { return nil }
    self.language = language
    self.encoding = encoding
    extractor = AnchorExtractor(language: language, lexicon: lexicon)
    input = AlignmentInput(language: language, lexicon: lexicon)
    segmenter = Segmenter(language: rules)
  }

  /// The sentences of the document `bytes` read from `file`.
  public func sentences(of bytes: [UInt8], file: String) throws(PairingError) -> [Sentence] {
    let read: (content: DocumentContent, format: InputFormat)
    do {
      read = try Document.read(bytes, file: file, format: .auto, encoding: encoding)
    } catch {
      throw PairingError(file: file, message: Self.strippingFile(error.description, file))
    }
    let units: [Unit]
    switch read.content {
    case .text(let text): units = segmenter.segment(text, format: read.format)
    case .blocks(let blocks): units = segmenter.segment(blocks: blocks)
    }
    return units.map { Sentence(text: $0.text, kind: $0.kind, block: $0.block, span: $0.start..<$0.end) }
  }

  /// The profile of `sentences`, a document found at `path`.
  public func profile(of sentences: [Sentence], path: String) -> DocumentProfile {
    var counts: [UInt64: UInt32] = [:]
    var characters = 0
    for sentence in sentences {
      characters += sentence.text.count
      for id in extractor.anchors(for: sentence.text) where AnchorKind(id: id) != .punctuation {
        counts[id, default: 0] += 1
      }
    }
    let terms = counts.keys.sorted()
    return DocumentProfile(
      path: path, characters: characters, sentences: sentences.count, terms: terms,
      counts: terms.map { counts[$0] ?? 0 })
  }

  /// What the aligner sees of `sentences` (for the confirming alignment).
  public func alignerSentences(_ sentences: [Sentence]) -> [AlignerSentence] {
    input.alignerSentences(sentences)
  }

  /// The typed anchors of `sentences` of the kinds that identify a document (references, URLs,
  /// dates, names, numbers), for the evidence column.
  public func identifyingKeys(of sentences: [Sentence]) -> Set<AnchorKey> {
    var keys: Set<AnchorKey> = []
    for sentence in sentences {
      for key in extractor.keys(for: sentence.text) where PairingEvidence.identifying.contains(key.kind) {
        keys.insert(key)
      }
    }
    return keys
  }

  static func strippingFile(_ message: String, _ file: String) -> String {
    message.hasPrefix(file + ": ") ? String(message.dropFirst(file.count + 2)) : message
  }
}

/// A document the pairer could not read or list.
public struct PairingError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
