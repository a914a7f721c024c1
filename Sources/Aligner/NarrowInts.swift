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
    self.values = values.map { value in
      guard let narrow = Int32(exactly: value) else {
        preconditionFailure("\(value) does not fit in the 32 bits of a unit's numbers")
      }
      return narrow
    }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { values.count }

  @inline(__always)
  subscript(position: Int) -> Int { Int(values[position]) }
}
