import ArgumentParser
import Foundation

/// One finished child process as the operating system accounted for it.
struct ChildProcessRun {
  /// Wall seconds from spawn to reap.
  var wall: Double
  /// The child's user + system CPU seconds (`wait4`'s rusage).
  var cpu: Double
  /// The child's peak resident set in bytes: GNU time's `%M` when `/usr/bin/time` is installed,
  /// else `wait4`'s `ru_maxrss`, which is only an upper bound (see ``runChildProcess(_:_:standardError:)``).
  var peakRSS: Int
}

/// GNU time, which reports its child's own peak resident set (`scripts/install-deps --test`
/// installs it).
private let gnuTime = "/usr/bin/time"

/// Runs `executable` with `arguments` as a whole process, stdout to /dev/null and stderr to
/// `standardError`, and measures it; a non-zero exit is an error naming the command. The one way
/// every process benchmark times `tweetal`.
///
/// The peak resident set is not `wait4`'s `ru_maxrss` of the child itself: glibc's `posix_spawn`
/// starts the child in this process's memory (`CLONE_VM`), and at `exec` Linux carries the high
/// water mark of that memory into the child's `ru_maxrss`, so a benchmark that has generated
/// 50 MB of input would report at least its own peak for every child (a 28 MiB `tweetal export`
/// read as 104 MB). So the child runs under `/usr/bin/time -f %M`, a small process that forks it
/// from its own small memory and reports the child's peak alone (the floor is about 1 MB);
/// without GNU time the `ru_maxrss` upper bound is used and a note says so once.
func runChildProcess(
  _ executable: String, _ arguments: [String], standardError: String = "/dev/null"
) throws -> ChildProcessRun {
  let measured = FileManager.default.isExecutableFile(atPath: gnuTime)
  let report = FileManager.default.temporaryDirectory
    .appendingPathComponent("tweetal-bench-peak-\(getpid()).txt").path
  defer { if measured { try? FileManager.default.removeItem(atPath: report) } }
  if !measured { noteUpperBoundOnce() }
  let command =
    measured ? [gnuTime, "-q", "-f", "%M", "-o", report, executable] + arguments : [executable] + arguments
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let argv = command.map { strdup($0) } + [nil]
  defer { for argument in argv { free(argument) } }
  let clock = ContinuousClock()
  let start = clock.now
  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
  guard spawned == 0 else { throw ValidationError("cannot run \(command[0]) (error \(spawned))") }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  let elapsed = clock.now - start
  guard status == 0 else {
    let log = standardError == "/dev/null" ? "" : "; see \(standardError)"
    throw ValidationError("\(executable) \(arguments.joined(separator: " ")) failed\(log)")
  }
  let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  // The rusage of GNU time includes the child it waited for (and time's own few milliseconds).
  let cpu =
    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  var kilobytes = Int(usage.ru_maxrss)
  if measured {
    let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    guard let peak = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw ValidationError("\(gnuTime) wrote no peak memory for \(executable) (got '\(text)')")
    }
    kilobytes = peak
  }
  return ChildProcessRun(wall: wall, cpu: cpu, peakRSS: kilobytes * 1024)
}

private nonisolated(unsafe) var upperBoundNoted = false

/// Says once, on stderr, that peaks are upper bounds without GNU time.
private func noteUpperBoundOnce() {
  guard !upperBoundNoted else { return }
  upperBoundNoted = true
  FileHandle.standardError.write(
    Data(
      ("note: \(gnuTime) is missing (apt-get install time, or scripts/install-deps --test): peak RSS "
        + "is wait4's ru_maxrss, which includes this benchmark's own peak memory\n").utf8))
}
