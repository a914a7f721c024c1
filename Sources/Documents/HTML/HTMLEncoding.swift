import Segmenter

/// The character encoding an HTML page is decoded with, where libxml2's choice would differ from
/// a browser's and lose characters.
///
/// The WHATWG Encoding Standard, which every browser follows, reads the labels `iso-8859-1`,
/// `latin1`, `us-ascii` and their aliases as windows-1252, and so do the pages that declare them:
/// their curly quotes, dashes and euro signs are bytes 0x80–0x9F, which ISO-8859-1 (libxml2's
/// reading of the label, through iconv) makes invisible C1 control characters that the text then
/// loses. A page that declares nothing and is not UTF-8 (its high bytes mostly not UTF-8
/// sequences, ``mostlySingleByte(_:)``) is windows-1252 to a browser in a Dutch or English locale
/// too. One step past browsers: a page that declares UTF-8 and whose high bytes are mostly not
/// UTF-8 (a windows-1252 page under a template's `meta`) is read as windows-1252 too, where a
/// browser shows replacement characters and libxml2 would lose the quotes. For those pages
/// ``libxml2Name(of:)`` names windows-1252; for every other page (a byte-order mark, valid UTF-8,
/// another encoding declared) it returns nil and libxml2 decides as before.
enum HTMLEncoding {
  /// The labels the Encoding Standard maps to windows-1252.
  static let windows1252Labels: Set<String> = [
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
    "x-cp1252",
  ]

  /// How far into the page a declaration is looked for (a long `head` of scripts and styles can
  /// put the `meta` past the Encoding Standard's 1024-byte prescan; libxml2 reads it anywhere).
  static let prescan = 64 << 10

  /// `"WINDOWS-1252"` when a browser would decode `bytes` as windows-1252 and libxml2 would not;
  /// nil otherwise.
  static func libxml2Name(of bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF])
      || bytes.starts(with: [0xFF, 0xFE])
    {
      return nil
    }
    let label = declaredLabel(bytes.prefix(prescan))
    if let label, windows1252Labels.contains(label) { return "WINDOWS-1252" }
    if let label, label != "utf-8" && label != "utf8" { return nil }
    // Undeclared, or declared UTF-8 and not (a page saved by an old editor under a template's
    // UTF-8 `meta`): windows-1252 when its high bytes are mostly not UTF-8 sequences.
    if bytes.withUnsafeBufferPointer(TextLoader.isValidUTF8) { return nil }
    return mostlySingleByte(bytes) ? "WINDOWS-1252" : nil
  }

  /// Whether the bytes above 0x7F of a page that is not valid UTF-8 are mostly not UTF-8
  /// sequences: a windows-1252 page (its accented letters and quotes single bytes), not a UTF-8
  /// page with a stray byte, which windows-1252 would garble throughout (that one stays libxml2's).
  static func mostlySingleByte(_ bytes: [UInt8]) -> Bool {
    var sequences = 0
    var strays = 0
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length =
        lead >= 0xC2 && lead <= 0xDF
        ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
      if length > 0, index + length <= bytes.count,
        bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      {
        sequences += 1
        index += length
      } else {
        strays += 1
        index += 1
      }
    }
    return strays >= sequences
  }

  /// The encoding label the page declares, lower case: the XML declaration's `encoding`, or a
  /// `meta` element's `charset` (its own attribute, or in the `content` of an `http-equiv`
  /// Content-Type); the first found.
  static func declaredLabel(_ head: ArraySlice<UInt8>) -> String? {
    let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }[...]
    var rest = lower[...]
    if lower.drop(while: XMLHead.isSpace).starts(
      with: Array("<?xml".utf8)),
      let end = XMLHead.find(Array("?>".utf8), in: lower)
    {
      let declaration = lower[..<end]
      if let label = value(after: Array("encoding".utf8), in: declaration) { return label }
    }
    while let start = XMLHead.find(Array("<meta".utf8), in: rest) {
      let tag = rest[start...].prefix { $0 != UInt8(ascii: ">") }
      if let label = value(after: Array("charset".utf8), in: tag) { return label }
      rest = rest[(start + tag.count)...]
    }
    return nil
  }

  /// The value after `name`, an `=` and optional quotes, in `bytes`: `charset="utf-8"`,
  /// `charset=utf-8`, `content="text/html; charset=iso-8859-1"`.
  private static func value(after name: [UInt8], in bytes: ArraySlice<UInt8>) -> String? {
    var rest = bytes
    while let end = XMLHead.find(name, in: rest) {
      var after = rest[end...].drop(while: XMLHead.isSpace)
      rest = rest[end...]
      guard after.first == UInt8(ascii: "=") else { continue }
      after = after.dropFirst().drop(while: XMLHead.isSpace)
      if let quote = after.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        after = after.dropFirst()
      }
      let label = after.prefix {
        !(XMLHead.isSpace($0) || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
          || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">"))
      }
      if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
    }
    return nil
  }
}
