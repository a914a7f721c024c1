import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

/// The TMX of an alignment is made in pieces on several threads (`AlignmentStore.write(_:to:workers:)`)
/// and must be the same bytes as made unit by unit on one.
@Suite("Both cores: the same TMX bytes with one worker and with several")
struct AlignmentStoreWorkersTests {
  /// The TMX of `document`, its units made by `workers` threads in pieces of `unitsPerPiece`.
  static func bytes(_ document: AlignedDocument, workers: Int, unitsPerPiece: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    let writer = try TMXStreamWriter(header: AlignmentStore.encodedHeader(for: document)) {
      bytes.append(contentsOf: $0)
    }
    try AlignmentStore.write(document, to: writer, workers: workers, unitsPerPiece: unitsPerPiece)
    try writer.finish()
    return bytes
  }

  /// The shipped alignments: real sentences of the corpus with their beads, mostly unlinked
  /// (runs before the first link, between links and after the last) and one with no link at all.
  static func shipped() throws -> [AlignedDocument] {
    let folder = Repository.path("alignments")
    return try [
      "2018-eerste-kamer_2020-un-network-input.tmx", "2018-marrakesh-letter_2020-un-network-input.tmx",
      "2022-imrf-letter_vnr.tmx",
    ].map { try AlignmentStore.load(path: folder + "/" + $0) }
  }

  /// `document`'s sentences in beads of many links: the `i`-th source sentence with the `i`-th
  /// target sentence, but every seventh source sentence and every eleventh target sentence alone,
  /// and the three first and the two last alone too (unlinked runs at both ends).
  static func linked(_ document: AlignedDocument) -> AlignedDocument {
    var beads: [AlignmentBead] = []
    func add(_ source: Range<Int>, _ target: Range<Int>) {
      let id = beads.count + 1
      beads.append(
        AlignmentBead(
          source: source, target: target, cost: Double(id % 13) / 4, confidence: Double(id % 10) / 10,
          status: .auto, id: id))
    }
    let (n, m) = (document.source.count, document.target.count)
    var (i, j) = (0, 0)
    for _ in 0..<3 where i < n {
      add(i..<i + 1, j..<j)
      i += 1
    }
    while i < n - 2 && j < m {
      if i % 7 == 0 {
        add(i..<i + 1, j..<j)
        i += 1
      } else if j % 11 == 0 {
        add(i..<i, j..<j + 1)
        j += 1
      } else {
        add(i..<i + 1, j..<j + 1)
        i += 1
        j += 1
      }
    }
    while i < n {
      add(i..<i + 1, j..<j)
      i += 1
    }
    while j < m {
      add(i..<i, j..<j + 1)
      j += 1
    }
    var linked = document
    linked.beads = beads
    return linked
  }

  @Test("the shipped alignments and their sentences in many links: one worker, two, three, any piece size")
  func sameBytes() throws {
    let shipped = try Self.shipped()
    // And the three documents' sentences one after another, in links.
    let all = AlignedDocument(
      metadata: shipped[2].metadata, source: shipped.flatMap(\.source), target: shipped.flatMap(\.target),
      beads: [])
    let documents = shipped + shipped.map(Self.linked) + [Self.linked(all)]
    let links = documents.map { document in
      document.beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }.count
    }
    // Real work for the pieces: over a hundred links (several rounds of pieces of 5), unlinked runs; and a document without a link.
    #expect(links.contains(0))
    #expect(links.max()! > 150)
    for (document, links) in zip(documents, links) {
      let expected = try TMXWriter.bytes(of: AlignmentStore.encode(document))
      #expect(try Self.bytes(document, workers: 1, unitsPerPiece: 5) == expected)
      for workers in [2, 3] {
        for unitsPerPiece in [1, 5, 64, AlignmentStore.unitsPerPiece] {
          let bytes = try Self.bytes(document, workers: workers, unitsPerPiece: unitsPerPiece)
          #expect(bytes == expected, "\(links) links, \(workers) workers, pieces of \(unitsPerPiece)")
        }
      }
    }
  }

  @Test("a unit that XML cannot carry fails the file's write with the error it has unit by unit")
  func failure() throws {
    var document = Self.linked(try Self.shipped()[2])
    let last = document.beads.lastIndex { !$0.source.isEmpty && !$0.target.isEmpty }!
    document.source[document.beads[last].source.lowerBound].text += "\u{1}"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let errors = [1, 2].map { workers -> TMXError? in
      do {
        try AlignmentStore.save(document, toPath: folder + "/failed.tmx", workers: workers)
        return nil
      } catch {
        return error as? TMXError
      }
    }
    #expect(errors[0] != nil)
    #expect(errors[0]?.file == folder + "/failed.tmx")
    #expect(errors[1] == errors[0])
    // Nothing is left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }
}
