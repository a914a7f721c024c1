import Foundation
import TMX
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
      // The first and the last beads (the last unit also carries the unlinked beads after it).
      { document in
        .text(
          bead: 1, side: document.beads[0].target.count == 1 ? .target : .source, text: "First & foremost")
      },
      { document in .confirm(first: document.beads.count, last: document.beads.count) },
      { document in
        document.beads.lastIndex { $0.source.isEmpty || $0.target.isEmpty }.map {
          .text(
            bead: $0 + 1, side: document.beads[$0].source.isEmpty ? .target : .source,
            text: "Laatste <losse> zin")
        }
      },
      { document in
        document.beads.indices.reversed().dropFirst().first {
          document.beads[$0].source.count == 1 && document.beads[$0 + 1].target.isEmpty == false
        }
        .map { .merge(bead: $0 + 1) }
      },
      { document in
        document.beads.lastIndex { !$0.source.isEmpty && !$0.target.isEmpty }.map { .unlink(bead: $0 + 1) }
      },
    ]
    let stored = try #require(AlignmentCodec.tmx.stored)
    let assembly = AlignmentTMXAssembly()
    var document = original
    #expect(try assembly.bytes(of: document) == (try TMXWriter.bytes(of: AlignmentStore.encode(document))))
    for choose in choices {
      let operation = try #require(choose(document))
      let result = try document.applying(operation, stamp: stamp)
      #expect(result.changed, "\(operation.summary)")
      let same = stored(result.document) == (try Self.roundTrip(result.document, name: path))
      #expect(same, "\(operation.summary)")
      // The file put together from the kept units is the full serialization, byte for byte.
      let full = try TMXWriter.bytes(of: AlignmentStore.encode(stored(result.document)))
      let assembled = try assembly.bytes(of: stored(result.document))
      #expect(assembled == full, "\(operation.summary)")
      // Only the beads the edit changed were serialized (a text edit: one), the rest was kept.
      let changed = ReviewPatch(summary: "", from: document, to: stored(result.document))
      #expect(assembly.serializedBeads <= changed.after.count + 1, "\(operation.summary)")
      if case .text = operation { #expect(assembly.serializedBeads == 1, "\(operation.summary)") }
      document = stored(result.document)
    }
    // Back to the original in one jump (every unit that differs is made again), then other metadata.
    #expect(try assembly.bytes(of: original) == (try TMXWriter.bytes(of: AlignmentStore.encode(original))))
    var relabelled = original
    relabelled.metadata.targetLanguage = "en-US"
    relabelled.metadata.creationDate = "20260101T000000Z"
    #expect(
      try assembly.bytes(of: relabelled) == (try TMXWriter.bytes(of: AlignmentStore.encode(relabelled))))
  }

  @Test("every committed alignment put together from its units is its full serialization")
  func assembledCommitted() throws {
    for path in Self.alignments {
      let document = AlignmentStore.canonical(try AlignmentStore.load(path: path))
      let assembly = AlignmentTMXAssembly()
      let full = try TMXWriter.bytes(of: AlignmentStore.encode(document))
      #expect(try assembly.bytes(of: document) == full, "\(path)")
      #expect(try assembly.bytes(of: document) == full, "\(path), from the kept units")
      #expect(try SafeFile.read(path: path) == full, "\(path) as committed")
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
    func onDisk(_ step: String) throws {
      #expect(review.document == (try ReviewFile(path: copy).document), "\(step)")
      // The TMX is the full serialization of the document; the history, put together from each
      // step's kept JSON, is what JSONEncoder gives for it.
      let tmx = try SafeFile.read(path: copy)
      #expect(tmx == (try TMXWriter.bytes(of: AlignmentStore.encode(review.document))), "\(step)")
      let history = try #require(try SafeFile.read(path: copy + ".history"))
      let decoded = try JSONDecoder().decode(ReviewHistory.self, from: Data(history))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      #expect([UInt8](try encoder.encode(decoded)) + [0x0A] == history, "\(step)")
      #expect(decoded.pending?.checksum ?? decoded.checksum == reviewChecksum(tmx ?? []), "\(step)")
    }
    _ = try review.apply(.text(bead: single, side: .source, text: "Nieuwe tekst"), stamp: stamp)
    try onDisk("text")
    _ = try review.apply(.merge(bead: 7), stamp: stamp)
    try onDisk("merge")
    _ = try review.undo()
    try onDisk("undo")
    #expect(try ReviewFile(path: copy).canUndo)
    _ = try review.redo()
    try onDisk("redo")
    _ = try review.undo()
    _ = try review.undo()
    try onDisk("undo twice")
    _ = try review.redo()
    try onDisk("redo after two undos")
    try review.setPosition(20)
    try onDisk("position")
    _ = try review.batch { file in
      [
        try? file.apply(.confirm(first: 1, last: 3), stamp: stamp),
        try? file.apply(.merge(bead: 2), stamp: stamp),
      ]
    }
    try onDisk("batch")
    // A fresh open (the steps' JSON not encoded yet) then an edit and an undo.
    review = try ReviewFile(path: copy)
    _ = try review.apply(.unconfirm(first: 1, last: 1), stamp: stamp)
    try onDisk("edit after reopening")
    _ = try review.undo()
    _ = try review.undo()
    try onDisk("undo after reopening")
    var reopened = try ReviewFile(path: copy)
    _ = try reopened.undo()
    #expect(reopened.document == (try ReviewFile(path: copy).document))
  }
}
