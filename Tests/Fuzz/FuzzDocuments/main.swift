import CFuzzDriver
import Documents
import Foundation
import Segmenter
import SegmenterChecks

/// libFuzzer target: the document readers on any bytes. The first byte picks the language (bit
/// 0) and the format asked for (bits 1–3: auto, html, docx, odt, pdf, then auto again). A file a
/// reader refuses must be refused with a `DocumentError` (never a crash); the units of a file it
/// reads must have text and lie inside the extracted text, in order (footnotes aside).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocuments(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard size > 0 else { return 0 }
  let selector = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let formats: [InputFormat] = [.auto, .html, .docx, .odt, .pdf, .auto, .auto, .auto]
  let format = formats[Int(selector >> 1) & 7]
  let language: SegmenterLanguage = selector & 1 == 0 ? .dutch : .english
  let limits = DocumentLimits(maxDecompressedBytes: 64 << 20)
  guard let read = try? Document.read(bytes, file: "fuzz", format: format, limits: limits),
    case .blocks(let blocks) = read.content
  else { return 0 }
  let units = Segmenter(language: language).segment(blocks: blocks)
  let extracted = DocumentBlock.extractedText(blocks)
  if let problem = SegmenterChecks.orderViolation(units, scalarCount: extracted.unicodeScalars.count) {
    fatalError("\(read.format): \(problem)")
  }
  return 0
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzDocuments(data!, size) })
