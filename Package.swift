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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "TMX", dependencies: ["CLibXML2"]),
    .target(name: "Segmenter"),
    .target(name: "Aligner"),
    .target(name: "TweetalKit", dependencies: ["TMX", "Segmenter", "Aligner", "CZlib"]),
    // The terminal face of review: side-by-side layout, display widths, colour codes, edit words.
    .target(name: "ReviewUI", dependencies: ["TweetalKit"]),
    .executableTarget(
      name: "tweetal",
      dependencies: [
        "TweetalKit",
        "ReviewUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "TweetalBench",
      dependencies: [
        "TweetalKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // For the tests only: TestProcessSetup ignores SIGPIPE for the whole test process at load time;
    // TestSupport holds what several test targets share (a seeded random generator).
    .target(name: "TestProcessSetup", path: "Tests/TestProcessSetup"),
    .target(name: "TestSupport", dependencies: ["TestProcessSetup"], path: "Tests/TestSupport"),
    .testTarget(name: "TMXTests", dependencies: ["TMX", "TestSupport"]),
    .testTarget(name: "SegmenterTests", dependencies: ["Segmenter", "TestSupport"], exclude: ["Expected"]),
    .testTarget(name: "AlignerTests", dependencies: ["Aligner", "TestSupport"]),
    .testTarget(name: "TweetalKitTests", dependencies: ["TweetalKit", "ReviewUI", "TestSupport"]),
    .testTarget(name: "TweetalCLITests", dependencies: ["TweetalKit", "ReviewUI", "TMX", "TestSupport"]),
  ]
)
