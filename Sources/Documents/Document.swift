import Foundation
public import Segmenter

/// What a file holds once read as its format: text for the segmenter's text formats, blocks
/// with kinds for document formats.
public enum DocumentContent: Sendable {
  case text(String)
  case blocks([DocumentBlock])
}

/// Reads files of every format Tweetal takes: detects the format from the content and hands
/// document formats to their reader, text formats to `TextLoader`.
public enum Document {
  /// The document formats, one reader each.
  public static let readers: [any DocumentReader.Type] = [
    HTMLReader.self
  ]

  /// The document format of `bytes` when it is one (PDF, HTML, DOCX, ODT), judged from the
  /// content; `nil` for text (plain, Markdown, PDF text), whose format `InputFormat.detect` judges.
  public static func detect(_ bytes: [UInt8]) -> InputFormat? {
    let probe = Self.probe(bytes)
    return readers.first { $0.recognises(probe) }?.format
  }

  /// Whether a file starting with `head` (its first 4 KiB) may be in a document format: a
  /// reader recognises it, or it is a ZIP archive (whose entries decide).
  public static func mayBeDocument(head: [UInt8]) -> Bool {
    head.starts(with: [0x50, 0x4B, 0x03, 0x04])
      || readers.contains { $0.recognises(DocumentProbe(head: Array(head.prefix(4096)))) }
  }

  /// Reads `bytes` as `format` (``InputFormat/auto``: detected), returning the content and the
  /// format used (never `auto`). Text formats are decoded with `encoding`.
  public static func read(
    _ bytes: [UInt8], file: String, format: InputFormat = .auto, encoding: TextEncoding? = nil,
    limits: DocumentLimits = DocumentLimits()
  ) throws(DocumentError) -> (content: DocumentContent, format: InputFormat) {
    let chosen = format == .auto ? detect(bytes) : format
    if let chosen, chosen.isDocument {
      guard let reader = readers.first(where: { $0.format == chosen }) else {
        throw DocumentError(
          file: file,
          message: "reading \(chosen.rawValue) documents is not built yet; export the document as plain text "
            + "and pass --input-format text")
      }
      if bytes.isEmpty {
        throw DocumentError(file: file, message: "is empty; give the \(chosen.rawValue) file itself")
      }
      return (.blocks(try reader.init(limits: limits).blocks(of: bytes, file: file)), chosen)
    }
    let text: String
    do {
      text = try TextLoader.decode(bytes, file: file, encoding: encoding)
    } catch {
      throw DocumentError(file: file, message: Self.withoutFile(error.description, file))
    }
    let textFormat = chosen ?? .auto
    return (.text(text), textFormat == .auto ? InputFormat.detect(text) : textFormat)
  }

  /// Reads the file at `path` as `format` (``InputFormat/auto``: detected from its content).
  /// A text file is read into the string directly, so the text is in memory once; a document
  /// format is read whole by its reader. `file` names it in errors.
  public static func load(
    path: String, file: String, format: InputFormat = .auto, encoding: TextEncoding? = nil,
    limits: DocumentLimits = DocumentLimits()
  ) throws(DocumentError) -> (content: DocumentContent, format: InputFormat) {
    var readsText = !format.isDocument
    if readsText, format == .auto {
      readsText = !mayBeDocument(head: try bytes(path: path, file: file, limit: 4096))
    }
    if readsText {
      do {
        let text = try TextLoader.load(path: path, file: file, encoding: encoding)
        return (.text(text), format == .auto ? InputFormat.detect(text) : format)
      } catch {
        throw DocumentError(file: file, message: withoutFile(error.description, file))
      }
    }
    return try read(
      bytes(path: path, file: file), file: file, format: format, encoding: encoding, limits: limits)
  }

  /// The file's bytes (at most `limit`).
  private static func bytes(path: String, file: String, limit: Int? = nil) throws(DocumentError) -> [UInt8] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw DocumentError(
        file: file,
        message:
          "no such file; check the path (it is relative to \(FileManager.default.currentDirectoryPath))")
    }
    if isFolder.boolValue { throw DocumentError(file: file, message: "is a folder, not a file") }
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      let data = try limit.map { try handle.read(upToCount: $0) } ?? handle.readToEnd()
      return data.map { [UInt8]($0) } ?? []
    } catch {
      throw DocumentError(file: file, message: "cannot be read; check the path and its permissions")
    }
  }

  /// What detection looks at: the first 4 KiB, and the entry names of a ZIP container.
  static func probe(_ bytes: [UInt8]) -> DocumentProbe {
    var probe = DocumentProbe(head: Array(bytes.prefix(4096)))
    if probe.head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      if let package = try? ZipPackage(bytes, file: "", limits: DocumentLimits()) {
        probe.zipEntries = Set(package.entryNames)
        probe.mimetype = try? package.text("mimetype", limit: 200)
      }
    }
    return probe
  }

  static func withoutFile(_ message: String, _ file: String) -> String {
    message.hasPrefix(file + ": ") ? String(message.dropFirst(file.count + 2)) : message
  }
}
