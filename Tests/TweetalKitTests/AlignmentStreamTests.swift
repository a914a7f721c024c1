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
}
