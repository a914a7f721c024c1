#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The tail of the standard normal distribution, in log space so that it never underflows.
enum NormalDistribution {
  /// The coefficients of the polynomial `p(t)` of ``logErfc(_:)``, highest power first.
  private static let erfcCoefficients = [
    0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196,
    1.00002368, -1.26551223,
  ]

  /// `log(erfc(x))` for `x ≥ 0`, by the Chebyshev fit of Numerical Recipes (`erfcc`), whose
  /// relative error is below 1.2e-7 everywhere. Written as `log t − x² + p(t)`, it stays finite for
  /// any `x` where `erfc(x)` itself would underflow.
  static func logErfc(_ x: Double) -> Double {
    let z = abs(x)
    let t = 1 / (1 + 0.5 * z)
    var poly = 0.17087277
    poly = -0.82215223 + t * poly
    poly = 1.48851587 + t * poly
    poly = -1.13520398 + t * poly
    poly = 0.27886807 + t * poly
    poly = -0.18628806 + t * poly
    poly = 0.09678418 + t * poly
    poly = 0.37409196 + t * poly
    poly = 1.00002368 + t * poly
    poly = -1.26551223 + t * poly
    return log(t) - z * z + poly
  }

  /// The derivative of ``logErfc(_:)`` (of the fit itself, not of the exact `log erfc`), for `x ≥ 0`:
  /// with `dt/dx = −t²/2`, it is `−t/2 − 2x − p′(t)·t²/2`.
  static func logErfcSlope(_ x: Double) -> Double {
    let t = 1 / (1 + 0.5 * x)
    var slope = 0.0
    for (power, coefficient) in zip((1...9).reversed(), erfcCoefficients) {
      slope = slope * t + Double(power) * coefficient
    }
    return -0.5 * t - 2 * x - 0.5 * t * t * slope
  }

  /// `−log(2·(1 − Φ(|δ|)))`: the cost of a standardised length difference `δ` (0 at δ = 0).
  static func twoSidedTailCost(_ delta: Double) -> Double {
    // 2·(1 − Φ(d)) = erfc(d / √2).
    max(0, -logErfc(abs(delta) / 2.0.squareRoot()))
  }

  /// ``twoSidedTailCost(_:)`` from ``TailCostTable``: a multiply, a lookup and a cubic instead of a
  /// division, a `log` and a degree-9 polynomial, within 1e-10 nats of the function it tabulates
  /// (`CostModelTests`; 2.3e-11 measured). The length term of every bead.
  @inline(__always)
  static func tabulatedTailCost(_ delta: Double) -> Double {
    TailCostTable.shared.cost(delta)
  }

  /// `log(exp(a) + exp(b))` without overflow; `-infinity` is the neutral element.
  static func logAdd(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
  }
}

/// ``NormalDistribution/twoSidedTailCost(_:)`` as cubic pieces: knots every 1/``knotsPerUnit`` of
/// `|δ|` up to ``limit``, each piece the cubic (Hermite) with the function's values and slopes at
/// its two knots, so the error of a piece is at most `h⁴/384` times the fourth derivative (`h` the
/// knot spacing). Beyond ``limit`` (a cost above 500 nats, a bead no path takes) the function
/// itself.
struct TailCostTable: Sendable {
  static let knotsPerUnit = 64.0
  static let limit = 32.0

  static let shared = TailCostTable()

  /// Per piece, the coefficients `c₀…c₃` of `c₀ + c₁u + c₂u² + c₃u³` in the piece's own `u ∈ [0, 1)`.
  private let pieces: [SIMD4<Double>]

  init() {
    let count = Int(Self.limit * Self.knotsPerUnit)
    let h = 1 / Self.knotsPerUnit
    // The unclamped cost −log erfc(δ/√2) and its slope in δ at knot k.
    func knot(_ k: Int) -> (value: Double, slope: Double) {
      let z = Double(k) * h / 2.0.squareRoot()
      return (-NormalDistribution.logErfc(z), -NormalDistribution.logErfcSlope(z) / 2.0.squareRoot())
    }
    var pieces: [SIMD4<Double>] = []
    pieces.reserveCapacity(count)
    var left = knot(0)
    for k in 0..<count {
      let right = knot(k + 1)
      let (y0, y1, m0, m1) = (left.value, right.value, left.slope * h, right.slope * h)
      pieces.append(SIMD4(y0, m0, 3 * (y1 - y0) - 2 * m0 - m1, 2 * (y0 - y1) + m0 + m1))
      left = right
    }
    self.pieces = pieces
  }

  @inline(__always)
  func cost(_ delta: Double) -> Double {
    let x = abs(delta) * Self.knotsPerUnit
    guard x < Double(pieces.count) else { return NormalDistribution.twoSidedTailCost(delta) }
    let k = Int(x)
    let u = x - Double(k)
    let c = pieces[k]
    return max(0, c[0] + u * (c[1] + u * (c[2] + u * c[3])))
  }
}

func naturalLog(_ value: Double) -> Double { log(value) }
func exponential(_ value: Double) -> Double { exp(value) }
