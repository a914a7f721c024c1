import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

/// The one-pass reader of unlinked records gives what the general path gives: the same document
/// or the same error, on the shipped alignments and on thousands of records changed at random
/// (fields dropped, repeated, renamed or reordered, digits and signs, commas, other languages,
/// texts one character longer or shorter, non-ASCII text and change ids).
@Suite("Unlinked records: one pass = general path")
struct UnlinkedRecordFastPathTests {
  typealias Outcome = Result<AlignedDocument, AlignmentStoreError>

  static func decode(_ tmx: TMXDocument, fast: Bool) -> Outcome {
    var decoder = AlignmentDecoder(tmx: tmx, file: "a.tmx")
    decoder.usesFastPath = fast
    return Result { () throws(AlignmentStoreError) in try decoder.decode() }
  }

  static func alignments() throws -> [TMXDocument] {
    let folder = Repository.path("alignments")
    return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmx") }
      .sorted()
      .map { try TMXReader.read(path: folder + "/" + $0) }
  }

  @Test("the shipped alignments decode the same both ways, and hold records the fast path reads")
  func shipped() throws {
    let documents = try Self.alignments()
    #expect(documents.count >= 3)
    for tmx in documents {
      let fast = Self.decode(tmx, fast: true)
      #expect(fast == Self.decode(tmx, fast: false))
      let beads = try fast.get().beads
      #expect(beads.contains { $0.source.isEmpty != $0.target.isEmpty })
    }
  }

  /// `value` changed in one of several ways chosen by `random`.
  static func mutated(_ value: String, random: inout SeededGenerator) -> String {
    var fields = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let index = Int.random(in: 0..<fields.count, using: &random)
    switch Int.random(in: 0..<16, using: &random) {
    case 0: fields.remove(at: index)
    case 1: fields.append(fields[index])
    case 2: fields.swapAt(index, Int.random(in: 0..<fields.count, using: &random))
    case 3: fields[index] = "x" + fields[index]
    case 4: fields[index] = fields[index].replacingOccurrences(of: "=", with: "=+")
    case 5: fields[index] = fields[index].replacingOccurrences(of: "1", with: "2")
    case 6: fields[index] += ","
    case 7: fields[index] = fields[index].replacingOccurrences(of: ",", with: ",,")
    case 8: fields[index] += "0"
    case 9: fields.append("changeid=J%C3%BCrgen%20K")
    case 10: fields.append("changeid=%ZZ")
    case 11: fields[index] = fields[index].replacingOccurrences(of: "=", with: "=\u{E9}")
    case 12: fields.append("spans=" + String(repeating: "-,", count: 3) + "0:1")
    case 13:
      // Numbers and bead types in forms Tweetal does not write, read the general way or refused.
      let odd = [
        "1e-3", ".5", "5.", "-0.5000", "00.5000", "0.1234567890123456789", "nan", "+1", "0x1p-2", "1..0",
      ]
      let name = ["confidence", "cost"][Int.random(in: 0..<2, using: &random)]
      fields = fields.map {
        $0.hasPrefix(name + "=") ? name + "=" + (odd.randomElement(using: &random) ?? "") : $0
      }
    case 14:
      let odd = ["01-0", "1-00", "0-1", "1-0-", "-1-0", "1+0"]
      fields = fields.map { $0.hasPrefix("bead=") ? "bead=" + (odd.randomElement(using: &random) ?? "") : $0 }
    default: fields.append("creationdate=20260101T000000Z")
    }
    return fields.joined(separator: " ")
  }

  @Test("records changed at random decode the same both ways")
  func mutatedRecords() throws {
    var random = SeededGenerator(seed: 1405)
    var documents = 0
    var decoded = 0
    for tmx in try Self.alignments() {
      let places = tmx.units.indices.flatMap { unit in
        tmx.units[unit].properties.indices.filter {
          tmx.units[unit].properties[$0].type == UnlinkedRecord.recordType
        }
        .map { (unit, $0) }
      }
      guard !places.isEmpty else { continue }  // an alignment without unlinked beads
      for _ in 0..<40 {
        var changed = tmx
        let (unit, prop) = places[Int.random(in: 0..<places.count, using: &random)]
        changed.units[unit].properties[prop].value = Self.mutated(
          changed.units[unit].properties[prop].value, random: &random)
        if Bool.random(using: &random), prop + 1 < changed.units[unit].properties.count {
          var text = changed.units[unit].properties[prop + 1]
          switch Int.random(in: 0..<4, using: &random) {
          case 0: text.value += "x"
          case 1: text.value = String(text.value.dropLast())
          case 2: text.value = "\u{E9}\u{301}" + text.value.dropFirst()
          default: text.language = "de"
          }
          changed.units[unit].properties[prop + 1] = text
        }
        let fast = Self.decode(changed, fast: true)
        #expect(fast == Self.decode(changed, fast: false), "unit \(unit) prop \(prop)")
        documents += 1
        if case .success = fast { decoded += 1 }
      }
    }
    #expect(documents >= 80)
    // Both outcomes are met: some changes still decode, most are refused.
    #expect(decoded > 5 && decoded < documents - 5, "\(decoded) of \(documents) decode")
  }

  @Test("plain decimals are read as Double(_:) reads them, to the bit")
  func decimals() {
    var random = SeededGenerator(seed: 14)
    var texts = [
      "0", "0.0000", "1.0000", "0.5000", "4.6000", "999999999999999", "0.000000000000001", "12.25", ".5",
      "5.",
      "1e3", "0.1234567890123456789", "1234567890123456", "-0.5",
    ]
    for _ in 0..<5000 {
      let digits = (0..<Int.random(in: 1...15, using: &random)).map { _ in
        String(Int.random(in: 0...9, using: &random))
      }
      var text = digits.joined()
      let point = Int.random(in: 0...digits.count, using: &random)
      if point > 0 && point < digits.count {
        text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      }
      texts.append(text)
    }
    for text in texts {
      let fast = Array(text.utf8).withUnsafeBufferPointer { UnlinkedRecordFastPath.number($0[...]) }
      #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }
}
