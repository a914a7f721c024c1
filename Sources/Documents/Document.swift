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
