import CFuzzDriver
import Foundation
import TMX
import TweetalKit

/// libFuzzer target: the Tweetal-form decoder on mutated alignments (seeded with valid ones). A
/// document it accepts must keep the alignment invariant and survive encode → decode unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAlignmentDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let tmx = try? TMXReader.read(bytes: bytes, name: "fuzz.tmx") else { return 0 }
  _ = AlignmentStore.isTweetal(tmx)
  guard let document = try? AlignmentStore.decode(tmx, file: "fuzz.tmx") else { return 0 }
  do {
    try document.validate()
  } catch {
    fatalError("decoded an alignment that breaks the invariant: \(error)")
  }
  let encoded = AlignmentStore.encode(document)
  do {
    let again = try AlignmentStore.decode(
      try TMXReader.read(bytes: try TMXWriter.bytes(of: encoded), name: "again.tmx"), file: "again.tmx")
    if again != AlignmentStore.canonical(document) && again != document {
      fatalError("encode → decode changed the alignment")
    }
  } catch {
    fatalError("an encoded alignment does not decode: \(error)")
  }
  return 0
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzAlignmentDecoder(data!, size) })
