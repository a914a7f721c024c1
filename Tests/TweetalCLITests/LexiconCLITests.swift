import Foundation
import Testing
import TweetalKit

@Suite("tweetal align and its bilingual lexicon")
struct LexiconCLITests {
  static let pair = (
    "corpus/nl/2022-04-29_kamerbrief-imrf-deelname.txt",
    "corpus/en/2022-04-14_gcm-voluntary-national-review.txt"
  )

  /// A number in dictd's base64 (`A–Z a–z 0–9 + /`, most significant digit first).
  static func base64(_ value: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var value = value
    var digits: [Character] = []
    repeat {
      digits.insert(alphabet[value % 64], at: 0)
      value /= 64
    } while value > 0
    return String(digits)
  }

  /// Writes a tiny Dutch→English dictd dictionary (plain `.dict`) and returns its `.index` path.
  static func writeDictionary(in folder: String) throws -> String {
    var data = ""
    var index = ""
    for (word, translation) in [
      ("migratie", "migration"), ("regering", "government"), ("deelname", "participation"),
    ] {
      let entry = "\(word)\n\(translation)\n"
      index += "\(word)\t\(base64(data.utf8.count))\t\(base64(entry.utf8.count))\n"
      data += entry
    }
    let base = folder + "/freedict-nld-eng"
    try index.write(toFile: base + ".index", atomically: true, encoding: .utf8)
    try data.write(toFile: base + ".dict", atomically: true, encoding: .utf8)
    return base + ".index"
  }

  @Test("--lexicon PATH is named on stderr and recorded in the TMX header")
  func explicitLexicon() throws {
    let folder = try TemporaryFolder()
    let index = try Self.writeDictionary(in: folder.path)
    let result = try CLI.run([
      "align", Self.pair.0, Self.pair.1, "--lexicon", index, "-o", folder.path + "/out.tmx",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("lexicon: \(index)"))
    let document = try AlignmentStore.load(path: folder.path + "/out.tmx")
    #expect(document.metadata.options["lexicon"] == "freedict-nld-eng.index")
  }

  @Test("--lexicon with a missing file exits 1 and names it")
  func missingLexicon() throws {
    let result = try CLI.run([
      "align", Self.pair.0, Self.pair.1, "--lexicon", "/nonexistent/freedict-nld-eng.index",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error: /nonexistent/freedict-nld-eng.index: no such file"))
  }

  @Test("--no-lexicon records no lexicon; by default the installed dictionary is used when there is one")
  func defaultLexicon() throws {
    let folder = try TemporaryFolder()
    let none = try CLI.run([
      "align", Self.pair.0, Self.pair.1, "--no-lexicon", "-o", folder.path + "/none.tmx",
    ])
    #expect(none.status == 0 && !none.stderr.contains("lexicon:"))
    #expect(try AlignmentStore.load(path: folder.path + "/none.tmx").metadata.options["lexicon"] == nil)
    let installed =
      FileManager.default.fileExists(atPath: "/usr/share/dictd/freedict-nld-eng.index")
      || FileManager.default.fileExists(atPath: "/usr/share/dictd/freedict-eng-nld.index")
    let byDefault = try CLI.run(["align", Self.pair.0, Self.pair.1, "-o", folder.path + "/default.tmx"])
    #expect(byDefault.status == 0, "\(byDefault.stderr)")
    #expect(byDefault.stderr.contains("lexicon: /usr/share/dictd/freedict-") == installed)
    let recorded = try AlignmentStore.load(path: folder.path + "/default.tmx").metadata.options["lexicon"]
    #expect((recorded?.contains("freedict-") ?? false) == installed)
  }
}
