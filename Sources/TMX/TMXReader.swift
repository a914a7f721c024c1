/// Reads TMX files safely: no entity expansion, no network or file access caused by the XML.
public enum TMXReader {
  /// Parses a whole TMX file from its bytes. `name` is used in error messages.
  public static func read(bytes: [UInt8], name: String) throws(TMXError) -> TMXDocument {
    throw TMXError(kind: .io, message: "TMX reading is not implemented yet", file: name)
  }

  /// Reads and parses the file at `path`.
  public static func read(path: String) throws(TMXError) -> TMXDocument {
    throw TMXError(kind: .io, message: "TMX reading is not implemented yet", file: path)
  }
}
