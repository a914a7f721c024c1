/// Reads TMX files safely: no entity expansion, no network or file access caused by the XML.
///
/// Any encoding libxml2 detects from a byte-order mark or the XML declaration is read (UTF-8
/// with or without BOM, UTF-16 LE/BE, windows-1252, ISO-8859-x, US-ASCII, ...). Files from other
/// tools load leniently: missing header attributes read as empty strings, TMX 1.1 `lang` stands
/// for `xml:lang`, a DOCTYPE naming a DTD is accepted (the DTD is never read), a default
/// namespace on `<tmx>` is accepted. Refused, with the line and column of the first problem:
/// XML that is not well-formed (including undeclared namespace prefixes), entity declarations or
/// references other than the five predefined ones, XInclude, nesting deeper than 256 levels,
/// names over 50 000 characters, files over 2 GiB, and structure that is not TMX (wrong root, no
/// header or body, a `tuv` without language or without exactly one `seg`, unknown elements).
///
/// Segments come back in canonical form: adjacent character data merged into one `.text`, no
/// empty `.text`; comments dropped; `<ude>` in the header skipped. Each `<tu>` is converted and
/// freed as soon as it is parsed, so memory holds the model rather than the XML tree (a 94 MB file
/// of 200 000 units: about 0.5 GB peak). Reads are serialized process-wide, because libxml2's
/// external entity loader is global while it is swapped for the refusing one.
public enum TMXReader {
  /// Parses a whole TMX file from its bytes. `name` is used in error messages.
  public static func read(bytes: [UInt8], name: String) throws(TMXError) -> TMXDocument {
    try SafeParser.parse(bytes: bytes, name: name, build: TreeReader.document)
  }

  /// Reads and parses the file at `path`.
  public static func read(path: String) throws(TMXError) -> TMXDocument {
    try read(bytes: try SafeFile.load(path: path), name: path)
  }

  /// The header of a TMX file from its first bytes: parsing stops where `<header>` ends, so the
  /// units (and any truncation after the header) are never looked at. Checked as safely as
  /// ``read(bytes:name:)``.
  public static func readHeader(bytes: [UInt8], name: String) throws(TMXError) -> Header {
    try SafeParser.parse(bytes: bytes, name: name, headerOnly: true, build: TreeReader.header)
  }

  /// The header of the TMX file at `path`, read from its first MiB; `nil` when there is no file.
  public static func readHeader(path: String) throws(TMXError) -> Header? {
    guard let bytes = try SafeFile.prefix(path: path, count: 1 << 20) else { return nil }
    return try readHeader(bytes: bytes, name: path)
  }
}
