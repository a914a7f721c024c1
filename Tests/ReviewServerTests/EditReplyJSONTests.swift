import Foundation
import ReviewServer
import Testing

/// The reply's JSON is written by hand (`EditReply.json`); it must read back as the reply, as
/// `JSONEncoder`'s does.
@Suite("tweetal serve: the reply's JSON")
struct EditReplyJSONTests {
  static let tricky =
    "quote \" backslash \\ slash / newline \n return \r tab \t bell \u{7} nul \u{0} unit \u{1F} "
    + "ë 中文 😀 </script> <b class=\"x\">&amp;</b>"

  static func reply(partial: Bool) throws -> EditReply {
    var object: [String: Any] = [
      "file": "imrf", "focus": 7, "changed": true, "beads": 224, "summary": tricky, "canUndo": true,
      "canRedo": false, "html": "<div class=\"bead \">\(tricky)</div>", "map": "<svg>\n</svg>",
      "suspicious": partial ? [1, 2, 30, 224] : [Int](), "version": "abc-12",
    ]
    if partial {
      object["message"] = "edited \"bead\" 7"
      object["nextUndo"] = tricky
      object["first"] = 7
      object["replaces"] = 2
    }
    let data = try JSONSerialization.data(withJSONObject: object)
    return try JSONDecoder().decode(EditReply.self, from: data)
  }

  @Test("reads back as the reply, with and without the optional fields, and as JSONEncoder's does")
  func roundTrip() throws {
    for partial in [false, true] {
      let reply = try Self.reply(partial: partial)
      #expect(reply.summary == Self.tricky)
      let written = Data(reply.json)
      #expect(try JSONDecoder().decode(EditReply.self, from: written) == reply, "partial: \(partial)")
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let theirs = try JSONSerialization.jsonObject(with: encoder.encode(reply)) as? NSDictionary
      let ours = try JSONSerialization.jsonObject(with: written) as? NSDictionary
      #expect(ours != nil && ours == theirs, "partial: \(partial)")
      #expect((ours?["first"] != nil) == partial && (ours?["message"] != nil) == partial)
    }
  }
}
