import Foundation
public import HTTPTypes
public import Hummingbird
import ReviewWeb
import TweetalKit

/// How `tweetal serve` was asked to run.
public struct ServerSettings: Sendable {
  public var host: String
  public var port: Int
  /// Required on every request when set (`Authorization: Bearer T`, the `tweetal-token` cookie, or
  /// `?token=T`, which also sets the cookie).
  public var token: String?
  /// Who the edits are recorded as (TMX `changeid`).
  public var user: String
  public var minConfidence: Double
  public var toolVersion: String

  public init(
    host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, user: String,
    minConfidence: Double = 0.5, toolVersion: String = "dev"
  ) {
    self.host = host
    self.port = port
    self.token = token
    self.user = user
    self.minConfidence = minConfidence
    self.toolVersion = toolVersion
  }

  /// True for 127.0.0.0/8, `::1` and `localhost`: only this machine can connect.
  public var isLoopback: Bool { Self.isLoopback(host) }

  public static func isLoopback(_ host: String) -> Bool {
    if host == "localhost" || host == "::1" || host == "[::1]" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  /// The address to print, with the token when there is one.
  public func url(port: Int) -> String {
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "http://\(shown):\(port)/" + (token.map { "?token=\($0)" } ?? "")
  }
}

/// The largest request body accepted (1 MB); larger ones get 413.
public let maximumBodySize = 1 << 20

/// The alignments a server serves, by id. Only these files are ever read or written.
public struct ServedAlignments: Sendable {
  public let ordered: [OpenAlignment]
  private let byID: [String: OpenAlignment]

  /// Opens every path (taking its review lock). Ids come from the file names (`letter.tmx` →
  /// `letter`), made unique. On any failure the locks already taken are released.
  public init(paths: [String], holder: String, minConfidence: Double) async throws {
    var opened: [OpenAlignment] = []
    var byID: [String: OpenAlignment] = [:]
    do {
      for path in paths {
        let id = Self.uniqueID(for: path, taken: byID)
        let alignment = try OpenAlignment(id: id, path: path, holder: holder, minConfidence: minConfidence)
        opened.append(alignment)
        byID[id] = alignment
      }
    } catch {
      for alignment in opened { await alignment.close() }
      throw error
    }
    ordered = opened
    self.byID = byID
  }

  public subscript(id: String) -> OpenAlignment? { byID[id] }

  public func close() async {
    for alignment in ordered { await alignment.close() }
  }

  static func uniqueID(for path: String, taken: [String: OpenAlignment]) -> String {
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    var base = String(
      stem.unicodeScalars.map {
        CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" || $0 == "."
          ? Character($0) : "-"
      })
    while base.hasPrefix(".") { base.removeFirst() }
    if base.isEmpty { base = "alignment" }
    var id = base
    var number = 2
    while taken[id] != nil {
      id = "\(base)-\(number)"
      number += 1
    }
    return id
  }
}

/// The HTTP face of review: routes, security and the web app.
public enum ReviewRoutes {
  /// The header a changing request must carry (a page of another site cannot set it without a
  /// CORS preflight, which this server never grants).
  public static let csrfHeader = "X-Tweetal-Request"
  /// The header in which an edit request names the version of the file the browser shows
  /// (``EditReply/version``), so that the reply can hold only what changed.
  public static let versionHeader = "X-Tweetal-Version"

  public static func router(
    alignments: ServedAlignments, settings: ServerSettings
  ) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: SecurityMiddleware(settings: settings))

    router.get("/") { _, _ -> Response in
      var entries: [AlignmentListEntry] = []
      for alignment in alignments.ordered { entries.append(await alignment.listEntry()) }
      return html(AlignmentListPage.html(entries))
    }
    router.get("/files/:id") { _, context -> Response in
      let alignment = try find(alignments, context)
      return html(await alignment.reviewPage())
    }
    router.get("/assets/review.css") { _, _ in
      asset(Assets.css, type: "text/css; charset=utf-8")
    }
    router.get("/assets/review.js") { _, _ in
      asset(Assets.javascript, type: "text/javascript; charset=utf-8")
    }
    router.get("/api/files") { _, _ -> Response in
      var entries: [AlignmentListEntry] = []
      for alignment in alignments.ordered { entries.append(await alignment.listEntry()) }
      return try json(entries)
    }
    router.get("/api/files/:id") { _, context -> Response in
      let alignment = try find(alignments, context)
      return json(bytes: await alignment.state().json)
    }
    router.post("/api/files/:id/edit") { request, context -> Response in
      let alignment = try find(alignments, context)
      var request = request
      let body = try await request.collectBody(upTo: maximumBodySize)
      let edit: EditRequest
      do throws(EditRequest.Malformed) { edit = try EditRequest(json: Array(buffer: body)) } catch {
        throw APIError(.badRequest, error.description)
      }
      do {
        let version = request.headers[HTTPField.Name(ReviewRoutes.versionHeader)!]
        return json(bytes: try await alignment.apply(edit, user: settings.user, clientVersion: version).json)
      } catch let error as EditError {
        throw APIError(.unprocessableContent, error.description)
      }
    }
    router.get("/api/files/:id/export") { request, context -> Response in
      let alignment = try find(alignments, context)
      let name = request.uri.queryParameters["format"].map(String.init) ?? "tmx"
      guard let format = ExportFormat(rawValue: name) else {
        throw APIError(.badRequest, "unknown export format \"\(name)\"; use tmx, tsv, source or target")
      }
      let (bytes, fileName) = try await alignment.export(format, toolVersion: settings.toolVersion)
      var headers = HTTPFields()
      headers[.contentType] =
        format == .tmx ? "application/x-tmx+xml; charset=utf-8" : "text/plain; charset=utf-8"
      headers[.contentDisposition] = "attachment; filename=\"\(fileName.filter { $0 != "\"" })\""
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    return router
  }

  private static func find(_ alignments: ServedAlignments, _ context: BasicRequestContext) throws
    -> OpenAlignment
  {
    guard let id = context.parameters.get("id"), let alignment = alignments[id] else {
      throw APIError(.notFound, "no such alignment; the list at / names the ones served")
    }
    return alignment
  }

  static func html(_ text: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.cacheControl] = "no-store"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func asset(_ text: String, type: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.cacheControl] = "no-cache"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func json(_ value: some Encodable) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return json(bytes: [UInt8](try encoder.encode(value)))
  }

  static func json(bytes: [UInt8]) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    headers[.cacheControl] = "no-store"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

/// An error answered as `{"error": "…"}` with its status.
public struct APIError: Error, Sendable {
  public var status: HTTPResponse.Status
  public var message: String

  public init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }
}

/// Turns every failure into a JSON error with the right status: unknown paths 404, bodies over the
/// limit 413, anything unexpected 500 (the message names the problem; nothing was saved half-way,
/// since every save is atomic).
struct ErrorMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return Self.reply(error.status, error.message)
    } catch let error as HTTPError {
      let message =
        switch error.status {
        case .notFound: "no such page; the list at / names the alignments served"
        case .contentTooLarge: "the request body is over \(maximumBodySize) bytes"
        default: error.body ?? error.status.reasonPhrase
        }
      return Self.reply(error.status, message)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      return Self.reply(.contentTooLarge, "the request body is over \(maximumBodySize) bytes")
    } catch {
      return Self.reply(.internalServerError, String(describing: error))
    }
  }

  static func reply(_ status: HTTPResponse.Status, _ message: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    headers[.cacheControl] = "no-store"
    let body = (try? JSONEncoder().encode(["error": message])) ?? Data("{\"error\":\"?\"}".utf8)
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }
}

/// The server's rules for every request: the token (when one is set), the Host header on a
/// loopback server (so that a page of another site reached through DNS rebinding gets nothing),
/// and for changing requests POST with a JSON body and the custom header.
struct SecurityMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext
  let settings: ServerSettings

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    if settings.isLoopback, let host = request.head.authority {
      guard Self.isLoopbackAuthority(host) else {
        throw APIError(.forbidden, "this server answers only to 127.0.0.1 or localhost, not \(host)")
      }
    }
    var setCookie = false
    if let token = settings.token {
      let query = request.uri.queryParameters["token"].map(String.init)
      let bearer = request.headers[.authorization].flatMap { value -> String? in
        value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil
      }
      let cookie = request.cookies["tweetal-token"]?.value
      guard [query, bearer, cookie].contains(where: { $0.map { Self.same($0, token) } ?? false }) else {
        throw APIError(
          .unauthorized, "this server needs its token: open the URL that `tweetal serve` printed")
      }
      setCookie = query != nil && cookie.map { !Self.same($0, token) } ?? true
    }
    switch request.method {
    case .get, .head:
      break
    case .post:
      guard request.headers[HTTPField.Name(ReviewRoutes.csrfHeader)!] == "1" else {
        throw APIError(.forbidden, "a changing request needs the header \(ReviewRoutes.csrfHeader): 1")
      }
      guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
        throw APIError(.unsupportedMediaType, "a changing request needs Content-Type: application/json")
      }
      if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBodySize {
        throw APIError(.contentTooLarge, "the request body is over \(maximumBodySize) bytes")
      }
    default:
      throw APIError(.methodNotAllowed, "only GET and POST are served")
    }
    var response = try await next(request, context)
    if setCookie, let token = settings.token {
      response.headers[.setCookie] = "tweetal-token=\(token); Path=/; HttpOnly; SameSite=Strict"
    }
    response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    return response
  }

  static func isLoopbackAuthority(_ authority: String) -> Bool {
    var host = Substring(authority)
    if host.hasPrefix("[") {
      host = host.dropFirst().prefix { $0 != "]" }
    } else if let colon = host.lastIndex(of: ":") {
      host = host[..<colon]
    }
    return ServerSettings.isLoopback(String(host).lowercased())
  }

  /// Compares without stopping at the first difference.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var difference = x.count ^ y.count
    for index in 0..<min(x.count, y.count) { difference |= Int(x[index] ^ y[index]) }
    return difference == 0
  }
}
