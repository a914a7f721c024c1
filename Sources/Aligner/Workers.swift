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
///
/// Calls nest (the final pass's posterior windows are a `map` inside a `both`), so the work runs on
/// the calling thread and on threads of Dispatch's global queue (``alongside(helpers:_:)``), not in
/// `DispatchQueue.concurrentPerform`, which runs on its caller's thread alone when nested in another.
public enum Workers {
  /// The processors online (at least 1).
  public static let available = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// `body(0..<count)` in index order, run by up to `workers` threads that take the next index
  /// as they finish one; with one worker (or one piece) on the calling thread.
  public static func map<T: Sendable>(
    _ count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> T
  ) -> [T] {
    if workers <= 1 || count <= 1 { return (0..<count).map(body) }
    let pieces = Pieces<T>(count)
    alongside(helpers: min(workers, count) - 1) {
      while let index = pieces.take() { pieces.put(body(index), at: index) }
    }
    return pieces.results()
  }

  /// `first()` and `second()`, at once when `workers` > 1.
  public static func both<A: Sendable, B: Sendable>(
    workers: Int, _ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B
  ) -> (A, B) {
    if workers <= 1 { return (first(), second()) }
    let results = map(2, workers: 2) { index -> OneOf<A, B> in
      index == 0 ? .first(first()) : .second(second())
    }
    guard case .first(let a) = results[0], case .second(let b) = results[1] else {
      preconditionFailure("Workers.map keeps index order")
    }
    return (a, b)
  }

  /// `work()` on the calling thread and, at the same time, on up to `helpers` threads of Dispatch's
  /// global queue; returns when every run of it that started has returned. `work` takes its pieces
  /// from a shared counter: a helper that starts only after the calling thread has finished its own
  /// runs nothing, so the caller never waits for a thread that is not there (a nested call whose
  /// helpers find every thread busy simply does its work itself).
  ///
  /// The helpers reach `work` through a box that is emptied before this returns, so that what
  /// `work` captures goes then: Dispatch lets a block go whenever its thread gets to it, at times
  /// after the caller has moved on (the final pass's pair table, 170 MB at 1M sentences a side, was
  /// in one run still alive when the posteriors had returned).
  static func alongside(helpers: Int, _ work: @escaping @Sendable () -> Void) {
    let joining = Joining()
    let shared = SharedWork(work)
    for _ in 0..<max(0, helpers) {
      DispatchQueue.global().async {
        guard joining.join() else { return }
        shared.run()
        joining.leave()
      }
    }
    work()
    joining.close()
    shared.empty()
  }
}

/// The work of ``Workers/alongside(helpers:_:)`` for its helpers, until the caller empties it.
private final class SharedWork: Sendable {
  private let work: Mutex<(@Sendable () -> Void)?>

  init(_ work: @escaping @Sendable () -> Void) { self.work = Mutex(work) }

  /// Runs the work, unless the box is empty; holds it only while it runs.
  func run() {
    let current = work.withLock { $0 }
    current?()
  }

  func empty() { work.withLock { $0 = nil } }
}

/// The result of one of two different pieces (``Workers/both(workers:_:_:)``).
private enum OneOf<A: Sendable, B: Sendable>: Sendable {
  case first(A)
  case second(B)
}

/// The pieces of a ``Workers/map(_:workers:_:)``: the next index to take and each one's result.
private final class Pieces<T: Sendable>: Sendable {
  private let count: Int
  private let next = Atomic<Int>(0)
  private let slots: Mutex<[T?]>

  init(_ count: Int) {
    self.count = count
    slots = Mutex([T?](repeating: nil, count: count))
  }

  func take() -> Int? {
    let index = next.add(1, ordering: .relaxed).oldValue
    return index < count ? index : nil
  }

  func put(_ value: T, at index: Int) { slots.withLock { $0[index] = value } }

  func results() -> [T] { slots.withLock { $0.map { $0! } } }
}

/// Which helpers of ``Workers/alongside(helpers:_:)`` joined before the calling thread was done, and
/// a wait for those alone.
private final class Joining: @unchecked Sendable {
  private let state = Mutex<(closed: Bool, running: Int)>((false, 0))
  /// Signalled once by each helper that joined, when it is done (a semaphore is thread-safe).
  private let finished = DispatchSemaphore(value: 0)

  /// Whether a helper may still run the work (the calling thread is not done yet).
  func join() -> Bool {
    state.withLock { state in
      if state.closed { return false }
      state.running += 1
      return true
    }
  }

  func leave() { finished.signal() }

  /// No helper joins from now on; waits for those that did.
  func close() {
    let joined = state.withLock { state in
      state.closed = true
      return state.running
    }
    for _ in 0..<joined { finished.wait() }
  }
}

/// A value handed to a closure that runs on another thread, which takes it (leaving `nil`), so that
/// the value goes as soon as that closure is done with it: a closure's captures are released
/// whenever its thread lets the closure go, which may be after the caller has moved on (the
/// decoded text of 1M sentences a side was at times still alive when the anchors were found).
public final class HandOver<Value: Sendable>: Sendable {
  private let value: Mutex<Value?>

  public init(_ value: consuming Value?) { self.value = Mutex(value) }

  /// The value the first time, `nil` after.
  public func take() -> Value? { value.withLock { $0.take() } }
}
