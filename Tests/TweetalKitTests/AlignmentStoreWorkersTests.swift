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
    // And edited ones, whose editor's name is not ASCII (an attribute libxml2 escapes in an
    // undeclared document only).
    let edited = shipped.map { AlignmentStoreStraightUnitTests.edited(Self.linked($0)) }
    let documents = shipped + shipped.map(Self.linked) + [Self.linked(all)] + edited
    #expect(edited.allSatisfy { $0.beads.contains { $0.changeUser?.contains("é") == true } })
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

/// `tweetal align` writes each unit straight from the document (`AlignmentStore.writeUnit`), not
/// through a `TranslationUnit`: the same bytes, and the same error, as the unit made first.
@Suite("A unit written straight from the document: the bytes and errors of the unit made first")
struct AlignmentStoreStraightUnitTests {
  /// What writing each unit of `document` gives, unit by unit, made first (`unit(at:of:in:)`
  /// and `write(_:)`) and written straight (`writeUnit`).
  static func bothWays(_ document: AlignedDocument) -> [(
    made: Result<[UInt8], TMXError>, straight: Result<[UInt8], TMXError>
  )] {
    let links = AlignmentStore.linkIndices(of: document)
    return links.indices.map { index in
      let made = Result { () throws(TMXError) in
        try TMXStreamWriter.serialized([AlignmentStore.unit(at: index, of: links, in: document)])
      }
      let straight = Result { () throws(TMXError) in
        try TMXStreamWriter.serialized { (writer) throws(TMXError) in
          var scratch: [UInt8] = []
          try AlignmentStore.writeUnit(at: index, of: links, in: document, to: writer, scratch: &scratch)
          #expect(scratch.isEmpty)
        }
      }
      return (made, straight)
    }
  }

  /// Every second linking bead of `document` widened over its neighbours' sentences, with the
  /// values and marks an edited alignment has: dates, an editor, confidences and costs at the
  /// edges of the four decimals and beyond them.
  static func edited(_ document: AlignedDocument) -> AlignedDocument {
    let values: [Double] = [
      0, -0.00004, 0.00005, -0.00005, 0.99995, 12.3456789, -3.5, 99_999_999_999.9, 1e11, -1e12, .nan,
      .infinity, -.infinity, 1e-9, 0.1 + 0.2,
    ]
    var beads: [AlignmentBead] = []
    var index = 0
    let old = document.beads
    while index < old.count {
      var bead = old[index]
      // A 1-1 and the next 1-1 make a 2-2.
      if index + 1 < old.count, beads.count % 2 == 0, !bead.source.isEmpty, !bead.target.isEmpty,
        !old[index + 1].source.isEmpty, !old[index + 1].target.isEmpty
      {
        bead.source = bead.source.lowerBound..<old[index + 1].source.upperBound
        bead.target = bead.target.lowerBound..<old[index + 1].target.upperBound
        index += 1
      }
      index += 1
      bead.id = beads.count + 1
      bead.confidence = values[beads.count % values.count]
      bead.cost = values[(beads.count + 3) % values.count]
      if beads.count % 3 == 0 {
        bead.status = .edited
        bead.changeDate = "20240102T030405Z"
        bead.changeUser = "ré viewer & <co>"
      }
      if beads.count % 5 == 0 { bead.creationDate = "20230101T000000Z" }
      beads.append(bead)
    }
    var edited = document
    edited.beads = beads
    // Sentences with a span and without, in other blocks and kinds.
    for index in edited.source.indices where index % 4 == 0 {
      edited.source[index] = Sentence(
        text: edited.source[index].text, kind: index % 8 == 0 ? .heading : .sentence, block: index / 3 - 2,
        span: index % 3 == 0 ? nil : index * 10..<index * 10 + 7)
    }
    return edited
  }

  @Test("the shipped alignments, linked and edited: every unit the same bytes both ways")
  func sameBytes() throws {
    let shipped = try AlignmentStoreWorkersTests.shipped()
    let linked = shipped.map(AlignmentStoreWorkersTests.linked)
    let documents = shipped + linked + linked.map(Self.edited)
    var units = 0
    var widened = 0
    for document in documents {
      try document.validate()
      widened += document.beads.filter { $0.source.count > 1 && $0.target.count > 1 }.count
      for (made, straight) in Self.bothWays(document) {
        units += 1
        #expect(try straight.get() == made.get())
      }
    }
    // Real work: hundreds of units, dozens of 2-2 beads with joined segments.
    #expect(units > 200)
    #expect(widened > 30)
  }

  @Test(
    "text XML cannot carry, in a segment, a joined segment, an unlinked record, an attribute: the same error")
  func sameErrors() throws {
    let document = Self.edited(AlignmentStoreWorkersTests.linked(try AlignmentStoreWorkersTests.shipped()[2]))
    let links = AlignmentStore.linkIndices(of: document)
    let joined = links.firstIndex { document.beads[$0].source.count > 1 }!
    let single = links.firstIndex { document.beads[$0].target.count == 1 }!
    let afterUnlinked = links.indices.first { $0 > 0 && links[$0] > links[$0 - 1] + 1 }!
    let unlinked = document.beads[links[afterUnlinked] - 1]
    var broken: [AlignedDocument] = []
    var one = document
    one.source[document.beads[links[joined]].source.upperBound - 1].text += "\u{1}"
    broken.append(one)
    one = document
    let target = document.beads[links[single]].target.lowerBound
    one.target[target].text = "\u{FFFE}" + one.target[target].text
    broken.append(one)
    one = document
    let sentence = unlinked.source.isEmpty ? unlinked.target.lowerBound : unlinked.source.lowerBound
    if unlinked.source.isEmpty {
      one.target[sentence].text += "\u{B}"
    } else {
      one.source[sentence].text += "\u{B}"
    }
    broken.append(one)
    one = document
    one.beads[links[single]].changeUser = "a\u{0}b"
    broken.append(one)
    for document in broken {
      let results = Self.bothWays(document)
      let failures = results.compactMap { made, straight -> (TMXError, TMXError)? in
        guard case .failure(let expected) = made else { return nil }
        guard case .failure(let error) = straight else {
          Issue.record("written straight, a unit the writer refused was written")
          return nil
        }
        return (expected, error)
      }
      #expect(failures.count == 1)
      for (expected, error) in failures { #expect(error == expected) }
      for (made, straight) in results {
        if case .success(let bytes) = made { #expect(try straight.get() == bytes) }
      }
    }
  }

  @Test("numbers made as bytes are the strings of TMXForm")
  func numbers() {
    let values: [Double] = [
      0, -0.0, 0.00004999, 0.00005, -0.00005, -0.00015, 1.23455, 0.87305, 99_999.99995, 1e10,
      99_999_999_999.99,
      1e11, -1e11, .nan, .infinity, -.infinity, .ulpOfOne, -.leastNonzeroMagnitude, 0.1 + 0.2, -7.25,
    ]
    for value in values + (0..<2000).map({ Double($0) * 0.00037 - 0.31 }) {
      var bytes: [UInt8] = []
      TMXForm.appendFixed(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == TMXForm.fixed(value), "\(value)")
    }
    for value in [0, 7, 10, 99, 100, 1_000_000, -1, -10, -987_654_321, Int.max, Int.min] {
      var bytes: [UInt8] = []
      TMXForm.appendDecimal(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == String(value))
      bytes.removeAll()
      TMXForm.appendRange(max(0, value / 2)..<max(0, value / 2) + 3, to: &bytes)
      #expect(
        String(decoding: bytes, as: UTF8.self) == TMXForm.range(max(0, value / 2)..<max(0, value / 2) + 3))
    }
  }
}
