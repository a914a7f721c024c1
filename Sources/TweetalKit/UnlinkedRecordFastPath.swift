import Segmenter
import TMX

/// One pass over an unlinked record's bytes (``UnlinkedRecord``), for the records Tweetal writes:
/// ASCII `name=value` fields with known names, plain digits, comma lists. It fills the bead and
/// cuts the text prop into sentences without the field list, the comma-to-space copies and the
/// per-list splits of ``AlignmentDecoder``'s general path, and gives `nil` for anything else
/// (another field, a sign, an empty list item, any check that fails), which the general path then
/// decodes or refuses with its error. So a record gives exactly what the general path gives.
struct UnlinkedRecordFastPath {
  /// Byte ranges of the fields a record has, in the value's UTF-8.
  private enum Field: Int, CaseIterable {
    case tuid, bead, status, confidence, cost, sourceRange, targetRange, lengths, kinds, blocks, spans
    case creationDate, changeDate, changeID

    static func named(_ name: UnsafeBufferPointer<UInt8>.SubSequence) -> Field? {
      // Compared index by index: the generic `elementsEqual` over a slice was 3 % of an export.
      func equals(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { bytes in
          guard bytes.count == name.count else { return false }
          var index = name.startIndex
          for byte in bytes {
            guard name[index] == byte else { return false }
            index += 1
          }
          return true
        }
      }
      switch name.count {
      case 4: return equals("tuid") ? .tuid : equals("bead") ? .bead : equals("cost") ? .cost : nil
      case 6: return equals("status") ? .status : equals("blocks") ? .blocks : nil
      case 10: return equals("confidence") ? .confidence : equals("changedate") ? .changeDate : nil
      case 7: return equals("lengths") ? .lengths : nil
      case 5: return equals("kinds") ? .kinds : equals("spans") ? .spans : nil
      case 12:
        if equals("source-range") { return .sourceRange }
        if equals("target-range") { return .targetRange }
        return equals("creationdate") ? .creationDate : nil
      case 8: return equals("changeid") ? .changeID : nil
      default: return nil
      }
    }
  }

  /// The bead of `record` with the sentences of `text` (the record's text prop) on its non-empty
  /// side, named `host` in errors; `nil` when the record is not in the plain form or a check
  /// fails. `isNew` says whether a tuid has not been seen; it is asked last, once all else holds.
  /// Unless `cuts`, the text is checked against the lengths but no sentence is made (the piece
  /// has none).
  static func piece(
    record: String, text: Property, host: String, metadata: AlignmentMetadata, cuts: Bool = true,
    isNew: (Int) -> Bool
  ) -> AlignmentDecoder.Piece? {
    record.utf8.withContiguousStorageIfAvailable { record -> AlignmentDecoder.Piece? in
      text.value.utf8.withContiguousStorageIfAvailable { value -> AlignmentDecoder.Piece? in
        piece(
          record: record, text: value, language: text.language, host: host, metadata: metadata, cuts: cuts,
          isNew: isNew)
      } ?? nil
    } ?? nil
  }

  /// ``piece(record:text:host:metadata:cuts:isNew:)`` of the UTF-8 bytes of a record and of its
  /// text prop's value (in `language`), as a streaming read hands them over.
  static func piece(
    record: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>, language: String?, host: String,
    metadata: AlignmentMetadata, cuts: Bool, isNew: (Int) -> Bool
  ) -> AlignmentDecoder.Piece? {
    // The fields' ranges on the stack: an array per record was 2 % of an export.
    withUnsafeTemporaryAllocation(of: Range<Int>?.self, capacity: Field.allCases.count) { fields in
      fields.initialize(repeating: nil)
      return decode(
        record, fields: fields, text: text, language: language, host: host, metadata: metadata, cuts: cuts,
        isNew: isNew)
    }
  }

  private static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, fields: UnsafeMutableBufferPointer<Range<Int>?>,
    text: UnsafeBufferPointer<UInt8>, language: String?, host: String, metadata: AlignmentMetadata,
    cuts: Bool,
    isNew: (Int) -> Bool
  ) -> AlignmentDecoder.Piece? {
    var start = 0
    while start <= bytes.count {
      var end = start
      var equals = -1
      while end < bytes.count, bytes[end] != UInt8(ascii: " ") {
        if bytes[end] >= 0x80 { return nil }
        if equals < 0, bytes[end] == UInt8(ascii: "=") { equals = end }
        end += 1
      }
      guard equals > start, let field = Field.named(bytes[start..<equals]), fields[field.rawValue] == nil
      else { return nil }
      fields[field.rawValue] = equals + 1..<end
      start = end + 1
    }
    func value(_ field: Field) -> UnsafeBufferPointer<UInt8>.SubSequence? {
      fields[field.rawValue].map { bytes[$0] }
    }
    func string(_ field: Field) -> String? { value(field).map { String(decoding: $0, as: UTF8.self) } }

    guard let tuidBytes = value(.tuid), let id = integer(tuidBytes),
      let status = string(.status).flatMap(BeadStatus.init(rawValue:)),
      let confidence = value(.confidence).flatMap(number), let cost = value(.cost).flatMap(number),
      let source = value(.sourceRange).flatMap(range), let target = value(.targetRange).flatMap(range)
    else { return nil }
    var bead = AlignmentBead(
      source: source, target: target, cost: cost, confidence: confidence, status: status, id: id)
    guard let type = value(.bead), isBeadType(type, source: source.count, target: target.count),
      source.isEmpty != target.isEmpty
    else { return nil }
    let isSource = !source.isEmpty
    let count = isSource ? source.count : target.count
    // The lists are checked in place; arrays are made only for sentences that are cut.
    guard language == (isSource ? metadata.sourceLanguage : metadata.targetLanguage),
      let lengthList = value(.lengths), itemCount(lengthList, item: integer) == count,
      let kindList = value(.kinds), itemCount(kindList, item: kind) == count,
      let blockList = value(.blocks), itemCount(blockList, item: integer) == count,
      value(.spans).map({ itemCount($0, item: span) == count }) ?? true
    else { return nil }
    if let encoded = string(.changeID) {
      guard let decoded = UnlinkedRecord.percentDecoded(encoded) else { return nil }
      bead.changeUser = decoded
    }
    bead.changeDate = string(.changeDate)
    bead.creationDate = string(.creationDate)
    var sentences: [Sentence] = []
    if cuts {
      guard let lengths = list(lengthList, item: integer), let kinds = list(kindList, item: kind),
        let blocks = list(blockList, item: integer),
        let spans = value(.spans).map({ list($0, item: span) }) ?? Array(repeating: nil, count: count),
        let cut = cut(text, lengths: lengths, kinds: kinds, blocks: blocks, spans: spans)
      else { return nil }
      sentences = cut
    } else {
      guard fits(text, lengths: lengthList) else { return nil }
    }
    guard isNew(id) else { return nil }
    return AlignmentDecoder.Piece(
      bead: bead, name: .unlinked(tuid: String(decoding: tuidBytes, as: UTF8.self), host: host),
      source: isSource ? sentences : [], target: isSource ? [] : sentences)
  }

  /// Plain digits (what `Int` reads the same way), at most 18 of them.
  private static func integer(_ digits: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
    guard !digits.isEmpty, digits.count <= 18 else { return nil }
    var result = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      result = result * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return result
  }

  /// A number as ``TMXForm/number(_:)`` reads it. Plain digits with at most one point and 15
  /// digits in all (`0.5000`, what Tweetal writes) are read here: the digits make an integer
  /// below 2^53 and the power of ten is exact, so one division rounds once, as `Double(_:)` does;
  /// anything else is left to ``TMXForm/number(_:)``.
  static func number(_ text: UnsafeBufferPointer<UInt8>.SubSequence) -> Double? {
    var mantissa = 0
    var digits = 0
    var decimals = -1
    for byte in text {
      if byte == UInt8(ascii: "."), decimals < 0, digits > 0 {
        decimals = 0
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 else {
        return TMXForm.number(String(decoding: text, as: UTF8.self))
      }
      mantissa = mantissa * 10 + Int(byte - UInt8(ascii: "0"))
      digits += 1
      if decimals >= 0 { decimals += 1 }
    }
    guard digits > 0, decimals != 0 else { return TMXForm.number(String(decoding: text, as: UTF8.self)) }
    return Double(mantissa) / powersOfTen[max(0, decimals)]
  }

  private static let powersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// Whether `text` is the ``BeadType/description`` of a bead with `source` and `target`
  /// sentences (`1-0`), compared without building that string.
  private static func isBeadType(_ text: UnsafeBufferPointer<UInt8>.SubSequence, source: Int, target: Int)
    -> Bool
  {
    guard let dash = text.firstIndex(of: UInt8(ascii: "-")) else { return false }
    return isDecimal(text[..<dash], source) && isDecimal(text[(dash + 1)...], target)
  }

  /// Whether `digits` is `value` as `String(value)` writes it (no sign, no leading zero).
  private static func isDecimal(_ digits: UnsafeBufferPointer<UInt8>.SubSequence, _ value: Int) -> Bool {
    guard value >= 0, let first = digits.first, first != UInt8(ascii: "0") || digits.count == 1 else {
      return false
    }
    return integer(digits) == value
  }

  /// `start:end` in plain digits, start ≤ end (``TMXForm/parseRange(_:)``).
  private static func range(_ text: UnsafeBufferPointer<UInt8>.SubSequence) -> Range<Int>? {
    guard let colon = text.firstIndex(of: UInt8(ascii: ":")), let lower = integer(text[..<colon]),
      let upper = integer(text[(colon + 1)...]), lower <= upper
    else { return nil }
    return lower..<upper
  }

  private static func span(_ text: UnsafeBufferPointer<UInt8>.SubSequence) -> Range<Int>?? {
    if text.count == 1, text.first == UInt8(ascii: "-") { return .some(nil) }
    return range(text).map { .some($0) }
  }

  private static func kind(_ text: UnsafeBufferPointer<UInt8>.SubSequence) -> UnitKind? {
    UnitKind(rawValue: String(decoding: text, as: UTF8.self))
  }

  /// The comma-separated items of `text`, each read by `item`; `nil` when one does not read.
  private static func list<Item>(
    _ text: UnsafeBufferPointer<UInt8>.SubSequence, item: (UnsafeBufferPointer<UInt8>.SubSequence) -> Item?
  ) -> [Item]? {
    var result: [Item] = []
    var start = text.startIndex
    while true {
      let end = text[start...].firstIndex(of: UInt8(ascii: ",")) ?? text.endIndex
      guard let value = item(text[start..<end]) else { return nil }
      result.append(value)
      if end == text.endIndex { return result }
      start = end + 1
    }
  }

  /// How many comma-separated items `text` has; `nil` when one does not read with `item`.
  private static func itemCount<Item>(
    _ text: UnsafeBufferPointer<UInt8>.SubSequence, item: (UnsafeBufferPointer<UInt8>.SubSequence) -> Item?
  ) -> Int? {
    var count = 0
    var start = text.startIndex
    while true {
      let end = text[start...].firstIndex(of: UInt8(ascii: ",")) ?? text.endIndex
      guard item(text[start..<end]) != nil else { return nil }
      count += 1
      if end == text.endIndex { return count }
      start = end + 1
    }
  }

  /// The text cut into sentences of `lengths` Unicode scalars, one space between them; `nil`
  /// when the lengths do not fit the text.
  private static func cut(
    _ bytes: UnsafeBufferPointer<UInt8>, lengths: [Int], kinds: [UnitKind], blocks: [Int],
    spans: [Range<Int>?]
  ) -> [Sentence]? {
    for index in lengths.indices where !Sentence.canStore(block: blocks[index], span: spans[index]) {
      return nil
    }
    var sentences: [Sentence] = []
    sentences.reserveCapacity(lengths.count)
    var offset = 0
    for index in lengths.indices {
      let start = index == 0 ? 0 : offset + 1
      guard index == 0 || (offset < bytes.count && bytes[offset] == UInt8(ascii: " ")),
        let end = scalarsEnd(bytes, from: start, count: lengths[index])
      else { return nil }
      sentences.append(
        Sentence(
          text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
          kind: kinds[index], block: blocks[index], span: spans[index]))
      offset = end
    }
    return offset == bytes.count ? sentences : nil
  }

  /// Whether the text is sentences of the (comma-separated) `lengths` in Unicode scalars, one
  /// space between them: ``cut(_:lengths:kinds:blocks:spans:)``'s check, without the sentences.
  private static func fits(
    _ bytes: UnsafeBufferPointer<UInt8>, lengths: UnsafeBufferPointer<UInt8>.SubSequence
  )
    -> Bool
  {
    var offset = 0
    var itemStart = lengths.startIndex
    while true {
      let itemEnd = lengths[itemStart...].firstIndex(of: UInt8(ascii: ",")) ?? lengths.endIndex
      let isFirst = itemStart == lengths.startIndex
      let start = isFirst ? 0 : offset + 1
      guard isFirst || (offset < bytes.count && bytes[offset] == UInt8(ascii: " ")),
        let length = integer(lengths[itemStart..<itemEnd]),
        let end = scalarsEnd(bytes, from: start, count: length)
      else { return false }
      offset = end
      if itemEnd == lengths.endIndex { return offset == bytes.count }
      itemStart = itemEnd + 1
    }
  }

  /// The offset `count` Unicode scalars after `start` (a scalar's first byte) in UTF-8 `bytes`;
  /// `nil` past their end.
  private static func scalarsEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int? {
    var offset = start
    var remaining = count
    while remaining > 0 {
      guard offset < bytes.count else { return nil }
      offset += 1
      // Past the scalar's continuation bytes.
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }
}
