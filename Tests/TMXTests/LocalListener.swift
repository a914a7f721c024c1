import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A TCP socket listening on 127.0.0.1 at a free port, to prove that nothing connects to it.
final class LocalListener {
  private let socketDescriptor: Int32
  let port: UInt16

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 8) == 0 else {
      close(descriptor)
      throw POSIXError(.EADDRINUSE)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    socketDescriptor = descriptor
    port = UInt16(bigEndian: address.sin_port)
  }

  deinit { close(socketDescriptor) }

  /// Whether a client has connected (waits up to 200 ms).
  func hasPendingConnection() -> Bool {
    var descriptor = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 200) > 0
  }
}
