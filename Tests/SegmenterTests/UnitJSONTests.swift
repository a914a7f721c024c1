import FoundationEssentials
import Testing

@testable import Segmenter

@Suite("Unit JSON lines")
struct UnitJSONTests {
  /// The line `tweetal segment --format jsonl` wrote with `JSONEncoder` before it had its own writer.
  private struct EncodedLine: Encodable {
    var kind: String
    var text: String
    var start: Int
    var end: Int
  }

  private func encoderLine(_ unit: Unit) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let line = EncodedLine(kind: unit.kind.rawValue, text: unit.text, start: unit.start, end: unit.end)
    return Array(try encoder.encode(line)) + [0x0A]
  }

  @Test("a unit's JSON line is byte for byte what JSONEncoder writes, for every ASCII character")
  func matchesEncoderOnASCII() throws {
    for value in 0..<0x80 {
      let text = "a" + String(Unicode.Scalar(UInt8(value))) + "/z"
      let unit = Unit(kind: .listItem, text: text, block: 3, start: value, end: value * 1000 + 7)
      var line: [UInt8] = []
      unit.appendJSONLine(to: &line)
      #expect(line == (try encoderLine(unit)), "character \(value)")
    }
  }

  @Test("non-ASCII text, empty text, large and negative offsets are written as JSONEncoder writes them")
  func matchesEncoderBeyondASCII() throws {
    let texts = [
      "", "é ü ß", "\u{2028}\u{2029}\u{FEFF}\u{7F}\u{80}\u{9F}", "😀 “quoted” \\ \"", "\u{0}\u{1F}",
    ]
    for (index, text) in texts.enumerated() {
      for kind in UnitKind.allCases {
        let unit = Unit(
          kind: kind, text: text, block: index, start: index == 1 ? -12 : 0, end: Int(Int32.max) * 4 + index)
        var line: [UInt8] = []
        unit.appendJSONLine(to: &line)
        #expect(line == (try encoderLine(unit)), "text \(index), kind \(kind)")
      }
    }
  }
}
