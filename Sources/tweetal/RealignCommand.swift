import ArgumentParser
import Foundation
import TweetalKit

struct RealignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "realign",
    abstract: "Re-align the stretches between confirmed or edited beads, leaving those untouched.",
    discussion: """
      Works from the TMX alone: the stored sentences are aligned again with the aligner, stretch by \
      stretch, where a stretch is a run of `auto` beads between beads a person confirmed or edited. \
      Confirmed and edited beads are written back byte-identical. The result is saved atomically \
      and can be taken back with `tweetal edit FILE undo`. As `align` did, it uses the installed \
      FreeDict dictionary for the language pair, unless the alignment was made without a lexicon or \
      you say otherwise.
      """)

  @Argument(help: "The alignment (a TMX written by `tweetal align`).")
  var file: String

  @OptionGroup var lexiconOptions: LexiconOptions

  func run() throws {
    do {
      let lock = try ReviewLock(file: file)
      defer { lock.release() }
      var review = try ReviewFile(path: file)
      let metadata = review.document.metadata
      // The alignment's header says whether `align` used a lexicon (`lexicon=…`).
      let alignedWithout = metadata.options["lexicon"] == nil && lexiconOptions.lexicon == nil
      let chosen = try LexiconChoice.resolve(
        path: lexiconOptions.lexicon, disabled: lexiconOptions.noLexicon || alignedWithout,
        sourceLanguage: metadata.sourceLanguage, targetLanguage: metadata.targetLanguage,
        console: Console.shared)
      let outcome = Realigner.realign(review.document, lexicon: chosen.lexicon)
      try review.replace(with: outcome.document, summary: "realign")
      TerminalSupport.write(
        "\(file): re-aligned \(outcome.stretches) stretch(es) around \(outcome.keptBeads) confirmed or edited "
          + "bead(s); \(outcome.newBeads) bead(s) new or changed, \(outcome.document.beads.count) beads in all\n"
      )
    } catch {
      throw CommandFailure.exit(file: file, error)
    }
  }
}
