public import TMX

/// Reads and writes ``AlignedDocument``s in their TMX form (see `docs/tmx-form.md`).
public enum AlignmentStore {
  /// The TMX document for an alignment. Placeholder until the encoding lands.
  public static func encode(_ document: AlignedDocument) -> TMXDocument {
    fatalError("AlignmentStore.encode is not implemented yet")
  }

  /// Rebuilds an alignment from a TMX document that Tweetal wrote.
  public static func decode(_ tmx: TMXDocument, file: String) throws -> AlignedDocument {
    fatalError("AlignmentStore.decode is not implemented yet")
  }

  /// Reads a Tweetal TMX file.
  public static func load(path: String) throws -> AlignedDocument {
    try decode(TMXReader.read(path: path), file: path)
  }

  /// Writes a Tweetal TMX file atomically.
  public static func save(_ document: AlignedDocument, toPath path: String) throws {
    try TMXWriter.write(encode(document), toPath: path)
  }
}
