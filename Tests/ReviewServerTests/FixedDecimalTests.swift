import Foundation
import TestSupport
import Testing

@testable import ReviewWeb

@Suite("fixedDecimal: the digits String(format:) gives")
struct FixedDecimalTests {
  @Test("every four-decimal value from -1 to 2 (the confidences and costs a TMX stores) and the ties")
  func storedValues() {
    for step in -10_000...20_000 {
      let value = Double(step) / 10_000
      for decimals in 0...4 {
        #expect(
          fixedDecimal(value, decimals) == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
      }
    }
    // Exact binary ties round half to even, as printf does: 0.0625 → 0.062, 0.1875 → 0.188.
    for value in [0.0625, 0.1875, 0.3125, 2.5, 3.5, -0.5, 0.125, 1.0 / 1024, -0.0, 0.0] {
      for decimals in 0...4 {
        #expect(
          fixedDecimal(value, decimals) == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
      }
    }
    #expect(fixedDecimal(0.0625, 3) == "0.062" && fixedDecimal(-0.0001, 3) == "-0.000")
  }

  @Test("random values of every size, subnormal to huge, and what is not finite")
  func randomValues() {
    var generator = SeededGenerator(seed: 20_261_205)
    var values = [
      Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 1e15, 9.999e14, .infinity, -.infinity, .nan,
    ]
    for _ in 0..<20_000 {
      let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
      let value = Double(bitPattern: bits)
      values.append(value)
      // Map coordinates and confidences: ordinary magnitudes.
      values.append(Double.random(in: -500...500, using: &generator))
    }
    for value in values {
      for decimals in [0, 1, 2, 3, 6, 9] {
        #expect(
          fixedDecimal(value, decimals) == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
      }
    }
  }
}
