import Foundation
import Testing

@Suite("The test process itself")
struct TestProcessTests {
  @Test("SIGPIPE is ignored from load time: a write to a closed pipe fails with EPIPE, the run goes on")
  func sigpipeIgnored() throws {
    var current = sigaction()
    #expect(sigaction(SIGPIPE, nil, &current) == 0)
    let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
    #expect(handler == unsafeBitCast(SIG_IGN, to: Int.self))
    var descriptors: [Int32] = [0, 0]
    #expect(pipe(&descriptors) == 0)
    close(descriptors[0])
    defer { close(descriptors[1]) }
    let byte: UInt8 = 0x2A
    let written = withUnsafePointer(to: byte) { write(descriptors[1], $0, 1) }
    #expect(written == -1 && errno == EPIPE)
  }
}
