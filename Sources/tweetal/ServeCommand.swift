import ArgumentParser
import Dispatch
import Foundation
import ReviewServer
import TweetalKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Review alignments in a web browser: beads side by side, an alignment map, exports.",
    discussion: """
      Serves the given alignments (TMX files written by `tweetal align`, or every *.tmx of a folder; \
      default: alignments/) and prints the URL to open. The page lists them (pair, sentences, \
      parallelism, share reviewed); each opens as both documents side by side, bead by bead, \
      coloured by confidence, with the alignment map. The keys are the terminal reviewer's \
      (j k n c x m s < > e l u r ?), and every change goes through the same edit engine and undo \
      history as `tweetal edit`, saved atomically at once. The server holds each file's review lock \
      until it stops (Ctrl-C): `tweetal edit` and `tweetal review` are refused meanwhile.

      Security: the server listens on 127.0.0.1 unless --host says otherwise; any other host needs \
      a token (--token, or a random one printed in the URL), and every request without it gets 401. \
      Only the files given are served, by an id, never by a path.
      """)

  @Argument(help: "Alignments (TMX) or one folder of them. Default: alignments/.")
  var files: [String] = []

  @Option(help: "Port to listen on (0: any free port).")
  var port = 8080

  @Option(help: "Address to listen on. Anything but 127.0.0.1/localhost requires a token.")
  var host = "127.0.0.1"

  @Option(help: "Token every request must carry (generated when --host is not loopback).")
  var token: String?

  @Flag(help: "Open the URL in the desktop's browser (xdg-open).")
  var open = false

  @Option(help: "Who the edits are recorded as (TMX changeid). Default: the login name.")
  var user: String?

  @Option(help: "Confidence below which an unconfirmed bead is suspicious.")
  var minConfidence = 0.5

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
    guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be in 0...1") }
    if let token, token.isEmpty || token.contains(where: { !$0.isASCII || $0.isWhitespace || $0 == ";" }) {
      throw ValidationError("--token must be non-empty printable ASCII without spaces or ';'")
    }
  }

  func run() throws {
    let paths = try alignmentPaths()
    var settings = ServerSettings(
      host: host, port: port, token: token, user: user ?? TerminalSupport.userName(),
      minConfidence: minConfidence, toolVersion: Tweetal.configuration.version)
    if settings.token == nil && !settings.isLoopback {
      settings.token = Self.randomToken()
    }
    let shouldOpen = open
    let fixed = settings
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        try await ServerRunner.run(paths: paths, settings: fixed) { port in
          let url = fixed.url(port: port)
          TerminalSupport.write(
            "tweetal serve: \(paths.count) alignment(s) at \(url)\n", to: STDERR_FILENO)
          TerminalSupport.write(url + "\n")
          if shouldOpen { Self.openBrowser(url) }
        }
      } catch {
        outcome.error = error
      }
      done.signal()
    }
    done.wait()
    if let error = outcome.error {
      if "\(error)".contains("Address already in use") {
        throw CommandFailure.exit(
          file: "\(host):\(port)",
          Failure("the port is in use by another program; give another with --port (0 takes any free one)"))
      }
      throw CommandFailure.exit(file: files.first ?? "alignments", error)
    }
  }

  /// The files to serve: the arguments, or every `*.tmx` of a folder (sorted by name).
  private func alignmentPaths() throws -> [String] {
    let given = files.isEmpty ? ["alignments"] : files
    var paths: [String] = []
    for item in given {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: item, isDirectory: &isFolder) else {
        throw CommandFailure.exit(
          file: item,
          Failure("no such file or folder; give TMX files written by `tweetal align` or their folder"))
      }
      if isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
        let found = names.filter { $0.hasSuffix(".tmx") }.sorted().map {
          (item as NSString).appendingPathComponent($0)
        }
        if found.isEmpty {
          throw CommandFailure.exit(
            file: item, Failure("no *.tmx files in this folder; run `tweetal align` first"))
        }
        paths += found
      } else {
        paths.append(item)
      }
    }
    return paths
  }

  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(16) }.joined()
  }

  static func openBrowser(_ url: String) {
    var pid: pid_t = 0
    let arguments = ["xdg-open", url]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    if posix_spawnp(&pid, "xdg-open", nil, nil, &argv, environ) != 0 {
      TerminalSupport.write("note: could not run xdg-open; open the URL above by hand\n", to: STDERR_FILENO)
    }
  }

  /// Carries the server's failure out of its task.
  private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
