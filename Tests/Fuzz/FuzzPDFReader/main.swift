import CFuzzDriver
import Foundation
import Segmenter
import SegmenterChecks

@testable import Documents

/// libFuzzer target: the PDF reader's layout. Input starting with `%PDF` goes to `PDFReader`
/// whole (poppler and the layout); anything else is a glyph program laid out by `PDFLayout`
/// directly, so that mutations reach headers, footnotes, columns, lists and page breaks instead
/// of dying in poppler's parser. A program is 6-byte records: a character (0 new line, 1 new
/// page, 2–31 one of a few interesting characters — digits, bullets, hyphens, ligatures, spaces —,
/// otherwise a letter), x and y (in 2.5-point steps), size (2–33.5 points, bit 7 bold), width.
/// The units must have text and lie inside the extracted text, in order (footnotes aside).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let blocks: [DocumentBlock]
  if bytes.starts(with: Array("%PDF".utf8)) {
    guard let read = try? PDFReader(limits: DocumentLimits()).blocks(of: bytes, file: "fuzz") else {
      return 0
    }
    blocks = read
  } else {
    blocks = PDFLayout(pages: pages(bytes)).blocks()
  }
  for language in [SegmenterLanguage.dutch, .english] {
    let units = Segmenter(language: language).segment(blocks: blocks)
    let extracted = DocumentBlock.extractedText(blocks)
    if let problem = SegmenterChecks.orderViolation(units, scalarCount: extracted.unicodeScalars.count) {
      fatalError(problem)
    }
  }
  return 0
}

private let interesting: [Unicode.Scalar] = [
  "0", "1", "2", "3", "9", ".", ")", "(", "•", "–", "-", "\u{AD}", "\u{FB01}", "\u{FB03}", " ", " ",
  ",", ":", "?", "A", "P", "a", "g", "i", "n", "\u{F0B7}", "\u{2010}", "/", "\t", "é",
]

private func pages(_ bytes: [UInt8]) -> [PDFPageText] {
  var pages = [PDFPageText(number: 1, width: 595, height: 842, lines: [[]])]
  var index = 0
  while index + 6 <= bytes.count {
    let record = bytes[index..<(index + 6)]
    index += 6
    let code = record[record.startIndex]
    if code == 0 {
      pages[pages.count - 1].lines.append([])
      continue
    }
    if code == 1 {
      pages.append(PDFPageText(number: pages.count + 1, width: 595, height: 842, lines: [[]]))
      continue
    }
    let scalar =
      code < 32 ? interesting[Int(code - 2)] : Unicode.Scalar(UInt8(ascii: "a") + code % 26)
    let x = Double(record[record.startIndex + 1]) * 2.5
    let y = Double(record[record.startIndex + 2]) * 3.5
    let sizeByte = record[record.startIndex + 3]
    let fontSize = 2 + Double(sizeByte & 0x3F) / 2
    let width = Double(record[record.startIndex + 4]) / 16
    let glyph = PDFGlyph(
      scalar: scalar, box: PDFBox(x0: x, y0: y - fontSize, x1: x + width, y1: y), size: fontSize,
      bold: sizeByte & 0x80 != 0)
    let page = pages.count - 1
    pages[page].lines[pages[page].lines.count - 1].append(glyph)
  }
  return pages
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzPDFReader(data!, size) })
