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
    HTMLReader.self, PDFReader.self, WordReader.self, OpenDocumentReader.self,
  ]

  /// The document format of `bytes` when it is one (PDF, HTML, DOCX, ODT), judged from the
  /// content; `nil` for text (plain, Markdown, PDF text), whose format `InputFormat.detect` judges.
  public static func detect(_ bytes: [UInt8]) -> InputFormat? {
    let probe = Self.probe(bytes)
    return readers.first { $0.recognises(probe) }?.format
  }

  /// Whether a file starting with `head` (its first 4 KiB) may be in a document format: a
  /// reader recognises it, it is a ZIP archive (whose entries decide), or it is in a format that
  /// ``read(_:file:format:encoding:limits:)`` refuses (``UnreadableFormat``: RTF, legacy Office,
  /// XML no reader takes).
  public static func mayBeDocument(head: [UInt8]) -> Bool {
    head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || UnreadableFormat.refusal(head: head) != nil
      || readers.contains { $0.recognises(DocumentProbe(head: Array(head.prefix(4096)))) }
  }

  /// Reads `bytes` as `format` (``InputFormat/auto``: detected), returning the content and the
  /// format used (never `auto`). Text formats are decoded with `encoding`.
  public static func read(
    _ bytes: [UInt8], file: String, format: InputFormat = .auto, encoding: TextEncoding? = nil,
    limits: DocumentLimits = DocumentLimits()
  ) throws(DocumentError) -> (content: DocumentContent, format: InputFormat) {
    let chosen = format == .auto ? detect(bytes) : format
    if chosen == nil, bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      // A ZIP archive no reader recognised: say why rather than read it as (binary) text.
      _ = try ZipPackage(bytes, file: file, limits: limits)
      throw DocumentError(
        file: file,
        message: "is a ZIP archive but neither a DOCX (no word/document.xml) nor an ODT (no OpenDocument "
          + "text mimetype); give the document as .docx or .odt, or as text")
    }
    if chosen == nil, format == .auto, let refusal = UnreadableFormat.refusal(head: Array(bytes.prefix(4096)))
    {
      throw DocumentError(file: file, message: refusal)
    }
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

  /// The file at `path` as a ``PlainTextFile`` to segment piece by piece, when ``load(path:file:format:encoding:limits:)``
  /// would read it as plain text (`format` `.text`, or `.auto` and neither a document format
  /// nor detected as Markdown or PDF text) from UTF-8 without a named `encoding`; nil
  /// otherwise, and for anything ``PlainTextFile/check(path:)`` leaves to the whole-file path.
  public static func plainTextFile(path: String, format: InputFormat, encoding: TextEncoding?)
    -> PlainTextFile?
  {
    guard encoding == nil, format == .auto || format == .text else { return nil }
    if format == .auto {
      guard let head = try? bytes(path: path, file: path, limit: 4096), !mayBeDocument(head: head) else {
        return nil
      }
    }
    guard let text = PlainTextFile.check(path: path) else { return nil }
    // The head holds at least the 2^20 scalars detection reads (or the whole text).
    if format == .auto, InputFormat.detect(text.head) != .text { return nil }
    return text
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
