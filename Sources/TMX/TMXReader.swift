/// Reads TMX files safely: no entity expansion, no network or file access caused by the XML.
///
/// Any encoding libxml2 detects from a byte-order mark or the XML declaration is read (UTF-8
/// with or without BOM, UTF-16 LE/BE, windows-1252, ISO-8859-x, US-ASCII, ...). Files from other
/// tools load leniently: missing header attributes read as empty strings, TMX 1.1 `lang` stands
/// for `xml:lang`, a DOCTYPE naming a DTD is accepted (the DTD is never read), a default
/// namespace on `<tmx>` is accepted. Refused, with the line and column of the first problem:
/// XML that is not well-formed (including undeclared namespace prefixes), entity declarations or
/// references other than the five predefined ones, XInclude, nesting deeper than 256 levels,
/// text nodes over 10 MB, and structure that is not TMX (wrong root, no header or body, a `tuv`
/// without language or without exactly one `seg`, unknown elements).
///
/// Reads are serialized process-wide (libxml2's entity loader is global while it is swapped).
public enum TMXReader {
  /// Parses a whole TMX file from its bytes. `name` is used in error messages.
  public static func read(bytes: [UInt8], name: String) throws(TMXError) -> TMXDocument {
    try SafeParser.parse(bytes: bytes, name: name, build: TreeReader.document)
  }

  /// Reads and parses the file at `path`.
  public static func read(path: String) throws(TMXError) -> TMXDocument {
    try read(bytes: try readWholeFile(atPath: path), name: path)
  }
}
