internal import CPoppler

/// A character on a PDF page: where poppler placed it and in which font. Kept in 28 bytes
/// (single-precision points), since every character of the document is held until it is laid out.
struct PDFGlyph: Sendable {
  var scalar: Unicode.Scalar
  /// The character's box in points, origin at the page's top left, y growing downwards.
  var box: PDFBox
  private var storedSize: Float
  /// Whether the font's name says it is bold (`Bold`, `Black`, `Heavy`, `Semibold`).
  var bold: Bool

  /// Whether the character is white space (worked out once: the layout asks often).
  let isSpace: Bool

  init(scalar: Unicode.Scalar, box: PDFBox, size: Double, bold: Bool) {
    self.scalar = scalar
    self.box = box
    self.storedSize = Float(size)
    self.bold = bold
    self.isSpace =
      scalar.value < 0x80 ? scalar == " " || scalar == "\t" || scalar == "\r" : scalar.properties.isWhitespace
  }

  /// The font size in points.
  var size: Double { Double(storedSize) }
}

/// A rectangle on a page in points, origin at the top left.
struct PDFBox: Sendable, Hashable {
  private var storedX0: Float
  private var storedY0: Float
  private var storedX1: Float
  private var storedY1: Float

  init(x0: Double, y0: Double, x1: Double, y1: Double) {
    (storedX0, storedY0, storedX1, storedY1) = (Float(x0), Float(y0), Float(x1), Float(y1))
  }

  var x0: Double { Double(storedX0) }
  var y0: Double { Double(storedY0) }
  var x1: Double { Double(storedX1) }
  var y1: Double { Double(storedY1) }

  var width: Double { x1 - x0 }
  var height: Double { y1 - y0 }

  /// The smallest box holding both.
  func union(_ other: PDFBox) -> PDFBox {
    PDFBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
  }
}

/// A page's text as poppler lays it out: its size and its lines (poppler's own line breaks), each
/// a run of glyphs, spaces included.
struct PDFPageText: Sendable {
  /// The page number, from 1.
  var number: Int
  var width: Double
  var height: Double
  var lines: [[PDFGlyph]]
}

/// poppler-glib, opened on the first PDF (the library is not linked: see `CPoppler/shim.h`), with
/// the table of the functions the reader calls. Opened once per process; a machine without the
/// library reads every other format and refuses PDFs with the fix.
private enum PopplerLibrary {
  /// The table, or why the library could not be opened. A global `let`: Swift initialises it once,
  /// on first use, under its own lock.
  static let opened: Result<Functions, Failure> = {
    // Filled by C field by field; read only when every field was set.
    let table = UnsafeMutablePointer<TweetalPoppler>.allocate(capacity: 1)
    defer { table.deallocate() }
    if let reason = tweetal_poppler_open(table) {
      return .failure(Failure(reason: String(cString: reason)))
    }
    return .success(Functions(table: table.pointee))
  }()

  /// The function pointers, fixed once opened (C function pointers are not marked `Sendable`).
  struct Functions: @unchecked Sendable {
    let table: TweetalPoppler
  }

  struct Failure: Error {
    let reason: String
  }

  /// The table, or a `DocumentError` for `file` saying what to install.
  static func functions(file: String) throws(DocumentError) -> TweetalPoppler {
    switch opened {
    case .success(let functions): return functions.table
    case .failure(let failure):
      throw DocumentError(
        file: file,
        message:
          "cannot be read: PDF input needs poppler-glib, which cannot be loaded (\(failure.reason)); install it (Debian: `apt install libpoppler-glib8`) or give the text of the PDF"
      )
    }
  }
}

/// The only place that speaks to poppler: opens a PDF from memory and copies each page's
/// characters, boxes and fonts into Swift values; no poppler pointer leaves `read`.
enum PopplerText {
  /// The pages of the PDF in `bytes`, at most `maxPages` of them (more is refused).
  static func read(_ bytes: [UInt8], file: String, maxPages: Int) throws(DocumentError) -> [PDFPageText] {
    let poppler = try PopplerLibrary.functions(file: file)
    let data = bytes.withUnsafeBytes { poppler.bytes_new($0.baseAddress, $0.count) }
    defer { poppler.bytes_unref(data) }
    var error: UnsafeMutablePointer<TweetalGError>?
    guard let document = poppler.document_new_from_bytes(data, nil, &error) else {
      defer { if let error { poppler.error_free(error) } }
      let reason = error.flatMap { String(validatingCString: $0.pointee.message) } ?? "poppler cannot open it"
      if let error, error.pointee.domain == poppler.error_quark(),
        error.pointee.code == Int32(TWEETAL_POPPLER_ERROR_ENCRYPTED)
      {
        throw DocumentError(
          file: file,
          message:
            "is encrypted; give the password-free file (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)")
      }
      throw PDFReader.unreadable(file, reason)
    }
    defer { poppler.object_unref(UnsafeMutableRawPointer(document)) }
    let count = Int(poppler.document_get_n_pages(document))
    if count > maxPages {
      throw DocumentError(
        file: file,
        message: "has \(count) pages, more than the \(maxPages) read; split it (e.g. `qpdf --split-pages`)")
    }
    var pages: [PDFPageText] = []
    pages.reserveCapacity(count)
    for index in 0..<count {
      guard let page = poppler.document_get_page(document, Int32(index)) else {
        throw PDFReader.unreadable(file, "page \(index + 1) cannot be read")
      }
      defer { poppler.object_unref(UnsafeMutableRawPointer(page)) }
      pages.append(try Self.page(page, number: index + 1, file: file, poppler: poppler))
    }
    return pages
  }

  private static func page(
    _ page: OpaquePointer, number: Int, file: String, poppler: TweetalPoppler
  ) throws(DocumentError) -> PDFPageText {
    var width = 0.0
    var height = 0.0
    poppler.page_get_size(page, &width, &height)
    guard let cText = poppler.page_get_text(page) else {
      return PDFPageText(number: number, width: width, height: height, lines: [])
    }
    defer { poppler.free(cText) }
    guard let text = String(validatingCString: cText) else {
      throw PDFReader.unreadable(file, "the text of page \(number) is not UTF-8")
    }
    var rectangles: UnsafeMutablePointer<TweetalPopplerRectangle>?
    var rectangleCount: UInt32 = 0
    _ = poppler.page_get_text_layout(page, &rectangles, &rectangleCount)
    defer { poppler.free(rectangles) }
    // Font runs: character ranges with a size and a boldness.
    var runs: [(start: Int, end: Int, size: Double, bold: Bool)] = []
    let attributes = poppler.page_get_text_attributes(page)
    defer { poppler.page_free_text_attributes(attributes) }
    var element = attributes
    while let current = element {
      if let attribute = tweetal_poppler_attributes(current) {
        let name = attribute.pointee.font_name.flatMap { String(validatingCString: $0) } ?? ""
        runs.append(
          (
            Int(attribute.pointee.start_index), Int(attribute.pointee.end_index),
            attribute.pointee.font_size, Self.isBold(name)
          ))
      }
      element = current.pointee.next
    }
    var lines: [[PDFGlyph]] = []
    var line: [PDFGlyph] = []
    var run = 0
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if scalar == "\n" {
        if !line.isEmpty { lines.append(line) }
        line.removeAll(keepingCapacity: true)
        continue
      }
      guard index < Int(rectangleCount), let rectangles else { break }
      while run < runs.count, runs[run].end < index { run += 1 }
      let font = run < runs.count && runs[run].start <= index ? runs[run] : nil
      let rectangle = rectangles[index]
      line.append(
        PDFGlyph(
          scalar: scalar,
          box: PDFBox(
            x0: min(rectangle.x1, rectangle.x2), y0: min(rectangle.y1, rectangle.y2),
            x1: max(rectangle.x1, rectangle.x2), y1: max(rectangle.y1, rectangle.y2)),
          size: font?.size ?? abs(rectangle.y2 - rectangle.y1), bold: font?.bold ?? false))
    }
    if !line.isEmpty { lines.append(line) }
    return PDFPageText(number: number, width: width, height: height, lines: lines)
  }

  /// Whether a font name (`ABCDEF+LiberationSerif-Bold`) names a bold face.
  static func isBold(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["bold", "black", "heavy", "semibold", "demi"].contains { lower.contains($0) }
  }
}
