#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a text document is written, which decides what a unit's text may differ from its source in.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
  /// Detect the format from the text (``detect(_:)``).
  case auto
  /// Plain text: a blank line ends a unit; every character is kept.
  case text
  /// CommonMark with GitHub's tables and footnotes, read by cmark-gfm; markup is removed.
  case markdown
  /// Text extracted from a PDF (pdftotext and the like): hard-wrapped lines, page furniture,
  /// footnote blocks at page bottoms, sentences cut by page breaks.
  case pdfText = "pdf-text"
  /// A PDF file, read with its text positions and fonts (the `Documents` module).
  case pdf
  /// An HTML or XHTML page (the `Documents` module).
  case html
  /// A Word document, Office Open XML (the `Documents` module).
  case docx
  /// An OpenDocument text (the `Documents` module).
  case odt

  /// Whether this is a document format whose structure its reader takes from the file (PDF,
  /// HTML, DOCX, ODT) rather than a way of writing text.
  public var isDocument: Bool {
    switch self {
    case .pdf, .html, .docx, .odt: true
    case .auto, .text, .markdown, .pdfText: false
    }
  }

  /// The names `--input-format` accepts, for messages.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The format of `text` judged from clear evidence only: Markdown when headings, emphasis pairs,
  /// links or list markers occur in more than a trace of the lines; PDF text when there are form
  /// feeds, or hard-wrapped lines with page numbers, running headers or hyphenated line ends;
  /// plain text otherwise.
  public static func detect(_ text: String) -> InputFormat {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(min(text.utf8.count, sampleLimit))
    for scalar in text.unicodeScalars {
      scalars.append(scalar)
      if scalars.count >= sampleLimit { break }
    }
    return detect(scalars)
  }

  /// How much of a document detection reads (in Unicode scalars).
  static let sampleLimit = 1 << 20

  static func detect(_ scalars: [Unicode.Scalar]) -> InputFormat {
    let sample = scalars.count > sampleLimit ? Array(scalars[..<sampleLimit]) : scalars
    let lines = SourceLine.split(sample)
    var evidence = FormatEvidence()
    for line in lines where !line.isBlank {
      evidence.read(line, in: sample)
    }
    evidence.wrapWidth = LayoutReader.wrapWidth(lines)
    return evidence.verdict
  }
}

/// The format a document was read as, with its units.
public struct Segmentation: Sendable, Hashable {
  public var units: [Unit]
  /// The format used: never ``InputFormat/auto``.
  public var format: InputFormat

  public init(units: [Unit], format: InputFormat) {
    self.units = units
    self.format = format
  }
}

/// Counts of the signs of each format in a document's lines.
struct FormatEvidence {
  var lines = 0
  var headings = 0
  var emphasis = 0
  var links = 0
  var listMarkers = 0
  var fences = 0
  var quotes = 0
  var htmlTags = 0
  var formFeeds = 0
  var hyphenatedEnds = 0
  var pageNumbers = 0
  var pageStarts = 0
  var wrapWidth = 0

  mutating func read(_ line: SourceLine, in text: [Unicode.Scalar]) {
    lines += 1
    let start = line.contentStart
    let end = line.contentEnd
    if line.startsPage {
      pageStarts += 1
      if line.start > 0, text[line.start - 1] == "\u{0C}" { formFeeds += 1 }
    }
    if atxHeading(start, end, text) { headings += 1 }
    if end - start >= 3, text[start] == "`", text[start + 1] == "`", text[start + 2] == "`" { fences += 1 }
    if end - start >= 3, text[start] == ">", text[start + 1] == " " { quotes += 1 }
    if end - start >= 3, "-*+".unicodeScalars.contains(text[start]), text[start + 1] == " ",
      !Scalars.isSpace(text[start + 2])
    {
      listMarkers += 1
    }
    if end - start >= 2, text[end - 1] == "-", Scalars.isLetter(text[end - 2]) { hyphenatedEnds += 1 }
    if end - start <= 12, text[start..<end].contains(where: Scalars.isDigit),
      text[start..<end].allSatisfy({ Scalars.isDigit($0) || " -/".unicodeScalars.contains($0) })
    {
      pageNumbers += 1
    }
    emphasis += emphasisPairs(start, end, text)
    links += linkCount(start, end, text)
    htmlTags += tagCount(start, end, text)
  }

  /// Inline HTML of the kinds Markdown exports write: `<sup>`, `<b>`, `<i>`, `<a href=…>`, `<br>`.
  private func tagCount(_ start: Int, _ end: Int, _ text: [Unicode.Scalar]) -> Int {
    var count = 0
    var index = start
    while index + 3 < end {
      if text[index] == "<" {
        var close = index + 1
        if text[close] == "/" { close += 1 }
        let nameStart = close
        while close < end, close - nameStart < 5, Scalars.isLetter(text[close]) { close += 1 }
        let name = String(String.UnicodeScalarView(text[nameStart..<close])).lowercased()
        if close < end, text[close] == ">" || (text[close] == " " && name == "a"),
          ["sup", "sub", "b", "i", "em", "strong", "a", "br", "u"].contains(name)
        {
          count += 1
        }
      }
      index += 1
    }
    return count
  }

  /// `#` to `######`, a space, then text.
  private func atxHeading(_ start: Int, _ end: Int, _ text: [Unicode.Scalar]) -> Bool {
    var index = start
    while index < end, text[index] == "#", index - start < 7 { index += 1 }
    return index > start && index - start <= 6 && index + 1 < end && text[index] == " "
  }

  /// `*word*`, `**word**`, `_word_` and `__word__` pairs whose delimiters flank words the way
  /// CommonMark requires: the opener before a non-space, the closer after one, and for `_` not
  /// inside a word (`snake_case_name` is no emphasis, nor is `1000*1000`).
  private func emphasisPairs(_ start: Int, _ end: Int, _ text: [Unicode.Scalar]) -> Int {
    var pairs = 0
    var index = start
    while index < end {
      let delimiter = text[index]
      guard delimiter == "*" || delimiter == "_" else {
        index += 1
        continue
      }
      var run = index
      while run < end, text[run] == delimiter { run += 1 }
      let length = run - index
      let before: Unicode.Scalar = index > start ? text[index - 1] : " "
      guard length <= 2, run < end, Scalars.isLetterOrDigit(text[run]), !Scalars.isLetterOrDigit(before)
      else {
        index = run
        continue
      }
      // Find the closer on the same line.
      var close = run + 1
      var found = false
      while close + length <= end {
        if text[close] == delimiter, text[close..<(close + length)].allSatisfy({ $0 == delimiter }),
          !Scalars.isSpace(text[close - 1]),
          close + length == end || !Scalars.isLetterOrDigit(text[close + length]),
          close + length == end || text[close + length] != delimiter
        {
          found = true
          break
        }
        close += 1
      }
      if found {
        pairs += 1
        index = close + length
      } else {
        index = run
      }
    }
    return pairs
  }

  /// `[text](destination)`; autolinks (`<https://…>`) are left out: plain text writes them too.
  private func linkCount(_ start: Int, _ end: Int, _ text: [Unicode.Scalar]) -> Int {
    var count = 0
    var index = start
    while index + 1 < end {
      if text[index] == "]", text[index + 1] == "(", index > start, text[index - 1] != "[" {
        var close = index + 2
        while close < end, text[close] != ")", !Scalars.isSpace(text[close]), text[close] != "[",
          text[close] != "]"
        {
          close += 1
        }
        if close < end, text[close] == ")", close > index + 2 { count += 1 }
      }
      index += 1
    }
    return count
  }

  /// Markdown needs syntax only Markdown writes (headings, emphasis pairs, links, fences, inline
  /// HTML) in more than a trace of the lines, and at least two kinds of Markdown signs (list
  /// markers and `>` quotes count as kinds too). PDF text needs form feeds, or hard wrapping with page numbers, page starts or
  /// words hyphenated at line ends.
  var verdict: InputFormat {
    let strong = headings * 2 + emphasis + links * 2 + fences * 2 + htmlTags
    let kinds = [headings, emphasis, links, fences, listMarkers, quotes, htmlTags].filter { $0 > 0 }.count
    if strong >= max(3, lines / 40), kinds >= 2 { return .markdown }
    if formFeeds > 0 { return .pdfText }
    let trace = max(2, lines / 50)
    if wrapWidth > 0, pageNumbers >= 2 || pageStarts >= 3 || hyphenatedEnds >= trace { return .pdfText }
    return .text
  }
}

/// Plain text in pieces of about `size` Unicode scalars, each ending at a blank line (or, where
/// a paragraph runs on for four pieces, at a line end), with the scalar offset where it starts.
struct PlainTextChunks {
  private var text: String
  /// The file the pieces are read from instead of `text` (``PlainTextFile``).
  private var file: PlainTextWindow? = nil
  /// Where the next piece starts in `text.utf8`.
  private var byteOffset = 0
  private var base = 0
  let size: Int

  init(_ text: String, size: Int = 1 << 18) {
    self.text = text
    // Native strings are contiguous already (no copy); others are made so once.
    self.text.makeContiguousUTF8()
    self.size = size
  }

  /// The pieces of a file, read as they are cut: the same pieces as of the file's text.
  init(file: PlainTextWindow, size: Int = 1 << 18) {
    self.text = ""
    self.file = file
    self.size = size
  }

  /// Why reading the file stopped early, if it did.
  var failure: TextLoadError? { file?.failure }

  /// The next piece in `scalars` (its storage is reused: the pages of a fresh 4 MB array cost
  /// the kernel more than filling them), and the scalar offset where it starts; nil at the end.
  mutating func next(into scalars: inout [Unicode.Scalar]) -> Int? {
    scalars.removeAll(keepingCapacity: true)
    scalars.reserveCapacity(size + 4096)
    let size = size
    if let file {
      file.nextPiece(size: size, into: &scalars)
    } else {
      let start = byteOffset
      // `withUTF8` reads the string's UTF-8 in place (it is contiguous, see `init`).
      byteOffset = text.withUTF8 { bytes in Self.decodePiece(bytes, from: start, size: size, into: &scalars) }
    }
    guard !scalars.isEmpty else { return nil }
    let pieceBase = base
    base += scalars.count
    return pieceBase
  }

  /// Decodes the valid UTF-8 `bytes` from `start` into `scalars` up to the end of the piece;
  /// returns where the next piece starts. Decoding the bytes directly is several times faster
  /// than the string's scalar iterator.
  static func decodePiece(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, size: Int, into scalars: inout [Unicode.Scalar]
  ) -> Int {
    var index = start
    var lineHasText = true
    while index < bytes.count {
      // A line of ASCII (most lines) is appended in one go, without a check per character.
      // The line end by `memchr`, then whether the line is ASCII eight bytes at a time, and
      // whether it has a byte other than space, tab and CR (usually its first).
      let base = bytes.baseAddress!
      let found = memchr(base + index, 0x0A, bytes.count - index)
      let lineEnd = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
      var probe = index
      while probe + 8 <= lineEnd,
        UnsafeRawPointer(base + probe).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        probe += 8
      }
      while probe < lineEnd, bytes[probe] < 0x80 { probe += 1 }
      let ascii = probe == lineEnd
      var asciiText = false
      for position in index..<lineEnd {
        let byte = bytes[position]
        if byte != 0x20 && byte != 0x09 && byte != 0x0D {
          asciiText = true
          break
        }
      }
      if ascii {
        // Widened in place, after making room: appending a lazily mapped sequence went
        // through a generic copy, scalar by scalar.
        // Widened through a small buffer that is then copied in one go: appending a lazily
        // mapped sequence went through a generic copy, scalar by scalar.
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 256) { scratch in
          var next = index
          while next < lineEnd {
            let count = min(256, lineEnd - next)
            for position in 0..<count { scratch[position] = Unicode.Scalar(base[next + position]) }
            scalars.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<count]))
            next += count
          }
        }
        lineHasText = lineHasText || asciiText
        index = lineEnd
      } else {
        while index < lineEnd {
          let scalar: Unicode.Scalar
          if bytes[index] < 0x80 {
            scalar = Unicode.Scalar(bytes[index])
            index += 1
          } else {
            scalar = decodeMultibyte(bytes, at: &index)
          }
          scalars.append(scalar)
          if !Scalars.isSpace(scalar) && scalar != "\r" { lineHasText = true }
        }
      }
      guard index < bytes.count else { break }
      scalars.append("\n")
      index += 1
      // A blank line: only white space since the previous line end.
      if scalars.count >= size && !lineHasText { break }
      if scalars.count >= 4 * size { break }
      lineHasText = false
    }
    return index
  }

  /// The scalar of the multi-byte sequence at `index` (valid UTF-8), moving `index` past it.
  private static func decodeMultibyte(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int)
    -> Unicode.Scalar
  {
    let lead = UInt32(bytes[index])
    var value: UInt32
    var length: Int
    if lead < 0xE0 {
      value = lead & 0x1F
      length = 2
    } else if lead < 0xF0 {
      value = lead & 0x0F
      length = 3
    } else {
      value = lead & 0x07
      length = 4
    }
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    index += length
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }
}
