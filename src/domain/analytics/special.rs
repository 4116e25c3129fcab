//! Special functions the lifetime-value models need: ln Γ, ln B and the Gaussian
//! hypergeometric function ₂F₁. Written here because std has none and the allowed
//! dependencies add none.
use std::f64::consts::PI;

/// Lanczos coefficients for g = 7, n = 9 (the widely published set; ~15 significant digits
/// for positive arguments, which is what the likelihoods sum over thousands of customers).
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln |Γ(x)|. Infinite at 0 and the negative integers (the poles), NaN for NaN.
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::INFINITY;
    }
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx); the series is only accurate for x ≥ 1/2.
        return (PI / (PI * x).sin().abs()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + LANCZOS_G + 0.5;
    let series = LANCZOS[1..].iter().enumerate().fold(LANCZOS[0], |acc, (i, c)| acc + c / (x + i as f64 + 1.0));
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

const MAX_TERMS: usize = 200_000;
const EPS: f64 = 1e-16;

/// ₂F₁(a, b; c; z) for real z < 1, `None` where this code cannot give a trustworthy value:
/// z ≥ 1, c a pole (0, −1, −2 …), or a series that did not converge.
///
/// The power series converges for |z| < 1 like `n^(a+b−c−1) zⁿ`. For 0 < z < 1 Euler's
/// transformation `₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z)` has terms like
/// `n^(c−a−b−1) zⁿ`, so we sum whichever form decays faster. For z < 0 Pfaff's
/// transformation `₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1))` maps z into (0, 1), where
/// the terms no longer alternate and cancel.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && z.is_finite()) || z >= 1.0 {
        return None;
    }
    if c <= 0.0 && c == c.floor() {
        return None;
    }
    if z == 0.0 {
        return Some(1.0);
    }
    let value = if z < 0.0 {
        let w = z / (z - 1.0);
        (1.0 - z).powf(-a) * hyp2f1(a, c - b, c, w)?
    } else if c - a - b < a + b - c {
        (1.0 - z).powf(c - a - b) * series(c - a, c - b, c, z)?
    } else {
        series(a, b, c, z)?
    };
    value.is_finite().then_some(value)
}

/// The plain power series for 0 ≤ z < 1. It stops when the next terms cannot change the sum:
/// once the term ratio ρ is below 1, the tail is at most |term| ρ / (1 − ρ) (the ratio only
/// tends down to z from there for the parameters we meet), and that bound must be below
/// `EPS · |sum|` twice in a row.
fn series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let mut sum = 1.0;
    let mut term = 1.0;
    let mut settled = 0;
    for n in 0..MAX_TERMS {
        let n = n as f64;
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        sum += term;
        if term == 0.0 {
            return Some(sum);
        }
        let rho = ratio.abs();
        if rho < 1.0 && term.abs() * rho / (1.0 - rho) <= EPS * sum.abs() {
            settled += 1;
            if settled >= 2 {
                return Some(sum);
            }
        } else {
            settled = 0;
        }
        if !sum.is_finite() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    #[test]
    fn ln_gamma_known_values() {
        // Reference values from CPython's math.lgamma.
        let cases = [
            (1.0, 0.0),
            (2.0, 0.0),
            (0.5, 0.572_364_942_924_700_4),
            (10.0, 12.801_827_480_081_467),
            (100.0, 359.134_205_369_575_4),
            (0.1, 2.252_712_651_734_205_5),
            (-0.5, 1.265_512_123_484_645),
            (1e-8, 18.420_680_738_180_21),
            (0.243, 1.318_043_584_699_67),
            (3.7, 1.428_072_326_665_388_3),
            (1000.5, 5_908.674_175_848_678),
        ];
        for (x, want) in cases {
            let got = ln_gamma(x);
            assert!((got - want).abs() < 1e-12 * want.abs().max(1.0), "lnΓ({x}) = {got}, want {want}");
        }
        assert_eq!(ln_gamma(0.0), f64::INFINITY);
        assert_eq!(ln_gamma(-3.0), f64::INFINITY);
        // Γ(n + 1) = n!
        assert!(rel(ln_gamma(21.0), (1..=20u64).map(|k| (k as f64).ln()).sum()) < 1e-14);
    }

    #[test]
    fn ln_beta_known_values() {
        // B(2, 3) = 1/12, B(0.5, 0.5) = π
        assert!((ln_beta(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-13);
        assert!((ln_beta(0.5, 0.5) - PI.ln()).abs() < 1e-13);
    }

    #[test]
    fn hyp2f1_closed_forms() {
        // ₂F₁(1,1;2;z) = −ln(1−z)/z, on the direct, Euler-boundary and Pfaff paths.
        for z in [0.5f64, 0.9, 0.99, -0.5, -3.0] {
            let want = -(1.0 - z).ln() / z;
            assert!(rel(hyp2f1(1.0, 1.0, 2.0, z).unwrap(), want) < 1e-13, "z = {z}");
        }
        // ₂F₁(a,b;b;z) = (1−z)^(−a)
        for z in [0.3f64, 0.95, -2.0] {
            assert!(rel(hyp2f1(0.7, 2.5, 2.5, z).unwrap(), (1.0 - z).powf(-0.7)) < 1e-13);
        }
        // ₂F₁(½,½;3/2;z²) = asin(z)/z
        let z: f64 = 0.8;
        assert!(rel(hyp2f1(0.5, 0.5, 1.5, z * z).unwrap(), z.asin() / z) < 1e-13);
        // ₂F₁(½,1;3/2;−z²) = atan(z)/z
        let z: f64 = 2.0;
        assert!(rel(hyp2f1(0.5, 1.0, 1.5, -z * z).unwrap(), z.atan() / z) < 1e-13);
        // ₂F₁(1,1;3/2;z) = asin(√z) / √(z(1−z)), c < a + b so the Euler form is summed.
        let z: f64 = 0.8;
        assert!(rel(hyp2f1(1.0, 1.0, 1.5, z).unwrap(), 2.767_871_794_485_226_5) < 1e-12);
        assert!(rel(hyp2f1(1.0, 1.0, 1.5, z).unwrap(), z.sqrt().asin() / (z * (1.0 - z)).sqrt()) < 1e-12);
    }

    #[test]
    fn hyp2f1_polynomial_and_refusals() {
        // a = −2 ends the series: 1 − 2bz/c + b(b+1)z²/(c(c+1))
        let (b, c, z) = (1.5, 2.5, 0.6);
        let want = 1.0 - 2.0 * b * z / c + b * (b + 1.0) * z * z / (c * (c + 1.0));
        assert!(rel(hyp2f1(-2.0, b, c, z).unwrap(), want) < 1e-14);
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
        assert_eq!(hyp2f1(1.0, 1.0, -1.0, 0.5), None);
        assert_eq!(hyp2f1(1.0, f64::NAN, 2.0, 0.5), None);
    }
}
