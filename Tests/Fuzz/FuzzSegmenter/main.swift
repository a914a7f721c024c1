import CFuzzDriver
import Foundation
import Segmenter
import SegmenterChecks

/// libFuzzer target: the text loader and the segmenter on any bytes, per input format. The first
/// byte picks the language (bit 0), the encoding (bit 1) and the format (bits 2–3: auto, text,
/// markdown, pdf-text). Every unit must have text and lie inside the decoded text, the units other
/// than footnotes in order of start; a unit read as plain text must be its source span with only
/// white space and split hyphens changed (`SegmenterChecks.plainTextMismatch`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmenter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard size > 0 else { return 0 }
  let selector = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let encoding: TextEncoding? = selector & 2 == 0 ? nil : .windows1252
  guard let text = try? TextLoader.decode(bytes, file: "fuzz.txt", encoding: encoding) else { return 0 }
  let language: SegmenterLanguage = selector & 1 == 0 ? .dutch : .english
  let format: InputFormat = [.auto, .text, .markdown, .pdfText][Int(selector >> 2) & 3]
  let segmentation = Segmenter(language: language).segmentation(of: text, format: format)
  let scalars = Array(text.unicodeScalars)
  if format != .auto, segmentation.format != format {
    fatalError("asked for \(format), read as \(segmentation.format)")
  }
  if let problem = SegmenterChecks.orderViolation(segmentation.units, scalarCount: scalars.count) {
    fatalError("\(segmentation.format): \(problem)")
  }
  if segmentation.format == .text {
    for unit in segmentation.units {
      if let problem = SegmenterChecks.plainTextMismatch(unit, in: scalars) {
        fatalError("plain text unit \(unit.start)..<\(unit.end) \(unit.text.debugDescription): \(problem)")
      }
    }
  }
  _ = Segmenter.guessLanguage(of: text)
  return 0
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzSegmenter(data!, size) })
