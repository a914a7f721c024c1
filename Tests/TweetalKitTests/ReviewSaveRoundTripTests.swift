import Foundation
import TestSupport
import Testing

@testable import TweetalKit

/// A save no longer parses the TMX it writes: it takes `AlignmentCodec.tmx.stored` (the canonical
/// document) as what the file holds. These tests check that this is exactly what decoding the
/// written bytes gives, on every committed alignment and after every kind of edit.
@Suite("Saving a review edit without reading the TMX back")
struct ReviewSaveRoundTripTests {
  static let alignments: [String] = {
    let folder = Repository.path("alignments")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".tmx") }.sorted().map { folder + "/" + $0 }
  }()

  static func roundTrip(_ document: AlignedDocument, name: String) throws -> AlignedDocument {
    let codec = AlignmentCodec.tmx
    return try codec.decode(codec.encode(document), name)
  }

  @Test("the canonical document is what the written TMX reads back as, for every committed alignment")
  func committedAlignments() throws {
    #expect(Self.alignments.count >= 3)
    for path in Self.alignments {
      let document = try AlignmentStore.load(path: path)
      let stored = try #require(AlignmentCodec.tmx.stored)
      #expect(stored(document) == (try Self.roundTrip(document, name: path)), "\(path)")
    }
  }

  @Test("after each kind of edit, the canonical document equals the decoded bytes")
  func afterEdits() throws {
    let path = try #require(Self.alignments.first { $0.hasSuffix("2022-imrf-letter_vnr.tmx") })
    let original = try AlignmentStore.load(path: path)
    let stamp = EditStamp(user: "round-trip", date: Date(timeIntervalSince1970: 1_790_000_000))
    // Each edit is chosen on the document the last one left, as a reviewer makes them.
    let choices: [(AlignedDocument) -> EditOperation?] = [
      { document in
        document.beads.firstIndex { $0.source.count == 1 }.map {
          .text(bead: $0 + 1, side: .source, text: "Een zin met <tekens> & \"aanhalingen\"\tén  spaties")
        }
      },
      { document in
        document.beads.firstIndex { $0.source.count + $0.target.count >= 3 }.map { .unlink(bead: $0 + 1) }
      },
      { document in
        document.beads.indices.dropLast(2).first { document.beads[$0].source.count == 1 }.map {
          .link(first: $0 + 1, last: $0 + 3)
        }
      },
      { document in
        document.beads.firstIndex { $0.source.count >= 2 || $0.target.count >= 2 }.map {
          .split(bead: $0 + 1, source: 1, target: document.beads[$0].target.count >= 2 ? 1 : 0)
        }
      },
      { document in
        document.beads.indices.dropLast().first { $0 > 10 && document.beads[$0].target.count == 1 }.map {
          .shift(bead: $0 + 1, side: .target, direction: .down)
        }
      },
      { _ in .merge(bead: 4) },
      { _ in .confirm(first: 2, last: 6) },
      { _ in .unconfirm(first: 3, last: 3) },
    ]
    let stored = try #require(AlignmentCodec.tmx.stored)
    var document = original
    for choose in choices {
      let operation = try #require(choose(document))
      let result = try document.applying(operation, stamp: stamp)
      #expect(result.changed, "\(operation.summary)")
      let same = stored(result.document) == (try Self.roundTrip(result.document, name: path))
      #expect(same, "\(operation.summary)")
      document = stored(result.document)
    }
  }

  @Test("a saved edit leaves in memory exactly what a fresh open of the file reads")
  func memoryMatchesDisk() throws {
    let path = try #require(Self.alignments.first { $0.hasSuffix("2022-imrf-letter_vnr.tmx") })
    let folder = NSTemporaryDirectory() + "tweetal-roundtrip-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let copy = folder + "/imrf.tmx"
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    var review = try ReviewFile(path: copy)
    let single = try #require(review.document.beads.firstIndex { $0.source.count == 1 }) + 1
    let stamp = EditStamp(user: "round-trip", date: Date())
    _ = try review.apply(.text(bead: single, side: .source, text: "Nieuwe tekst"), stamp: stamp)
    _ = try review.apply(.merge(bead: 7), stamp: stamp)
    #expect(review.document == (try ReviewFile(path: copy).document))
    _ = try review.undo()
    #expect(review.document == (try ReviewFile(path: copy).document))
    #expect(try ReviewFile(path: copy).canUndo)
  }
}
