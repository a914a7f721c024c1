/// TMX dates (`YYYYMMDDThhmmssZ`, UTC) from seconds since 1970, without a calendar library.
public enum TMXDate {
  /// `20261124T040000Z` for the given Unix time (seconds since 1970-01-01 UTC).
  public static func string(fromEpochSeconds seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Howard Hinnant's days-to-civil algorithm.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
      + pad(secondOfDay % 3600 / 60, 2) + pad(secondOfDay % 60, 2) + "Z"
  }

  /// Whether `text` has the shape `YYYYMMDDThhmmssZ`.
  public static func isValid(_ text: String) -> Bool {
    let characters = Array(text)
    guard characters.count == 16, characters[8] == "T", characters[15] == "Z" else { return false }
    return characters.enumerated().allSatisfy { index, character in
      index == 8 || index == 15 || character.isASCII && character.isNumber
    }
  }
}
