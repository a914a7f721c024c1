/// Writes whole TMX 1.4b documents, UTF-8, through libxml2's text writer (see ``TMXStreamWriter``
/// for the exact form and for writing unit by unit).
public enum TMXWriter {
  /// The serialized document.
  public static func bytes(of document: TMXDocument) throws(TMXError) -> [UInt8] {
    var bytes: [UInt8] = []
    let writer = try TMXStreamWriter(header: document.header, version: document.version) {
      (piece: UnsafeRawBufferPointer) throws(TMXError) in bytes.append(contentsOf: piece)
    }
    for unit in document.units { try writer.write(unit) }
    try writer.finish()
    return bytes
  }

  /// Writes the document to `path` atomically: a temporary file beside it, synced, then renamed.
  /// On any error `path` is left as it was.
  public static func write(_ document: TMXDocument, toPath path: String) throws(TMXError) {
    let writer = try TMXStreamWriter(header: document.header, version: document.version, path: path)
    for unit in document.units { try writer.write(unit) }
    try writer.finish()
  }
}
