internal import CLibXML2

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
