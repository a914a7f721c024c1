import Glibc

/// A file's device and inode, following links: the same file under any name or link. Used to
/// tell when an output path is one of a command's inputs, and to walk a folder tree taking each
/// folder and file once.
public struct FileIdentity: Hashable, Sendable {
  public var device: UInt64
  public var inode: UInt64
  /// Whether it is a regular file (not a folder, pipe, terminal or other device).
  public var isRegularFile: Bool

  /// The identity of the file at `path`, or `nil` when there is none (or it cannot be looked at).
  public init?(path: String) {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
    isRegularFile = status.st_mode & S_IFMT == S_IFREG
  }

  /// Whether `path` is a regular file (following links). A pipe or device (`/dev/stdout` into a
  /// pipe) can be read only once, or not at all: reading a pipe's write end waits forever.
  public static func isRegularFile(_ path: String) -> Bool {
    FileIdentity(path: path)?.isRegularFile ?? false
  }
}
