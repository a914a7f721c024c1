import ArgumentParser
import Foundation
import Segmenter

/// `tweetal segment`: print a document's clean units.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Split a Dutch or English document into clean units (sentences, headings, ...).",
    discussion: """
      Reads a markdown-ish export or raw PDF text, removes markup and footnote markers, \
      joins hard-wrapped lines, undoes end-of-line hyphenation and prints one unit per \
      line in document order. Every unit has a kind: heading, sentence, list-item, \
      footnote or meta.

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

  func run() throws {
    let name = file == "-" ? "<stdin>" : file
    let bytes: [UInt8]
    do {
      bytes = try Input.read(file).bytes
    } catch {
      throw SegmentFailure(error.description)
    }
    let text: String
    do {
      text = try TextLoader.decode(
        bytes, file: name, encoding: encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) })
    } catch {
      throw SegmentFailure(error.description)
    }
    let language = SegmenterLanguage(rawValue: lang) ?? Segmenter.guessLanguage(of: text)
    let units = Segmenter(language: language).segment(text)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var output: [UInt8] = []
    for unit in units {
      if format == "jsonl" {
        let line = UnitLine(kind: unit.kind.rawValue, text: unit.text, start: unit.start, end: unit.end)
        output += try encoder.encode(line) + [UInt8(ascii: "\n")]
      } else {
        output += Array("\(unit.kind.rawValue)\t\(unit.text)\n".utf8)
      }
    }
    FileHandle.standardOutput.write(Data(output))
  }

  /// One line of `--format jsonl`.
  private struct UnitLine: Encodable {
    var kind: String
    var text: String
    var start: Int
    var end: Int
  }
}

/// A failure that ends `tweetal segment` with exit status 1 and `Error: <message>`.
struct SegmentFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
