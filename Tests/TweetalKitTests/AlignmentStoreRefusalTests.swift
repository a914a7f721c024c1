import TMX
import Testing

@testable import TweetalKit

@Suite("Decoding refuses TMX that is not Tweetal's or contradicts itself")
struct AlignmentStoreRefusalTests {
  func refusal(
    in tmx: TMXDocument = AlignmentStore.encode(AlignmentStoreTests.sample),
    _ change: (inout TMXDocument) -> Void
  ) -> String? {
    var tmx = tmx
    change(&tmx)
    do {
      _ = try AlignmentStore.decode(tmx, file: "x.tmx")
      return nil
    } catch {
      return error.description
    }
  }

  func setProp(_ type: String, to value: String, unit: Int) -> (inout TMXDocument) -> Void {
    { tmx in
      if let index = tmx.units[unit].properties.firstIndex(where: { $0.type == type }) {
        tmx.units[unit].properties[index].value = value
      }
    }
  }

  @Test("another tool's TMX is not an alignment")
  func otherTool() {
    let message = refusal { $0.header.creationTool = "OmegaT" }
    #expect(message?.contains("is not a Tweetal alignment") == true)
    #expect(message?.hasPrefix("x.tmx: ") == true)
  }

  @Test("a newer form version is refused with both versions named")
  func newerForm() {
    let message = refusal { tmx in
      if let index = tmx.header.properties.firstIndex(where: { $0.type == "x-tweetal-form" }) {
        tmx.header.properties[index].value = "4"
      }
    }
    #expect(message?.contains("form 4") == true && message?.contains("forms 1, 2 and 3") == true)
  }

  /// Replaces `old` by `new` in the first unlinked record of unit `unit`.
  func editRecord(_ old: String, _ new: String, unit: Int = 1) -> (inout TMXDocument) -> Void {
    { tmx in
      if let index = tmx.units[unit].properties.firstIndex(where: { $0.type == "x-tweetal-unlinked" }) {
        tmx.units[unit].properties[index].value = tmx.units[unit].properties[index].value
          .replacingOccurrences(of: old, with: new)
      }
    }
  }

  @Test("a bead that skips a sentence breaks the invariant")
  func gap() {
    let message = refusal(editRecord("source-range=1:2", "source-range=2:3"))
    #expect(message?.contains("translation unit 2 (unlinked, in tu 3)") == true)
    #expect(message?.contains("in order") == true)
    let link = refusal(in: Self.formOneSample, setProp("x-tweetal-source-range", to: "2:3", unit: 1))
    #expect(link?.contains("translation unit 2") == true && link?.contains("in order") == true)
  }

  static let formOneSample = AlignmentStoreTests.formOne()

  @Test("an unlinked record without its text, with text in the wrong language, or holding a link is refused")
  func badRecords() {
    let noText = refusal { $0.units[1].properties.remove(at: 1) }
    #expect(noText?.contains("lacks the x-tweetal-unlinked-text prop") == true)
    let wrongLanguage = refusal { $0.units[1].properties[1].language = "en-GB" }
    #expect(wrongLanguage?.contains("expected \"nl-NL\"") == true)
    let link = refusal(editRecord("bead=1-0 ", "bead=1-1 "))
    #expect(link?.contains("1-0 bead") == true)
    let both = refusal(
      editRecord(
        "bead=1-0 status=auto confidence=0.5000 cost=4.6000 source-range=1:2 target-range=1:1",
        "bead=1-1 status=auto confidence=0.5000 cost=4.6000 source-range=1:2 target-range=1:2"))
    #expect(both?.contains("a link is a <tu> of its own") == true)
    let fields = refusal(editRecord("tuid=2 ", "tuid=2  "))
    #expect(fields?.contains("not name=value fields") == true)
    let length = refusal { $0.units[1].properties[1].value = "Geachte voorzitter" }
    #expect(length?.contains("stored sentence lengths") == true)
    let orphan = refusal {
      $0.units[0].properties.append(Property(type: "x-tweetal-unlinked-text", value: "x"))
    }
    #expect(orphan?.contains("without the x-tweetal-unlinked prop") == true)
    let user = refusal(editRecord("blocks=1", "blocks=1 changeid=%G1"))
    #expect(user?.contains("changeid") == true)
  }

  @Test("a missing unit leaves the announced sentence counts unmet")
  func missingUnit() {
    let message = refusal { $0.units.removeLast() }
    #expect(message?.contains("announces") == true)
  }

  @Test("a seg whose text does not fit the stored sentence lengths is refused")
  func editedText() {
    let message = refusal {
      $0.units[1].variants[0].segment = Segment(text: "Nederland neemt deel.  Dat is goed.")
    }
    #expect(message?.contains("stored sentence lengths") == true)
  }

  @Test("a tuv in the wrong language or order is refused")
  func wrongLanguage() {
    let message = refusal { $0.units[0].variants.reverse() }
    #expect(message?.contains("xml:lang") == true)
  }

  @Test("text on the empty side of a form-1 1-0 unit is refused")
  func textOnEmptySide() {
    let message = refusal(in: Self.formOneSample) {
      $0.units[1].variants[1].segment = Segment(text: "Dear Chair,")
    }
    #expect(message?.contains("holds no sentence") == true)
  }

  @Test("a bead type that contradicts its ranges is refused")
  func wrongType() {
    #expect(refusal(setProp("x-tweetal-bead", to: "1-1", unit: 1))?.contains("2-1") == true)
  }

  @Test("duplicate tuids, unknown statuses and missing props are refused")
  func badUnits() {
    #expect(refusal { $0.units[1].id = "1" }?.contains("repeats tuid 1") == true)
    #expect(refusal(editRecord("tuid=2 ", "tuid=1 "))?.contains("repeats tuid 1") == true)
    #expect(refusal(setProp("x-tweetal-status", to: "maybe", unit: 0))?.contains("unknown status") == true)
    #expect(
      refusal { $0.units[0].properties.removeAll { $0.type == "x-tweetal-cost" } }?.contains("x-tweetal-cost")
        == true)
    #expect(refusal(setProp("x-tweetal-source-kinds", to: "title", unit: 0))?.contains("unit kinds") == true)
  }
}
