import Foundation

/// Small file helpers for the toolkit's callers: whole-file reads with errors a user can act on.
public enum FileBytes {
  /// The bytes of the file at `path`, or `nil` when it cannot be read.
  static func read(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return [UInt8](data)
  }

  /// At most the first `count` bytes of the file at `path`, or `nil` when it cannot be opened.
  static func prefix(_ path: String, count: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: count) else { return nil }
    return [UInt8](data)
  }

  /// The bytes of the file at `path`; the error names the file and says what is wrong.
  public static func load(_ path: String) throws(PipelineError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError(
        file: path,
        message:
          "no such file; check the path (it is relative to \(FileManager.default.currentDirectoryPath))")
    }
    guard !isDirectory.boolValue else { throw PipelineError(file: path, message: "is a folder, not a file") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(file: path, message: "cannot be read; check its permissions")
    }
    return [UInt8](data)
  }

  /// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename).
  public static func writeAtomically(_ bytes: [UInt8], toPath path: String) throws(PipelineError) {
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw PipelineError(file: path, message: "cannot be written (\(error.localizedDescription))")
    }
  }
}
