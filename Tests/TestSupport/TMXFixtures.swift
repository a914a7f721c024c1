/// The project's own test files, in the repository (they need no `../shared`).
public enum TMXFixtures {
  /// Small TMX files written for the tests: `Tests/TMXTests/Fixtures/`.
  public static let tmxFolder = Repository.path("Tests/TMXTests/Fixtures")

  /// `name` inside the TMX fixtures folder.
  public static func tmx(_ name: String) -> String { tmxFolder + "/" + name }

  /// An OmegaT-style export: tool OmegaT 4.2.1_0_dev, source EN-US, three units of 8, 3 and 3
  /// variants (two FR-CA variants in the first).
  public static var omegaT: String { tmx("omegat-multi-variant.tmx") }
}
