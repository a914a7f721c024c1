import Dispatch
import Synchronization

/// Runs `body` for every index of `0..<count` on up to `jobs` threads and returns the results in
/// index order. `body` must not depend on the order in which indices run.
func parallelMap<Result: Sendable>(
  _ count: Int, jobs: Int, _ body: @Sendable (Int) -> Result
) -> [Result] {
  let box = ResultSlots<Result>(count: count)
  let workers = max(1, min(jobs, count))
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while let index = box.nextIndex() {
      box.store(body(index), at: index)
    }
  }
  return box.all()
}

/// Results of a parallel loop, handed out and stored under one lock.
private final class ResultSlots<Result: Sendable>: Sendable {
  private struct State {
    var next = 0
    var results: [Result?]
  }
  private let count: Int
  private let state: Mutex<State>

  init(count: Int) {
    self.count = count
    state = Mutex(State(results: Array(repeating: nil, count: count)))
  }

  func nextIndex() -> Int? {
    state.withLock { state in
      guard state.next < count else { return nil }
      defer { state.next += 1 }
      return state.next
    }
  }

  func store(_ result: sending Result, at index: Int) {
    state.withLock { $0.results[index] = result }
  }

  func all() -> [Result] {
    state.withLock { $0.results.map { $0! } }
  }
}
