extension Unit {
  /// Appends the unit as one line of `tweetal segment --format jsonl`: a JSON object with the
  /// keys end, kind, start and text (sorted) and a line feed.
  ///
  /// The bytes are exactly what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
  /// writes for the same four fields (`"`, `\` and control characters escaped, `\b \f \n \r \t`
  /// by name and the others as lower-case `\u00xx`; everything else as UTF-8), at a fraction of
  /// its cost: the encoder's per-value boxing was half the time of a whole `segment` run.
  public func appendJSONLine(to output: inout [UInt8]) {
    output.append(contentsOf: JSONKeys.end)
    Self.appendDecimal(end, to: &output)
    output.append(contentsOf: JSONKeys.kind)
    Self.appendJSONString(kind.rawValue, to: &output)
    output.append(contentsOf: JSONKeys.start)
    Self.appendDecimal(start, to: &output)
    output.append(contentsOf: JSONKeys.text)
    Self.appendJSONString(text, to: &output)
    output.append(contentsOf: JSONKeys.close)
  }

  /// The fixed parts of a line, as bytes (appending an array is a copy; a string's UTF-8 view
  /// is appended byte by byte).
  enum JSONKeys {
    static let end = Array(#"{"end":"#.utf8)
    static let kind = Array(#","kind":"#.utf8)
    static let start = Array(#","start":"#.utf8)
    static let text = Array(#","text":"#.utf8)
    static let close = Array("}\n".utf8)
  }

  /// `value` in decimal digits, with a minus sign when negative.
  static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    let first = output.count
    var rest = value.magnitude
    repeat {
      output.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    output[first...].reverse()
  }

  /// `string` quoted and escaped as `JSONEncoder` escapes it. Runs of bytes that need no escape
  /// are copied in one go.
  static func appendJSONString(_ string: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { bytes in
      var runStart = 0
      for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        output.append(contentsOf: bytes[runStart..<index])
        runStart = index + 1
        appendEscaped(byte, to: &output)
      }
      output.append(contentsOf: bytes[runStart...])
    }
    output.append(UInt8(ascii: "\""))
  }

  /// The JSON escape of a byte that needs one (`"`, `\\` or a control character).
  static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
    case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
    case 0x08: output.append(contentsOf: #"\b"#.utf8)
    case 0x0C: output.append(contentsOf: #"\f"#.utf8)
    case 0x0A: output.append(contentsOf: #"\n"#.utf8)
    case 0x0D: output.append(contentsOf: #"\r"#.utf8)
    case 0x09: output.append(contentsOf: #"\t"#.utf8)
    default:
      let digits = Array("0123456789abcdef".utf8)
      output.append(contentsOf: #"\u00"#.utf8)
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
  }
}
