/// One token of a sentence, as the extractor sees it.
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
  /// The token's text as written.
  var text: String
  /// Whether whitespace (or the start of the text) comes right before the token.
  var spaceBefore: Bool

  var symbol: Unicode.Scalar? { kind == .symbol ? text.unicodeScalars.first : nil }
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
  static func mayHoldAddress(_ utf8: [UInt8]) -> Bool {
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

  /// The first URL or e-mail address inside one whitespace-free chunk.
  private static func address(in scalars: [Unicode.Scalar], _ chunk: Range<Int>) -> (Range<Int>, String)? {
    let text = String(String.UnicodeScalarView(scalars[chunk])).lowercased()
    let chars = Array(text.unicodeScalars)
    guard chars.count == chunk.count else { return nil }
    let delimiters: Set<Unicode.Scalar> = ["<", ">", "\"", "'", "(", ")", "[", "]", "{", "}", "*"]
    let trailing: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?"]
    var begin: Int?
    for marker in ["https://", "http://", "ftp://", "www."] {
      if let found = find(Array(marker.unicodeScalars), in: chars) {
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
    var address = String(String.UnicodeScalarView(chars[first..<last]))
    for scheme in ["https://", "http://", "ftp://", "mailto:", "www."] where address.hasPrefix(scheme) {
      address.removeFirst(scheme.count)
    }
    while address.hasSuffix("/") { address.removeLast() }
    guard address.count >= 4 else { return nil }
    return (chunk.lowerBound + first..<chunk.lowerBound + last, address)
  }

  private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<start + needle.count].elementsEqual(needle) {
      return start
    }
    return nil
  }

  /// Words, numbers and symbols; whitespace only sets `spaceBefore`.
  static func tokens(_ scalars: [Unicode.Scalar]) -> [AnchorToken] {
    var utf8: [UInt8] = []
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    for scalar in scalars {
      offsets.append(utf8.count)
      UTF8.encode(scalar) { utf8.append($0) }
    }
    offsets.append(utf8.count)
    return tokens(scalars, utf8: utf8, offsets: offsets)
  }

  /// Tokens of `scalars`, whose UTF-8 encoding is `utf8` with scalar `i` at `offsets[i]`
  /// (`offsets` has one more element, the end): token texts are copied from `utf8`.
  static func tokens(_ scalars: [Unicode.Scalar], utf8: [UInt8], offsets: [Int]) -> [AnchorToken] {
    var tokens: [AnchorToken] = []
    tokens.reserveCapacity(scalars.count / 4 + 4)
    var index = 0
    var space = true
    while index < scalars.count {
      let scalar = scalars[index]
      if isSpace(scalar) {
        space = true
        index += 1
        continue
      }
      let start = index
      let kind: AnchorToken.Kind
      if isDigit(scalar) {
        kind = .number
        index += 1
        while index < scalars.count {
          if isDigit(scalars[index]) {
            index += 1
          } else if isNumberSeparator(scalars[index]), index + 1 < scalars.count, isDigit(scalars[index + 1])
          {
            index += 2
          } else {
            break
          }
        }
      } else if isLetter(scalar) {
        kind = .word
        index += 1
        while index < scalars.count && (isLetter(scalars[index]) || isMark(scalars[index])) { index += 1 }
      } else {
        kind = .symbol
        index += 1
      }
      let text = String(decoding: utf8[offsets[start]..<offsets[index]], as: UTF8.self)
      tokens.append(AnchorToken(kind: kind, text: text, spaceBefore: space))
      space = false
    }
    return tokens
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
