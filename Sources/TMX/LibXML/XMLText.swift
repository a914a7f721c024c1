internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Calls `body` with `text` as a NUL-terminated `xmlChar` string.
func withXMLChars<Result>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
  text.withCString { pointer in
    pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
  }
}

/// A Swift string from a libxml2 string (always UTF-8); `nil` stays `nil`.
func string(fromXML pointer: UnsafePointer<xmlChar>?) -> String? {
  guard let pointer else { return nil }
  return pointer.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
}

/// Whether the libxml2 string at `pointer` is exactly `literal`, compared byte by byte without
/// making a Swift string (for element names in the parser's hooks, called for every element).
func xmlString(_ pointer: UnsafePointer<xmlChar>?, is literal: StaticString) -> Bool {
  guard let pointer else { return false }
  return literal.withUTF8Buffer { bytes in
    for (offset, byte) in bytes.enumerated() where pointer[offset] != byte { return false }
    return pointer[bytes.count] == 0
  }
}

/// Whether two libxml2 strings are equal (both `nil` counts as equal, one `nil` as different).
func xmlStringsEqual(_ first: UnsafePointer<xmlChar>?, _ second: UnsafePointer<xmlChar>?) -> Bool {
  guard let first, let second else { return first == nil && second == nil }
  return strcmp(
    UnsafeRawPointer(first).assumingMemoryBound(to: CChar.self),
    UnsafeRawPointer(second).assumingMemoryBound(to: CChar.self)) == 0
}
