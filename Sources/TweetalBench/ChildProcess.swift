import ArgumentParser
import Foundation

/// One finished child process as the operating system accounted for it.
struct ChildProcessRun {
  /// Wall seconds from spawn to reap.
  var wall: Double
  /// The child's user + system CPU seconds (`wait4`'s rusage).
  var cpu: Double
  /// The child's peak resident set in bytes (`ru_maxrss`, kilobytes on Linux; it may include the
  /// spawning copy of this process before exec, so it is an upper bound).
  var peakRSS: Int
}

/// Runs `executable` with `arguments` as a whole process, stdout to /dev/null and stderr to
/// `standardError`, and measures it; a non-zero exit is an error naming the command. The one way
/// every process benchmark times `tweetal`.
func runChildProcess(
  _ executable: String, _ arguments: [String], standardError: String = "/dev/null"
) throws -> ChildProcessRun {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { for argument in argv { free(argument) } }
  let clock = ContinuousClock()
  let start = clock.now
  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
  guard spawned == 0 else { throw ValidationError("cannot run \(executable) (error \(spawned))") }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  let elapsed = clock.now - start
  guard status == 0 else {
    let log = standardError == "/dev/null" ? "" : "; see \(standardError)"
    throw ValidationError("\(executable) \(arguments.joined(separator: " ")) failed\(log)")
  }
  let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  let cpu =
    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  return ChildProcessRun(wall: wall, cpu: cpu, peakRSS: Int(usage.ru_maxrss) * 1024)
}
