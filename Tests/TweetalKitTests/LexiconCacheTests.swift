import Foundation
import Testing
import TweetalKit

private let installedDutchEnglish = FileManager.default.fileExists(
  atPath: "/usr/share/dictd/freedict-nld-eng.index")

/// A fresh temporary folder for cache files.
private func temporaryCache() throws -> (LexiconCache, URL) {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "tweetal-cache-\(UUID().uuidString)")
  return (LexiconCache(directory: folder.path + "/tweetal"), folder)
}

private func cacheFiles(_ cache: LexiconCache) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? []).filter {
    $0.hasSuffix(".lexicon")
  }
}

@Suite("Lexicon cache")
struct LexiconCacheTests {
  @Test(
    "The cached installed nl–en lexicon answers every lookup exactly like a fresh load",
    .enabled(if: installedDutchEnglish, "dict-freedict-nld-eng is not installed in /usr/share/dictd"))
  func installedCacheMatchesFreshLoad() throws {
    let (cache, folder) = try temporaryCache()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fresh = try #require(try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en"))
    let building = try #require(
      try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en", cache: cache))
    #expect(!building.loadedFromCache)
    #expect(cacheFiles(cache).count == 1)
    let cached = try #require(
      try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en", cache: cache))
    #expect(cached.loadedFromCache)
    #expect(cached.sources == fresh.sources)
    #expect(cached.headwordCount == fresh.headwordCount)
    let headwords = fresh.headwords
    #expect(headwords.count > 15_000)
    #expect(cached.headwords == headwords)
    var differences: [String] = []
    // Every headword, plus inflected forms and compounds that go through the fallbacks.
    let extra = [
      "migranten", "staten", "doelstellingen", "lidstaten", "arbeidsmigratie", "terugkeerbeleid",
      "regeringen", "xyzzyq", "Regering", "ÉÉN",
    ]
    for word in headwords + extra
    where cached.concepts(forSourceWord: word) != fresh.concepts(forSourceWord: word) {
      differences.append(word)
    }
    #expect(differences.isEmpty, "lookups differ for \(differences.prefix(10))")
    #expect(cached.concepts(forSourceWord: "lidstaten").contains("member"))
  }

  @Test("A changed dictionary rebuilds the cache; a touched but unchanged one keeps it")
  func changedDictionaryRebuilds() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    let (cache, folder) = try temporaryCache()
    defer { try? FileManager.default.removeItem(at: folder) }
    let index = try fixture.write("freedict-nld-eng", [("huis", "huis\nhouse\n"), ("boom", "boom\ntree\n")])
    func load() throws -> FreeDictLexicon {
      try FreeDictLexicon(path: index, sourceLanguage: "nl", targetLanguage: "en", cache: cache)
    }
    let first = try load()
    #expect(!first.loadedFromCache)
    #expect(first.concepts(forSourceWord: "huis") == ["house"])
    let second = try load()
    #expect(second.loadedFromCache)
    #expect(second.concepts(forSourceWord: "huizen") == ["house"])

    // Same size, other content, other time: rebuilt.
    try fixture.write("freedict-nld-eng", [("huis", "huis\nhomes\n"), ("boom", "boom\ntree\n")])
    let data = fixture.directory.appendingPathComponent("freedict-nld-eng.dict").path
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: data)
    let changed = try load()
    #expect(!changed.loadedFromCache)
    #expect(changed.concepts(forSourceWord: "huis") == ["homes"])
    #expect(try load().concepts(forSourceWord: "huis") == ["homes"])

    // An entry added (sizes change): rebuilt, the new word known.
    try fixture.write(
      "freedict-nld-eng", [("huis", "huis\nhomes\n"), ("boom", "boom\ntree\n"), ("vis", "vis\nfish\n")])
    let grown = try load()
    #expect(!grown.loadedFromCache)
    #expect(grown.concepts(forSourceWord: "vis") == ["fish"])

    // Touched only: the checksums match, the cache is kept (and its times updated).
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 2_000_000)], ofItemAtPath: data)
    let touched = try load()
    #expect(touched.loadedFromCache)
    #expect(touched.concepts(forSourceWord: "vis") == ["fish"])
    #expect(cacheFiles(cache).count == 1, "one cache file per dictionary set, replaced in place")
  }

  @Test("An unwritable cache folder or a damaged cache file falls back to parsing, silently")
  func unusableCache() throws {
    let fixture = try LexiconFixture()
    defer { fixture.remove() }
    let index = try fixture.write("freedict-nld-eng", [("huis", "huis\nhouse\n")])
    // A regular file where the folder should be: nothing can be created below it, even as root.
    let blocker = fixture.directory.appendingPathComponent("not-a-folder")
    try Data("x".utf8).write(to: blocker)
    let unwritable = LexiconCache(directory: blocker.path + "/tweetal")
    for _ in 0..<2 {
      let lexicon = try FreeDictLexicon(
        path: index, sourceLanguage: "nl", targetLanguage: "en", cache: unwritable)
      #expect(!lexicon.loadedFromCache)
      #expect(lexicon.concepts(forSourceWord: "huis") == ["house"])
    }

    let (cache, folder) = try temporaryCache()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try FreeDictLexicon(path: index, sourceLanguage: "nl", targetLanguage: "en", cache: cache)
    let file = cache.directory + "/" + (try #require(cacheFiles(cache).first))
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: file))
    let repaired = try FreeDictLexicon(path: index, sourceLanguage: "nl", targetLanguage: "en", cache: cache)
    #expect(!repaired.loadedFromCache)
    #expect(repaired.concepts(forSourceWord: "huis") == ["house"])
    #expect(
      try FreeDictLexicon(path: index, sourceLanguage: "nl", targetLanguage: "en", cache: cache)
        .loadedFromCache)
  }

  @Test("The standard cache folder follows XDG_CACHE_HOME, then HOME")
  func standardFolder() {
    #expect(
      LexiconCache.standard(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"])?.directory
        == "/x/cache/tweetal")
    #expect(LexiconCache.standard(environment: ["HOME": "/h"])?.directory == "/h/.cache/tweetal")
    #expect(
      LexiconCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.directory
        == "/h/.cache/tweetal")
    #expect(LexiconCache.standard(environment: [:]) == nil)
  }
}
