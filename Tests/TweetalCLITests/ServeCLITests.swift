import Foundation
import TestSupport
import Testing
import TweetalKit

#if canImport(Glibc)
  import Glibc
#endif

/// `tweetal serve` and `tweetal report` as a user runs them.
@Suite("serve and report (CLI)")
struct ServeCLITests {
  /// A copy of the committed IMRF alignment in a fresh folder.
  func copy() throws -> (folder: String, path: String) {
    let folder = try ReviewCLI.temporaryFolder()
    let path = folder + "/imrf.tmx"
    try FileManager.default.copyItem(
      atPath: Repository.path("alignments/2022-imrf-letter_vnr.tmx"), toPath: path)
    return (folder, path)
  }

  /// The first line the server prints on stdout (its URL), waiting at most 60 s.
  func firstLine(_ pipe: Pipe) throws -> String {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(60)
    let handle = pipe.fileHandleForReading
    while !bytes.contains(0x0A) && Date() < deadline {
      let data = handle.availableData
      if data.isEmpty { break }
      bytes += data
    }
    return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
  }

  @Test("report writes one self-contained HTML file with every bead and the map")
  func report() throws {
    let (folder, path) = try copy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let document = try AlignmentStore.load(path: path)
    let output = folder + "/report.html"
    let result = try ReviewCLI.run(["report", path, "-o", output])
    #expect(result.status == 0, "\(result.error)")
    let html = try String(contentsOfFile: output, encoding: .utf8)
    #expect(html.components(separatedBy: "<div class=\"bead ").count - 1 == document.beads.count)
    // The map's marks, one per bead.
    #expect(html.components(separatedBy: "<a href=\"#b").count - 1 == document.beads.count)
    #expect(html.contains("<svg") && html.contains("<style>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url("))
    let stdout = try ReviewCLI.run(["report", path, "-o", "-"])
    #expect(stdout.output == html)
    let missing = try ReviewCLI.run(["report", folder + "/none.tmx", "-o", output])
    #expect(missing.status == 1 && missing.error.hasPrefix("Error: \(folder)/none.tmx: "), "\(missing.error)")
  }

  @Test("serve prints its URL, holds the lock (a terminal edit is refused naming it), and lets go on SIGTERM")
  func serveHoldsTheLock() throws {
    let (folder, path) = try copy()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let server = try ReviewCLI.start(["serve", folder, "--port", "0", "--token", "abc123"])
    defer { if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) } }
    let url = try firstLine(server.output)
    #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/?token=abc123"), "\(url)")
    let refused = try ReviewCLI.run(["edit", path, "confirm", "1"])
    #expect(refused.status == 1)
    let base = String(url.prefix { $0 != "?" })
    #expect(refused.error.contains("tweetal serve at \(base)"), "\(refused.error)")
    // A second server on the same port says so, and leaves no lock behind.
    let port = String(base.dropLast().split(separator: ":").last ?? "")
    let other = try ReviewCLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: other) }
    try FileManager.default.copyItem(atPath: path, toPath: other + "/second.tmx")
    let busy = try ReviewCLI.run(["serve", other, "--port", port], seconds: 60)
    #expect(busy.status == 1 && busy.error.contains("the port is in use"), "\(busy.error)")
    #expect(!FileManager.default.fileExists(atPath: other + "/second.tmx.lock"))
    kill(server.process.processIdentifier, SIGTERM)
    #expect(Bounded.wait(for: server.process, seconds: 30))
    #expect(server.process.terminationStatus == 0)
    let allowed = try ReviewCLI.run(["edit", path, "confirm", "1"])
    #expect(allowed.status == 0, "\(allowed.error)")
  }

  @Test("serve refuses what it cannot serve: a missing file, a folder without TMX, a bad port")
  func serveRefuses() throws {
    let folder = try ReviewCLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let missing = try ReviewCLI.run(["serve", folder + "/none.tmx", "--port", "0"], seconds: 60)
    #expect(missing.status == 1 && missing.error.contains("no such file or folder"), "\(missing.error)")
    let empty = try ReviewCLI.run(["serve", folder, "--port", "0"], seconds: 60)
    #expect(empty.status == 1 && empty.error.contains("no *.tmx files"), "\(empty.error)")
    let port = try ReviewCLI.run(["serve", folder, "--port", "70000"], seconds: 60)
    #expect(port.status == 64, "\(port.error)")
  }
}
