/// TMX dates: `YYYYMMDDThhmmssZ` in UTC, converted from and to seconds since 1970-01-01 00:00:00 UTC.
///
/// Pure arithmetic on the proleptic Gregorian calendar (no Foundation, no time zones), so the
/// same seconds always give the same text.
public enum TMXDate {
  /// Formats `seconds` since 1970 (UTC) as `YYYYMMDDThhmmssZ`, e.g. `20240131T235959Z`.
  ///
  /// Years outside 0...9999 cannot be written in this form and are clamped to that range.
  public static func format(secondsSince1970 seconds: Int64) -> String {
    let lowest: Int64 = -62_167_219_200  // 0000-01-01T00:00:00Z
    let highest: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z
    let clamped = min(max(seconds, lowest), highest)
    let days = floorDivide(clamped, 86_400)
    let secondOfDay = clamped - days * 86_400
    let (year, month, day) = civilDate(fromDays: days)
    return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
      + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
  }

  /// Parses `YYYYMMDDThhmmssZ` into seconds since 1970 (UTC); `nil` when the text is not
  /// exactly in that form or names a date or time that does not exist (`20230230T...`).
  public static func parse(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for byte in bytes[range] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
      let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
      (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let days = days(fromYear: year, month: month, day: day)
    return days * 86_400 + hour * 3600 + minute * 60 + second
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  private static func isLeap(_ year: Int64) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
  private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = floorDivide(shiftedYear, 400)
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
  private static func civilDate(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let shifted = days + 719_468
    let era = floorDivide(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
