import ArgumentParser
import Foundation
import Segmenter

/// `tweetal segment`: print a document's clean units.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Split a Dutch or English document into clean units (sentences, headings, ...).",
    discussion: """
      Reads plain text, Markdown or raw PDF text (--input-format; detected by default and \
      named on stderr) and prints one unit per line in document order. A unit's text is its \
      source text with only these changes: white space folded to one space, a word's \
      end-of-line hyphen removed, Markdown markup removed by CommonMark's rules, and in PDF \
      text page furniture and footnote markers dropped. Every unit has a kind: heading, \
      sentence, list-item, footnote or meta.

      --format text prints "kind<TAB>text" per unit. --format jsonl prints one JSON \
      object per unit with the keys kind, text, start and end, where start and end are \
      Unicode-scalar offsets into the decoded file (end exclusive).
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

  /// The decoded document; the bytes read are released when this returns.
  private func readText(name: String) throws -> String {
    let encoding = encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) }
    do {
      if file == "-" {
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        return try TextLoader.decode(bytes, file: name, encoding: encoding)
      }
      // Read into the string itself: the text is in memory once.
      return try TextLoader.load(path: file, file: name, encoding: encoding)
    } catch {
      throw SegmentFailure(error.description)
    }
  }

  func run() throws {
    let name = file == "-" ? "<stdin>" : file
    let text = try readText(name: name)
    let language = SegmenterLanguage(rawValue: lang) ?? Segmenter.guessLanguage(of: text)
    let chosen = inputFormat.format == .auto ? InputFormat.detect(text) : inputFormat.format
    FileHandle.standardError.write(Data("segment: \(name) read as \(chosen.rawValue)\n".utf8))
    // Units are written as they are found, through a buffer: memory stays flat in the file's size.
    var output: [UInt8] = []
    output.reserveCapacity(1 << 16)
    Segmenter(language: language).segment(text, format: chosen) { unit in
      if format == "jsonl" {
        unit.appendJSONLine(to: &output)
      } else {
        output += unit.kind.rawValue.utf8
        output.append(0x09)
        output += unit.text.utf8
        output.append(0x0A)
      }
      if output.count >= 1 << 16 {
        FileHandle.standardOutput.write(Data(output))
        output.removeAll(keepingCapacity: true)
      }
    }
    FileHandle.standardOutput.write(Data(output))
  }
}

/// A failure that ends `tweetal segment` with exit status 1 and `Error: <message>`.
struct SegmentFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
