import Foundation
import ReviewUI
import TestSupport
import Testing
import TweetalKit

@Suite("tweetal show, edit, realign, export, run as a user types them")
struct ReviewEditCLITests {
  /// The scripted session: each step picks a valid edit from the alignment as it stands.
  let steps: [(AlignedDocument) -> [String]] = [
    { _ in ["confirm", "1-3"] },
    { _ in ["merge", "4"] },
    { _ in ["unlink", "4"] },
    { document in
      let bead = document.beads.indices.dropFirst(8).first {
        document.beads[$0].source.count + document.beads[$0].target.count >= 2
          && !document.beads[$0].source.isEmpty
      }
      // A pair the aligner finds no parallel text in has only 1-0 and 0-1 beads: nothing to
      // split, so merge two of them instead (the later steps then have a 2-sentence bead).
      guard let bead else { return ["merge", "9"] }
      return ["split", String(bead + 1), "--source", "1", "--target", "0"]
    },
    { document in
      let bead = document.beads.indices.dropFirst(10).first { document.beads[$0].target.count == 1 }
      return ["text", String((bead ?? 10) + 1), "--target", "A corrected sentence."]
    },
    { document in
      let bead = document.beads.indices.dropFirst(5).first { !document.beads[$0].source.isEmpty }
      return ["shift", String((bead ?? 5) + 1), "source", "up"]
    },
    { _ in ["undo"] }, { _ in ["undo"] }, { _ in ["redo"] }, { _ in ["unconfirm", "2"] },
    { document in
      // Link a sentence left unlinked on one side with its unlinked neighbour on the other.
      let beads = document.beads
      let first = beads.indices.dropFirst(5).dropLast().first { index in
        let (a, b) = (beads[index], beads[index + 1])
        return (a.target.isEmpty && b.source.isEmpty) || (a.source.isEmpty && b.target.isEmpty)
      }
      return ["link", String((first ?? 6) + 1), String((first ?? 6) + 2)]
    },
  ]

  /// Aligns every corpus pair and runs the scripted session on each, checking after every step that
  /// every sentence is there once, in order, with only the edited texts changed; returns the paths.
  func scriptedOnCorpus(into folder: String) throws -> [String] {
    var paths: [String] = []
    for index in 0..<(try ReviewCLI.corpusPairs().count) {
      let path = try ReviewCLI.align(pair: index, into: folder)
      let original = try AlignmentStore.load(path: path)
      var edited: [String] = []
      for step in steps {
        let edit = step(try AlignmentStore.load(path: path))
        let result = try ReviewCLI.run(["edit", path] + edit)
        #expect(result.status == 0, "edit \(edit.joined(separator: " ")): \(result.error)")
        #expect(result.output.hasPrefix(path + ": "))
        let now = try AlignmentStore.load(path: path)
        try now.validate()
        #expect(now.source.count == original.source.count && now.target.count == original.target.count)
        #expect(now.source.map(\.text) == original.source.map(\.text))
        if edit[0] == "text" { edited.append(edit[3]) }
        let changed = zip(now.target, original.target).filter { $0.text != $1.text }.map(\.0.text)
        #expect(Set(changed).isSubset(of: Set(edited)))
      }
      let final = try AlignmentStore.load(path: path)
      #expect(final.beads.prefix(3).map(\.status) == [.confirmed, .auto, .confirmed])
      #expect(final.beads[0].changeUser == "reviewer" && final.beads[0].changeDate != nil)
      paths.append(path)
    }
    return paths
  }

  @Test("scripted edits and undos on each corpus alignment keep every sentence once, in order")
  func scriptedEdits() throws {
    let paths = try scriptedOnCorpus(into: try ReviewCLI.temporaryFolder())
    #expect(paths.count == (try ReviewCLI.corpusPairs().count) && paths.count >= 3)
  }

  @Test(
    "after scripted edits and undos each corpus alignment passes check_tmx.sh, OmegaT on every probe",
    .enabled(if: TMXCheck.isAvailable, TMXCheck.reason))
  func scriptedEditsPassChecker() throws {
    for path in try scriptedOnCorpus(into: try ReviewCLI.temporaryFolder()) {
      // xmllint against the DTD, translate-toolkit, the lint and OmegaT, which must pre-translate
      // every probe: edits leave copies of repeated Dutch lines ("Directoraat-Generaal Migratie")
      // in 1-0 beads, which must not reach OmegaT as an empty translation of every copy.
      let (status, summary) = try TMXCheck.run(path, omegat: true, every: true)
      #expect(status == 0 && summary.hasPrefix("check_tmx: PASS"), "\(path): \(summary)")
    }
  }

  @Test("an invalid request exits 64, says why, and leaves the file byte for byte as it was")
  func invalidRequest() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let before = try ReviewCLI.bytes(path)
    for request in [
      ["merge", "99999"], ["split", "1", "--source", "0", "--target", "0"], ["frobnicate"], ["undo"],
    ] {
      let result = try ReviewCLI.run(["edit", path] + request)
      #expect(result.status == 64, "\(request)")
      #expect(result.error.hasPrefix("Error: \(path): "))
    }
    #expect(try ReviewCLI.bytes(path) == before)
  }

  @Test("a file being reviewed is refused to a second editor")
  func locked() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let lock = try ReviewLock(file: path)
    defer { lock.release() }
    let result = try ReviewCLI.run(["edit", path, "confirm", "1"])
    #expect(result.status == 1)
    #expect(result.error.contains("being edited by another tweetal process (pid \(getpid()))"))
  }

  @Test("show fits the width, numbers beads from 1, and honours --from/--to and --suspicious")
  func show() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    let document = try AlignmentStore.load(path: path)
    let all = try ReviewCLI.run(["show", path, "--width", "60"])
    #expect(all.status == 0)
    let lines = all.output.split(separator: "\n")
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 } && !all.output.contains("\u{1B}"))
    let headers = lines.filter { $0.wholeMatch(of: #/\s+\d+ \d+-\d+  \d\.\d\d  \w+(  !)?/#) != nil }
    #expect(headers.count == document.beads.count)
    let some = try ReviewCLI.run(["show", path, "--from", "2", "--to", "3"])
    let numbers = some.output.split(separator: "\n").compactMap {
      $0.firstMatch(of: #/^\s+(\d+) \d+-\d+ /#)?.output.1
    }
    #expect(numbers == ["2", "3"])
    let suspicious = try ReviewCLI.run(["show", path, "--suspicious"])
    let count = document.beads.indices.filter { document.isSuspicious($0) }.count
    #expect(suspicious.error.contains("\(count) suspicious bead(s)"))
    // Past the last bead: said, not an empty page with exit 0.
    let past = try ReviewCLI.run(["show", path, "--from", "\(document.beads.count + 1)"])
    #expect(past.status == 64)
    #expect(
      past.error.contains("is past the last bead: \(path) has \(document.beads.count) bead(s)"),
      "\(past.error)")
    let last = try ReviewCLI.run(["show", path, "--from", "\(document.beads.count)"])
    #expect(last.status == 0 && !last.output.isEmpty)
  }

  @Test("realign leaves confirmed and edited beads byte-identical in the TMX")
  func realign() throws {
    let path = try ReviewCLI.align(pair: 0, into: try ReviewCLI.temporaryFolder())
    for edit in [
      ["confirm", "2-4"], ["merge", "8"], ["split", "8", "--source", "1", "--target", "0"],
      ["confirm", "15"],
    ] {
      #expect(try ReviewCLI.run(["edit", path] + edit).status == 0)
    }
    // Disturb an auto stretch so that realign has work to do.
    #expect(try ReviewCLI.run(["edit", path, "link", "11", "13"]).status == 0)
    #expect(try ReviewCLI.run(["edit", path, "unconfirm", "11"]).status == 0)
    let document = try AlignmentStore.load(path: path)
    let decided = document.beads.filter { $0.status != .auto }.map { String($0.id) }
    let before = try ReviewCLI.units(path)
    let result = try ReviewCLI.run(["realign", path])
    #expect(result.status == 0, "\(result.error)")
    let after = try ReviewCLI.units(path)
    #expect(decided.count >= 5)
    for id in decided { #expect(after[id] != nil && after[id] == before[id], "bead tuid \(id)") }
    try AlignmentStore.load(path: path).validate()
    #expect(try ReviewCLI.run(["edit", path, "undo"]).output.contains("undid realign"))
  }

  @Test(
    "export: a TMX without private props that passes check_tmx.sh (OmegaT too)",
    .enabled(if: TMXCheck.isAvailable, TMXCheck.reason))
  func exportPassesChecker() throws {
    let folder = try ReviewCLI.temporaryFolder()
    let first = try ReviewCLI.align(pair: 0, into: folder)
    let second = try ReviewCLI.align(pair: 1, into: folder)
    let tmx = folder + "/out.tmx"
    let result = try ReviewCLI.run(["export", first, second, first, "-o", tmx, "--format", "tmx"])
    #expect(result.status == 0, "\(result.error)")
    let text = try #require(String(validating: try ReviewCLI.bytes(tmx), as: UTF8.self))
    #expect(!text.contains("<prop") && text.contains("srclang=\"nl-NL\""))
    let (status, summary) = try TMXCheck.run(tmx, ["nl-NL", "en-GB"])
    #expect(status == 0 && summary.hasPrefix("check_tmx: PASS"), "\(summary)")
  }

  @Test("export: a TMX without private props, equal text line counts, --dedup writes repeated inputs once")
  func export() throws {
    let folder = try ReviewCLI.temporaryFolder()
    let first = try ReviewCLI.align(pair: 0, into: folder)
    let second = try ReviewCLI.align(pair: 1, into: folder)
    let tmx = folder + "/out.tmx"
    let result = try ReviewCLI.run(["export", first, second, first, "-o", tmx, "--format", "tmx"])
    #expect(result.status == 0, "\(result.error)")
    let text = try #require(String(validating: try ReviewCLI.bytes(tmx), as: UTF8.self))
    #expect(!text.contains("<prop") && text.contains("srclang=\"nl-NL\""))
    let lines = try ReviewCLI.run(["export", first, second, "-o", folder + "/lines", "--format", "text"])
    #expect(lines.status == 0)
    let exported = lines.error.firstMatch(of: #/exported (\d+) pair/#).flatMap { Int($0.output.1) }
    let nl = try String(contentsOfFile: folder + "/lines.nl", encoding: .utf8).split(separator: "\n")
    let en = try String(contentsOfFile: folder + "/lines.en", encoding: .utf8).split(separator: "\n")
    #expect(nl.count == en.count && nl.count == exported && nl.count > 0, "\(lines.error)")
    let once = try ReviewCLI.run(["export", first, "-o", "-", "--format", "tsv"]).output
    let twice = try ReviewCLI.run(["export", first, first, "-o", "-", "--format", "tsv", "--dedup"]).output
    #expect(once == twice && !once.isEmpty)
    let doubled = try ReviewCLI.run(["export", first, first, "-o", "-", "--format", "tsv"]).output
    #expect(doubled == once + once, "without --dedup every input's pairs are written")
    #expect(try ReviewCLI.run(["export", first, "-o", "-", "--format", "tsv", "--keep-props"]).status == 64)
  }
}
