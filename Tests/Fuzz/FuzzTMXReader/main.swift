import CFuzzDriver
import Foundation
import TMX

/// libFuzzer target: the TMX reader on any bytes. The streaming reader must give the same
/// document or the same error (kind, message, line, column), in one piece and in small pieces, and
/// its outline read (what `stats` uses) the same header, unit languages or error, and a read whose
/// ``TMXPropertyFilter`` takes every unit-level prop the same props. A
/// document it reads is written and read again; both must work and give the same units (the
/// writer always writes TMX 1.4).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTMXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let tree = Result { () throws(TMXError) in try TMXReader.read(bytes: bytes, name: "fuzz.tmx") }
  for chunkSize in [1 << 18, 1 + size % 61] {
    var units: [TranslationUnit] = []
    let streamed = Result { () throws(TMXError) in
      let summary = try TMXStreamReader.read(bytes: bytes, name: "fuzz.tmx", chunkSize: chunkSize) {
        units.append($0)
      }
      return TMXDocument(version: summary.version, header: summary.header, units: units)
    }
    if streamed != tree {
      fatalError(
        "the streaming reader (pieces of \(chunkSize) bytes) gives \(streamed), the tree reader \(tree)")
    }
    // A filter that takes every unit-level prop must see each one's type, value and language as
    // the tree has them, and the units without them (those read again whole keep theirs).
    var taken: [Property] = []
    units = []
    let filter = TMXPropertyFilter(
      take: { type, value, language, _ in
        taken.append(Property(type: type, value: String(decoding: value, as: UTF8.self), language: language))
        return true
      },
      abandon: { taken = [] })
    let filtered = Result { () throws(TMXError) in
      let summary = try TMXStreamReader.read(
        bytes: bytes, name: "fuzz.tmx", chunkSize: chunkSize, properties: filter
      ) {
        var unit = $0
        unit.properties = taken + unit.properties
        taken = []
        units.append(unit)
      }
      return TMXDocument(version: summary.version, header: summary.header, units: units)
    }
    if filtered != tree {
      fatalError(
        "the streaming reader with a filter (pieces of \(chunkSize) bytes) gives \(filtered), the tree reader \(tree)"
      )
    }
    var languages: [[String]] = []
    let outlined = Result { () throws(TMXError) in
      let summary = try TMXStreamReader.outline(bytes: bytes, name: "fuzz.tmx", chunkSize: chunkSize) {
        languages.append($0)
      }
      return TMXDocument(version: summary.version, header: summary.header, units: [])
    }
    let expected = tree.map { TMXDocument(version: $0.version, header: $0.header, units: []) }
    let expectedLanguages = (try? tree.get())?.units.map { $0.variants.map(\.language) } ?? []
    if outlined != expected || (outlined.isSuccess && languages != expectedLanguages) {
      fatalError(
        "the outline read (pieces of \(chunkSize) bytes) gives \(outlined) \(languages), the tree reader \(tree)"
      )
    }
  }
  guard case .success(let document) = tree else { return 0 }
  _ = TMXChecklist.problems(in: document)
  guard let written = try? TMXWriter.bytes(of: document) else { return 0 }
  let reread: TMXDocument
  do {
    reread = try TMXReader.read(bytes: written, name: "rewritten.tmx")
  } catch {
    fatalError("the reader refuses what the writer wrote: \(error)")
  }
  if reread.units != document.units { fatalError("units changed in a write and read") }
  return 0
}

extension Result {
  var isSuccess: Bool { if case .success = self { true } else { false } }
}

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzTMXReader(data!, size) })
