import Aligner
import ArgumentParser
import Foundation
import TweetalKit

/// `--lexicon PATH` and `--no-lexicon`, shared by the commands that align.
struct LexiconOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A FreeDict dictionary (its .index, its .dict.dz, or their folder) to use as bilingual lexicon; by "
        + "default the installed one for the language pair (/usr/share/dictd), named on stderr.",
      valueName: "path"))
  var lexicon: String?

  @Flag(help: "Use no bilingual lexicon, not even an installed FreeDict dictionary.")
  var noLexicon = false

  func validate() throws {
    if lexicon != nil, noLexicon {
      throw ValidationError("'--lexicon' and '--no-lexicon' exclude each other.")
    }
  }
}

/// Which bilingual lexicon `align` uses: `--no-lexicon`, `--lexicon PATH`, or the installed FreeDict
/// dictionaries for the language pair (named on stderr), or none when there are none.
enum LexiconChoice {
  static func resolve(
    path: String?, disabled: Bool, sourceLanguage: String, targetLanguage: String, console: Console
  ) throws(Failure) -> (lexicon: (any Lexicon)?, name: String?) {
    if disabled { return (nil, nil) }
    let lexicon: FreeDictLexicon?
    // A compact copy under $XDG_CACHE_HOME/tweetal makes the lexicon ready in milliseconds.
    let cache = LexiconCache.standard(environment: ProcessInfo.processInfo.environment)
    if let path {
      do {
        lexicon = try FreeDictLexicon(
          path: path, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, cache: cache)
      } catch {
        throw Failure(error.description)
      }
    } else {
      do {
        lexicon = try FreeDictLexicon.installed(
          sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, cache: cache)
      } catch .unknownLanguage {
        return (nil, nil)
      } catch {
        console.warn("\(error.description); aligning without a lexicon (--no-lexicon silences this)")
        return (nil, nil)
      }
    }
    guard let lexicon else { return (nil, nil) }
    let names = lexicon.sources.map { source in
      String(source.split(separator: "/").last ?? Substring(source))
    }
    let name = names.joined(separator: ", ")
    console.note("lexicon: \(lexicon.sources.joined(separator: ", ")) (\(lexicon.headwordCount) headwords)")
    return (lexicon, name)
  }
}
