import Foundation
import TMX
import TweetalKit

/// The `creationdate` of a TMX about to be written, chosen so that re-running is reproducible.
enum CreationDate {
  /// `SOURCE_DATE_EPOCH` when set; else the date of the Tweetal TMX already at `outputPath`;
  /// else now.
  static func resolve(
    outputPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(Failure) -> String {
    if let epoch = environment["SOURCE_DATE_EPOCH"] {
      guard let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)) else {
        throw Failure(
          "SOURCE_DATE_EPOCH=\(epoch) is not a whole number of seconds since 1970; fix or unset it")
      }
      return TMXDate.format(secondsSince1970: seconds)
    }
    if let outputPath, outputPath != "-",
      let existing = AlignmentStore.existingCreationDate(atPath: outputPath),
      TMXDate.parse(existing) != nil
    {
      return existing
    }
    return TMXDate.format(secondsSince1970: Int64(Date().timeIntervalSince1970))
  }
}
