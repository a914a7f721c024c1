import Foundation
import TestSupport
import Testing
import TweetalKit

/// A temporary corpus: the repository's documents paired every way (6 pairs), with its manifest.
private func makeCorpus(_ folder: String, extraLines: [String] = []) throws -> String {
  let manager = FileManager.default
  var lines: [String] = []
  let dutch = try manager.contentsOfDirectory(atPath: CLI.root + "/corpus/nl").filter { $0.hasSuffix(".txt") }
    .sorted()
  let english = try manager.contentsOfDirectory(atPath: CLI.root + "/corpus/en").filter {
    $0.hasSuffix(".txt")
  }
  .sorted()
  for side in ["nl", "en"] {
    try manager.createDirectory(atPath: folder + "/corpus/" + side, withIntermediateDirectories: true)
  }
  for name in dutch {
    try manager.copyItem(atPath: CLI.root + "/corpus/nl/" + name, toPath: folder + "/corpus/nl/" + name)
  }
  for name in english {
    try manager.copyItem(atPath: CLI.root + "/corpus/en/" + name, toPath: folder + "/corpus/en/" + name)
  }
  for (i, nl) in dutch.enumerated() {
    for (j, en) in english.enumerated() { lines.append("corpus/nl/\(nl)\tcorpus/en/\(en)\tpair-\(i)-\(j)") }
  }
  let manifest = folder + "/corpus/pairs.tsv"
  try Data((lines + extraLines).map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: manifest))
  return manifest
}

/// Every file in `folder`, hidden ones too (the shard reports' folder left out), with its bytes.
func files(in folder: String) throws -> [String: Data] {
  var result: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != ".tweetal" {
    result[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
  }
  return result
}

@Suite("Corpus runs from the command line")
struct CorpusCLITests {
  static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]

  @Test("kill -9 during a corpus run, then a rerun, gives exactly the files of an uninterrupted run")
  func killAndResume() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(folder.path)
    let whole = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/whole", "--no-lexicon"],
      environment: Self.epoch)
    #expect(whole.status == 0, "\(whole.stderr)")
    let expected = try files(in: folder.path + "/whole")
    #expect(expected.count == 6)

    let binary = try #require(Repository.binary)
    let out = folder.path + "/killed"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["align", "--corpus", manifest, "--output-dir", out, "--no-lexicon"]
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = Self.epoch["SOURCE_DATE_EPOCH"]
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Kill it once the first output is there and before the last one is.
    let deadline = Date().addingTimeInterval(300)
    while Date() < deadline, process.isRunning,
      ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter({ $0.hasSuffix(".tmx") })
        .isEmpty
    {
      usleep(2_000)
    }
    let interrupted = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(interrupted, "the run ended before it could be killed")
    let partial = try files(in: out)
    #expect(partial.keys.filter { $0.hasSuffix(".tmx") }.count < 6)
    for (name, bytes) in partial where !name.hasPrefix(".") {
      #expect(bytes == expected[name], "\(name): a file the killed run left is complete")
    }

    let rerun = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", out, "--no-lexicon"], environment: Self.epoch)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let skipped = partial.keys.filter { !$0.hasPrefix(".") }.count
    #expect(rerun.output.components(separatedBy: "current (not aligned again").count - 1 == skipped)
    #expect(
      try files(in: out) == expected, "the rerun finishes exactly what was missing, no temporary files left")
  }

  @Test(
    "shards 1/3, 2/3, 3/3 write one run's files; corpus report merges them; the export matches its counts")
  func shardsAndReport() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(folder.path)
    let single = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/one", "--no-lexicon"],
      environment: Self.epoch)
    #expect(single.status == 0, "\(single.stderr)")
    let sharded = folder.path + "/sharded"
    for index in 1...3 {
      if index == 3 {
        let partial = try CLI.run(["corpus", "report", sharded])
        #expect(
          partial.status == 1 && partial.stderr.contains("shard(s) 3/3 wrote no report"), "\(partial.stderr)")
      }
      let run = try CLI.run(
        ["align", "--corpus", manifest, "--output-dir", sharded, "--no-lexicon", "--shard", "\(index)/3"],
        environment: Self.epoch)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(FileManager.default.fileExists(atPath: sharded + "/.tweetal/shard-\(index)-of-3.json"))
    }
    #expect(try files(in: sharded) == files(in: folder.path + "/one"))

    let report = try CLI.run(["corpus", "report", sharded, "--json"])
    #expect(report.status == 0, "\(report.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: report.stdout) as? [String: Any])
    #expect(json["pairs"] as? Int == 6)
    #expect(json["shards"] as? [String] == ["1/3", "2/3", "3/3"])
    var links = 0
    for name in try files(in: sharded).keys {
      let document = try AlignmentStore.load(path: sharded + "/" + name)
      links += document.beads.filter { !$0.source.isEmpty && !$0.target.isEmpty }.count
    }
    #expect(json["links"] as? Int == links)
    let text = try CLI.run(["corpus", "report", sharded])
    #expect(text.output.contains("6 pairs") && text.output.contains("shards: 1/3, 2/3, 3/3"))

    // The corpus export: two line-aligned files holding every link the report counts.
    let exported = try CLI.run(["export", sharded, "--format", "text", "-o", folder.path + "/all"])
    #expect(exported.status == 0, "\(exported.stderr)")
    let nl = try String(contentsOfFile: folder.path + "/all.nl", encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).dropLast()
    let en = try String(contentsOfFile: folder.path + "/all.en", encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).dropLast()
    #expect(nl.count == links && en.count == links, "\(exported.stderr)")
    #expect(exported.stderr.contains("exported \(links) pair(s) from 6 file(s)"), "\(exported.stderr)")
    let filtered = try CLI.run(
      ["export", sharded, "--format", "tsv", "-o", "-", "--min-parallelism", "0.6", "--dedup"])
    #expect(filtered.status == 0)
    let kept = filtered.output.split(separator: "\n").count
    #expect(
      kept < links && filtered.stderr.contains("in documents below --min-parallelism"), "\(filtered.stderr)")
    #expect(filtered.stderr.contains("exported \(kept) pair(s)"))

    let bad = try CLI.run(["align", "--corpus", manifest, "--shard", "4/3"])
    #expect(bad.status == 64 && bad.stderr.contains("K/N"))
  }

  static let devPages = "bench/nlen-manpages-dev/full"

  @Test(
    "the nl-en dev set: one corpus run, its export gives two line-aligned files whose counts match the report",
    .enabled(if: Shared.has(devPages), Shared.reason(devPages)))
  func devSetExportMatchesReport() throws {
    let folder = try TemporaryFolder()
    let pages = Shared.path(Self.devPages)
    let names = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".nl") }
      .sorted()
    #expect(names.count == 25)
    let lines = names.map { name -> String in
      let base = String(name.dropLast(3))
      return "\(pages)/\(base).nl\t\(pages)/\(base).en\t\(base)\n"
    }
    try FileManager.default.createDirectory(
      atPath: folder.path + "/corpus", withIntermediateDirectories: true)
    let manifest = folder.path + "/corpus/pairs.tsv"
    try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: manifest))
    let run = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--shard", "1/1"],
      environment: Self.epoch)
    #expect(run.status == 0, "\(run.stderr)")
    let report = try CLI.run(["corpus", "report", folder.path + "/out", "--json"])
    #expect(report.status == 0, "\(report.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: report.stdout) as? [String: Any])
    let links = try #require(json["links"] as? Int)
    #expect(json["pairs"] as? Int == 25 && links > 1000)
    let exported = try CLI.run([
      "export", folder.path + "/out", "--format", "text", "-o", folder.path + "/dev",
    ])
    #expect(exported.status == 0, "\(exported.stderr)")
    #expect(exported.stderr.contains("exported \(links) pair(s) from 25 file(s)"), "\(exported.stderr)")
    for side in ["nl", "en"] {
      let text = try String(contentsOfFile: folder.path + "/dev." + side, encoding: .utf8)
      #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 == links, "\(side)")
    }
  }

  @Test("a failing pair is reported and skipped, the others are written, exit 1 with the list")
  func failingPair() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(
      folder.path, extraLines: ["corpus/nl/missing.txt\tcorpus/en/also-missing.txt\tbroken"])
    let result = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--no-lexicon"],
      environment: Self.epoch)
    #expect(result.status == 1)
    #expect(result.stderr.contains("corpus/nl/missing.txt: no such file"))
    #expect(result.stderr.contains("1 of 7 pairs failed: broken (line 7)"), "\(result.stderr)")
    #expect(try files(in: folder.path + "/out").count == 6)
  }

  @Test("--corpus - reads the manifest from standard input, paths relative to the current folder")
  func manifestFromStandardInput() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(folder.path)
    let fromFile = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/file", "--no-lexicon"],
      environment: Self.epoch)
    #expect(fromFile.status == 0, "\(fromFile.stderr)")
    // Run in the folder that holds corpus/, as `tweetal pair … -o - | tweetal align --corpus -`.
    let piped = try CLI.run(
      ["align", "--corpus", "-", "--output-dir", "piped", "--no-lexicon"],
      stdin: try Data(contentsOf: URL(fileURLWithPath: manifest)), directory: folder.path,
      environment: Self.epoch)
    #expect(piped.status == 0, "\(piped.stderr)")
    let written = try files(in: folder.path + "/file")
    #expect(written.count == 6)
    #expect(try files(in: folder.path + "/piped") == written, "the same files, byte for byte")
  }

  @Test("a malformed manifest line stops the run before any work, naming the line")
  func malformedManifest() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(folder.path, extraLines: ["corpus/nl/only-one-field.txt"])
    let result = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--no-lexicon"],
      environment: Self.epoch)
    #expect(result.status == 1)
    #expect(result.stderr.contains("pairs.tsv:7:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
  }

  @Test(
    "a manifest path that names a file from the root and another beside the manifest stops the run, naming both"
  )
  func ambiguousManifestPath() throws {
    let folder = try TemporaryFolder()
    let manifest = try makeCorpus(folder.path)
    // `corpus/nl/X` beside the manifest (`corpus/corpus/nl/X`) is another file than the one the
    // root finds (`corpus/nl/X`).
    let written = try #require(
      String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\t").first.map(String.init))
    let beside = folder.path + "/corpus/" + written
    try FileManager.default.createDirectory(
      atPath: (beside as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try "Een ander document.\n".write(toFile: beside, atomically: true, encoding: .utf8)
    let result = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--no-lexicon"],
      environment: Self.epoch)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("the path \(written) names two files") && result.stderr.contains(beside),
      "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    // The same file under both readings (a link) is no ambiguity.
    try FileManager.default.removeItem(atPath: beside)
    try FileManager.default.createSymbolicLink(
      atPath: beside, withDestinationPath: folder.path + "/" + written)
    let linked = try CLI.run(
      ["align", "--corpus", manifest, "--output-dir", folder.path + "/out", "--no-lexicon"],
      environment: Self.epoch)
    #expect(linked.status == 0, "\(linked.stderr)")
  }
}
