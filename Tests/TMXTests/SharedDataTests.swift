import Foundation
import TestSupport
import Testing

/// CI's in-place run sets `TWEETAL_REQUIRE_SHARED=1`: there, every shared file a test needs must be
/// present, so that no test is skipped for want of it.
@Suite("Shared test data")
struct SharedDataTests {
  @Test(
    "with TWEETAL_REQUIRE_SHARED=1 every ../shared file the tests use is there",
    .enabled(if: Shared.isRequired, "TWEETAL_REQUIRE_SHARED is not 1: shared tests may skip"))
  func requiredSharedDataIsPresent() {
    for relative in [
      Shared.tmxSamples + "/MANIFEST.tsv", Shared.textBerg + "/dev.defr", Shared.checker, Shared.dtd,
    ] {
      #expect(Shared.exists(relative), "TWEETAL_REQUIRE_SHARED=1 but \(Shared.path(relative)) is missing")
    }
    #expect(TMXCheck.isAvailable)
    for tool in ["/usr/bin/xmllint", "/usr/bin/omegat"] {
      #expect(
        FileManager.default.isExecutableFile(atPath: tool), "TWEETAL_REQUIRE_SHARED=1 but \(tool) is missing")
    }
  }
}
