import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReviewServer
import ReviewWeb
import TMX
import TestSupport
import Testing
import TweetalKit

/// A copy of a committed alignment in a fresh folder, served by an application in memory.
struct ServedCopy {
  let folder: String
  let path: String

  init(_ name: String = "2022-imrf-letter_vnr.tmx", copies: Int = 1) throws {
    folder = NSTemporaryDirectory() + "tweetal-serve-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    path = folder + "/" + name
    try FileManager.default.copyItem(atPath: Repository.path("alignments/" + name), toPath: path)
  }

  func remove() { try? FileManager.default.removeItem(atPath: folder) }

  /// Runs `test` against a server of this copy (in memory, HummingbirdTesting's router framework).
  func serve(
    _ settings: ServerSettings = ServerSettings(user: "tester"),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
  ) async throws {
    let alignments = try await ServedAlignments(
      paths: [path], holder: "tweetal serve (test)", minConfidence: 0.5)
    let app = ServerRunner.application(alignments: alignments, settings: settings)
    do {
      try await app.test(.router, test)
    } catch {
      await alignments.close()
      throw error
    }
    await alignments.close()
  }
}

let editHeaders: HTTPFields = [
  .contentType: "application/json", HTTPField.Name("X-Tweetal-Request")!: "1",
]
let getHeaders: HTTPFields = [:]
let fileID = "2022-imrf-letter_vnr"

func json(_ response: TestResponse) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
  return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: response.body))")
}

func edit(_ client: any TestClientProtocol, _ body: String, headers: HTTPFields = editHeaders) async throws
  -> TestResponse
{
  try await client.execute(
    uri: "/api/files/\(fileID)/edit", method: .post, headers: headers, body: ByteBuffer(string: body))
}

@Suite("tweetal serve: endpoints")
struct ServerEndpointTests {
  @Test("the list names the alignment with its pair, sentences, parallelism and share reviewed")
  func list() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let document = try AlignmentStore.load(path: copy.path)
    try await copy.serve { client in
      let page = try await client.execute(uri: "/", method: .get, headers: getHeaders)
      #expect(page.status == .ok)
      #expect(page.headers[.contentType] == "text/html; charset=utf-8")
      let html = String(buffer: page.body)
      #expect(html.contains("href=\"/files/\(fileID)\""))
      #expect(html.contains("\(document.source.count) + \(document.target.count)"))
      #expect(html.contains(String(format: "%.2f", document.metadata.parallelism ?? -1)))
      let api = try await client.execute(uri: "/api/files", method: .get, headers: getHeaders)
      let entries = try #require(
        try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [[String: Any]])
      #expect(entries.count == 1)
      #expect(entries[0]["id"] as? String == fileID)
      #expect(entries[0]["beads"] as? Int == document.beads.count)
      #expect(entries[0]["sourceSentences"] as? Int == document.source.count)
    }
  }

  @Test("the review page shows every bead side by side, the map, and loads the app's files")
  func reviewPage() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let document = try AlignmentStore.load(path: copy.path)
    try await copy.serve { client in
      let page = try await client.execute(uri: "/files/\(fileID)", method: .get, headers: getHeaders)
      #expect(page.status == .ok)
      let html = String(buffer: page.body)
      #expect(html.components(separatedBy: "<div class=\"bead ").count - 1 == document.beads.count)
      #expect(html.contains("<svg"))
      #expect(html.contains(ReviewWeb.escape(document.source[0].text)))
      #expect(html.contains(ReviewWeb.escape(document.target[document.target.count - 1].text)))
      let css = try await client.execute(uri: "/assets/review.css", method: .get, headers: getHeaders)
      #expect(css.status == .ok && String(buffer: css.body).contains(".bead"))
      let script = try await client.execute(uri: "/assets/review.js", method: .get, headers: getHeaders)
      #expect(script.status == .ok && String(buffer: script.body).contains("X-Tweetal-Request"))
      let state = try json(
        try await client.execute(uri: "/api/files/\(fileID)", method: .get, headers: getHeaders))
      #expect(state["beads"] as? Int == document.beads.count)
      #expect((state["map"] as? String)?.hasPrefix("<svg") == true)
    }
  }

  @Test("confirm, merge, undo and redo go through the edit engine and are on disk at once")
  func edits() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let before = try AlignmentStore.load(path: copy.path)
    let path = copy.path
    try await copy.serve { client in
      let confirmed = try await edit(client, #"{"op":"confirm","bead":3}"#)
      #expect(confirmed.status == .ok)
      #expect(try AlignmentStore.load(path: path).beads[2].status == .confirmed)
      #expect(try json(confirmed)["message"] as? String == "confirmed bead 3")

      let merged = try json(try await edit(client, #"{"op":"merge","bead":5}"#))
      let afterMerge = try AlignmentStore.load(path: path)
      #expect(afterMerge.beads.count == before.beads.count - 1)
      #expect(merged["beads"] as? Int == before.beads.count - 1)
      #expect(
        afterMerge.beads[4].source == before.beads[4].source.lowerBound..<before.beads[5].source.upperBound)

      let undone = try json(try await edit(client, #"{"op":"undo"}"#))
      #expect(undone["message"] as? String == "undid merge 5")
      let afterUndo = try AlignmentStore.load(path: path)
      #expect(afterUndo.beads.count == before.beads.count)
      #expect(afterUndo.beads[2].status == .confirmed)

      _ = try await edit(client, #"{"op":"redo"}"#)
      #expect(try AlignmentStore.load(path: path).beads.count == before.beads.count - 1)
      // Saves go through scratch files beside the file while it is served.
      #expect(FileManager.default.fileExists(atPath: ScratchFiles.scratchPath(for: path)))
    }
    // Closing the server removes them: the folder holds the file and its history, nothing else.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: copy.folder).sorted() == [
        "2022-imrf-letter_vnr.tmx", "2022-imrf-letter_vnr.tmx.history",
      ])
    // The history beside the file carries the browser's edits: the terminal's undo takes them back.
    var review = try ReviewFile(path: copy.path)
    #expect(try review.undo().message == "undid merge 5")
    #expect(try review.undo().message == "undid confirm 3")
    #expect(try AlignmentStore.load(path: copy.path) == before)
  }

  @Test("split, shift, unlink, link, text and unconfirm are applied as `tweetal edit` applies them")
  func everyOperation() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let before = try AlignmentStore.load(path: copy.path)
    let stamp = EditStamp(user: "tester", date: Date())
    // A bead with two sentences on one side, to split and shift.
    let wide = try #require(before.beads.firstIndex { $0.source.count + $0.target.count >= 3 }) + 1
    let path = copy.path
    // Linked and unlinked again, the first bead holds the first sentence of the side it had.
    let onTarget = before.beads[0].source.isEmpty
    try await copy.serve { client in
      var expected = before
      let requests: [(String, EditOperation)] = [
        (#"{"op":"link","first":1,"last":2}"#, .link(first: 1, last: 2)),
        (#"{"op":"unlink","bead":1}"#, .unlink(bead: 1)),
        (
          #"{"op":"text","bead":1,"side":""# + (onTarget ? "target" : "source")
            + #"","text":"A new sentence."}"#,
          .text(bead: 1, side: onTarget ? .target : .source, text: "A new sentence.")
        ),
        (#"{"op":"confirm","first":2,"last":3}"#, .confirm(first: 2, last: 3)),
        (#"{"op":"unconfirm","bead":3}"#, .unconfirm(first: 3, last: 3)),
      ]
      for (body, operation) in requests {
        let response = try await edit(client, body)
        #expect(response.status == .ok, "\(body): \(String(buffer: response.body))")
        expected = try expected.applying(operation, stamp: stamp).document
        #expect(
          try AlignmentStore.load(path: path).beads.map(\.source) == expected.beads.map(\.source), "\(body)")
        #expect(
          try AlignmentStore.load(path: path).beads.map(\.status) == expected.beads.map(\.status), "\(body)")
      }
      let edited = try AlignmentStore.load(path: path)
      #expect((onTarget ? edited.target[0] : edited.source[0]).text == "A new sentence.")
      let bead = expected.beads[wide - 1]
      let split = try await edit(
        client,
        #"{"op":"split","bead":\#(wide),"source":\#(min(1, bead.source.count)),"target":\#(min(1, bead.target.count))}"#
      )
      #expect(split.status == .ok, "\(String(buffer: split.body))")
      #expect(try AlignmentStore.load(path: path).beads.count == expected.beads.count + 1)
      let shift = try await edit(
        client, #"{"op":"shift","bead":\#(wide + 1),"side":"target","direction":"up"}"#)
      #expect(shift.status == .ok || shift.status == .unprocessableContent, "\(String(buffer: shift.body))")
      let position = try await edit(client, #"{"op":"position","bead":7}"#)
      #expect(try json(position)["focus"] as? Int == 7)
    }
    #expect(try ReviewFile(path: copy.path).position == 6)
  }

  @Test("the export buttons give what `tweetal export` gives: TMX, TSV and the two text files")
  func exports() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let document = try AlignmentStore.load(path: copy.path)
    let (pairs, _, _) = try TranslatorExport.pairs(
      [(file: copy.path, document: document)], options: ExportOptions())
    try await copy.serve { client in
      let tsv = try await client.execute(
        uri: "/api/files/\(fileID)/export?format=tsv", method: .get, headers: getHeaders)
      #expect(tsv.status == .ok)
      #expect(Array(buffer: tsv.body) == TranslatorExport.tsv(pairs))
      #expect(tsv.headers[.contentDisposition] == "attachment; filename=\"2022-imrf-letter_vnr.tsv\"")
      let source = try await client.execute(
        uri: "/api/files/\(fileID)/export?format=source", method: .get, headers: getHeaders)
      #expect(Array(buffer: source.body) == TranslatorExport.text(pairs).source)
      let target = try await client.execute(
        uri: "/api/files/\(fileID)/export?format=target", method: .get, headers: getHeaders)
      #expect(Array(buffer: target.body) == TranslatorExport.text(pairs).target)
      let tmx = try await client.execute(
        uri: "/api/files/\(fileID)/export?format=tmx", method: .get, headers: getHeaders)
      let text = String(buffer: tmx.body)
      #expect(text.contains("<tmx version=\"1.4\">"))
      #expect(text.components(separatedBy: "<tu ").count - 1 == pairs.count)
      let bad = try await client.execute(
        uri: "/api/files/\(fileID)/export?format=pdf", method: .get, headers: getHeaders)
      #expect(bad.status == .badRequest)
    }
  }

  @Test("the review lock is held while serving: a terminal edit is refused naming the server")
  func lockNamesTheServer() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let path = copy.path
    try await copy.serve { _ in
      do {
        _ = try ReviewLock(file: path)
        Issue.record("the lock was free while the server ran")
      } catch {
        #expect("\(error)".contains("tweetal serve (test)"), "\(error)")
        #expect("\(error)".contains("pid \(getpid())"), "\(error)")
      }
    }
    _ = try ReviewLock(file: path)  // released when the server stops
  }
}
