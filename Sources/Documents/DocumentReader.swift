public import Segmenter

/// Reads one document format into blocks with kinds, taking the structure from the format.
///
/// A reader is a small value: the limits it enforces, and the code that walks its format. To
/// read a new format, write a type that conforms and add it to ``Document/readers``.
public protocol DocumentReader: Sendable {
  /// The format this reader reads (one of the document cases of `InputFormat`).
  static var format: InputFormat { get }

  /// Whether a file is in this format, judged from its content (magic bytes, root element, ZIP
  /// entries), never from its name.
  static func recognises(_ probe: DocumentProbe) -> Bool

  init(limits: DocumentLimits)

  /// The document's blocks in reading order. `file` names the document in errors.
  func blocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock]
}

/// Why a document could not be read: the file, what is wrong, and what to do.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// What a reader accepts before it refuses a file, so that a hostile file cannot take the
/// machine's memory or stack.
public struct DocumentLimits: Sendable, Hashable {
  /// The most bytes all entries of a ZIP container (DOCX, ODT) may decompress to together.
  public var maxDecompressedBytes: Int
  /// The deepest element nesting an HTML or XML document may have.
  public var maxDepth: Int
  /// The most pages of a PDF that are read.
  public var maxPages: Int

  public init(maxDecompressedBytes: Int = 512 << 20, maxDepth: Int = 256, maxPages: Int = 100_000) {
    self.maxDecompressedBytes = maxDecompressedBytes
    self.maxDepth = maxDepth
    self.maxPages = maxPages
  }
}

/// What detection knows of a file: its first bytes and, for a ZIP container, its entry names
/// and `mimetype`.
public struct DocumentProbe: Sendable {
  /// The first bytes of the file (up to 4 KiB).
  public var head: [UInt8]
  /// The names of the entries when the file is a ZIP archive.
  public var zipEntries: Set<String>?
  /// The content of an OpenDocument package's `mimetype` entry.
  public var mimetype: String?

  public init(head: [UInt8], zipEntries: Set<String>? = nil, mimetype: String? = nil) {
    self.head = head
    self.zipEntries = zipEntries
    self.mimetype = mimetype
  }

  /// Whether the file starts with `prefix`.
  public func starts(with prefix: String) -> Bool { head.starts(with: Array(prefix.utf8)) }
}
