import ArgumentParser
import Documents
import Foundation
import Segmenter

/// `tweetal segment`: print a document's clean units.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Split a Dutch or English document into clean units (sentences, headings, ...).",
    discussion: """
      Reads plain text, Markdown or raw PDF text, and PDF, HTML, DOCX and ODT documents \
      (--input-format; detected from the content by default and named on stderr), and prints \
      one unit per line in document order. A unit's text is its source text with only these \
      changes: white space folded to one space (control characters a TMX cannot carry count \
      as white space; a zero-width space inside a word stays), a word's end-of-line hyphen \
      removed, Markdown \
      markup removed by CommonMark's rules, and in PDF text page furniture and footnote \
      markers dropped. A document format gives its own structure: headings, list items, \
      footnotes (after the sentence that refers to them) and letterhead lines come from the \
      file, and running headers, page numbers and site navigation are left out. Every unit \
      has a kind: heading, sentence, list-item, footnote or meta.

      --format text prints "kind<TAB>text" per unit. --format jsonl prints one JSON \
      object per unit with the keys kind, text, start and end, where start and end are \
      Unicode-scalar offsets into the decoded file (end exclusive); for a PDF, HTML, DOCX or \
      ODT document they count in the text its reader extracted (its blocks in reading \
      order, separated by blank lines).
      """)

  @Argument(help: "The document to segment; '-' or nothing reads standard input.")
  var file: String = "-"

  @Option(help: "The document's language: nl, en, or auto (guess from the text).")
  var lang: String = "auto"

  @Option(help: "Output format: text (one unit per line) or jsonl.")
  var format: String = "text"

  @Option(help: "Decode a file without a BOM that is not UTF-8: windows-1252 or latin1.")
  var encoding: String?

  @OptionGroup var inputFormat: InputFormatOption

  func validate() throws {
    guard ["nl", "en", "auto"].contains(lang) else {
      throw ValidationError("'--lang' must be nl, en or auto (got '\(lang)')")
    }
    guard ["text", "jsonl"].contains(format) else {
      throw ValidationError("'--format' must be text or jsonl (got '\(format)')")
    }
    if let encoding, TextEncoding(rawValue: encoding.lowercased()) == nil {
      throw ValidationError("'--encoding' must be utf-8, windows-1252 or latin1 (got '\(encoding)')")
    }
  }

  /// The document read as its format: a text file is read into the string directly (the text
  /// is in memory once); a document format (PDF, HTML, DOCX, ODT) is read whole by its reader.
  private func read(name: String) throws -> (content: DocumentContent, format: InputFormat) {
    let encoding = encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) }
    let requested = inputFormat.format
    do {
      if file == "-" {
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        return try Document.read(bytes, file: name, format: requested, encoding: encoding)
      }
      return try Document.load(path: file, file: name, format: requested, encoding: encoding)
    } catch {
      throw SegmentFailure(error.description)
    }
  }

  func run() throws {
    let name = file == "-" ? "<stdin>" : file
    // A plain-text file is segmented as it is read, piece by piece: memory stays in the size of
    // a piece. Anything else (stdin, another format or encoding, a file TextLoader would refuse
    // or decode otherwise) is read whole below.
    if file != "-",
      let text = PlainTextFile.check(file: file, inputFormat: inputFormat.format, encoding: encoding),
      let language = SegmenterLanguage(rawValue: lang) ?? text.guessLanguage()
    {
      try? StandardStream.write(Array("segment: \(name) read as text\n".utf8), to: STDERR_FILENO)
      let output = UnitOutput(jsonl: format == "jsonl")
      do {
        try Segmenter(language: language).segment(file: text, name: name, spans: { output.append($0) })
      } catch {
        output.flush()
        throw SegmentFailure(error.description)
      }
      output.flush()
      if let failure = output.failure {
        throw SegmentFailure.output(failure)
      }
      return
    }
    let (content, chosen) = try read(name: name)
    let language: SegmenterLanguage
    switch content {
    case .text(let text):
      language = SegmenterLanguage(rawValue: lang) ?? Segmenter.guessLanguage(of: text)
    case .blocks(let blocks):
      language =
        SegmenterLanguage(rawValue: lang)
        ?? Segmenter.guessLanguage(of: blocks.map(\.text).joined(separator: "\n"))
    }
    try? StandardStream.write(Array("segment: \(name) read as \(chosen.rawValue)\n".utf8), to: STDERR_FILENO)
    // Units are written as they are found, through a buffer: memory stays flat in the file's size.
    // Plain text hands out units whose text is still clean scalars: each is encoded once,
    // straight into the buffer, rather than made a `String` first.
    var output: [UInt8] = []
    output.reserveCapacity(1 << 17)
    let jsonl = format == "jsonl"
    // Once standard output cannot be written (a full disk, a closed file), the rest is dropped
    // and the command fails with why, instead of trapping.
    var failure: StandardStream.WriteError? = nil
    func flushIfFull() {
      if output.count >= 1 << 16 {
        if failure == nil {
          do { try StandardStream.write(output, to: STDOUT_FILENO) } catch { failure = error }
        }
        output.removeAll(keepingCapacity: true)
      }
    }
    let segmenter = Segmenter(language: language)
    switch content {
    case .text(let text):
      segmenter.segment(
        text, format: chosen,
        spans: { span in
          if jsonl { span.appendJSONLine(to: &output) } else { span.appendTextLine(to: &output) }
          flushIfFull()
        })
    case .blocks(let blocks):
      // (Foundation's `Unit` shadows the segmenter's here, hence no type annotation.)
      segmenter.segment(blocks: blocks) { unit in
        if jsonl {
          unit.appendJSONLine(to: &output)
        } else {
          output += unit.kind.rawValue.utf8
          output.append(0x09)
          output += unit.text.utf8
          output.append(0x0A)
        }
        flushIfFull()
      }
    }
    if failure == nil {
      do { try StandardStream.write(output, to: STDOUT_FILENO) } catch { failure = error }
    }
    if let failure {
      throw SegmentFailure.output(failure.reason)
    }
  }
}

extension PlainTextFile {
  /// ``Document/plainTextFile(path:format:encoding:)`` for the command's options.
  fileprivate static func check(file: String, inputFormat: InputFormat, encoding: String?) -> PlainTextFile? {
    guard encoding == nil else { return nil }
    return Document.plainTextFile(path: file, format: inputFormat, encoding: nil)
  }
}

/// Units written to standard output as lines of `--format text` or `jsonl`, through a buffer of
/// 256 KiB that each line is encoded into directly (``UnitSpan/writeTextLine(to:)``) and that is
/// written out whole when full, without copying it first.
private final class UnitOutput {
  let jsonl: Bool
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 18
  private var count = 0

  init(jsonl: Bool) {
    self.jsonl = jsonl
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  func append(_ span: UnitSpan) {
    let bound = span.lineBound
    if count + bound > capacity {
      flush()
      if bound > capacity {
        buffer.deallocate()
        capacity = bound
        buffer = .allocate(capacity: capacity)
      }
    }
    count += jsonl ? span.writeJSONLine(to: buffer + count) : span.writeTextLine(to: buffer + count)
  }

  /// Why standard output could not be written (a full disk, a closed file), once it could not:
  /// the rest of the output is dropped and the command fails with this instead of crashing.
  private(set) var failure: String? = nil

  func flush() {
    if failure == nil {
      do {
        try StandardStream.write(UnsafeRawBufferPointer(start: buffer, count: count), to: STDOUT_FILENO)
      } catch {
        failure = error.reason
      }
    }
    count = 0
  }
}

/// A failure that ends `tweetal segment` with exit status 1 and `Error: <message>`.
struct SegmentFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }

  /// Standard output could not be written, for `reason` (`strerror`'s words).
  static func output(_ reason: String) -> SegmentFailure {
    SegmentFailure(
      "cannot write the units to standard output (\(reason)); check the disk or redirect the output")
  }
}
