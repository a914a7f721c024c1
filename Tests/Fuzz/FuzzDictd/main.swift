import CFuzzDriver
import Foundation
import TweetalKit

/// libFuzzer target: the dictd reader. The input is an index file, a NUL byte, then a data file
/// (plain `.dict`); both are written to a private folder and read as a dictionary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDictd(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let split = bytes.firstIndex(of: 0) ?? bytes.count
  let index = Data(bytes[..<split])
  let dictionary = Data(split < bytes.count ? bytes[(split + 1)...] : [])
  let base = Folder.path + "/fuzz"
  do {
    try index.write(to: URL(fileURLWithPath: base + ".index"))
    try dictionary.write(to: URL(fileURLWithPath: base + ".dict"))
  } catch {
    fatalError("cannot write the fuzz files: \(error)")
  }
  if let read = try? DictdDictionary(indexPath: base + ".index", dataPath: base + ".dict") {
    for entry in read.entries where entry.headword.isEmpty { fatalError("an entry without a headword") }
  }
  return 0
}

/// A folder of this process's own for the two files.
enum Folder {
  static let path: String = {
    let path = NSTemporaryDirectory() + "tweetal-fuzz-dictd-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzDictd(data!, size) })
