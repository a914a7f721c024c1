import Foundation
import TMX
import TestSupport
import Testing

/// The project's own small TMX files (`Fixtures/`, written by `Fixtures/make-fixtures.py`), one per
/// thing other tools do: they cover what the tests on `../shared/tmx-samples` cover, in any clone.
@Suite("Reading the project's TMX fixtures")
struct FixtureReadingTests {
  /// The fixtures that are TMX 1.4b documents by the DTD; the others break it on purpose.
  static let valid = [
    "doctype.tmx", "inline-codes.tmx", "omegat-multi-variant.tmx", "utf16le-bom-doctype.tmx",
    "utf16le-declared-noversion.tmx", "windows-1252.tmx",
  ]
  static let invalid = ["default-namespace.tmx", "tmx11-lang.tmx", "undeclared-prefix.tmx"]

  func read(_ name: String) throws -> TMXDocument { try TMXReader.read(path: TMXFixtures.tmx(name)) }

  @Test("every fixture has a test here and is listed as valid or invalid TMX 1.4b")
  func everyFixtureIsCovered() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: TMXFixtures.tmxFolder)
    #expect(names.filter { $0.hasSuffix(".tmx") }.sorted() == (Self.valid + Self.invalid).sorted())
  }

  @Test(
    "the fixtures meant to be TMX 1.4b are valid against its DTD (xmllint --dtdvalid); the others are not",
    .enabled(if: Shared.has(Shared.dtd), Shared.reason(Shared.dtd)),
    .enabled(if: XMLLint.isInstalled, "needs xmllint (Debian package libxml2-utils)"))
  func validAgainstDTD() throws {
    for name in Self.valid {
      let (status, message) = try XMLLint.validate(TMXFixtures.tmx(name))
      #expect(status == 0, "\(name): \(message)")
    }
    for name in Self.invalid {
      let (status, _) = try XMLLint.validate(TMXFixtures.tmx(name))
      #expect(status != 0, "\(name) should break the DTD")
    }
  }

  @Test("UTF-16LE with a BOM and no encoding declaration, a DOCTYPE that is not fetched")
  func utf16WithBOM() throws {
    let document = try read("utf16le-bom-doctype.tmx")
    #expect(document.version == "1.4")
    #expect(document.header.creationToolVersion == "Edition 8")
    #expect(document.units.count == 2)
    #expect(document.variantLanguages == ["EN-US", "DE-DE"])
    #expect(document.text(unit: 0, language: "DE-DE") == "Neue Funktionen")
    #expect(document.text(unit: 1, language: "EN-US") == "Tabs [\t\t   ] and ÿ™’ are kept")
    #expect(document.text(unit: 1, language: "DE-DE") == "Größe: 3 € — 你好")
  }

  @Test("UTF-16LE without a BOM, declared; no version attribute loads with an empty version")
  func utf16WithoutBOM() throws {
    let document = try read("utf16le-declared-noversion.tmx")
    #expect(document.version == "")
    #expect(document.header.segmentType == "block")
    #expect(document.variantLanguages == ["en-US", "zh"])
    #expect(document.text(unit: 0, language: "zh") == "你好世界")
    #expect(document.text(unit: 1, language: "zh") == "&lt;syntaxhighlight lang=\"java\"&gt;")
    #expect(document.text(unit: 1, language: "en-US") == "Press  now")
    #expect(codeCount(document, .placeholder) == 1)
  }

  @Test("UTF-8 with a BOM and a DOCTYPE naming a DTD on the network: read without fetching it")
  func doctype() throws {
    let document = try read("doctype.tmx")
    #expect(document.units.count == 1)
    #expect(document.text(unit: 0, language: "nl-NL") == "De DTD wordt genoemd, niet geladen.")
  }

  @Test("TMX 1.1: `lang` instead of `xml:lang`; written back as TMX 1.4b with the same units")
  func tmx11() throws {
    let document = try read("tmx11-lang.tmx")
    #expect(document.version == "1.1")
    #expect(document.units.count == 3)
    #expect(document.variantLanguages == ["EN-GB", "RU-RU"])
    #expect(document.text(unit: 0, language: "RU-RU") == "Без названия")
    #expect(document.units[0].variants[1].attributes["changeid"] == "anonymous")
    let bytes = try TMXWriter.bytes(of: document)
    #expect(String(decoding: bytes.prefix(80), as: UTF8.self).contains("<tmx version=\"1.4\">"))
    var reread = try TMXReader.read(bytes: bytes, name: "rewritten.tmx")
    #expect(reread.version == "1.4")
    reread.version = "1.1"
    #expect(reread == document)
  }

  @Test("inline codes: nested bpt/ept pairs, it, ph with a sub, hi, ut; the variant order kept")
  func inlineCodes() throws {
    let document = try read("inline-codes.tmx")
    #expect(document.units.count == 3)
    #expect(codeCount(document, .beginPairedTag) == 4 && codeCount(document, .endPairedTag) == 4)
    #expect(codeCount(document, .isolatedTag) == 2 && codeCount(document, .placeholder) == 2)
    #expect(codeCount(document, .subflow) == 2)
    #expect(codeCount(document, .highlight) == 2 && codeCount(document, .unknownTag) == 2)
    let first = document.units[0].variants[0].segment
    #expect(first.plainText == "The big black cat sleeps.")
    #expect(
      first.content[1]
        == .code(
          InlineCode(
            kind: .beginPairedTag, attributes: ["i": "1", "x": "1", "type": "bold"], content: [.text("<b>")]))
    )
    #expect(document.units[2].variants.map(\.language) == ["FR-CA", "en-us"])
    #expect(document.units[2].variants[1].segment.plainText == "Some text with a part highlighted and bold.")
    // Writing and reading back keeps every code where it was.
    #expect(try TMXReader.read(bytes: try TMXWriter.bytes(of: document), name: "again.tmx") == document)
  }

  @Test("a default namespace on <tmx>, srclang *all*, four languages")
  func defaultNamespace() throws {
    let document = try read("default-namespace.tmx")
    #expect(document.header.sourceLanguage == "*all*")
    #expect(document.variantLanguages == ["en", "zh", "es", "de"])
    #expect(document.text(unit: 0, language: "zh") == "你好世界！")
  }

  @Test("windows-1252, declared: accented letters, € and ’ decode, escaped specials too")
  func windows1252() throws {
    let document = try read("windows-1252.tmx")
    #expect(document.variantLanguages == ["EN-US", "FR-FR"])
    #expect(document.text(unit: 0, language: "FR-FR") == "Test charactères: &=amp, <=lt, '=apos, \"=quot")
    #expect(document.text(unit: 1, language: "FR-FR") == "C’est 5 € par semaine, déjà payé")
    #expect(document.header.attributes["changeid"] == "YS")
  }

  @Test("an undeclared namespace prefix is refused with the file, line, column and libxml2's reason")
  func undeclaredPrefix() throws {
    let error = try #require(throws: TMXError.self) { try read("undeclared-prefix.tmx") }
    #expect(error.kind == .malformed)
    #expect(error.line == 7 && error.column == 59, "\(error)")
    #expect(error.message.contains("Namespace prefix t5 on n is not defined"))
    #expect(error.file?.hasSuffix("undeclared-prefix.tmx") == true)
  }

  @Test("OmegaT: up to 8 variants per unit, two with the same language")
  func omegatMultipleVariants() throws {
    let document = try TMXReader.read(path: TMXFixtures.omegaT)
    #expect(document.header.creationTool == "OmegaT")
    #expect(document.units.map(\.variants.count) == [8, 3, 3])
    #expect(document.units[0].variants.filter { $0.language == "FR-CA" }.count == 2)
    #expect(document.text(unit: 0, language: "ES") == "¡Hola Mundo!")
    #expect(document.text(unit: 2, language: "ES") == "Es una oración en inglés.")
  }

  @Test("the checklist names why another tool's file breaks it: the source variant is not first")
  func checklistOnForeignFile() throws {
    let problems = TMXChecklist.problems(in: try read("inline-codes.tmx"))
    #expect(problems.contains { $0.unitIndex == 2 && $0.message.contains("is not first (first is FR-CA)") })
  }
}

/// `xmllint`, to validate files against the TMX 1.4b DTD of `../shared/tools/tmx-check`.
enum XMLLint {
  static let path = "/usr/bin/xmllint"
  static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// Validates `file` against the DTD without the network; the exit status and xmllint's messages.
  static func validate(_ file: String) throws -> (status: Int32, message: String) {
    let result = try Bounded.run(
      path, ["--noout", "--nonet", "--dtdvalid", Shared.path(Shared.dtd), file], seconds: 60)
    return (result.status, result.error)
  }
}

/// How many inline codes of `kind` the document holds, nested ones included.
func codeCount(_ document: TMXDocument, _ kind: InlineCode.Kind) -> Int {
  func count(_ content: [InlineContent]) -> Int {
    content.reduce(0) { total, item in
      guard case .code(let code) = item else { return total }
      return total + (code.kind == kind ? 1 : 0) + count(code.content)
    }
  }
  return document.units.reduce(0) { total, unit in
    total + unit.variants.reduce(0) { $0 + count($1.segment.content) }
  }
}
