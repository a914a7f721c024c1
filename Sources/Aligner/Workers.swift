import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Independent pieces of work spread over the machine's cores. Each piece's result is kept at its
/// index, so the outcome does not depend on which worker ran which piece, nor in what order.
/// Public so that the pipeline prepares the two documents of a pair the same way.
public enum Workers {
  /// The processors online (at least 1).
  public static let available = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// `body(0..<count)` in index order, run by up to `workers` threads that take the next index
  /// as they finish one; with one worker (or one piece) on the calling thread.
  public static func map<T: Sendable>(_ count: Int, workers: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if workers <= 1 || count <= 1 { return (0..<count).map(body) }
    let results = Mutex<[T?]>([T?](repeating: nil, count: count))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= count { break }
        let value = body(index)
        results.withLock { $0[index] = value }
      }
    }
    return results.withLock { $0.map { $0! } }
  }
}

extension Workers {
  /// `first()` and `second()`, at once when `workers` > 1.
  public static func both<A: Sendable, B: Sendable>(
    workers: Int, _ first: @Sendable () -> A, _ second: @Sendable () -> B
  ) -> (A, B) {
    if workers <= 1 { return (first(), second()) }
    let results = Mutex<(A?, B?)>((nil, nil))
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      if index == 0 {
        let value = first()
        results.withLock { $0.0 = value }
      } else {
        let value = second()
        results.withLock { $0.1 = value }
      }
    }
    return results.withLock { ($0.0!, $0.1!) }
  }
}
