public import Foundation
import TMX

/// Who makes an edit, and when: what `changeid` and `changedate` record on touched beads.
public struct EditStamp: Sendable, Hashable {
  public var user: String
  /// `YYYYMMDDThhmmssZ`, UTC.
  public var date: String

  public init(user: String, date: Date) {
    self.user = user
    self.date = Self.tmxDate(date)
  }

  /// Formats a moment as a TMX date, `YYYYMMDDThhmmssZ` in UTC.
  public static func tmxDate(_ date: Date) -> String {
    TMXDate.format(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
  }
}

/// The outcome of one edit: the new document and what changed, in words.
public struct EditResult: Sendable, Hashable {
  public var document: AlignedDocument
  /// What changed, for a person, e.g. `merged beads 4 and 5 into bead 4 (2-1)`.
  public var message: String
  /// 0-based index of the bead a reviewer should look at next.
  public var focus: Int
  /// False when the request was valid but changed nothing (e.g. confirming a confirmed bead).
  public var changed: Bool
}

extension AlignedDocument {
  /// Applies one edit and returns the new document; `self` is left as it was.
  ///
  /// Touched beads become `edited` (or `confirmed`) with the stamp's date and user; new beads get
  /// new ids above every id in use. Throws, changing nothing, when the request makes no sense.
  public func applying(_ operation: EditOperation, stamp: EditStamp) throws(EditError) -> EditResult {
    var editor = BeadEditor(document: self, stamp: stamp)
    let (message, focus) = try editor.apply(operation)
    return EditResult(document: editor.document, message: message, focus: focus, changed: editor.changed)
  }
}

private struct BeadEditor {
  var document: AlignedDocument
  let stamp: EditStamp
  var changed = false
  lazy var nextID: Int = (document.beads.map(\.id).max() ?? 0) + 1

  init(document: AlignedDocument, stamp: EditStamp) {
    self.document = document
    self.stamp = stamp
  }

  var beads: [AlignmentBead] {
    get { document.beads }
    set { document.beads = newValue }
  }

  mutating func apply(_ operation: EditOperation) throws(EditError) -> (String, Int) {
    switch operation {
    case .merge(let bead):
      try check(bead)
      guard bead < beads.count else {
        throw .invalid("bead \(bead) is the last bead; there is none to merge it with")
      }
      let index = try link(bead, bead + 1)
      return ("merged beads \(bead) and \(bead + 1) into bead \(bead) (\(beads[index].type))", index)
    case .link(let first, let last):
      try check(first)
      try check(last)
      guard first < last else {
        throw .invalid("link needs a later last bead: link \(first) M with M > \(first)")
      }
      let index = try link(first, last)
      return ("linked beads \(first)-\(last) into bead \(first) (\(beads[index].type))", index)
    case .split(let bead, let sourceCount, let targetCount):
      return try split(bead, sourceCount, targetCount)
    case .shift(let bead, let side, let direction):
      return try shift(bead, side, direction)
    case .unlink(let bead):
      return try unlink(bead)
    case .text(let bead, let side, let text):
      return try replaceText(bead, side, text)
    case .confirm(let first, let last), .unconfirm(let first, let last):
      try check(first)
      try check(last)
      let confirming = if case .confirm = operation { true } else { false }
      var count = 0
      for index in (first - 1)..<last {
        let current = beads[index].status
        if confirming ? current == .confirmed : current == .auto { continue }
        beads[index].status = confirming ? .confirmed : .auto
        beads[index].changeDate = stamp.date
        beads[index].changeUser = stamp.user
        count += 1
      }
      changed = count > 0
      let what = first == last ? "bead \(first)" : "beads \(first)-\(last)"
      let verb = confirming ? "confirmed" : "unconfirmed"
      let message =
        count == 0
        ? "\(what) already \(confirming ? "confirmed" : "auto"); nothing changed"
        : "\(verb) \(what)" + (count < last - first + 1 ? " (\(count) changed)" : "")
      return (message, first - 1)
    }
  }

  func check(_ bead: Int) throws(EditError) {
    guard bead >= 1, bead <= beads.count else { throw .beadOutOfRange(bead: bead, count: beads.count) }
  }

  func touched(_ bead: AlignmentBead) -> AlignmentBead {
    var bead = bead
    bead.status = .edited
    bead.changeDate = stamp.date
    bead.changeUser = stamp.user
    bead.cost = 0
    bead.confidence = 1
    return bead
  }

  mutating func link(_ first: Int, _ last: Int) throws(EditError) -> Int {
    let head = beads[first - 1]
    let tail = beads[last - 1]
    var joined = head
    joined.source = head.source.lowerBound..<tail.source.upperBound
    joined.target = head.target.lowerBound..<tail.target.upperBound
    beads.replaceSubrange((first - 1)..<last, with: [touched(joined)])
    changed = true
    return first - 1
  }

  mutating func split(_ bead: Int, _ sourceCount: Int, _ targetCount: Int) throws(EditError) -> (String, Int)
  {
    try check(bead)
    let old = beads[bead - 1]
    guard sourceCount <= old.source.count else {
      throw .invalid("bead \(bead) has \(old.source.count) source sentence(s); cannot keep \(sourceCount)")
    }
    guard targetCount <= old.target.count else {
      throw .invalid("bead \(bead) has \(old.target.count) target sentence(s); cannot keep \(targetCount)")
    }
    guard sourceCount + targetCount > 0 else {
      throw .invalid(
        "split \(bead) --source 0 --target 0 would leave bead \(bead) empty; keep at least one sentence")
    }
    guard sourceCount < old.source.count || targetCount < old.target.count else {
      throw .invalid("split \(bead) keeps every sentence; nothing is left for a new bead")
    }
    var first = old
    first.source = old.source.lowerBound..<(old.source.lowerBound + sourceCount)
    first.target = old.target.lowerBound..<(old.target.lowerBound + targetCount)
    var second = old
    second.id = nextID
    nextID += 1
    second.source = first.source.upperBound..<old.source.upperBound
    second.target = first.target.upperBound..<old.target.upperBound
    beads.replaceSubrange((bead - 1)..<bead, with: [touched(first), touched(second)])
    changed = true
    return ("split bead \(bead) into \(bead) (\(first.type)) and \(bead + 1) (\(second.type))", bead - 1)
  }

  mutating func shift(_ bead: Int, _ side: AlignmentSide, _ direction: ShiftDirection) throws(EditError)
    -> (String, Int)
  {
    try check(bead)
    let from = bead - 1
    let to = direction == .up ? from - 1 : from + 1
    guard to >= 0, to < beads.count else {
      throw .invalid(
        "bead \(bead) is the \(direction == .up ? "first" : "last") bead; there is no bead "
          + "\(direction == .up ? "before" : "after") it to shift into")
    }
    let moving = side == .source ? beads[from].source : beads[from].target
    guard !moving.isEmpty else { throw .invalid("bead \(bead) has no \(side.rawValue) sentence to shift") }
    var giver = beads[from]
    var taker = beads[to]
    func move(_ giverRange: inout Range<Int>, _ takerRange: inout Range<Int>) {
      if direction == .up {
        giverRange = (giverRange.lowerBound + 1)..<giverRange.upperBound
        takerRange = takerRange.lowerBound..<(takerRange.upperBound + 1)
      } else {
        giverRange = giverRange.lowerBound..<(giverRange.upperBound - 1)
        takerRange = (takerRange.lowerBound - 1)..<takerRange.upperBound
      }
    }
    if side == .source { move(&giver.source, &taker.source) } else { move(&giver.target, &taker.target) }
    beads[from] = touched(giver)
    beads[to] = touched(taker)
    changed = true
    var message =
      "moved the \(direction == .up ? "first" : "last") \(side.rawValue) sentence of bead \(bead) "
      + "into bead \(to + 1) (now \(taker.type))"
    if giver.source.isEmpty && giver.target.isEmpty {
      beads.remove(at: from)
      message += "; bead \(bead) was left empty and is gone"
      return (message, min(to, from))
    }
    return (message + "; bead \(bead) is now \(giver.type)", from)
  }

  mutating func unlink(_ bead: Int) throws(EditError) -> (String, Int) {
    try check(bead)
    let old = beads[bead - 1]
    guard old.source.count + old.target.count > 1 else {
      throw .invalid("bead \(bead) (\(old.type)) is already unlinked")
    }
    var pieces: [AlignmentBead] = []
    for index in old.source {
      var piece = old
      piece.source = index..<(index + 1)
      piece.target = old.target.lowerBound..<old.target.lowerBound
      pieces.append(piece)
    }
    for index in old.target {
      var piece = old
      piece.source = old.source.upperBound..<old.source.upperBound
      piece.target = index..<(index + 1)
      pieces.append(piece)
    }
    for position in pieces.indices.dropFirst() {
      pieces[position].id = nextID
      nextID += 1
    }
    beads.replaceSubrange((bead - 1)..<bead, with: pieces.map(touched))
    changed = true
    return ("unlinked bead \(bead) (\(old.type)) into beads \(bead)-\(bead + pieces.count - 1)", bead - 1)
  }

  mutating func replaceText(_ bead: Int, _ side: AlignmentSide, _ text: String) throws(EditError) -> (
    String, Int
  ) {
    try check(bead)
    let range = side == .source ? beads[bead - 1].source : beads[bead - 1].target
    guard range.count == 1 else {
      throw .invalid(
        "bead \(bead) has \(range.count) \(side.rawValue) sentences; text edits work on a "
          + "one-sentence side (split or unlink the bead first)")
    }
    let clean = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard !clean.isEmpty else {
      throw .invalid("the new \(side.rawValue) text of bead \(bead) is empty; a sentence cannot be deleted")
    }
    // White space is folded above; any other control character (or U+FFFE, U+FFFF) is one a TMX
    // cannot carry: the save would fail, so the request is refused with the character named.
    if let bad = clean.unicodeScalars.first(where: {
      $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF
    }) {
      let code = String(bad.value, radix: 16, uppercase: true)
      throw .invalid(
        "the new \(side.rawValue) text of bead \(bead) holds U+\(String(repeating: "0", count: max(0, 4 - code.count)))"
          + "\(code), a control character a TMX cannot carry; remove it")
    }
    let index = range.lowerBound
    let old = side == .source ? document.source[index].text : document.target[index].text
    guard old != clean else { return ("the \(side.rawValue) text of bead \(bead) is unchanged", bead - 1) }
    if side == .source { document.source[index].text = clean } else { document.target[index].text = clean }
    beads[bead - 1] = touched(beads[bead - 1])
    changed = true
    return ("replaced the \(side.rawValue) text of bead \(bead)", bead - 1)
  }
}

extension AlignedDocument {
  /// Whether bead `index` (0-based) deserves a look: not confirmed, and below `minConfidence` or
  /// not 1-1.
  public func isSuspicious(_ index: Int, minConfidence: Double = 0.5) -> Bool {
    let bead = beads[index]
    return bead.status != .confirmed && (bead.confidence < minConfidence || bead.type != .oneToOne)
  }

  /// The first suspicious bead after `index` (wrapping around), or nil if there is none.
  public func nextSuspicious(after index: Int, minConfidence: Double = 0.5) -> Int? {
    guard !beads.isEmpty else { return nil }
    for step in 1...beads.count {
      let candidate = (index + step) % beads.count
      if isSuspicious(candidate, minConfidence: minConfidence) { return candidate }
    }
    return nil
  }
}
