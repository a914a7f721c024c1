/// Case and diacritic folding and light stemming, shared by both sides of the anchor ID space.
public enum TextFolding {
  /// Lower-cases `text` and removes diacritics (`Ë` → `e`, `ĳ` → `ij`, `ß` → `ss`, `œ` → `oe`);
  /// combining marks are dropped; other scripts pass through lower-cased.
  public static func fold(_ text: String) -> String {
    var ascii = true
    var hasUpper = false
    for byte in text.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
    }
    if ascii {
      guard hasUpper else { return text }
      return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }
    // Built as UTF-8 bytes: appending to a String.UnicodeScalarView scalar by scalar cost more
    // than the lower-casing.
    var result: [UInt8] = []
    result.reserveCapacity(text.utf8.count + 4)
    for scalar in text.lowercased().unicodeScalars {
      appendFolded(scalar, to: &result)
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// Appends the UTF-8 of the folded form of one (already lower-cased) scalar.
  static func appendFolded(_ scalar: Unicode.Scalar, to result: inout [UInt8]) {
    let value = scalar.value
    if value < 0x80 {
      result.append(UInt8(value))
      return
    }
    if value < 0xC0 || value > 0x17F {
      if !(0x300...0x36F).contains(value) { UTF8.encode(scalar) { result.append($0) } }
      return
    }
    let replacement = value <= 0xFF ? latin1[Int(value - 0xC0)] : latinExtendedA[Int(value - 0x100)]
    switch replacement {
    case "_": UTF8.encode(scalar) { result.append($0) }
    case "1": result.append(contentsOf: "ij".utf8)
    case "2": result.append(contentsOf: "oe".utf8)
    case "3": result.append(contentsOf: "ae".utf8)
    case "4": result.append(contentsOf: "th".utf8)
    case "5": result.append(contentsOf: "ss".utf8)
    default: result.append(UInt8(replacement.value))
    }
  }

  // Base letters for U+00C0...U+00FF and U+0100...U+017F; digits stand for two-letter
  // expansions (1 ij, 2 oe, 3 ae, 4 th, 5 ss) and `_` for "keep as is" (× ÷).
  private static let latin1 = Array(
    "aaaaaa3ceeeeiiiidnooooo_ouuuuy45aaaaaa3ceeeeiiiidnooooo_ouuuuy4y".unicodeScalars)
  private static let latinExtendedA = Array(
    ("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllllnnnnnnnnnoooooo22"
      + "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs").unicodeScalars)

  /// A folded word reduced to a crude stem so that inflected forms meet: plural and a few
  /// inflectional endings of `language` (`en`: policies → policy, migrants → migrant).
  ///
  /// Used on the target side of the lexicon anchors, for the text's words and the dictionary's
  /// translations alike, so over-stemming costs little.
  public static func stem(_ folded: String, language: String) -> String {
    let word = Array(folded.utf8)
    guard word.count > 3 else { return folded }
    func drop(_ count: Int, adding suffix: String = "") -> String {
      String(decoding: word.dropLast(count), as: UTF8.self) + suffix
    }
    func ends(_ suffix: String) -> Bool { word.count > suffix.utf8.count + 2 && word.ends(with: suffix.utf8) }
    switch language {
    case "en":
      if ends("ies") { return drop(3, adding: "y") }
      if ends("sses") || ends("ches") || ends("shes") || ends("xes") { return drop(2) }
      if ends("ss") || ends("us") || ends("is") { return folded }
      if ends("s") { return drop(1) }
    case "nl":
      if ends("'s") { return drop(2) }
      if ends("en") { return drop(2) }
      if ends("s") || ends("e") { return drop(1) }
    case "de":
      if ends("en") || ends("er") || ends("es") { return drop(2) }
      if ends("e") || ends("n") || ends("s") { return drop(1) }
    case "fr":
      if ends("aux") { return drop(3, adding: "al") }
      if ends("es") { return drop(2) }
      if ends("s") || ends("x") || ends("e") { return drop(1) }
    default:
      if ends("s") && !ends("ss") { return drop(1) }
    }
    return folded
  }
}

extension Array where Element == UInt8 {
  fileprivate func ends(with suffix: String.UTF8View) -> Bool {
    guard count >= suffix.count else { return false }
    var index = count - suffix.count
    for byte in suffix {
      guard self[index] == byte else { return false }
      index += 1
    }
    return true
  }
}
