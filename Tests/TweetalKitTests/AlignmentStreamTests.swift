import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

/// `AlignmentStore.stream` (what `tweetal export` reads with) gives the beads and sentences
/// `AlignmentStore.load` gives, in document order, and the same error for a file it refuses.
@Suite("Streaming an alignment = loading it")
struct AlignmentStreamTests {
  enum Outcome: Equatable {
    case document(AlignedDocument)
    case failure(String)
  }

  static func loaded(_ path: String) -> Outcome {
    do { return .document(try AlignmentStore.load(path: path)) } catch { return .failure("\(error)") }
  }

  /// The streamed beads and sentences put back into a document.
  static func streamed(_ path: String) -> Outcome {
    var metadata: [AlignmentMetadata] = []
    var document: AlignedDocument?
    do {
      let final = try AlignmentStore.stream(
        path: path,
        metadata: {
          metadata.append($0)
          document = AlignedDocument(metadata: $0, source: [], target: [], beads: [])
        },
        bead: { bead, source, target in
          document?.beads.append(bead)
          document?.source += source
          document?.target += target
        })
      #expect(metadata == [final])
      return document.map { .document($0) } ?? .failure("no metadata")
    } catch {
      return .failure("\(error)")
    }
  }

  func write(_ tmx: TMXDocument, _ name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try TMXWriter.write(tmx, toPath: path)
    return path
  }

  @Test("the shipped alignments stream to the documents they load to")
  func shippedAlignments() throws {
    let folder = Repository.path("alignments")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmx") }
    #expect(names.count >= 3)
    for name in names {
      let path = folder + "/" + name
      let expected = Self.loaded(path)
      guard case .document = expected else {
        Issue.record("\(name) does not load")
        continue
      }
      #expect(Self.streamed(path) == expected, "\(name)")
    }
  }

  @Test("units stored out of order, random alignments, and broken ones: the same document or error")
  func reorderedAndBroken() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alignment-stream-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for seed in UInt64(1)...12 {
      let tmx = AlignmentStore.encode(RandomAlignment.document(seed: seed))
      var cases: [(String, TMXDocument)] = [("as written", tmx)]
      var reversed = tmx
      reversed.units.reverse()
      cases.append(("reversed", reversed))
      if tmx.units.count > 2 {
        var gap = tmx
        gap.units.remove(at: tmx.units.count / 2)
        cases.append(("a unit removed", gap))
        var twice = tmx
        twice.units.append(tmx.units[0])
        cases.append(("a unit twice", twice))
        var swapped = tmx
        swapped.units.swapAt(0, tmx.units.count - 1)
        cases.append(("first and last swapped", swapped))
      }
      var counted = tmx
      if let index = counted.header.properties.firstIndex(where: {
        $0.type == TMXForm.HeaderProp.sourceSentences
      }) {
        counted.header.properties[index].value = "999999"
      }
      cases.append(("wrong sentence count", counted))
      var foreign = tmx
      foreign.header.creationTool = "OmegaT"
      cases.append(("another tool's", foreign))
      for (name, document) in cases {
        let path = try write(document, "\(seed)-\(name).tmx", in: folder)
        #expect(Self.streamed(path) == Self.loaded(path), "seed \(seed), \(name)")
      }
    }
  }

  /// The props of unit `index` that are unlinked records or their text props, by position.
  static func recordPositions(_ unit: TranslationUnit) -> [Int] {
    unit.properties.indices.filter { unit.properties[$0].type == UnlinkedRecord.recordType }
  }

  @Test(
    "records the stream cannot take where it reads them (out of pairs, changed, a reread): the same document or error"
  )
  func recordsOutOfTheirForm() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "alignment-records-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var random = SeededGenerator(seed: 1414)
    var withRecords = 0
    for seed in UInt64(1)...12 {
      let tmx = AlignmentStore.encode(RandomAlignment.document(seed: seed))
      guard let host = tmx.units.indices.first(where: { Self.recordPositions(tmx.units[$0]).count >= 2 })
      else {
        continue
      }
      withRecords += 1
      let records = Self.recordPositions(tmx.units[host])
      var cases: [(String, TMXDocument)] = []
      var apart = tmx
      apart.units[host].properties.insert(Property(type: "x-other", value: "1"), at: records[1] + 1)
      cases.append(("a prop between a record and its text", apart))
      var textless = tmx
      textless.units[host].properties.remove(at: records[0])
      cases.append(("a text without its record", textless))
      var swapped = tmx
      swapped.units[host].properties.swapAt(records[0], records[1])
      cases.append(("two records swapped", swapped))
      for round in 0..<6 {
        var changed = tmx
        changed.units[host].properties[records[1]].value = UnlinkedRecordFastPathTests.mutated(
          tmx.units[host].properties[records[1]].value, random: &random)
        cases.append(("the second record changed (\(round))", changed))
      }
      // An xml:id in a variant after the unit's records: the walk gives up there and the file is
      // read again whole, the records taken from that unit forgotten.
      var reread = tmx
      reread.units[host].variants[0].attributes["xml:id"] = "v\(seed)"
      cases.append(("read again after its records were taken", reread))
      for (name, document) in cases {
        let path = try write(document, "\(seed)-\(name).tmx", in: folder)
        let loaded = Self.loaded(path)
        #expect(Self.streamed(path) == loaded, "seed \(seed), \(name)")
        // Without the sentences of beads with an empty side: the same beads, the links' sentences.
        var beads: [AlignmentBead] = []
        var linked = 0
        let outcome: Outcome
        do {
          try AlignmentStore.stream(
            path: path, sentencesOfUnlinked: false, metadata: { _ in },
            bead: { bead, source, target in
              beads.append(bead)
              if bead.source.isEmpty || bead.target.isEmpty {
                #expect(source.isEmpty && target.isEmpty)
              } else {
                #expect(source.count == bead.source.count && target.count == bead.target.count)
                linked += 1
              }
            })
          outcome = .failure("")
        } catch {
          outcome = .failure("\(error)")
        }
        switch loaded {
        case .document(let document):
          #expect(outcome == .failure("") && beads == document.beads, "seed \(seed), \(name)")
          #expect(linked == document.beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }.count)
        case .failure:
          #expect(outcome == loaded, "seed \(seed), \(name)")
        }
      }
    }
    #expect(withRecords >= 4)
  }
}
