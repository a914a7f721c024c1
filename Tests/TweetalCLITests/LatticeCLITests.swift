import Foundation
import TestSupport
import Testing

@Suite("tweetal align: the lattice for mostly parallel pairs, --no-lattice as before")
struct LatticeCLITests {
  static let pages = "bench/nlen-manpages-dev/partial"

  /// The TMX header's parallelism and `x-tweetal-option` props of `tweetal align` on `page` with
  /// `extra` options.
  func header(_ page: String, _ extra: [String]) throws -> (parallelism: Double?, options: [String]) {
    let folder = try TemporaryFolder()
    let pages = Shared.path(Self.pages)
    let output = folder.path + "/out.tmx"
    let result = try CLI.run(["align", "\(pages)/\(page).nl", "\(pages)/\(page).en", "-o", output] + extra)
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    let parallelism = text.firstMatch(of: #/type="x-tweetal-parallelism">([0-9.]+)</#).flatMap {
      Double($0.output.1)
    }
    let options = text.matches(of: #/type="x-tweetal-option">([^<]*)</#).map { String($0.output.1) }
    return (parallelism, options)
  }

  @Test(
    "date.1 with a fifth of its Dutch missing: the lattice's score and header option by default, the final pass's with --no-lattice",
    .enabled(if: Shared.has(pages), Shared.reason(pages)))
  func noLatticeKeepsTheFinalPass() throws {
    let byDefault = try header("date.1", [])
    let before = try header("date.1", ["--no-lattice"])
    let always = try header("date.1", ["--two-state-lattice"])
    #expect(
      byDefault.options.contains("partly-parallel=lattice-below-0.75-partial-pass-where-it-links-nothing"))
    let session16 = try header("date.1", ["--no-lattice-below"])
    #expect(session16.options.contains("partly-parallel=lattice-from-0.5-below-0.75"))
    #expect(session16.parallelism == byDefault.parallelism)
    #expect(!before.options.contains { $0.hasPrefix("partly-parallel=") })
    #expect(always.options.contains("two-state-lattice=true"))
    // Measured 0.85 and 0.65: the final pass's score is in the lattice's band, the lattice's higher.
    let (score, first) = (try #require(byDefault.parallelism), try #require(before.parallelism))
    #expect(first >= 0.5 && first < 0.75 && score > first, "default \(score), --no-lattice \(first)")
    #expect(always.parallelism == byDefault.parallelism)
    // The local lattice is on by default (session 25), its settings in the header;
    // `--no-local-lattice` turns it off and leaves the setting out.
    #expect(byDefault.options.contains("local-lattice=0.7 margin 0"))
    let noLocal = try header("date.1", ["--no-local-lattice"])
    #expect(!noLocal.options.contains { $0.hasPrefix("local-lattice=") })
    #expect(
      noLocal.options.contains("partly-parallel=lattice-below-0.75-partial-pass-where-it-links-nothing"))
    // Where the windows cannot run (the final pass kept everywhere, or the two-state model), the
    // header does not claim them.
    #expect(!before.options.contains { $0.hasPrefix("local-lattice=") })
    #expect(!always.options.contains { $0.hasPrefix("local-lattice=") })
  }
}
