import Foundation
public import Hummingbird
import Logging

/// Runs `tweetal serve` until SIGINT or SIGTERM, then gives the review locks back.
public enum ServerRunner {
  /// The application for `alignments` (also what the tests drive).
  public static func application(
    alignments: ServedAlignments, settings: ServerSettings,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    var logger = Logger(label: "tweetal-serve")
    logger.logLevel = .error
    return Application(
      router: ReviewRoutes.router(alignments: alignments, settings: settings),
      configuration: ApplicationConfiguration(
        address: .hostname(settings.host, port: settings.port), serverName: nil),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
      logger: logger)
  }

  /// Opens the files, serves them, and closes them on the way out.
  public static func run(
    paths: [String], settings: ServerSettings, onRunning: @escaping @Sendable (Int) async -> Void
  ) async throws {
    let holder = "tweetal serve at " + settings.url(port: settings.port).prefix { $0 != "?" }
    let alignments = try await ServedAlignments(
      paths: paths, holder: holder, minConfidence: settings.minConfidence)
    do {
      let announced: @Sendable (Int) async -> Void = { port in
        let holder = "tweetal serve at " + settings.url(port: port).prefix { $0 != "?" }
        for alignment in alignments.ordered { await alignment.announce(holder) }
        await onRunning(port)
      }
      try await application(alignments: alignments, settings: settings, onRunning: announced).runService()
    } catch {
      await alignments.close()
      throw error
    }
    await alignments.close()
  }
}
