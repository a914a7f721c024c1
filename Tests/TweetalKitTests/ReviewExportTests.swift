import Foundation
import TMX
import TestSupport
import Testing

@testable import TweetalKit

@Suite("Translator export")
struct ReviewExportTests {
  func inputs() throws -> [(file: String, document: AlignedDocument)] {
    try (0..<ReviewFixture.pairs().count).map { ("pair\($0).tmx", try ReviewFixture.document(pair: $0)) }
  }

  @Test("only beads with text on both sides, joined with one space, trimmed, each pair once")
  func pairs() throws {
    var document = ReviewFixture.small()
    document.target[1].text = "  Two\n and\tthree. "
    let (pairs, source, target) = try TranslatorExport.pairs(
      [("a.tmx", document), ("b.tmx", document)], options: ExportOptions())
    #expect(source == "nl-NL" && target == "en-GB")
    #expect(pairs.map(\.source) == ["Een.", "Twee. Drie.", "Vier."])
    #expect(pairs.map(\.target) == ["One.", "Two and three.", "Four."])
    #expect(pairs.allSatisfy { $0.file == "a.tmx" })
  }

  @Test("--confirmed-only keeps confirmed beads; --min-confidence keeps confident or decided beads")
  func filters() throws {
    var document = ReviewFixture.small()
    document.beads[2].status = .confirmed
    let confirmed = try TranslatorExport.pairs([("a", document)], options: ExportOptions(confirmedOnly: true))
    #expect(confirmed.pairs.map(\.source) == ["Vier."])
    let confident = try TranslatorExport.pairs([("a", document)], options: ExportOptions(minConfidence: 0.8))
    #expect(confident.pairs.map(\.source) == ["Een.", "Vier."])
  }

  @Test("inputs in different language pairs are refused")
  func languages() throws {
    var other = ReviewFixture.small()
    other.metadata.targetLanguage = "fr-FR"
    let error = #expect(throws: ExportError.self) {
      try TranslatorExport.pairs([("a", ReviewFixture.small()), ("b", other)], options: ExportOptions())
    }
    #expect(error?.description.hasPrefix("b: is nl-NL→fr-FR but a is nl-NL→en-GB") == true)
  }

  @Test("text export: equal line counts, no line breaks inside a line; tsv: one tab per line")
  func textAndTSV() throws {
    let documents = try inputs()
    let (pairs, _, _) = try TranslatorExport.pairs(documents, options: ExportOptions())
    // Every linked bead of the three corpus alignments, each distinct pair once.
    var linked: Set<[String]> = []
    for (_, document) in documents {
      for bead in document.beads where !bead.source.isEmpty && !bead.target.isEmpty {
        linked.insert([
          bead.source.map { document.source[$0].text }.joined(separator: " "),
          bead.target.map { document.target[$0].text }.joined(separator: " "),
        ])
      }
    }
    #expect(!linked.isEmpty)
    #expect(
      pairs.count == linked.count, "the corpus export should hold the linked pairs of all three alignments")
    let (source, target) = TranslatorExport.text(pairs)
    let sourceLines = String(decoding: source, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let targetLines = String(decoding: target, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(sourceLines.count == pairs.count + 1 && targetLines.count == pairs.count + 1)
    #expect(sourceLines.dropLast().allSatisfy { !$0.isEmpty && !$0.contains("\r") && $0.first != " " })
    let rows = String(decoding: TranslatorExport.tsv(pairs), as: UTF8.self).split(separator: "\n")
    #expect(rows.count == pairs.count && rows.allSatisfy { $0.filter { $0 == "\t" }.count == 1 })
    #expect(TranslatorExport.escape("a\\b\tc") == "a\\\\b\\tc")
    #expect(
      TranslatorExport.textPaths(output: "out/gcm", sourceLanguage: "nl-NL", targetLanguage: "en-GB")
        == ("out/gcm.nl", "out/gcm.en"))
  }

  @Test(
    "the TMX export of the corpus has no private props by default and passes check_tmx.sh with OmegaT",
    .enabled(if: TMXCheck.isAvailable, TMXCheck.reason))
  func tmxPassesChecker() throws {
    // As a reviewer would: the 1-1 links confirmed, the rest left to the confidence threshold.
    let reviewed = try inputs().map { file, document in
      var document = document
      for index in document.beads.indices where document.beads[index].type == .oneToOne {
        document.beads[index].status = .confirmed
      }
      return (file, document)
    }
    let options = ExportOptions(minConfidence: 0.3)
    let (pairs, source, target) = try TranslatorExport.pairs(reviewed, options: options)
    #expect(!pairs.isEmpty)
    let document = TranslatorExport.tmx(
      pairs, sourceLanguage: source, targetLanguage: target, options: options, toolVersion: "test",
      creationDate: "20261124T040000Z")
    #expect(document.units.allSatisfy { $0.properties.isEmpty && $0.variants.first?.language == "nl-NL" })
    let path = try reviewTemporaryFolder() + "/export.tmx"
    try TMXWriter.write(document, toPath: path)
    let (status, summary) = try TMXCheck.run(path, ["nl-NL", "en-GB"])
    #expect(status == 0, "\(summary)")
    #expect(summary.hasPrefix("check_tmx: PASS"))
  }
}
