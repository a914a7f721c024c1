/// What detection reads of an XML or HTML file's head (its first bytes, before any parsing):
/// where its first markup starts, past a byte-order mark, white space, the XML declaration and
/// comments, and the name of its first element. One owner for the readers that detect by the
/// root element (HTML, flat OpenDocument) and for ``Document``'s refusal of XML it cannot read.
enum XMLHead {
  /// The head from its first markup that is neither the XML declaration nor a comment; `nil` when
  /// the head ends inside one, or holds something other than markup before it.
  static func firstMarkup(_ head: [UInt8]) -> ArraySlice<UInt8>? {
    var rest = head[...]
    if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
    while true {
      rest = rest.drop(while: isSpace)
      let close: [UInt8]
      if rest.starts(with: Array("<?xml".utf8)) || rest.starts(with: Array("<?XML".utf8)) {
        close = Array("?>".utf8)
      } else if rest.starts(with: Array("<!--".utf8)) {
        close = Array("-->".utf8)
      } else {
        return rest.first == UInt8(ascii: "<") ? rest : nil
      }
      guard let end = find(close, in: rest) else { return nil }
      rest = rest[end...]
    }
  }

  /// Whether the head opens with an XML declaration (`<?xml`, after a byte-order mark and white
  /// space): the file says it is XML.
  static func declaresXML(_ head: [UInt8]) -> Bool {
    var rest = head[...]
    if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
    rest = rest.drop(while: isSpace)
    return rest.starts(with: Array("<?xml ".utf8)) || rest.starts(with: Array("<?xml\t".utf8))
      || rest.starts(with: Array("<?xml\n".utf8)) || rest.starts(with: Array("<?xml\r".utf8))
  }

  /// The qualified name of the first element (`office:document`, `html`), past a DOCTYPE and
  /// processing instructions; `nil` when the head shows none.
  static func rootName(_ head: [UInt8]) -> String? {
    guard var rest = firstMarkup(head) else { return nil }
    while rest.starts(with: Array("<!".utf8)) || rest.starts(with: Array("<?".utf8)) {
      guard let end = rest.firstIndex(of: UInt8(ascii: ">")) else { return nil }
      rest = rest[(end + 1)...].drop(while: isSpace)
      if rest.starts(with: Array("<!--".utf8)) {
        guard let end = find(Array("-->".utf8), in: rest) else { return nil }
        rest = rest[end...].drop(while: isSpace)
      }
    }
    guard rest.first == UInt8(ascii: "<") else { return nil }
    let name = rest.dropFirst().prefix {
      !(isSpace($0) || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/"))
    }
    guard let first = name.first, first >= 0x41 || first == UInt8(ascii: "_") else { return nil }
    return String(decoding: name, as: UTF8.self)
  }

  /// Whether `head`'s first element has one of the local names `locals` (under any prefix) and
  /// `namespace` is declared in the head: a format known by its root (flat ODT, Word XML).
  static func hasRoot(_ head: [UInt8], named locals: Set<String>, declaring namespace: String) -> Bool {
    guard let root = rootName(head) else { return false }
    let local = root.split(separator: ":").last.map(String.init) ?? root
    return locals.contains(local) && contains(head, Array(namespace.utf8))
  }

  /// XML white space: space, tab, line feed, carriage return.
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  /// Whether `needle` occurs in `head`.
  static func contains(_ head: [UInt8], _ needle: [UInt8]) -> Bool {
    find(needle, in: head[...]) != nil
  }

  /// The index just past the first `needle` in `bytes`.
  static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    var index = bytes.startIndex
    while index + needle.count <= bytes.endIndex {
      if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return index + needle.count
      }
      index += 1
    }
    return nil
  }
}
