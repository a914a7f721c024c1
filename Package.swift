// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Tweetal",
  platforms: [.macOS(.v13)],
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
    .executableTarget(
      name: "tweetal",
      dependencies: [
        "TweetalKit",
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
    .testTarget(name: "TMXTests", dependencies: ["TMX"]),
    .testTarget(name: "SegmenterTests", dependencies: ["Segmenter"], exclude: ["Expected"]),
    .testTarget(name: "AlignerTests", dependencies: ["Aligner"]),
    .testTarget(name: "TweetalKitTests", dependencies: ["TweetalKit"]),
    .testTarget(name: "TweetalCLITests", dependencies: ["TweetalKit", "TMX"]),
  ]
)
