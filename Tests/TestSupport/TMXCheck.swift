import Foundation
import Testing

/// `../shared/tools/tmx-check/check_tmx.sh`, the project's TMX checker (xmllint against the TMX 1.4b
/// DTD, Translate Toolkit, OmegaT), run on a file the way CI runs it.
public enum TMXCheck {
  /// The tools the checker calls.
  static let tools = ["/usr/bin/xmllint", "/usr/bin/omegat"]

  /// The script: `TMX_CHECK` when set, otherwise the one in `../shared`.
  public static let script: String =
    ProcessInfo.processInfo.environment["TMX_CHECK"] ?? Shared.path(Shared.checker)

  /// Whether tests that run the checker run: the script and its tools are there, or shared data is
  /// required (`TWEETAL_REQUIRE_SHARED=1`), so that their absence fails those tests.
  public static let isAvailable: Bool =
    Shared.isRequired
    || (FileManager.default.isReadableFile(atPath: script)
      && tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) })

  /// The skip reason for tests that run the checker.
  public static let reason = Comment(
    rawValue: "needs ../shared/\(Shared.checker) and its tools (xmllint, omegat); absent here")

  /// Runs the checker on `path` (at most 5 minutes); returns its exit status and last line. Without
  /// `omegat` the OmegaT step is skipped; with `every`, OmegaT must pre-translate every probe segment.
  public static func run(
    _ path: String, _ languages: [String] = [], omegat: Bool = true, every: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (status: Int32, summary: String) {
    #expect(
      FileManager.default.isReadableFile(atPath: script), "check_tmx.sh not found at \(script)",
      sourceLocation: sourceLocation)
    var environment = omegat ? [:] : ["CHECK_TMX_SKIP_OMEGAT": "1"]
    if every { environment["CHECK_TMX_OMEGAT_ALL"] = "1" }
    let result = try Bounded.run(
      "/bin/bash", [script, path] + languages, environment: environment, seconds: 300,
      sourceLocation: sourceLocation)
    let text = result.output + result.error
    return (result.status, text.split(separator: "\n").last.map(String.init) ?? "")
  }
}
