import Foundation
import Testing

/// The repository the tests run in, found from this file's path (`<root>/Tests/TestSupport/`), so
/// that the tests work in any clone, wherever it is.
public enum Repository {
  /// The repository root.
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// `relative` inside the repository.
  public static func path(_ relative: String) -> String { root + "/" + relative }

  /// The `tweetal` executable that `swift test` built beside the test bundle (or, failing that,
  /// `.build/debug/tweetal` of this repository); nil when neither exists.
  public static let binary: String? = {
    var candidates: [String] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().path + "/tweetal")
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().path + "/tweetal")
    candidates.append(Bundle.main.bundleURL.path + "/tweetal")
    candidates.append(root + "/.build/debug/tweetal")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()
}

/// The read-only test data beside the repository in `../shared` (other tools' TMX samples, the
/// TMX checker and its DTD, benchmark sets). A clone on its own has no such folder: tests that need
/// it are enabled with `.enabled(if: Shared.has(…), Shared.reason(…))` and are skipped, with the
/// reason in the output, when it is missing.
///
/// `TWEETAL_REQUIRE_SHARED=1` (CI's in-place run) turns every such skip into a run: a missing file
/// then fails its tests instead of hiding them, and `SharedDataTests` names what is missing.
public enum Shared {
  /// `TWEETAL_SHARED` when set, otherwise `shared` beside the repository.
  public static let root: String = {
    if let folder = ProcessInfo.processInfo.environment["TWEETAL_SHARED"], !folder.isEmpty { return folder }
    return URL(fileURLWithPath: Repository.root).deletingLastPathComponent().path + "/shared"
  }()

  /// True when `TWEETAL_REQUIRE_SHARED=1`: shared data must be present and no test may skip for it.
  public static let isRequired = ProcessInfo.processInfo.environment["TWEETAL_REQUIRE_SHARED"] == "1"

  /// The TMX samples of other tools.
  public static let tmxSamples = "tmx-samples"
  /// The Text+Berg development set (German–French).
  public static let textBerg = "bench/textberg-dev"
  /// The TMX checker script.
  public static let checker = "tools/tmx-check/check_tmx.sh"
  /// The TMX 1.4b DTD shipped with the checker.
  public static let dtd = "tools/tmx-check/tmx14.dtd"

  /// `relative` inside the shared folder.
  public static func path(_ relative: String) -> String { root + "/" + relative }

  /// True when `relative` exists in the shared folder.
  public static func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: path(relative))
  }

  /// Whether tests that need `relative` run: when it exists, or when shared data is required (so that
  /// its absence fails them).
  public static func has(_ relative: String) -> Bool { exists(relative) || isRequired }

  /// The skip reason for tests that need `relative`.
  public static func reason(_ relative: String) -> Comment {
    Comment(rawValue: "needs ../shared/\(relative) beside the repository (absent in this checkout)")
  }
}
