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

  /// `body(side, range, helping)` for every index of two sides of `counts.0` and `counts.1`
  /// indices, in pieces of `piece` indices, for work whose two sides take unequal times.
  ///
  /// With two `workers`, each owns a side and takes its pieces from the front; one whose side is
  /// done takes the other side's remaining pieces from the back, with `helping` true, so that the
  /// two finish together. A side's pieces are taken from the front only by its owner, which after
  /// each calls `front(side, done)`: its first `done` indices are done and no piece touches them
  /// again, so that the caller can let go of what they needed (the pipeline parks sentences
  /// there) while the other side is still at work. At most one thread at a time calls `body` for a
  /// side with `helping` false and one with it true (a caller keeps a side's state, such as a
  /// cache, apart for each). A side whose owner has not started when the other's is done (its
  /// thread not yet there) is owned by the first worker. With one worker, every piece in order
  /// with `helping` false. Returns when every piece is done.
  public static func twoSides(
    counts: (Int, Int), piece: Int, workers: Int,
    _ body: @escaping @Sendable (_ side: Int, _ range: Range<Int>, _ helping: Bool) -> Void,
    front: @escaping @Sendable (_ side: Int, _ done: Int) -> Void
  ) {
    let piece = max(1, piece)
    let sides = [counts.0, counts.1]
    let range = { @Sendable (side: Int, index: Int) in
      (index * piece)..<min(sides[side], (index + 1) * piece)
    }
    let queue = TwoSidedPieces(pieces: sides.map { ($0 + piece - 1) / piece })
    let work = { @Sendable in
      var own = queue.enter()
      while let (side, index, helping) = queue.take(own: &own) {
        let indices = range(side, index)
        body(side, indices, helping)
        if !helping { front(side, indices.upperBound) }
      }
    }
    if workers <= 1 {
      work()
    } else {
      alongside(helpers: 1, work)
    }
  }

  /// `work()` on the calling thread and, at the same time, on up to `helpers` threads of Dispatch's
  /// global queue; returns when every run of it that started has returned. `work` takes its pieces
  /// from a shared counter: a helper that starts only after the calling thread has finished its own
  /// runs nothing, so the caller never waits for a thread that is not there (a nested call whose
  /// helpers find every thread busy simply does its work itself).
  static func alongside(helpers: Int, _ work: @escaping @Sendable () -> Void) {
    let joining = Joining()
    for _ in 0..<max(0, helpers) {
      DispatchQueue.global().async {
        guard joining.join() else { return }
        work()
        joining.leave()
      }
    }
    work()
    joining.close()
  }
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

/// The pieces of ``Workers/twoSides(counts:piece:workers:_:front:)``: each side's next piece from
/// the front (its owner's) and from the back (the other worker's), and which sides have an owner.
private final class TwoSidedPieces: Sendable {
  private let state: Mutex<(front: [Int], back: [Int], owned: [Bool])>

  init(pieces: [Int]) {
    state = Mutex(([0, 0], pieces, [false, false]))
  }

  /// The side the calling worker owns: the first side without an owner, if any.
  func enter() -> Int? {
    state.withLock { state in
      guard let side = state.owned.firstIndex(of: false) else { return nil }
      state.owned[side] = true
      return side
    }
  }

  /// The next piece for a worker that owns side `own`: its own side's from the front; once that
  /// is done, a side without an owner (which it then owns) from the front; else the other side's
  /// from the back (`helping`). `nil` when no piece is left.
  func take(own: inout Int?) -> (side: Int, index: Int, helping: Bool)? {
    state.withLock { state in
      if let side = own, state.front[side] < state.back[side] {
        defer { state.front[side] += 1 }
        return (side, state.front[side], false)
      }
      for side in 0..<2 where !state.owned[side] && state.front[side] < state.back[side] {
        state.owned[side] = true
        own = side
        defer { state.front[side] += 1 }
        return (side, state.front[side], false)
      }
      for side in 0..<2 where side != own && state.front[side] < state.back[side] {
        state.back[side] -= 1
        return (side, state.back[side], true)
      }
      return nil
    }
  }
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
