import Testing

@testable import TweetalKit

@Suite("The corpus manifest (pairs.tsv)")
struct CorpusManifestTests {
  @Test("the committed corpus/pairs.tsv lists three pairs whose documents exist")
  func committedManifest() throws {
    let text = String(decoding: try TestData.bytes(TestData.manifest), as: UTF8.self)
    let manifest = try CorpusManifest.parse(text, file: "corpus/pairs.tsv", root: TestData.root)
    #expect(
      manifest.pairs.map(\.name) == [
        "2022-imrf-letter_vnr", "2018-marrakesh-letter_2020-un-network-input",
        "2018-eerste-kamer_2020-un-network-input",
      ])
    for pair in manifest.pairs {
      #expect(pair.source.hasPrefix("corpus/nl/") && pair.target.hasPrefix("corpus/en/"))
      _ = try TestData.bytes(manifest.path(of: pair.source))
      _ = try TestData.bytes(manifest.path(of: pair.target))
    }
  }

  @Test("a byte-order mark before the first line is not part of its Dutch path")
  func byteOrderMark() throws {
    let text = "\u{FEFF}corpus/nl/a.txt\tcorpus/en/a.txt\ta\r\ncorpus/nl/b.txt\tcorpus/en/b.txt\tb\r\n"
    let manifest = try CorpusManifest.parse(text, file: "pairs.tsv", root: ".")
    #expect(manifest.pairs.map(\.source) == ["corpus/nl/a.txt", "corpus/nl/b.txt"])
    #expect(manifest.pairs.map(\.target) == ["corpus/en/a.txt", "corpus/en/b.txt"])
    #expect(manifest.pairs.map(\.line) == [1, 2])
  }

  @Test("paths are relative to the parent of the manifest's folder")
  func root() {
    #expect(CorpusManifest.root(forManifestAt: "corpus/pairs.tsv") == ".")
    #expect(CorpusManifest.root(forManifestAt: "/repo/corpus/pairs.tsv") == "/repo")
    #expect(CorpusManifest.root(forManifestAt: "pairs.tsv") == "..")
    #expect(CorpusManifest(root: "/repo", pairs: []).path(of: "corpus/nl/a.txt") == "/repo/corpus/nl/a.txt")
    #expect(CorpusManifest(root: ".", pairs: []).path(of: "corpus/nl/a.txt") == "corpus/nl/a.txt")
    #expect(CorpusManifest(root: "/repo", pairs: []).path(of: "/abs/a.txt") == "/abs/a.txt")
  }

  @Test("comments and blank lines are skipped; line numbers are kept")
  func comments() throws {
    let text = "# header\n\n  # indented comment\na.txt\tb.txt\tab\r\nc.txt\td.txt\tcd\n"
    let manifest = try CorpusManifest.parse(text, file: "p.tsv", root: ".")
    #expect(
      manifest.pairs == [
        CorpusPair(source: "a.txt", target: "b.txt", name: "ab", line: 4),
        CorpusPair(source: "c.txt", target: "d.txt", name: "cd", line: 5),
      ])
  }

  @Test("a bad line is reported with its file and line number")
  func errors() {
    func message(_ text: String) -> String? {
      do {
        _ = try CorpusManifest.parse(text, file: "p.tsv", root: ".")
        return nil
      } catch { return error.description }
    }
    #expect(message("# c\na.txt b.txt ab\n")?.hasPrefix("p.tsv:2: has 1 tab-separated fields") == true)
    #expect(message("a\tb\t\n")?.hasPrefix("p.tsv:1: has an empty field") == true)
    #expect(message("a\tb\tx\nc\td\tx\n") == "p.tsv:2: repeats the output name \"x\" of line 1")
    #expect(message("a\tb\t../evil\n")?.contains("output name \"../evil\"") == true)
  }
}
