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
