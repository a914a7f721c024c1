import Documents
import Foundation
import Segmenter
import TestSupport
import Testing
import ZIPFoundation

import struct Segmenter.Unit

/// Small DOCX and ODT packages built in memory for the tests, and the units Tweetal reads from
/// them.
enum OfficeTestDocuments {
  static let wordNamespaces =
    #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
    + #"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#
    + #"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#
    + #"xmlns:v="urn:schemas-microsoft-com:vml" "#
    + #"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#

  static let openDocumentNamespaces =
    #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#
    + #"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#
    + #"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#
    + #"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#
    + #"xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" "#
    + #"xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#

  /// A ZIP archive of `entries` (deflated), in memory.
  static func zip(_ entries: [(path: String, text: String)]) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for entry in entries {
      let data = Data(entry.text.utf8)
      try archive.addEntry(
        with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
    return [UInt8](archive.data ?? Data())
  }

  /// A DOCX whose body is `body` (WordprocessingML with the `w:` prefix).
  static func docx(body: String, styles: String? = nil, footnotes: String? = nil) throws -> [UInt8] {
    var entries: [(path: String, text: String)] = [
      ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"),
      (
        "word/document.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          + "<w:document \(wordNamespaces)><w:body>\(body)</w:body></w:document>"
      ),
    ]
    if let styles {
      entries.append(
        ("word/styles.xml", "<?xml version=\"1.0\"?><w:styles \(wordNamespaces)>\(styles)</w:styles>"))
    }
    if let footnotes {
      entries.append(
        (
          "word/footnotes.xml",
          "<?xml version=\"1.0\"?><w:footnotes \(wordNamespaces)>\(footnotes)</w:footnotes>"
        ))
    }
    return try zip(entries)
  }

  /// An ODT whose `office:text` is `text`.
  static func odt(text: String, automaticStyles: String = "", styles: String? = nil) throws -> [UInt8] {
    var entries: [(path: String, text: String)] = [
      ("mimetype", "application/vnd.oasis.opendocument.text"),
      (
        "content.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(openDocumentNamespaces)>"
          + "<office:automatic-styles>\(automaticStyles)</office:automatic-styles>"
          + "<office:body><office:text>\(text)</office:text></office:body></office:document-content>"
      ),
    ]
    if let styles {
      entries.append(
        (
          "styles.xml",
          "<?xml version=\"1.0\"?><office:document-styles \(openDocumentNamespaces)>\(styles)"
            + "</office:document-styles>"
        ))
    }
    return try zip(entries)
  }

  /// The units of `bytes` read as a document of `format` ("kind: text" each).
  static func units(
    _ bytes: [UInt8], format: InputFormat, language: SegmenterLanguage = .english,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [String] {
    let read = try Document.read(bytes, file: "test.\(format.rawValue)")
    #expect(read.format == format, sourceLocation: sourceLocation)
    guard case .blocks(let blocks) = read.content else {
      Issue.record("read as text", sourceLocation: sourceLocation)
      return []
    }
    return Segmenter(language: language).segment(blocks: blocks).map { "\($0.kind.rawValue): \($0.text)" }
  }

  /// The error reading `bytes` as `format` gives, or nil when it reads.
  static func error(_ bytes: [UInt8], format: InputFormat, limits: DocumentLimits = DocumentLimits())
    -> String?
  {
    do {
      _ = try Document.read(bytes, file: "test.\(format.rawValue)", format: format, limits: limits)
      return nil
    } catch {
      return error.message
    }
  }

  /// Reads the letter fixture in `language` as `format` and checks it against its expected
  /// units: unit F1 ≥ 0.98, the letterhead first as meta lines, nothing from the running header
  /// or the page-number footer.
  static func checkLetter(
    _ language: String, format: InputFormat, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let fixtures = Repository.path("Tests/DocumentsTests/Fixtures")
    let path = "\(fixtures)/letter.\(language).\(format.rawValue)"
    let expected = "\(fixtures)/expected/letter.\(language).units.tsv"
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let read = try Document.read(bytes, file: path)
    #expect(read.format == format, sourceLocation: sourceLocation)
    guard case .blocks(let blocks) = read.content else {
      Issue.record("read as text", sourceLocation: sourceLocation)
      return
    }
    let units = Segmenter(language: language == "nl" ? .dutch : .english).segment(blocks: blocks)
    try UnitComparison.expect(units, matches: expected, sourceLocation: sourceLocation)
    let letterhead = try UnitComparison.expected(path: expected).prefix { $0.kind == "meta" }
    #expect(!letterhead.isEmpty, sourceLocation: sourceLocation)
    #expect(
      units.prefix(letterhead.count).map { "\($0.kind.rawValue)\t\($0.text)" }
        == letterhead.map(\.description),
      sourceLocation: sourceLocation)
    // The running header's text and the footer's page number are not read.
    let source = try String(contentsOfFile: "\(fixtures)/source/letter.\(language).fodt", encoding: .utf8)
    let header = try #require(
      source.firstMatch(of: #/text:style-name="Header">([^<]+)</#)?.output.1, sourceLocation: sourceLocation)
    let footer = try #require(
      source.firstMatch(of: #/text:style-name="Footer">([^<]+)</#)?.output.1, sourceLocation: sourceLocation)
    for unit in units {
      #expect(!unit.text.contains(header), "header text in \(unit.text)", sourceLocation: sourceLocation)
      #expect(
        !unit.text.hasPrefix(String(footer)), "footer text in \(unit.text)", sourceLocation: sourceLocation)
    }
  }
}
