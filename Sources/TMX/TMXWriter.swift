/// Writes TMX 1.4b documents, UTF-8, through libxml2's text writer.
public enum TMXWriter {
  /// The serialized document.
  public static func bytes(of document: TMXDocument) throws(TMXError) -> [UInt8] {
    throw TMXError(kind: .io, message: "TMX writing is not implemented yet")
  }

  /// Writes the document to `path` atomically: a temporary file beside it, synced, then renamed.
  public static func write(_ document: TMXDocument, toPath path: String) throws(TMXError) {
    throw TMXError(kind: .io, message: "TMX writing is not implemented yet", file: path)
  }
}
