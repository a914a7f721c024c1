/// One token of a sentence, as the extractor sees it: where its bytes are in the sentence's UTF-8
/// (``AnchorTokens/text(_:)`` copies them out), not a copy of them.
struct AnchorToken {
  enum Kind: Equatable {
    /// A run of letters.
    case word
    /// A run of digits with inner group or decimal separators (`1.000`, `1,5`, `17.05.2022`).
    case number
    /// Any other non-space character.
    case symbol
  }

  var kind: Kind
  /// Whether whitespace (or the start of the text) comes right before the token.
  var spaceBefore: Bool
  /// The token's first scalar.
  var first: Unicode.Scalar
  /// How many scalars the token has.
  var scalarCount: Int
  /// Where the token's UTF-8 starts and ends in the text it was cut from.
  var start: Int
  var end: Int
  /// A number token of one to four ASCII digits and nothing else: its value (`0042` → 42); else -1.
  var digitsValue: Int

  var symbol: Unicode.Scalar? { kind == .symbol ? first : nil }
  /// The length of the token's UTF-8.
  var byteCount: Int { end - start }
}

/// A sentence's tokens with the UTF-8 they were cut from. Only valid while that UTF-8 is (inside
/// the `withUTF8` call that gave it): it never leaves the extractor.
struct AnchorTokens: RandomAccessCollection {
  let utf8: UnsafeBufferPointer<UInt8>
  let tokens: [AnchorToken]

  /// The tokens of `utf8` (``AnchorTokenizer/tokens(_:)``).
  init(_ utf8: UnsafeBufferPointer<UInt8>) {
    self.utf8 = utf8
    tokens = AnchorTokenizer.tokens(utf8)
  }

  var startIndex: Int { 0 }
  var endIndex: Int { tokens.count }
  subscript(position: Int) -> AnchorToken { tokens[position] }

  /// The token's text as written.
  func text(_ token: AnchorToken) -> String {
    String(decoding: bytes(token), as: UTF8.self)
  }

  /// The token's UTF-8.
  func bytes(_ token: AnchorToken) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: utf8[token.start..<token.end])
  }

  /// Whether the token is written exactly `text`.
  func token(_ token: AnchorToken, is text: StaticString) -> Bool {
    token.byteCount == text.utf8CodeUnitCount
      && bytes(token).elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}

/// Splits a sentence into URLs and e-mail addresses, then words, numbers and symbols.
enum AnchorTokenizer {
  /// URLs and e-mail addresses (normalised: lower case, no scheme, no `www.`, no trailing `/`),
  /// and the text's scalars with those stretches blanked out.
  static func extractAddresses(_ scalars: [Unicode.Scalar]) -> (addresses: [String], rest: [Unicode.Scalar]) {
    var rest = scalars
    var addresses: [String] = []
    var start = 0
    while start < scalars.count {
      guard !isSpace(scalars[start]) else {
        start += 1
        continue
      }
      var end = start
      var candidate = false
      while end < scalars.count && !isSpace(scalars[end]) {
        // Only a chunk with `@`, `://` or `www.` can hold an address.
        let scalar = scalars[end]
        if scalar == "@" || scalar == "/" && end >= 2 && scalars[end - 1] == "/" && scalars[end - 2] == ":"
          || scalar == "." && end >= 3
            && (1...3).allSatisfy({ scalars[end - $0] == "w" || scalars[end - $0] == "W" })
        {
          candidate = true
        }
        end += 1
      }
      if candidate, let (range, address) = address(in: scalars, start..<end) {
        addresses.append(address)
        for index in range { rest[index] = " " }
      }
      start = end
    }
    return (addresses, rest)
  }

  /// Whether the UTF-8 text has an `@`, `://` or `www.` (any case), without which
  /// ``extractAddresses(_:)`` finds nothing: a scan of bytes, cheaper than its scan of scalars.
  static func mayHoldAddress<Bytes: RandomAccessCollection<UInt8>>(_ utf8: Bytes) -> Bool
  where Bytes.Index == Int {
    func isW(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "w") || byte == UInt8(ascii: "W") }
    for index in utf8.indices {
      switch utf8[index] {
      case UInt8(ascii: "@"):
        return true
      case UInt8(ascii: "/"):
        if index >= 2 && utf8[index - 1] == UInt8(ascii: "/") && utf8[index - 2] == UInt8(ascii: ":") {
          return true
        }
      case UInt8(ascii: "."):
        if index >= 3 && isW(utf8[index - 1]) && isW(utf8[index - 2]) && isW(utf8[index - 3]) { return true }
      default:
        break
      }
    }
    return false
  }

  /// What ends an address (``address(in:_:)``); made once, not for every chunk.
  private static let addressDelimiters: Set<Unicode.Scalar> = [
    "<", ">", "\"", "'", "(", ")", "[", "]", "{", "}", "*",
  ]
  /// What an address does not end with.
  private static let addressTrailing: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?"]
  /// What starts an address other than an e-mail address.
  private static let addressMarkers = ["https://", "http://", "ftp://", "www."].map {
    Array($0.unicodeScalars)
  }

  /// The first URL or e-mail address inside one whitespace-free chunk.
  private static func address(in scalars: [Unicode.Scalar], _ chunk: Range<Int>) -> (Range<Int>, String)? {
    let text = string(scalars[chunk]).lowercased()
    let chars = Array(text.unicodeScalars)
    guard chars.count == chunk.count else { return nil }
    let delimiters = addressDelimiters
    let trailing = addressTrailing
    var begin: Int?
    for marker in addressMarkers {
      if let found = find(marker, in: chars) {
        begin = min(begin ?? found, found)
      }
    }
    if begin == nil, let at = chars.firstIndex(of: "@"), at > 0 {
      var left = at
      while left > 0 && !delimiters.contains(chars[left - 1]) && chars[left - 1] != ":" { left -= 1 }
      let afterAt = chars[(at + 1)...]
      if left < at, afterAt.contains("."), afterAt.first?.properties.isAlphabetic == true { begin = left }
    }
    guard let first = begin else { return nil }
    var last = first
    while last < chars.count && !delimiters.contains(chars[last]) { last += 1 }
    while last > first && trailing.contains(chars[last - 1]) { last -= 1 }
    var address = string(chars[first..<last])
    for scheme in ["https://", "http://", "ftp://", "mailto:", "www."] where address.hasPrefix(scheme) {
      address.removeFirst(scheme.count)
    }
    while address.hasSuffix("/") { address.removeLast() }
    guard address.count >= 4 else { return nil }
    return (chunk.lowerBound + first..<chunk.lowerBound + last, address)
  }

  /// The string of `scalars`, made from their UTF-8 bytes: the same string as
  /// `String(String.UnicodeScalarView(scalars))`, which appends them one at a time, about 10 µs a
  /// sentence (a tenth of the anchors' CPU at nl–en 100k, where one sentence in thirty holds an
  /// address and is so rebuilt).
  static func string(_ scalars: some Collection<Unicode.Scalar>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count)
    for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    // Valid UTF-8: the encoding of scalars.
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<start + needle.count].elementsEqual(needle) {
      return start
    }
    return nil
  }

  /// The words of `text` as the extractor cuts them, in order.
  static func words(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { utf8 in
      let tokens = AnchorTokens(utf8)
      return tokens.filter { $0.kind == .word }.map(tokens.text)
    }
  }

  /// Words, numbers and symbols of the UTF-8 text `utf8` (valid UTF-8, as a `String`'s bytes),
  /// read scalar by scalar straight from the bytes; whitespace only sets `spaceBefore`.
  static func tokens(_ utf8: UnsafeBufferPointer<UInt8>) -> [AnchorToken] {
    var tokens: [AnchorToken] = []
    tokens.reserveCapacity(utf8.count / 5 + 4)
    var index = 0
    var space = true
    while index < utf8.count {
      let (scalar, width) = scalar(at: index, in: utf8)
      if isSpace(scalar) {
        space = true
        index += width
        continue
      }
      let start = index
      index += width
      var scalarCount = 1
      var digitsValue = -1
      let kind: AnchorToken.Kind
      if isDigit(scalar) {
        kind = .number
        var plain = true
        while index < utf8.count {
          let (next, nextWidth) = Self.scalar(at: index, in: utf8)
          if isDigit(next) {
            index += nextWidth
            scalarCount += 1
          } else if isNumberSeparator(next), index + nextWidth < utf8.count,
            isDigit(Unicode.Scalar(utf8[index + nextWidth]))
          {
            index += nextWidth + 1
            scalarCount += 2
            plain = false
          } else {
            break
          }
        }
        if plain && index - start <= 4 {
          digitsValue = 0
          for byte in utf8[start..<index] { digitsValue = digitsValue * 10 + Int(byte - UInt8(ascii: "0")) }
        }
      } else if isLetter(scalar) {
        kind = .word
        while index < utf8.count {
          let (next, nextWidth) = Self.scalar(at: index, in: utf8)
          guard isLetter(next) || isMark(next) else { break }
          index += nextWidth
          scalarCount += 1
        }
      } else {
        kind = .symbol
      }
      tokens.append(
        AnchorToken(
          kind: kind, spaceBefore: space, first: scalar, scalarCount: scalarCount, start: start, end: index,
          digitsValue: digitsValue))
      space = false
    }
    return tokens
  }

  /// The scalar whose UTF-8 starts at `index` of valid UTF-8 `utf8`, and its width in bytes.
  @inline(__always)
  static func scalar(at index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
    let lead = UInt32(utf8[index])
    if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
    func continuation(_ offset: Int) -> UInt32 { UInt32(utf8[index + offset]) & 0x3F }
    let value: UInt32
    let width: Int
    if lead < 0xE0 {
      value = (lead & 0x1F) << 6 | continuation(1)
      width = 2
    } else if lead < 0xF0 {
      value = (lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2)
      width = 3
    } else {
      value = (lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3)
      width = 4
    }
    // Valid UTF-8 decodes to a scalar; anything else reads as a replacement character.
    return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar == " " || scalar.value >= 9 && scalar.value <= 13 }
    return scalar.properties.isWhitespace
  }
  static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
  static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
    return scalar.properties.isAlphabetic
  }
  static func isMark(_ scalar: Unicode.Scalar) -> Bool { (0x300...0x36F).contains(scalar.value) }

  /// Separators that may sit between digit groups of one number: `.` `,` `'` `’`, no-break and
  /// thin spaces (French and Swiss thousands).
  static func isNumberSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case ".", ",", "'", "\u{2019}", "\u{A0}", "\u{202F}", "\u{2009}": true
    default: false
    }
  }
}
