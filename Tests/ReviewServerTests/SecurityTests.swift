import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import TweetalKit

@testable import ReviewServer

@Suite("tweetal serve: security")
struct ServerSecurityTests {
  /// The file's bytes before and after a refused request are the same, and so is its history.
  func unchanged(
    _ copy: ServedCopy, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
  )
    async throws
  {
    let before = try Data(contentsOf: URL(fileURLWithPath: copy.path))
    let historyBefore = try? Data(contentsOf: URL(fileURLWithPath: copy.path + ".history"))
    try await copy.serve(ServerSettings(user: "tester"), body)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path)) == before)
    #expect((try? Data(contentsOf: URL(fileURLWithPath: copy.path + ".history"))) == historyBefore)
  }

  @Test("with a token, every request without it gets 401; the header, the cookie or ?token= pass")
  func token() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    let settings = ServerSettings(host: "0.0.0.0", token: "s3cret-token", user: "tester")
    try await copy.serve(settings) { client in
      for uri in ["/", "/files/\(fileID)", "/api/files", "/assets/review.js", "/api/files/\(fileID)/export"] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .unauthorized, "\(uri)")
        #expect(try json(response)["error"] as? String != nil)
      }
      let wrong = try await client.execute(uri: "/?token=s3cret-tokeN", method: .get)
      #expect(wrong.status == .unauthorized)
      let noToken = try await edit(client, #"{"op":"confirm","bead":1}"#)
      #expect(noToken.status == .unauthorized)

      let query = try await client.execute(uri: "/?token=s3cret-token", method: .get)
      #expect(query.status == .ok)
      #expect(query.headers[.setCookie]?.hasPrefix("tweetal-token=s3cret-token;") == true)
      #expect(query.headers[.setCookie]?.contains("HttpOnly") == true)
      let cookie = try await client.execute(
        uri: "/api/files", method: .get, headers: [.cookie: "tweetal-token=s3cret-token"])
      #expect(cookie.status == .ok)
      var headers = editHeaders
      headers[.authorization] = "Bearer s3cret-token"
      let bearer = try await edit(client, #"{"op":"confirm","bead":1}"#, headers: headers)
      #expect(bearer.status == .ok)
    }
    #expect(try AlignmentStore.load(path: copy.path).beads[0].status == .confirmed)
  }

  @Test("a changing request needs POST, the custom header and a JSON body")
  func csrf() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    try await unchanged(copy) { client in
      var noHeader = editHeaders
      noHeader[HTTPField.Name("X-Tweetal-Request")!] = nil
      let missing = try await edit(client, #"{"op":"confirm","bead":1}"#, headers: noHeader)
      #expect(missing.status == .forbidden)
      #expect((try json(missing)["error"] as? String)?.contains("X-Tweetal-Request") == true)
      // What a form on another site can send: no custom header, a form content type.
      let form = try await edit(
        client, "op=confirm&bead=1",
        headers: [.contentType: "application/x-www-form-urlencoded"])
      #expect(form.status == .forbidden)
      var textType = editHeaders
      textType[.contentType] = "text/plain"
      let plain = try await edit(client, #"{"op":"confirm","bead":1}"#, headers: textType)
      #expect(plain.status == .unsupportedMediaType)
      let get = try await client.execute(
        uri: "/api/files/\(fileID)/edit?op=confirm&bead=1", method: .get, headers: getHeaders)
      #expect(get.status == .notFound)
      let put = try await client.execute(
        uri: "/api/files/\(fileID)/edit", method: .put, headers: editHeaders,
        body: ByteBuffer(string: #"{"op":"confirm","bead":1}"#))
      #expect(put.status == .methodNotAllowed)
    }
  }

  @Test("a loopback server answers only to a loopback Host (DNS rebinding is refused)")
  func host() async throws {
    for authority in ["localhost:8080", "127.0.0.1", "127.0.0.1:80", "[::1]:8080", "LOCALHOST"] {
      #expect(SecurityMiddleware.isLoopbackAuthority(authority), "\(authority)")
    }
    for authority in [
      "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil", "[::2]:80", "10.0.0.1",
    ] {
      #expect(!SecurityMiddleware.isLoopbackAuthority(authority), "\(authority)")
    }
    // HummingbirdTesting's in-memory client asks for `localhost`: served.
    let copy = try ServedCopy()
    defer { copy.remove() }
    try await unchanged(copy) { client in
      let fine = try await client.execute(uri: "/api/files", method: .get)
      #expect(fine.status == .ok)
    }
  }

  @Test("only the given files are served, by id: `..`, absolute paths and other names get 404")
  func traversal() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    // A file beside the served one that must never be reachable.
    try Data("secret".utf8).write(to: URL(fileURLWithPath: copy.folder + "/other.tmx"))
    try await unchanged(copy) { client in
      let uris = [
        "/files/..", "/files/../Package.swift", "/files/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/files//etc/passwd",
        "/files/%2Fetc%2Fpasswd", "/files/other", "/files/other.tmx", "/files/\(fileID).tmx",
        "/api/files/..%2Fother/export", "/api/files/%2Ftmp%2Fx/export", "/assets/../Package.swift",
        "/assets/review.css/..", "/etc/passwd", "/api/files/\(fileID)/../../other",
      ]
      for uri in uris {
        let response = try await client.execute(uri: uri, method: .get, headers: getHeaders)
        #expect(response.status == .notFound, "\(uri): \(response.status)")
        #expect(!String(buffer: response.body).contains("secret"))
        #expect(try json(response)["error"] != nil, "\(uri)")
      }
      let post = try await client.execute(
        uri: "/api/files/..%2Fother/edit", method: .post, headers: editHeaders,
        body: ByteBuffer(string: #"{"op":"confirm","bead":1}"#))
      #expect(post.status == .notFound)
    }
  }

  @Test("a body over 1 MB gets 413 and changes nothing")
  func sizeLimit() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    try await unchanged(copy) { client in
      let text = String(repeating: "a", count: maximumBodySize)
      let response = try await edit(client, #"{"op":"text","bead":1,"side":"source","text":"\#(text)"}"#)
      #expect(response.status == .contentTooLarge)
      #expect((try json(response)["error"] as? String)?.contains("1048576") == true)
    }
  }

  @Test("a malformed request gets 400 with a JSON error; a request that makes no sense 422; nothing changes")
  func malformed() async throws {
    let copy = try ServedCopy()
    defer { copy.remove() }
    try await unchanged(copy) { client in
      let bad = [
        "", "not json", "[1,2]", "{}", #"{"op":"merge"}"#, #"{"op":"merge","bead":"one"}"#,
        #"{"op":"fly","bead":1}"#, #"{"op":"shift","bead":2,"side":"left","direction":"up"}"#,
        #"{"op":"text","bead":1,"side":"source"}"#, "{\"op\":\"confirm\",\"bead\":1", "\u{FF}\u{FE}",
      ]
      for body in bad {
        let response = try await edit(client, body)
        #expect(response.status == .badRequest, "\(body): \(response.status)")
        #expect(try json(response)["error"] as? String != nil, "\(body)")
      }
      for body in [
        #"{"op":"merge","bead":100000}"#, #"{"op":"undo"}"#,
        #"{"op":"split","bead":1,"source":0,"target":0}"#,
      ] {
        let response = try await edit(client, body)
        #expect(response.status == .unprocessableContent, "\(body): \(response.status)")
        #expect(try json(response)["error"] as? String != nil, "\(body)")
      }
    }
  }
}
