import Foundation
import PropertyBased
import Testing

/// `propertyCheck` with a fixed seed: `count` cases, each generated from a seed drawn from
/// `SeededGenerator(seed:)`, so that every run and every machine tests the same inputs. A failing
/// case is shrunk and printed by swift-property-based as usual ("Failure occured with input …
/// (shrunk down from …)"), followed by the case number; the run stops at the first failing case.
///
/// swift-property-based 2.0.1 draws its seed from the system unless the test has the `.fixedSeed`
/// trait, and that trait runs a single case and always records an issue (it is meant for
/// reproducing a failure, not for committing). Here each case runs in the scope of a `.fixedSeed`
/// trait of its own, with the library's shrinking, and the trait's "no expectation failure" issue
/// is dropped.
public func seededPropertyCheck<InputValue, ResultValue>(
  count: Int, seed: UInt64, input: Generator<ResultValue, some Sequence<InputValue>>,
  perform body: (ResultValue) async throws -> Void, isolation: isolated (any Actor)? = #isolation,
  sourceLocation: SourceLocation = #_sourceLocation
) async {
  guard let test = Test.current else {
    Issue.record("seededPropertyCheck must be called from within a test", sourceLocation: sourceLocation)
    return
  }
  let marker: SourceLocation = #_sourceLocation
  var seeds = SeededGenerator(seed: seed)
  nonisolated(unsafe) let body = body
  for index in 0..<count {
    let trait = FixedSeedTrait.fixedSeed(
      seeds.next(), seeds.next(), seeds.next(), seeds.next(), sourceLocation: marker)
    let failures = IssueCounter()
    let filter = IssueHandlingTrait.compactMapIssues { issue in
      if issue.sourceLocation == marker,
        issue.comments.contains(where: { $0.rawValue.contains("no expectation failure") })
      {
        return nil
      }
      failures.add()
      return issue
    }
    try? await filter.provideScope(for: test, testCase: Test.Case.current) {
      await trait.provideScope(for: test, testCase: Test.Case.current) {
        await propertyCheck(
          count: 1, input: input, perform: body, isolation: isolation, sourceLocation: sourceLocation)
      }
    }
    if failures.count > 0 {
      Issue.record(
        "case \(index + 1) of \(count) of the property (seed \(seed)) failed; the input is in the issue above",
        sourceLocation: sourceLocation)
      return
    }
  }
}

/// `seededPropertyCheck` with two generators.
public func seededPropertyCheck<InA, InB, OutA, OutB>(
  count: Int, seed: UInt64, input first: Generator<OutA, some Sequence<InA>>,
  _ second: Generator<OutB, some Sequence<InB>>, perform body: (OutA, OutB) async throws -> Void,
  isolation: isolated (any Actor)? = #isolation, sourceLocation: SourceLocation = #_sourceLocation
) async {
  await seededPropertyCheck(
    count: count, seed: seed, input: zip(first, second), perform: { try await body($0.0, $0.1) },
    isolation: isolation, sourceLocation: sourceLocation)
}

/// Issues seen in one case, counted from the issue handler.
private final class IssueCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func add() { lock.withLock { value += 1 } }
  var count: Int { lock.withLock { value } }
}
