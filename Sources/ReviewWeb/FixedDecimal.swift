import Foundation

/// `String(format: "%.Nf", value)` without Foundation's formatter (a locale and a C varargs call
/// per number, about a tenth of the server's time per edit): the exact binary value times 10^N,
/// rounded half to even as printf rounds it, then written out. Values of 10^15 and more, and
/// values that are not finite, go to `String(format:)`.
func fixedDecimal(_ value: Double, _ decimals: Int) -> String {
  precondition((0...9).contains(decimals), "fixedDecimal: 0 to 9 decimals")
  guard value.isFinite, value.magnitude < 1e15 else { return String(format: "%.\(decimals)f", value) }
  var scale: UInt128 = 1
  for _ in 0..<decimals { scale *= 10 }
  // magnitude = significand · 2^exponent exactly.
  let magnitude = value.magnitude
  let significand = UInt128(magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0))
  let exponent = magnitude.isNormal ? Int(magnitude.exponent) - 52 : -1074
  let product = significand * scale
  var scaled: UInt128
  if exponent >= 0 {
    scaled = product << exponent
  } else if -exponent >= 128 {
    scaled = 0  // below 2^-11 · 10^decimals / 10^decimals: rounds to 0 with no tie
  } else {
    let shift = -exponent
    scaled = product >> shift
    let remainder = product & ((1 << shift) - 1)
    let half: UInt128 = 1 << (shift - 1)
    if remainder > half || (remainder == half && scaled & 1 == 1) { scaled += 1 }
  }
  var digits = String(scaled)
  if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
  let sign = value.sign == .minus ? "-" : ""
  guard decimals > 0 else { return sign + digits }
  let point = digits.index(digits.endIndex, offsetBy: -decimals)
  return sign + digits[..<point] + "." + digits[point...]
}
