import Aligner
import Foundation
import Testing
import TweetalKit

@Suite("FreeDict dictd lexicon")
struct LexiconTests {
  @Test("A plain .dict is parsed into headwords and translations without labels or pronunciation")
  func plainDictionary() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish()
    let dictionary = try DictdDictionary(indexPath: fixture.directory.path + "/freedict-nld-eng.index")
    let entries = Dictionary(uniqueKeysWithValues: dictionary.entries.map { ($0.headword, $0.translations) })
    #expect(entries["land"] == ["country", "land", "soil"])
    #expect(entries["samenwerking"] == ["cooperation", "collaboration"])
    #expect(entries["migratie"] == ["migration"])
    #expect(entries["00-database-info"] == nil, "metadata entries are not words")
    #expect(dictionary.dataPath.hasSuffix(".dict"))
  }

  @Test("A gzip .dict.dz reads exactly like the same plain .dict")
  func gzipDictionary() throws {
    let plain = try LexiconFixture()
    let compressed = try LexiconFixture()
    defer {
      plain.remove()
      compressed.remove()
    }
    try plain.writeDutchEnglish()
    try compressed.writeDutchEnglish(gzip: true)
    let a = try DictdDictionary(indexPath: plain.directory.path + "/freedict-nld-eng.index")
    let b = try DictdDictionary(indexPath: compressed.directory.path + "/freedict-nld-eng.index")
    #expect(b.dataPath.hasSuffix(".dict.dz"))
    #expect(a.entries == b.entries && a.entries.count == 6)
  }

  @Test("The installed pair combines the forward and the reversed dictionary")
  func installedPair() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish(gzip: true)
    let lexicon = try #require(
      try FreeDictLexicon.installed(
        sourceLanguage: "nl", targetLanguage: "en", directory: fixture.directory.path))
    #expect(lexicon.sources.count == 2 && lexicon.sources[1].hasSuffix("freedict-eng-nld.index (reversed)"))
    #expect(lexicon.concepts(forSourceWord: "Terugkeer") == ["return"], "reversed, case folded")
    #expect(lexicon.concepts(forSourceWord: "regering") == ["government", "administration"])
    #expect(
      try FreeDictLexicon.installed(
        sourceLanguage: "de", targetLanguage: "fr",
        directory: fixture.directory.path) == nil)
  }

  @Test("Inflected forms and compounds with linking elements find their parts")
  func wordForms() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish()
    let lexicon = try FreeDictLexicon(
      path: fixture.directory.path + "/freedict-nld-eng", sourceLanguage: "nl", targetLanguage: "en")
    #expect(lexicon.concepts(forSourceWord: "landen").contains("country"))
    #expect(lexicon.concepts(forSourceWord: "staten").contains("state"), "staten → staat")
    let labour = lexicon.concepts(forSourceWord: "arbeidsmigratie")
    #expect(labour.contains("labour") && labour.contains("migration"), "arbeid + s + migratie")
    let compound = lexicon.concepts(forSourceWord: "migratiesamenwerking")
    #expect(compound.contains("migration") && compound.contains("cooperation"))
    #expect(lexicon.concepts(forSourceWord: "xyzzyqwerty").isEmpty)
  }

  @Test("French past participles find their infinitive; the same letters without the accent do not")
  func frenchParticiples() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.write(
      "freedict-fra-eng",
      [
        ("adopter", "adopter\nadopt\n"), ("créer", "créer\ncreate\n"), ("porte", "porte\ndoor\n"),
        ("porter", "porter\ncarry, wear\n"), ("arriver", "arriver\narrive\n"),
      ])
    let lexicon = try FreeDictLexicon(
      path: fixture.directory.path + "/freedict-fra-eng", sourceLanguage: "fr", targetLanguage: "en")
    #expect(lexicon.concepts(forSourceWord: "adoptée") == ["adopt"])
    #expect(lexicon.concepts(forSourceWord: "Adoptées") == ["adopt"], "capitalised, plural")
    #expect(lexicon.concepts(forSourceWord: "créés") == ["create"], "créés → cré + er")
    #expect(lexicon.concepts(forSourceWord: "arrive\u{301}e") == ["arrive"], "a combining accent")
    #expect(lexicon.concepts(forSourceWord: "créé") == ["create"])
    // Without the accent the ending is no participle: `portes` is the plural of `porte`, and a
    // participle looked up first does not decide what the unaccented word means (one cache).
    #expect(lexicon.concepts(forSourceWord: "portes") == ["door"])
    #expect(lexicon.concepts(forSourceWord: "portée") == ["carry", "wear"])
    #expect(lexicon.concepts(forSourceWord: "portee") == ["door"], "portee → porte, as before")
    #expect(lexicon.concepts(forSourceWord: "adoptee").isEmpty)
  }

  @Test("--lexicon accepts the .index, the .dict.dz, the base name or a directory; eng-nld reads reversed")
  func lexiconPaths() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish(gzip: true)
    let base = fixture.directory.path + "/freedict-nld-eng"
    for path in [base, base + ".index", base + ".dict.dz", fixture.directory.path] {
      let lexicon = try FreeDictLexicon(path: path, sourceLanguage: "nl", targetLanguage: "en")
      #expect(lexicon.concepts(forSourceWord: "migratie") == ["migration"], "\(path)")
    }
    let reversed = try FreeDictLexicon(
      path: fixture.directory.path + "/freedict-eng-nld.index", sourceLanguage: "nl", targetLanguage: "en")
    #expect(reversed.concepts(forSourceWord: "lid") == ["member"])
    #expect(throws: LexiconError.self) {
      try FreeDictLexicon(path: base, sourceLanguage: "de", targetLanguage: "fr")
    }
  }

  @Test("Errors name the file and say what to do")
  func errors() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    let missing = fixture.directory.path + "/freedict-nld-eng.index"
    #expect(throws: LexiconError.missingFile(path: missing)) { try DictdDictionary(indexPath: missing) }
    #expect(LexiconError.missingFile(path: missing).description.contains("apt-get install"))
    try Data("good\tA\tB\nbroken line without tabs\n".utf8).write(to: URL(fileURLWithPath: missing))
    try Data("xy".utf8).write(to: URL(fileURLWithPath: fixture.directory.path + "/freedict-nld-eng.dict"))
    #expect(throws: LexiconError.malformedIndex(path: missing, line: 2)) {
      try DictdDictionary(indexPath: missing)
    }
    try Data([0x1F, 0x8B, 8, 0, 1, 2, 3]).write(
      to: URL(fileURLWithPath: fixture.directory.path + "/freedict-nld-eng.dict.dz"))
    #expect(throws: LexiconError.self) { try DictdDictionary(indexPath: missing) }
  }

  @Test("With the lexicon, a Dutch compound and its English words share anchors")
  func anchorsThroughLexicon() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    try fixture.writeDutchEnglish()
    let lexicon = try #require(
      try FreeDictLexicon.installed(
        sourceLanguage: "nl", targetLanguage: "en", directory: fixture.directory.path))
    let source = AnchorExtractor(language: "nl", lexicon: lexicon).anchors(
      for: "Versterken van arbeidsmigratie")
    let target = AnchorExtractor(language: "en", lexicon: lexicon).anchors(for: "More labour migrations")
    #expect(AnchorOverlap.shared(source, target)[.lexicon] == 2)
  }
}
