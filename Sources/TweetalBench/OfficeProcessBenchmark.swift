import ArgumentParser
import Foundation
import ZIPFoundation

/// `TweetalBench office-process`: the built `tweetal segment` as a whole process on a large
/// synthetic DOCX, ODT and HTML document: wall seconds, MB/s of XML and the child's peak
/// resident memory.
struct OfficeProcessBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "office-process",
    abstract: "Whole-process `tweetal segment` on DOCX, ODT and HTML: wall seconds, MB/s of XML, peak RSS.",
    discussion: """
      Builds a DOCX (word/document.xml), an ODT (content.xml) and an HTML page of about \
      --megabytes of XML each from the paragraphs of the corpus's English documents (every \
      tenth a heading, every seventh a list item, every fifth with a footnote; Word runs split \
      as Word splits them), then runs `tweetal segment` on each --runs times with its output \
      going to /dev/null. MB/s is megabytes of XML (decompressed) per wall second. Build \
      tweetal with -c release first.
      """)

  @Option(help: "The tweetal binary to run.")
  var tweetal: String = ".build/release/tweetal"

  @Option(help: "The corpus folder (with en/).")
  var corpus: String = "corpus"

  @Option(help: "Size of each document's XML in megabytes.")
  var megabytes: Int = 20

  @Option(help: "Runs per input (the median is reported).")
  var runs: Int = 3

  func run() throws {
    guard FileManager.default.isExecutableFile(atPath: tweetal) else {
      throw ValidationError("no tweetal binary at \(tweetal); run `swift build -c release` or pass --tweetal")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tweetal-office-process-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let paragraphs = try corpusParagraphs()

    var inputs: [(name: String, path: String, xmlBytes: Int)] = []
    let word = Self.repeated(paragraphs, megabytes: megabytes, Self.wordParagraph)
    let wordXML =
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
      + word.text + "</w:body></w:document>"
    let notes = (0..<word.notes).map {
      #"<w:footnote w:id="\#($0 + 1)"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See note \#($0 + 1) of the annual report.</w:t></w:r></w:p></w:footnote>"#
    }
    let footnotesXML =
      #"<?xml version="1.0"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
      + notes.joined() + "</w:footnotes>"
    let docx = folder.appendingPathComponent("large.docx")
    try Self.zip(
      [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"), ("word/document.xml", wordXML),
        ("word/footnotes.xml", footnotesXML),
      ], to: docx)
    inputs.append(("DOCX", docx.path, wordXML.utf8.count + footnotesXML.utf8.count))

    let open = Self.repeated(paragraphs, megabytes: megabytes, Self.openDocumentParagraph)
    let contentXML =
      #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>"#
      + open.text + "</office:text></office:body></office:document-content>"
    let odt = folder.appendingPathComponent("large.odt")
    try Self.zip(
      [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", contentXML)], to: odt)
    inputs.append(("ODT", odt.path, contentXML.utf8.count))

    let page = Self.repeated(paragraphs, megabytes: megabytes, Self.htmlParagraph)
    let html = "<!DOCTYPE html><html lang=\"en\"><body><main>" + page.text + "</main></body></html>"
    let htmlPath = folder.appendingPathComponent("large.html")
    try Data(html.utf8).write(to: htmlPath)
    inputs.append(("HTML", htmlPath.path, html.utf8.count))

    print("Median of \(runs) runs of `tweetal segment` as a child process (output to /dev/null).")
    print("input   XML MB   file MB   wall s    MB/s of XML   peak RSS MB")
    for input in inputs {
      let fileBytes = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
      var walls: [Double] = []
      var peaks: [Double] = []
      for _ in 0..<max(1, runs) {
        let (wall, peak) = try measure(["segment", input.path, "--lang", "en"])
        walls.append(wall)
        peaks.append(Double(peak))
      }
      let wall = Self.median(walls)
      print(
        input.name.padding(toLength: 8, withPad: " ", startingAt: 0)
          + String(
            format: "%-9.1f%-10.1f%-10.3f%-14.1f%.1f", Double(input.xmlBytes) / 1e6, Double(fileBytes) / 1e6,
            wall,
            Double(input.xmlBytes) / 1e6 / wall, Self.median(peaks) / 1e6))
    }
  }

  /// The non-blank lines of the corpus's English documents, XML-escaped.
  private func corpusParagraphs() throws -> [String] {
    let folder = corpus + "/en"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var lines: [String] = []
    for name in names.sorted() where name.hasSuffix(".txt") {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      lines += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
      .map {
        $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
          .replacingOccurrences(of: ">", with: "&gt;")
      }
    }
    guard !lines.isEmpty else { throw ValidationError("no English documents in \(folder); pass --corpus") }
    return lines
  }

  /// The paragraphs marked up by `markup` (index, text, next note number) repeated to `megabytes`.
  private static func repeated(
    _ paragraphs: [String], megabytes: Int, _ markup: (Int, String, Int) -> (String, Bool)
  ) -> (text: String, notes: Int) {
    var text = ""
    text.reserveCapacity(megabytes * 1_000_000 + 10_000)
    var index = 0
    var notes = 0
    while text.utf8.count < megabytes * 1_000_000 {
      let (xml, noted) = markup(index, paragraphs[index % paragraphs.count], notes + 1)
      text += xml
      if noted { notes += 1 }
      index += 1
    }
    return (text, notes)
  }

  private static func wordParagraph(_ index: Int, _ text: String, _ note: Int) -> (String, Bool) {
    // Word splits a paragraph into runs wherever formatting or revision IDs change.
    let words = text.split(separator: " ")
    let half = words.count / 2
    let first = words[..<half].joined(separator: " ")
    let second = words[half...].joined(separator: " ")
    let runs =
      #"<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">\#(first) </w:t></w:r>"#
      + #"<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>\#(second)</w:t></w:r>"#
    if index % 10 == 0 {
      return (
        #"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="0"/></w:pPr>\#(runs)</w:p>"#, false
      )
    }
    if index % 7 == 0 {
      return (
        #"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>\#(runs)</w:p>"#,
        false
      )
    }
    if index % 5 == 0 {
      return (#"<w:p>\#(runs)<w:r><w:footnoteReference w:id="\#(note)"/></w:r></w:p>"#, true)
    }
    return ("<w:p><w:pPr><w:spacing w:after=\"120\"/></w:pPr>\(runs)</w:p>", false)
  }

  private static func openDocumentParagraph(_ index: Int, _ text: String, _ note: Int) -> (String, Bool) {
    if index % 10 == 0 { return (#"<text:h text:outline-level="1">\#(text)</text:h>"#, false) }
    if index % 7 == 0 {
      return ("<text:list><text:list-item><text:p>\(text)</text:p></text:list-item></text:list>", false)
    }
    if index % 5 == 0 {
      return (
        #"<text:p text:style-name="P1">\#(text)<text:note text:id="ftn\#(note)" text:note-class="footnote"><text:note-citation>\#(note)</text:note-citation><text:note-body><text:p>See note \#(note) of the annual report.</text:p></text:note-body></text:note></text:p>"#,
        true
      )
    }
    return (
      #"<text:p text:style-name="P1"><text:span text:style-name="T1">\#(text)</text:span></text:p>"#, false
    )
  }

  private static func htmlParagraph(_ index: Int, _ text: String, _ note: Int) -> (String, Bool) {
    if index % 10 == 0 { return ("<h2>\(text)</h2>\n", false) }
    if index % 7 == 0 { return ("<ul><li>\(text)</li></ul>\n", false) }
    return ("<p class=\"body\">\(text)</p>\n", false)
  }

  /// Writes a ZIP archive of `entries` (deflated) to `url`.
  private static func zip(_ entries: [(String, String)], to url: URL) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, text) in entries {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
  }

  /// Runs tweetal with `arguments` (stdout and stderr to /dev/null): wall seconds and the
  /// child's peak resident set in bytes (`runChildProcess`: the child's own).
  private func measure(_ arguments: [String]) throws -> (wall: Double, peakRSS: Int) {
    let run = try runChildProcess(tweetal, arguments)
    return (run.wall, run.peakRSS)
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
