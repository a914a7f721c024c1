// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Tweetal",
  // No `platforms`: Tweetal is built and tested on Linux (Debian 12) only. The Darwin branches of
  // the `#if canImport` imports compile in principle, but nothing is built or tested on macOS, so
  // the package does not claim it.
  products: [
    .executable(name: "tweetal", targets: ["tweetal"]),
    .library(name: "TweetalKit", targets: ["TweetalKit"]),
    .library(name: "TMX", targets: ["TMX"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // zlib for gzip members (dictd's .dz); not named CZlib, which ZIPFoundation's own zlib
    // module is called (clang module names clash regardless of case).
    .systemLibrary(name: "CInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // cmark-gfm ships no pkg-config file for its extensions; the module map links both libraries.
    .systemLibrary(
      name: "CCmarkGFM",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // poppler-glib: a PDF's characters with their boxes and fonts, for the PDF reader; opened
    // with dlopen on the first PDF, not linked (see Sources/CPoppler/shim.h).
    .systemLibrary(name: "CPoppler", providers: [.apt(["libpoppler-glib8"])]),
    // glibc's mallopt and malloc_trim (malloc.h): the CLI's allocator setting (`Allocator.swift` in
    // tweetal), the aligner's return of its sentences' freed anchor arrays (`Aligner.returnFreedPages`),
    // the pipeline's of the parked sentences' texts (`ParkedSentences.returnFreedPages`).
    .systemLibrary(name: "CMalloc"),
    .target(name: "TMX", dependencies: ["CLibXML2"]),
    .target(name: "Segmenter", dependencies: ["CCmarkGFM"]),
    // Optimised in debug builds too: unoptimised, its inner loops copy `Units` and `CostModel` at
    // every bead cost (retain/release was 71 % of a test's CPU), so the aligner's tests took most of
    // `swift test`'s time; optimised, they test the code as users run it. (No `assert` in it.)
    .target(
      name: "Aligner", dependencies: ["CMalloc"],
      swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // Format readers (HTML, and PDF, DOCX, ODT as they land): blocks with kinds from the file's
    // own structure, for the segmenter.
    .target(
      name: "Documents",
      dependencies: [
        "Segmenter", "CLibXML2", "CPoppler", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "TweetalKit",
      dependencies: [
        "TMX", "Segmenter", "Documents", "Aligner", "CInflate",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Corpus runs: many pairs of a manifest, resumable, in shards; their reports.
    .target(name: "Corpus", dependencies: ["TweetalKit", "TMX", "Aligner", "Segmenter"]),
    // Document pairing: which Dutch document corresponds to which English one (`tweetal pair`).
    .target(name: "Pairing", dependencies: ["TweetalKit", "Documents", "Segmenter", "Aligner", "TMX"]),
    // The terminal face of review: side-by-side layout, display widths, colour codes, edit words.
    .target(name: "ReviewUI", dependencies: ["TweetalKit"]),
    // The browser face of review, without a server: the review page's HTML, the alignment map's SVG,
    // the list of alignments, and the web app's files (CSS, JavaScript) embedded in the code. Used
    // by the server and by `tweetal report` (a self-contained file).
    .target(
      name: "ReviewWeb",
      dependencies: ["TweetalKit"],
      resources: [.embedInCode("Resources/review.css"), .embedInCode("Resources/review.js")]
    ),
    // `tweetal serve`: the web app over HTTP (Hummingbird 2); every change through the edit engine.
    .target(
      name: "ReviewServer",
      dependencies: [
        "TweetalKit", "ReviewWeb", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]
    ),
    .executableTarget(
      name: "tweetal",
      dependencies: [
        "TweetalKit",
        "Corpus",
        "ReviewUI",
        "ReviewWeb",
        "ReviewServer",
        "Pairing",
        "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "TweetalBench",
      dependencies: [
        "TweetalKit",
        "Corpus",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // For the tests only: TestProcessSetup ignores SIGPIPE for the whole test process at load time;
    // TestSupport holds what several test targets share: where the repository, the built binary,
    // ../shared and the TMX checker are; bounded child processes; a seeded random generator and
    // property checks driven by it.
    .target(name: "TestProcessSetup", path: "Tests/TestProcessSetup"),
    .target(
      name: "TestSupport",
      dependencies: ["TestProcessSetup", .product(name: "PropertyBased", package: "swift-property-based")],
      path: "Tests/TestSupport"
    ),
    .testTarget(
      name: "TMXTests",
      dependencies: ["TMX", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      exclude: ["Fixtures"]
    ),
    // What a correct segmentation is (verbatim plain-text units, spans, order), for the segmenter
    // tests and the segmenter fuzz target.
    .target(name: "SegmenterChecks", dependencies: ["Segmenter"], path: "Tests/SegmenterChecks"),
    .testTarget(
      name: "SegmenterTests",
      dependencies: [
        "Segmenter", "SegmenterChecks", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Expected"]
    ),
    .testTarget(
      name: "DocumentsTests",
      dependencies: [
        "Documents", "Segmenter", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures"]),
    .testTarget(name: "AlignerTests", dependencies: ["Aligner", "TestSupport"]),
    .testTarget(name: "PairingTests", dependencies: ["Pairing", "Aligner", "TweetalKit", "TestSupport"]),
    .testTarget(
      name: "TweetalKitTests",
      dependencies: [
        "TweetalKit", "ReviewUI", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "CorpusTests", dependencies: ["Corpus", "Aligner", "TweetalKit", "TMX", "TestSupport"]),
    .testTarget(
      name: "ReviewServerTests",
      dependencies: [
        "ReviewServer", "ReviewWeb", "TweetalKit", "TMX", "TestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]
    ),
    .testTarget(
      name: "TweetalCLITests",
      dependencies: [
        "TweetalKit", "ReviewUI", "TMX", "TestSupport",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
  ]
)

// libFuzzer targets, one per parser that faces hostile input; declared only when scripts/fuzz.sh
// builds them (TWEETAL_FUZZ=1, its own scratch path), so that `swift build` and `swift test` never
// see them.
if Context.environment["TWEETAL_FUZZ"] == "1" {
  package.targets += [
    .target(name: "CFuzzDriver", path: "Tests/Fuzz/CFuzzDriver"),
    .executableTarget(
      name: "FuzzTMXReader", dependencies: ["CFuzzDriver", "TMX"], path: "Tests/Fuzz/FuzzTMXReader"),
    .executableTarget(
      name: "FuzzAlignmentDecoder", dependencies: ["CFuzzDriver", "TweetalKit", "TMX"],
      path: "Tests/Fuzz/FuzzAlignmentDecoder"),
    .executableTarget(
      name: "FuzzSegmenter", dependencies: ["CFuzzDriver", "Segmenter", "SegmenterChecks"],
      path: "Tests/Fuzz/FuzzSegmenter"),
    .executableTarget(
      name: "FuzzDocuments", dependencies: ["CFuzzDriver", "Documents", "Segmenter", "SegmenterChecks"],
      path: "Tests/Fuzz/FuzzDocuments"),
    .executableTarget(
      name: "FuzzPDFReader", dependencies: ["CFuzzDriver", "Documents", "Segmenter", "SegmenterChecks"],
      path: "Tests/Fuzz/FuzzPDFReader"),
    .executableTarget(
      name: "FuzzDictd", dependencies: ["CFuzzDriver", "TweetalKit"], path: "Tests/Fuzz/FuzzDictd"),
    .executableTarget(
      name: "FuzzEditOperations", dependencies: ["CFuzzDriver", "TweetalKit", "TMX"],
      path: "Tests/Fuzz/FuzzEditOperations"),
  ]
}
