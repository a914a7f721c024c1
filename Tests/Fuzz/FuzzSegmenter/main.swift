import CFuzzDriver
import Foundation
import Segmenter

/// libFuzzer target: the text loader and the segmenter on any bytes. The first byte picks the
/// language and the encoding; every unit must lie inside the decoded text, in order of start.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmenter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard size > 0 else { return 0 }
  let selector = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let encoding: TextEncoding? = selector & 2 == 0 ? nil : .windows1252
  guard let text = try? TextLoader.decode(bytes, file: "fuzz.txt", encoding: encoding) else { return 0 }
  let language: SegmenterLanguage = selector & 1 == 0 ? .dutch : .english
  let units = Segmenter(language: language).segment(text)
  let length = text.unicodeScalars.count
  for unit in units {
    if unit.start < 0 || unit.start > unit.end || unit.end > length {
      fatalError("unit \(unit.start)..<\(unit.end) outside the text of \(length) scalars")
    }
    if unit.text.isEmpty { fatalError("an empty unit at \(unit.start)") }
  }
  _ = Segmenter.guessLanguage(of: text)
  return 0
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzSegmenter(data!, size) })
