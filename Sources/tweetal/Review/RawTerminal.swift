#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The saved terminal state, readable from a signal handler.
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var terminalIsRaw: Int32 = 0
/// Set by SIGWINCH; the key loop redraws when it sees it.
nonisolated(unsafe) var terminalResized: Int32 = 0
/// Set by SIGTERM / SIGHUP / SIGINT; the key loop saves and leaves when it sees it.
nonisolated(unsafe) var terminalStopRequested: Int32 = 0

private let leaveSequence = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

/// A key as the reviewer types it.
enum ReviewKey: Equatable {
  case character(Character)
  case up, down, pageUp, pageDown, home, end, enter, escape, backspace
  case control(UInt8)
}

/// Raw-mode, alternate-screen terminal for the full-screen reviewer. Restores the terminal on
/// `restore()`, at exit, and on fatal signals.
enum RawTerminal {
  /// Switches stdin to raw mode (no echo, no line buffering, no signals from keys; key waits time out
  /// after 0.1 s so that resizes and stop requests are noticed) and enters the alternate screen.
  static func enter() -> Bool {
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else { return false }
    var raw = savedTerminal
    raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
    raw.c_oflag &= ~tcflag_t(OPOST)
    raw.c_cflag |= tcflag_t(CS8)
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return false }
    terminalIsRaw = 1
    for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
      signal(signalNumber) { _ in terminalStopRequested = 1 }
    }
    // A terminal that went away makes writes fail with EIO; never die of SIGPIPE on the way out.
    signal(SIGPIPE, SIG_IGN)
    signal(SIGWINCH) { _ in terminalResized = 1 }
    // A parent may have started us with these blocked (the mask is inherited); unblock them, or a hang-up
    // or a `kill` would never reach the reviewer.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH] { sigaddset(&handled, signalNumber) }
    sigprocmask(SIG_UNBLOCK, &handled, nil)
    atexit { RawTerminal.restore() }
    TerminalSupport.write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    return true
  }

  /// Leaves the alternate screen and restores the saved mode. Safe to call more than once.
  static func restore() {
    guard terminalIsRaw == 1 else { return }
    terminalIsRaw = 0
    leaveSequence.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal)
  }

  /// Waits for a key; nil when the read timed out (check the resize and stop flags then).
  static func readKey() -> ReviewKey? {
    guard let byte = readByte() else { return nil }
    switch byte {
    case 0x1B:
      guard let next = readByte(waiting: 50) else { return .escape }
      guard next == UInt8(ascii: "[") || next == UInt8(ascii: "O"), let code = readByte(waiting: 50)
      else { return .escape }
      switch code {
      case UInt8(ascii: "A"): return .up
      case UInt8(ascii: "B"): return .down
      case UInt8(ascii: "H"): return .home
      case UInt8(ascii: "F"): return .end
      case UInt8(ascii: "5"), UInt8(ascii: "6"), UInt8(ascii: "1"), UInt8(ascii: "4"):
        _ = readByte(waiting: 50)  // the closing "~"
        switch code {
        case UInt8(ascii: "5"): return .pageUp
        case UInt8(ascii: "6"): return .pageDown
        case UInt8(ascii: "1"): return .home
        default: return .end
        }
      default: return .escape
      }
    case 0x0D, 0x0A: return .enter
    case 0x7F, 0x08: return .backspace
    case 0..<0x20: return .control(byte)
    default:
      var bytes = [byte]
      let expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
      while bytes.count < expected, let more = readByte(waiting: 50) { bytes.append(more) }
      guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else {
        return nil
      }
      return .character(character)
    }
  }

  /// One byte from stdin, waiting at most `milliseconds`; nil on timeout. When the terminal has gone
  /// away (hang-up, end of input, a read error) it sets `terminalStopRequested`, so that the key loop
  /// restores what it can and leaves instead of spinning on a dead descriptor.
  private static func readByte(waiting milliseconds: Int32 = 100) -> UInt8? {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, milliseconds)
    if ready < 0 {
      if errno != EINTR && errno != EAGAIN { terminalStopRequested = 1 }
      return nil
    }
    if ready == 0 { return nil }
    if descriptor.revents & Int16(POLLIN) == 0 {
      // POLLHUP, POLLERR or POLLNVAL without data: the terminal is gone.
      terminalStopRequested = 1
      return nil
    }
    var byte: UInt8 = 0
    let count = read(STDIN_FILENO, &byte, 1)
    if count == 1 { return byte }
    if count == 0 || (errno != EINTR && errno != EAGAIN) { terminalStopRequested = 1 }
    return nil
  }
}
