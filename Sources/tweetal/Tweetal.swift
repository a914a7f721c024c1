import ArgumentParser

@main
struct Tweetal: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tweetal",
    abstract: "Align Dutch and English documents into sentence-aligned translation memories (TMX).",
    version: "0.1.0",
    subcommands: [ShowCommand.self, EditCommand.self, ReviewCommand.self, RealignCommand.self, ExportCommand.self]
  )
}
