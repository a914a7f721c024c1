import TMX
import Testing

@testable import TweetalKit

@Suite("Decoding refuses TMX that is not Tweetal's or contradicts itself")
struct AlignmentStoreRefusalTests {
  func refusal(_ change: (inout TMXDocument) -> Void) -> String? {
    var tmx = AlignmentStore.encode(AlignmentStoreTests.sample)
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
        tmx.header.properties[index].value = "2"
      }
    }
    #expect(message?.contains("form 2") == true)
  }

  @Test("a bead that skips a sentence breaks the invariant")
  func gap() {
    let message = refusal(setProp("x-tweetal-source-range", to: "2:3", unit: 1))
    #expect(message?.contains("translation unit 2") == true)
    #expect(message?.contains("in order") == true)
  }

  @Test("a missing unit leaves the announced sentence counts unmet")
  func missingUnit() {
    let message = refusal { $0.units.removeLast() }
    #expect(message?.contains("announces") == true)
  }

  @Test("a seg whose text does not fit the stored sentence lengths is refused")
  func editedText() {
    let message = refusal {
      $0.units[2].variants[0].segment = Segment(text: "Nederland neemt deel.  Dat is goed.")
    }
    #expect(message?.contains("stored sentence lengths") == true)
  }

  @Test("a tuv in the wrong language or order is refused")
  func wrongLanguage() {
    let message = refusal { $0.units[0].variants.reverse() }
    #expect(message?.contains("xml:lang") == true)
  }

  @Test("text on the empty side of a 1-0 bead is refused")
  func textOnEmptySide() {
    let message = refusal { $0.units[1].variants[1].segment = Segment(text: "Dear Chair,") }
    #expect(message?.contains("holds no sentence") == true)
  }

  @Test("a bead type that contradicts its ranges is refused")
  func wrongType() {
    #expect(refusal(setProp("x-tweetal-bead", to: "1-1", unit: 2))?.contains("2-1") == true)
  }

  @Test("duplicate tuids, unknown statuses and missing props are refused")
  func badUnits() {
    #expect(refusal { $0.units[1].id = "1" }?.contains("repeats tuid 1") == true)
    #expect(refusal(setProp("x-tweetal-status", to: "maybe", unit: 0))?.contains("unknown status") == true)
    #expect(
      refusal { $0.units[0].properties.removeAll { $0.type == "x-tweetal-cost" } }?.contains("x-tweetal-cost")
        == true)
    #expect(refusal(setProp("x-tweetal-source-kinds", to: "title", unit: 0))?.contains("unit kinds") == true)
  }
}
