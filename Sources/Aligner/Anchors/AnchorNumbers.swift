/// Reading numbers and dates in Dutch, English, German and French formats.
enum AnchorNumbers {
  /// What a number token means.
  enum Value: Equatable {
    /// A whole number, without leading zeros; `grouped` if written with thousands separators.
    case integer(String, grouped: Bool)
    /// A decimal number, canonical form `1.5` (point, no trailing zeros).
    case decimal(String)
    /// Digit groups that form no number (`3.2.1`, `17.05.2022`): the groups as written.
    case dotted([String])
  }

  /// Reads a number token. A separator followed by exactly three digits after a group of one to
  /// three digits is a thousands separator in any language (`1.000` = `1,000`); otherwise `.` or
  /// `,` is a decimal separator (`1,5` = `1.5`); mixed separators take the last as decimal.
  static func value(of token: String) -> Value {
    // Most numbers are plain digits: no groups to build.
    if token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
      return .integer(trimZeros(token), grouped: false)
    }
    var groups: [String] = [""]
    var separators: [Unicode.Scalar] = []
    for scalar in token.unicodeScalars {
      if AnchorTokenizer.isDigit(scalar) {
        groups[groups.count - 1].unicodeScalars.append(scalar)
      } else {
        separators.append(scalar == "\u{2019}" || scalar == "'" ? "'" : scalar)
        groups.append("")
      }
    }
    if separators.isEmpty { return .integer(trimZeros(token), grouped: false) }
    let thousandsShape =
      (1...3).contains(groups[0].utf8.count) && groups.dropFirst().allSatisfy { $0.utf8.count == 3 }
    let kinds = Set(separators)
    if kinds.count == 1 {
      if thousandsShape && groups[0] != "0" {
        return .integer(trimZeros(groups.joined()), grouped: true)
      }
      if groups.count == 2 && (separators[0] == "." || separators[0] == ",") {
        return decimal(groups[0], groups[1])
      }
      return .dotted(groups)
    }
    if let last = separators.last, separators.filter({ $0 == last }).count == 1, groups.count >= 3 {
      let whole = groups.dropLast()
      let wholeShape =
        (1...3).contains(whole[0].utf8.count) && whole.dropFirst().allSatisfy { $0.utf8.count == 3 }
      if wholeShape, let fraction = groups.last { return decimal(whole.joined(), fraction) }
    }
    return .dotted(groups)
  }

  private static func decimal(_ whole: String, _ fraction: String) -> Value {
    var fraction = Substring(fraction)
    while fraction.last == "0" { fraction.removeLast() }
    let integer = trimZeros(whole)
    return fraction.isEmpty ? .integer(integer, grouped: false) : .decimal(integer + "." + fraction)
  }

  static func trimZeros(_ digits: String) -> String {
    let trimmed = digits.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : String(trimmed)
  }

  /// The day (1...31) a plain number token can be.
  static func day(_ token: AnchorToken) -> Int? {
    guard token.kind == .number, token.byteCount <= 2, token.digitsValue >= 0 else { return nil }
    return (1...31).contains(token.digitsValue) ? token.digitsValue : nil
  }

  /// The year (1000...2999) a plain four-digit number token can be.
  static func year(_ token: AnchorToken) -> Int? {
    guard token.kind == .number, token.byteCount == 4, token.digitsValue >= 0 else { return nil }
    return (1000...2999).contains(token.digitsValue) ? token.digitsValue : nil
  }

  /// Keys for a date: `2022-05-17` and `2022-05` with a year, `05-17` without.
  static func dateKeys(year: Int?, month: Int, days: [Int]) -> [String] {
    let monthText = month < 10 ? "0\(month)" : "\(month)"
    var keys: [String] = []
    for day in days {
      let dayText = day < 10 ? "0\(day)" : "\(day)"
      keys.append(year.map { "\($0)-\(monthText)-\(dayText)" } ?? "\(monthText)-\(dayText)")
    }
    if let year { keys.append("\(year)-\(monthText)") }
    return keys
  }

  /// A numeric date from day, month and year groups (`17.05.2022`, `2022-05-17`, `17/05/2022`),
  /// day first unless the first group is a year or the day-first reading is impossible.
  static func numericDate(_ groups: [String]) -> (year: Int, month: Int, day: Int)? {
    guard groups.count == 3, let a = Int(groups[0]), let b = Int(groups[1]), let c = Int(groups[2]) else {
      return nil
    }
    if groups[0].utf8.count == 4, (1...12).contains(b), (1...31).contains(c) { return (a, b, c) }
    guard groups[2].utf8.count == 4, (1000...2999).contains(c) else { return nil }
    if (1...31).contains(a), (1...12).contains(b) { return (c, b, a) }
    if (1...12).contains(a), (13...31).contains(b) { return (c, a, b) }
    return nil
  }
}
