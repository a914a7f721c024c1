import Foundation
import TMX

/// How a bead with one empty side (`1-0`, `0-1`, `2-0`, …) is stored in Tweetal's TMX form 2 and 3.
///
/// Such a bead is not a translation pair, so it gets no `<tu>` of its own: an empty `<seg>` would be
/// read by CAT tools as "this sentence translates to nothing" (OmegaT inserts the empty target as
/// the translation of every copy of the sentence). It is written as two props instead, inside the
/// `<tu>` of the next linking bead (after the last one, in the last; with no link at all, in the
/// header):
///
/// ```xml
/// <prop type="x-tweetal-unlinked">tuid=2 bead=1-0 status=auto confidence=0.5000 cost=4.6000
///   source-range=1:2 target-range=1:1 lengths=19 kinds=meta blocks=1</prop>
/// <prop type="x-tweetal-unlinked-text" xml:lang="nl-NL">Geachte voorzitter,</prop>
/// ```
///
/// (one line in the file). Fields are `name=value` separated by one space; `lengths`, `kinds`,
/// `blocks` and (form 3, when known) `spans` give one value per sentence, separated by commas; `creationdate`, `changedate` and
/// `changeid` follow when the bead has them, `changeid` percent-encoded. The text prop holds the
/// side's sentences joined by one space, in the side's language.
enum UnlinkedRecord {
  static let recordType = "x-tweetal-unlinked"
  static let textType = "x-tweetal-unlinked-text"

  /// The two props of an unlinked bead of `document`.
  static func properties(for bead: AlignmentBead, in document: AlignedDocument) -> [Property] {
    let isSource = !bead.source.isEmpty
    let side = isSource ? bead.source : bead.target
    let sentences = (isSource ? document.source : document.target)
    let picked = side.compactMap { sentences.indices.contains($0) ? sentences[$0] : nil }
    var fields = [
      ("tuid", String(bead.id)),
      ("bead", bead.type.description),
      ("status", bead.status.rawValue),
      ("confidence", TMXForm.fixed(bead.confidence)),
      ("cost", TMXForm.fixed(bead.cost)),
      ("source-range", TMXForm.range(bead.source)),
      ("target-range", TMXForm.range(bead.target)),
      ("lengths", picked.map { "\($0.text.unicodeScalars.count)" }.joined(separator: ",")),
      ("kinds", picked.map(\.kind.rawValue).joined(separator: ",")),
      ("blocks", picked.map { "\($0.block)" }.joined(separator: ",")),
    ]
    if let spans = TMXForm.spans(picked, separator: ",") { fields.append(("spans", spans)) }
    if let date = bead.creationDate { fields.append(("creationdate", date)) }
    if let date = bead.changeDate { fields.append(("changedate", date)) }
    if let user = bead.changeUser { fields.append(("changeid", percentEncoded(user))) }
    let language = isSource ? document.metadata.sourceLanguage : document.metadata.targetLanguage
    return [
      Property(type: recordType, value: fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")),
      Property(
        type: textType, value: picked.map(\.text).joined(separator: TMXForm.separator), language: language),
    ]
  }

  /// The fields of a record prop by name, or `nil` when it is not `name=value` pairs.
  static func fields(_ value: String) -> [(name: String, value: String)]? {
    var result: [(name: String, value: String)] = []
    result.reserveCapacity(12)
    let isASCII = value.utf8.allSatisfy { $0 < 0x80 }
    for part in TMXForm.splitFields(value, separator: " ") {
      let equals = isASCII ? part.utf8.firstIndex(of: UInt8(ascii: "=")) : part.firstIndex(of: "=")
      guard let equals, equals != part.startIndex else { return nil }
      let name = String(part[..<equals])
      guard !result.contains(where: { $0.name == name }) else { return nil }
      result.append((name, String(part[part.index(after: equals)...])))
    }
    return result
  }

  /// What ``percentEncoded(_:)`` leaves as it is: ASCII but `%`, space, C0 controls and DEL
  /// (Foundation encodes every character beyond ASCII too).
  private static let unescaped = CharacterSet(charactersIn: "\u{0}"..."\u{20}")
    .union(CharacterSet(charactersIn: "%\u{7F}")).inverted

  /// `value` with `%`, white space, control characters and non-ASCII characters written as `%XX`
  /// (UTF-8 bytes), so that it fits in one space-separated field.
  static func percentEncoded(_ value: String) -> String {
    value.addingPercentEncoding(withAllowedCharacters: unescaped) ?? value
  }

  /// Undoes ``percentEncoded(_:)``; `nil` for a malformed escape or bytes that are not UTF-8.
  static func percentDecoded(_ value: String) -> String? {
    value.removingPercentEncoding
  }
}
