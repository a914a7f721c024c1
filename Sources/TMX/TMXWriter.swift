/// Writes whole TMX 1.4b documents, UTF-8, through libxml2's text writer (see ``TMXStreamWriter``
/// for the exact form and for writing unit by unit). The result is always TMX 1.4b: a document
/// read from a TMX 1.1 file is written with `version="1.4"` and `xml:lang`.
public enum TMXWriter {
  /// The serialized document.
  public static func bytes(of document: TMXDocument) throws(TMXError) -> [UInt8] {
    var bytes: [UInt8] = []
    let writer = try TMXStreamWriter(header: document.header) {
      (piece: UnsafeRawBufferPointer) throws(TMXError) in bytes.append(contentsOf: piece)
    }
    for unit in document.units { try writer.write(unit) }
    try writer.finish()
    return bytes
  }

  /// Writes the document to `path` atomically: a temporary file beside it, synced, then renamed.
  /// On any error `path` is left as it was.
  public static func write(_ document: TMXDocument, toPath path: String) throws(TMXError) {
    let writer = try TMXStreamWriter(header: document.header, path: path)
    for unit in document.units { try writer.write(unit) }
    try writer.finish()
  }
}

extension TMXWriter {
  /// The bytes of a document in pieces that can be kept and put together again: ``headerBytes(_:)``,
  /// then one ``UnitPieces/bytes(of:)`` per unit, then ``end``. Their concatenation is exactly
  /// ``bytes(of:)`` of the document whenever it has at least one unit, so a caller that keeps each
  /// unit's bytes re-serializes only the units that changed.
  public static func headerBytes(_ header: Header) throws(TMXError) -> [UInt8] {
    var bytes: [UInt8] = []
    let writer = try TMXStreamWriter(header: header) {
      (piece: UnsafeRawBufferPointer) throws(TMXError) in bytes.append(contentsOf: piece)
    }
    withExtendedLifetime(writer) {}
    // libxml2 closes `<body` with `>` only when the next thing is written: the first unit's piece
    // starts with it. Here it belongs to the header, so that every unit's bytes are alike.
    bytes.append(UInt8(ascii: ">"))
    return bytes
  }

  /// What ends a document with at least one unit (`</body></tmx>` and its layout).
  public static let end: [UInt8] = {
    var pieces: [[UInt8]] = []
    let header = Header(
      creationTool: "x", creationToolVersion: "x", originalFormat: "x", sourceLanguage: "en")
    do {
      let writer = try TMXStreamWriter(header: header) {
        (piece: UnsafeRawBufferPointer) throws(TMXError) in pieces.append(Array(piece))
      }
      try writer.write(TranslationUnit())
      try writer.finish()
    } catch {
      preconditionFailure("libxml2's text writer failed on a constant document: \(error)")
    }
    return pieces.last ?? []
  }()

  /// Serializes units on their own, each exactly as ``TMXStreamWriter/write(_:)`` writes it inside
  /// a document (``TMXWriter/headerBytes(_:)``). Not thread-safe: one per task.
  public final class UnitPieces {
    private var writer: TMXStreamWriter?
    private var piece: [UInt8] = []
    private var first = true

    public init() {}

    public func bytes(of unit: TranslationUnit) throws(TMXError) -> [UInt8] {
      if writer == nil {
        writer = try TMXStreamWriter(header: Self.header) {
          [unowned self] (piece: UnsafeRawBufferPointer) throws(TMXError) in
          self.piece.append(contentsOf: piece)
        }
        piece = []
        first = true
      }
      guard let writer else { return [] }
      do {
        try writer.write(unit)
      } catch {
        self.writer = nil
        throw error
      }
      defer {
        piece = []
        first = false
      }
      if first, piece.first == UInt8(ascii: ">") { return Array(piece.dropFirst()) }
      return piece
    }

    private static let header = Header(
      creationTool: "x", creationToolVersion: "x", segmentType: "sentence", originalFormat: "x",
      adminLanguage: "en", sourceLanguage: "en", dataType: "plaintext")
  }
}
