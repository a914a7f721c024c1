/// A unit as the segmenter finds it: its kind, block and offsets, and its text still as the
/// clean Unicode scalars it was cut from. ``Segmenter/segment(_:format:spans:)`` hands these
/// out so that a caller who only writes the units (`tweetal segment`) encodes each text once,
/// straight into its output, instead of making a `String` per unit first; ``unit`` makes the
/// ``Unit`` with the same fields.
public struct UnitSpan: Sendable {
  public var kind: UnitKind
  /// The clean text (see ``Unit/text``).
  let scalars: ArraySlice<Unicode.Scalar>
  public var block: Int
  public var start: Int
  public var end: Int

  init(kind: UnitKind, scalars: ArraySlice<Unicode.Scalar>, block: Int, start: Int, end: Int) {
    self.kind = kind
    self.scalars = scalars
    self.block = block
    self.start = start
    self.end = end
  }

  /// The unit, its text made a `String`.
  public var unit: Unit {
    Unit(kind: kind, text: CleanText.string(scalars), block: block, start: start, end: end)
  }

  /// Appends the line `tweetal segment --format text` prints: the kind, a tab, the text and a
  /// line feed (the bytes of `kind.rawValue + "\t" + unit.text + "\n"`).
  public func appendTextLine(to output: inout [UInt8]) {
    output.append(contentsOf: kind.rawValue.utf8)
    output.append(0x09)
    output.reserveCapacity(output.count + scalars.count * 4 + 1)
    for scalar in scalars {
      let value = scalar.value
      if value < 0x80 {
        output.append(UInt8(truncatingIfNeeded: value))
      } else {
        Self.appendMultibyte(value, to: &output)
      }
    }
    output.append(0x0A)
  }

  /// Appends the line of `--format jsonl`: byte for byte ``Unit/appendJSONLine(to:)`` of ``unit``.
  public func appendJSONLine(to output: inout [UInt8]) {
    output.append(contentsOf: Unit.JSONKeys.end)
    Unit.appendDecimal(end, to: &output)
    output.append(contentsOf: Unit.JSONKeys.kind)
    Unit.appendJSONString(kind.rawValue, to: &output)
    output.append(contentsOf: Unit.JSONKeys.start)
    Unit.appendDecimal(start, to: &output)
    output.append(contentsOf: Unit.JSONKeys.text)
    output.append(UInt8(ascii: "\""))
    output.reserveCapacity(output.count + scalars.count * 4 + 4)
    for scalar in scalars {
      let value = scalar.value
      if value >= 0x80 {
        Self.appendMultibyte(value, to: &output)
      } else if value >= 0x20 && value != 0x22 && value != 0x5C {
        output.append(UInt8(truncatingIfNeeded: value))
      } else {
        Unit.appendEscaped(UInt8(truncatingIfNeeded: value), to: &output)
      }
    }
    output.append(UInt8(ascii: "\""))
    output.append(contentsOf: Unit.JSONKeys.close)
  }

  /// The most bytes ``writeTextLine(to:)`` or ``writeJSONLine(to:)`` writes for this unit.
  public var lineBound: Int { 128 + scalars.count * 6 }

  /// Writes the bytes of ``appendTextLine(to:)`` to `output`, which has room for ``lineBound``
  /// bytes; returns how many it wrote. Writing to memory that is known to be large enough spares
  /// the capacity check of every appended byte (a few percent of a `tweetal segment` run).
  public func writeTextLine(to output: UnsafeMutablePointer<UInt8>) -> Int {
    var count = Self.write(kind.rawValue, to: output)
    output[count] = 0x09
    count += 1
    scalars.withUnsafeBufferPointer { scalars in
      for scalar in scalars {
        let value = scalar.value
        if value < 0x80 {
          output[count] = UInt8(truncatingIfNeeded: value)
          count += 1
        } else {
          count += Self.writeMultibyte(value, to: output + count)
        }
      }
    }
    output[count] = 0x0A
    return count + 1
  }

  /// Writes the bytes of ``appendJSONLine(to:)`` to `output`, which has room for ``lineBound``
  /// bytes; returns how many it wrote.
  public func writeJSONLine(to output: UnsafeMutablePointer<UInt8>) -> Int {
    var count = Self.writeConstant(#"{"end":"#, to: output)
    count += Self.writeDecimal(end, to: output + count)
    count += Self.writeConstant(#","kind":""#, to: output + count)
    // A kind's name needs no escape.
    count += Self.write(kind.rawValue, to: output + count)
    count += Self.writeConstant(#"","start":"#, to: output + count)
    count += Self.writeDecimal(start, to: output + count)
    count += Self.writeConstant(#","text":""#, to: output + count)
    scalars.withUnsafeBufferPointer { scalars in
      for scalar in scalars {
        let value = scalar.value
        if value >= 0x80 {
          count += Self.writeMultibyte(value, to: output + count)
        } else if value >= 0x20 && value != 0x22 && value != 0x5C {
          output[count] = UInt8(truncatingIfNeeded: value)
          count += 1
        } else {
          var escaped: [UInt8] = []
          Unit.appendEscaped(UInt8(truncatingIfNeeded: value), to: &escaped)
          for byte in escaped {
            output[count] = byte
            count += 1
          }
        }
      }
    }
    count += Self.writeConstant("\"}\n", to: output + count)
    return count
  }

  /// Writes the UTF-8 of `string` (a short constant); returns its length.
  @inline(__always)
  private static func writeConstant(_ string: StaticString, to output: UnsafeMutablePointer<UInt8>) -> Int {
    output.update(from: string.utf8Start, count: string.utf8CodeUnitCount)
    return string.utf8CodeUnitCount
  }

  @inline(__always)
  private static func write(_ string: String, to output: UnsafeMutablePointer<UInt8>) -> Int {
    var count = 0
    for byte in string.utf8 {
      output[count] = byte
      count += 1
    }
    return count
  }

  /// Writes `value` in decimal digits (a minus sign first when negative); returns the length.
  private static func writeDecimal(_ value: Int, to output: UnsafeMutablePointer<UInt8>) -> Int {
    var count = 0
    if value < 0 {
      output[0] = UInt8(ascii: "-")
      count = 1
    }
    let first = count
    var rest = value.magnitude
    repeat {
      output[count] = UInt8(ascii: "0") + UInt8(rest % 10)
      count += 1
      rest /= 10
    } while rest > 0
    var low = first
    var high = count - 1
    while low < high {
      let byte = output[low]
      output[low] = output[high]
      output[high] = byte
      low += 1
      high -= 1
    }
    return count
  }

  /// Writes the UTF-8 bytes of a scalar of two to four bytes; returns how many.
  @inline(__always)
  private static func writeMultibyte(_ value: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
    if value < 0x800 {
      output[0] = UInt8(0xC0 | (value >> 6))
      output[1] = UInt8(0x80 | (value & 0x3F))
      return 2
    } else if value < 0x10000 {
      output[0] = UInt8(0xE0 | (value >> 12))
      output[1] = UInt8(0x80 | ((value >> 6) & 0x3F))
      output[2] = UInt8(0x80 | (value & 0x3F))
      return 3
    } else {
      output[0] = UInt8(0xF0 | (value >> 18))
      output[1] = UInt8(0x80 | ((value >> 12) & 0x3F))
      output[2] = UInt8(0x80 | ((value >> 6) & 0x3F))
      output[3] = UInt8(0x80 | (value & 0x3F))
      return 4
    }
  }

  /// The UTF-8 bytes of a scalar of two to four bytes.
  @inline(__always)
  private static func appendMultibyte(_ value: UInt32, to output: inout [UInt8]) {
    if value < 0x800 {
      output.append(UInt8(0xC0 | (value >> 6)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    } else if value < 0x10000 {
      output.append(UInt8(0xE0 | (value >> 12)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    } else {
      output.append(UInt8(0xF0 | (value >> 18)))
      output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    }
  }
}
