public import Segmenter

/// Reads PDF files with poppler: the characters of each page with their boxes and fonts, laid
/// out again into blocks (``PDFLayout``).
///
/// Headings are short bold or larger lines; lines starting with a bullet, a dash or `1.`/`a)`
/// set apart by a tab are list items (the marker dropped); small numbered text at the foot of a
/// page is footnotes, attached where their marker (small digits glued to a word) stood. Running
/// headers, footers and page numbers are dropped; a paragraph cut by a page break is joined
/// again, and so are words hyphenated at a line end; ligatures are spelled out. The narrow
/// letterhead column at the right of the first page becomes `meta` lines, before the body.
///
/// Refused, with what to do: encrypted files, files without a text layer (scans), files poppler
/// cannot open or that end before their end-of-file marker (truncated).
public struct PDFReader: DocumentReader {
  public static let format = InputFormat.pdf
  let limits: DocumentLimits

  public init(limits: DocumentLimits) {
    self.limits = limits
  }

  /// A PDF has `%PDF-` and a version digit within its first 1024 bytes, as readers accept it.
  ///
  /// Where the marker is not at the very start, what precedes it must be binary (a MacBinary or
  /// mail-transport header): text that merely quotes `%PDF-1.4` near its start is text.
  public static func recognises(_ probe: DocumentProbe) -> Bool {
    let head = probe.head.prefix(1024)
    let magic = Array("%PDF-".utf8)
    guard head.count > magic.count else { return false }
    guard
      let at = (head.startIndex..<(head.endIndex - magic.count)).first(where: {
        head[$0..<($0 + magic.count)].elementsEqual(magic)
          && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(head[$0 + magic.count])
      })
    else { return false }
    return at == head.startIndex || !isText(head[..<at])
  }

  /// Whether `bytes` read as text: valid UTF-8 without control characters other than tab, line
  /// feed, form feed and carriage return.
  static func isText(_ bytes: ArraySlice<UInt8>) -> Bool {
    let control = bytes.contains { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) || $0 == 0x7F }
    return !control && String(validating: bytes, as: UTF8.self) != nil
  }

  public func blocks(of bytes: [UInt8], file: String) throws(DocumentError) -> [DocumentBlock] {
    // poppler mends a file cut short from what is left; the text read would be silently partial.
    let tail = bytes.suffix(2048)
    let end = Array("%%EOF".utf8)
    if !(tail.startIndex..<max(tail.startIndex, tail.endIndex - end.count + 1)).contains(where: {
      tail[$0..<($0 + end.count)].elementsEqual(end)
    }) {
      throw Self.unreadable(
        file, "it ends before its %%EOF marker: cut short", fix: "copy or download the whole file again")
    }
    let pages = try PopplerText.read(bytes, file: file, maxPages: limits.maxPages)
    let hasText = pages.contains { page in
      page.lines.contains { line in line.contains { $0.scalar.properties.isAlphabetic } }
    }
    guard hasText else {
      throw DocumentError(
        file: file, message: "has no text layer: a scan; run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")
    }
    return PDFLayout(pages: pages).blocks()
  }

  /// "is not a readable PDF (`reason`); `fix`".
  static func unreadable(
    _ file: String, _ reason: String,
    fix: String = "open it in a PDF viewer and save or print it to a new PDF"
  ) -> DocumentError {
    DocumentError(file: file, message: "is not a readable PDF (\(reason)); \(fix)")
  }
}
