import Foundation
import Testing

/// Child processes with a time limit: output goes to temporary files (never a pipe that a daemon
/// could keep open), the wait is a bounded poll, and a process past its limit is killed.
public enum Bounded {
  /// How a bounded child process ended and what it wrote.
  public struct Result: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
    public var timedOut: Bool
  }

  /// Runs `executable arguments…` with stdin from /dev/null; kills it (SIGKILL) after `seconds` and
  /// records an issue then. Spawned with `posix_spawn` and every descriptor above 2 closed: Foundation's
  /// `Process` notices the end of a child through a socket the child inherits, so a daemon the child
  /// leaves behind (the tmux server) would keep `Process` waiting for ever.
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    directory: String? = nil,
    seconds: Double, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Result {
    let folder = NSTemporaryDirectory() + "tweetal-bounded-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outputPath = folder + "/out"
    let errorPath = folder + "/err"
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let pid = try spawn(
      [executable] + arguments, environment: env.map { "\($0.key)=\($0.value)" }, directory: directory,
      output: outputPath, error: errorPath)
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(seconds)
    var ended = false
    repeat {
      if waitpid(pid, &status, WNOHANG) == pid {
        ended = true
        break
      }
      usleep(10_000)
    } while Date() < deadline
    if !ended {
      kill(pid, SIGKILL)
      waitpid(pid, &status, 0)
      Issue.record(
        "\(executable) \(arguments.joined(separator: " ")) was still running after \(seconds) s; killed",
        sourceLocation: sourceLocation)
    }
    let out = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    let exitStatus: Int32 = !ended ? -1 : (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(status: exitStatus, output: out, error: err, timedOut: !ended)
  }

  // The GNU extensions are not in Swift's Glibc module; glibc 2.34 and later has both.
  private typealias CloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  private typealias ChangeDirectory =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
  private static let closeFrom: CloseFrom? = dlsym(
    UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"
  ).map { unsafeBitCast($0, to: CloseFrom.self) }
  private static let changeDirectory: ChangeDirectory? = dlsym(
    UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np"
  ).map { unsafeBitCast($0, to: ChangeDirectory.self) }

  private static func spawn(
    _ argv: [String], environment: [String], directory: String?, output: String, error: String
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard let closeFrom else {
      throw CocoaError(
        .featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "needs glibc 2.34 or later"])
    }
    _ = closeFrom(&actions, 3)
    if let directory { _ = changeDirectory?(&actions, directory) }
    let arguments = argv.map { strdup($0) } + [nil]
    let variables = environment.map { strdup($0) } + [nil]
    defer { for pointer in arguments + variables { free(pointer) } }
    // The test runner's threads block most signals; a child must start with none blocked and default
    // handlers, as it would from a shell.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let result = posix_spawn(&pid, argv[0], &actions, &attributes, arguments, variables)
    guard result == 0 else {
      throw CocoaError(
        .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot start \(argv[0]): \(result)"])
    }
    return pid
  }

  /// Polls until `process` ends, at most `seconds`; past that it is killed. True when it ended on its own.
  @discardableResult
  public static func wait(for process: Process, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    guard process.isRunning else { return true }
    kill(process.processIdentifier, SIGKILL)
    let grace = Date().addingTimeInterval(5)
    while process.isRunning && Date() < grace { usleep(20_000) }
    return false
  }
}
