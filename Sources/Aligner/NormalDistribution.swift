#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The tail of the standard normal distribution, in log space so that it never underflows.
enum NormalDistribution {
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

  /// `−log(2·(1 − Φ(|δ|)))`: the cost of a standardised length difference `δ` (0 at δ = 0).
  static func twoSidedTailCost(_ delta: Double) -> Double {
    // 2·(1 − Φ(d)) = erfc(d / √2).
    max(0, -logErfc(abs(delta) / 2.0.squareRoot()))
  }

  /// `log(exp(a) + exp(b))` without overflow; `-infinity` is the neutral element.
  static func logAdd(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
  }
}

func naturalLog(_ value: Double) -> Double { log(value) }
func exponential(_ value: Double) -> Double { exp(value) }
