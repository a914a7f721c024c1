import Aligner
import Testing
import TweetalKit
import Foundation

@Test func lexScratch() throws {
  let start = Date()
  let lex = try #require(try FreeDictLexicon.installed(sourceLanguage: "nl", targetLanguage: "en"))
  print("load", Date().timeIntervalSince(start), lex.headwordCount, lex.sources)
  for w in ["migratie", "migranten", "samenwerking", "migratiesamenwerking", "arbeidsmigratie", "regering", "Nederland", "staten", "lidstaten", "internationale", "brieven", "kabinet", "terugkeer", "mensenhandel", "bescherming", "vergadering", "gewerkt", "doelstellingen"] {
    print(w, lex.concepts(forSourceWord: w))
  }
}
