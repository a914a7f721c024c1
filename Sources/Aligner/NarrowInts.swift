/// Integers kept in 32 bits and read as `Int`: half the memory of `[Int]` for the per-unit numbers
/// of ``Units`` (lengths, and the prefix sums of counts), which are read as `Int` everywhere.
///
/// Every value must fit in `Int32`; a larger one stops the program rather than wrap.
struct NarrowInts: RandomAccessCollection, Sendable, Equatable {
  private var values: [Int32]

  /// `values` as they are.
  init(_ values: [Int32]) {
    self.values = values
  }

  /// `values`, each of which must fit in `Int32`.
  init(_ values: [Int]) {
    self.values = values.map { Int32(checked: $0, "a unit's number") }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { values.count }

  @inline(__always)
  subscript(position: Int) -> Int { Int(values[position]) }

  /// The value at `position` without a bounds check: the caller has checked that `position` is
  /// one of ``indices``.
  @inline(__always)
  func unchecked(_ position: Int) -> Int { values.withUnsafeBufferPointer { Int($0[position]) } }
}

extension Array {
  /// The element at `position` without a bounds check: the caller has checked that `position` is
  /// one of ``indices``.
  @inline(__always)
  func unchecked(_ position: Int) -> Element { withUnsafeBufferPointer { $0[position] } }
}

extension Int32 {
  /// `value` in 32 bits, for numbers stored narrow and read as `Int` (``NarrowInts``,
  /// ``AlignerSentence``, TweetalKit's `Sentence`); a value that does not fit stops the program
  /// rather than wrap. `what` names it in the message.
  public init(checked value: Int, _ what: @autoclosure () -> String) {
    guard let narrow = Int32(exactly: value) else {
      preconditionFailure("\(what()) \(value) does not fit in 32 bits")
    }
    self = narrow
  }
}
