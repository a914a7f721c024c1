import Foundation
import TweetalKit

/// A change asked for by the browser: a JSON object such as `{"op": "merge", "bead": 4}`.
///
/// | op | fields |
/// | --- | --- |
/// | `merge`, `unlink` | `bead` |
/// | `split` | `bead`, `source`, `target` (sentences that stay) |
/// | `shift` | `bead`, `side` (`source`/`target`), `direction` (`up`/`down`) |
/// | `link` | `first`, `last` |
/// | `text` | `bead`, `side`, `text` |
/// | `confirm`, `unconfirm` | `bead`, or `first` and `last` |
/// | `undo`, `redo` | — |
/// | `position` | `bead` (remembered for the next session, as `q` in the terminal) |
public struct EditRequest: Sendable, Hashable {
  public enum Operation: Sendable, Hashable {
    case edit(EditOperation)
    case undo
    case redo
    case position(Int)
  }

  public var operation: Operation

  private struct Wire: Decodable {
    var op: String
    var bead: Int?
    var first: Int?
    var last: Int?
    var source: Int?
    var target: Int?
    var side: AlignmentSide?
    var direction: ShiftDirection?
    var text: String?
  }

  /// Why a request body was refused (HTTP 400).
  public struct Malformed: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  public init(json bytes: [UInt8]) throws(Malformed) {
    let wire: Wire
    do { wire = try JSONDecoder().decode(Wire.self, from: Data(bytes)) } catch {
      throw Malformed(description: Self.describe(error))
    }
    func need(_ value: Int?, _ name: String) throws(Malformed) -> Int {
      guard let value else { throw Malformed(description: "\"\(wire.op)\" needs an integer \"\(name)\"") }
      return value
    }
    switch wire.op {
    case "merge": operation = .edit(.merge(bead: try need(wire.bead, "bead")))
    case "unlink": operation = .edit(.unlink(bead: try need(wire.bead, "bead")))
    case "split":
      operation = .edit(
        .split(
          bead: try need(wire.bead, "bead"), source: try need(wire.source, "source"),
          target: try need(wire.target, "target")))
    case "shift":
      guard let side = wire.side, let direction = wire.direction else {
        throw Malformed(
          description: "\"shift\" needs \"side\" (source or target) and \"direction\" (up or down)")
      }
      operation = .edit(.shift(bead: try need(wire.bead, "bead"), side: side, direction: direction))
    case "link":
      operation = .edit(.link(first: try need(wire.first, "first"), last: try need(wire.last, "last")))
    case "text":
      guard let side = wire.side, let text = wire.text else {
        throw Malformed(description: "\"text\" needs \"side\" (source or target) and a string \"text\"")
      }
      operation = .edit(.text(bead: try need(wire.bead, "bead"), side: side, text: text))
    case "confirm", "unconfirm":
      let first = try need(wire.first ?? wire.bead, "bead")
      let last = wire.last ?? first
      operation = .edit(
        wire.op == "confirm" ? .confirm(first: first, last: last) : .unconfirm(first: first, last: last))
    case "undo": operation = .undo
    case "redo": operation = .redo
    case "position": operation = .position(try need(wire.bead, "bead"))
    default:
      throw Malformed(
        description: "unknown \"op\" \"\(wire.op)\"; use merge, split, shift, link, unlink, text, confirm, "
          + "unconfirm, undo, redo or position")
    }
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type for \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
    case DecodingError.dataCorrupted(let context):
      context.codingPath.isEmpty
        ? "the body is not a JSON object"
        : "bad value for \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
    default: "the body is not a JSON object"
    }
  }
}
