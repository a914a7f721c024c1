import FoundationEssentials
import Testing

@testable import Segmenter

/// Nothing lost, nothing duplicated: the letters and digits of all units, in order, are the
/// source's minus markup and footnote markers. Footnote units may have moved to after the
/// sentence they interrupted, so each footnote is matched as one contiguous piece wherever it
/// stands in the source; everything else must follow the source order exactly.
@Suite("Coverage")
struct CoverageTests {
  static func alphanumerics(_ text: String) -> [Unicode.Scalar] {
    text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }

  /// The source without HTML tags (`<b>`, `<a href=…>`, `<sup>`); autolinks keep their URL.
  static func withoutTags(_ text: String) -> String {
    text.replacing(#/<\/?(?:b|i|u|a|em|strong|span|sup|sub|br|p)(?:\s[^>]*)?>/#, with: "")
  }

  @Test("every corpus document: units cover the source exactly once", arguments: corpusDocuments)
  func coverage(path: String) throws {
    let text = try corpusText(path)
    let language = Segmenter.guessLanguage(of: text)
    let all = Segmenter(language: language).segment(text)
    let source = Self.alphanumerics(Self.withoutTags(text))
    let body = Self.alphanumerics(all.filter { $0.kind != .footnote }.map(\.text).joined())
    let notes = all.filter { $0.kind == .footnote }.map { Self.alphanumerics($0.text) }
    var position = 0
    var bodyIndex = 0
    var noteIndex = 0
    var skippedDigits = 0
    while position < source.count {
      if noteIndex < notes.count, !notes[noteIndex].isEmpty,
        source[position...].starts(with: notes[noteIndex])
      {
        position += notes[noteIndex].count
        noteIndex += 1
      } else if bodyIndex < body.count, body[bodyIndex] == source[position] {
        bodyIndex += 1
        position += 1
      } else if source[position].properties.numericType != nil {
        skippedDigits += 1
        position += 1
      } else {
        let context = String(String.UnicodeScalarView(source[position..<min(source.count, position + 60)]))
        Issue.record("\(path): source letters not in the units at: \(context)")
        return
      }
    }
    #expect(bodyIndex == body.count, "\(path): units have text the source does not")
    #expect(noteIndex == notes.count, "\(path): a footnote unit was not found in the source")
    // Only footnote numbers, markers and vertical-list numbers may be dropped.
    let numbered = all.filter { $0.kind == .listItem }.count
    #expect(skippedDigits <= 4 * notes.count + 2 * numbered, "\(path): \(skippedDigits) digits dropped")
  }

  @Test("unit offsets point at the unit's text in the source", arguments: corpusDocuments)
  func offsets(path: String) throws {
    let text = try corpusText(path)
    let scalars = Array(text.unicodeScalars)
    for unit in Segmenter(language: .dutch).segment(text) {
      #expect(unit.start < unit.end && unit.end <= scalars.count)
      let first = Self.alphanumerics(unit.text).first
      let sourceFirst = Self.alphanumerics(String(String.UnicodeScalarView(scalars[unit.start..<unit.end])))
        .first
      #expect(first == sourceFirst, "\(unit.text)")
    }
  }
}
