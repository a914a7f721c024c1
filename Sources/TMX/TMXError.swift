/// Why a TMX file could not be read or written.
public struct TMXError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// Not well-formed XML.
    case malformed
    /// Well-formed XML but not TMX (wrong root, missing header or body, ...).
    case notTMX
    /// The file tries something a safe reader refuses: entities, external DTDs, XInclude.
    case forbidden
    /// Resource limits: nesting depth, entity expansion, size.
    case limitExceeded
    /// An encoding the reader cannot decode.
    case encoding
    /// Reading or writing the file itself failed.
    case io
  }

  public var kind: Kind
  public var message: String
  /// The file's name or path as given by the caller, when known.
  public var file: String?
  public var line: Int?
  public var column: Int?

  public init(kind: Kind, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String {
    var place = file ?? "<input>"
    if let line { place += ":\(line)" }
    if let column { place += ":\(column)" }
    return "\(place): \(message)"
  }
}
