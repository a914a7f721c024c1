import ArgumentParser
import TweetalKit

@main
struct Tweetal: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tweetal",
    abstract: "Align Dutch and English documents into sentence-aligned translation memories (TMX).",
    discussion: """
      Tweetal reads a Dutch document and its English counterpart, splits both into clean sentences, \
      links the sentences that translate each other (Gale & Church's length model with anchors) and \
      writes a TMX 1.4b translation memory that review tools and CAT tools can read.

      Start with `tweetal align` in the repository root: it aligns every pair of corpus/pairs.tsv into \
      alignments/. Then `tweetal stats alignments/*.tmx` shows what came out.

      Exit status: 0 on success, 64 for bad arguments, 1 when a file cannot be read, aligned or written.
      Colour is used only on a terminal, and never when NO_COLOR is set or TERM=dumb.
      """,
    version: TweetalVersion.current,
    subcommands: [
      AlignCommand.self, ShowCommand.self, ReviewCommand.self, EditCommand.self, RealignCommand.self,
      ExportCommand.self, ServeCommand.self, ReportCommand.self, StatsCommand.self, SegmentCommand.self,
      EvaluateCommand.self, CorpusCommand.self, PairCommand.self,
    ]
  )
}
