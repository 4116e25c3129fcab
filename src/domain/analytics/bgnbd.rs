//! The BG/NBD model of repeat buying (Fader, Hardie & Lee, "Counting Your Customers the Easy
//! Way", Marketing Science 24(2), 2005): while alive a customer buys as a Poisson process with
//! rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
//! A customer is summarised by (x, t_x, T): repeat purchases, time of the last one and length of
//! observation, all from their first purchase, in one time unit of the caller's choice (weeks
//! for CDNOW, days for the shop); α is in that unit, r, a and b have none.
use super::clv::{CustomerSummary, FitError};
use super::optim::{nelder_mead, Settings};
use super::special::{hyp2f1, ln_beta, ln_gamma};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// Σ ln L over the customers (equation 6 of the paper, no constants dropped or added).
    pub log_likelihood: f64,
    pub evaluations: usize,
}

impl BgNbd {
    fn valid(&self) -> bool {
        [self.r, self.alpha, self.a, self.b].iter().all(|v| v.is_finite() && *v > 0.0)
    }

    /// ln L(r, α, a, b | x, t_x, T), summed with log-sum-exp so that long observation windows
    /// (T in days) do not underflow the two terms of the likelihood.
    pub fn log_likelihood_one(&self, c: &CustomerSummary) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_beta(a, b + x) - ln_beta(a, b) - (r + x) * (alpha + c.t).ln();
        if c.x == 0 {
            return a1 + a2;
        }
        let a3 = ln_beta(a + 1.0, b + x - 1.0) - ln_beta(a, b) - (r + x) * (alpha + c.t_x).ln();
        let hi = a2.max(a3);
        a1 + hi + ((a2 - hi).exp() + (a3 - hi).exp()).ln()
    }

    /// Σ `log_likelihood_one`, with the gamma-function terms computed once per distinct x:
    /// a fit evaluates this hundreds of times over every customer, and x takes few values.
    pub fn log_likelihood(&self, data: &[CustomerSummary]) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let (ln_b_ab, ln_g_r, r_ln_alpha) = (ln_beta(a, b), ln_gamma(r), r * alpha.ln());
        let mut by_x: BTreeMap<u32, (f64, f64, f64)> = BTreeMap::new();
        data.iter()
            .map(|c| {
                let x = f64::from(c.x);
                let &mut (a1, b2, b3) = by_x.entry(c.x).or_insert_with(|| {
                    let b3 = if c.x > 0 { ln_beta(a + 1.0, b + x - 1.0) - ln_b_ab } else { 0.0 };
                    (ln_gamma(r + x) - ln_g_r + r_ln_alpha, ln_beta(a, b + x) - ln_b_ab, b3)
                });
                let a2 = b2 - (r + x) * (alpha + c.t).ln();
                if c.x == 0 {
                    return a1 + a2;
                }
                let a3 = b3 - (r + x) * (alpha + c.t_x).ln();
                let hi = a2.max(a3);
                a1 + hi + ((a2 - hi).exp() + (a3 - hi).exp()).ln()
            })
            .sum()
    }

    /// ln of the odds term `a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)` shared by P(alive) and the
    /// conditional expectation; −∞ when x = 0 (the term is absent).
    fn ln_dropout_odds(&self, c: &CustomerSummary) -> f64 {
        if c.x == 0 {
            return f64::NEG_INFINITY;
        }
        let x = f64::from(c.x);
        (self.a / (self.b + x - 1.0)).ln() + (self.r + x) * ((self.alpha + c.t) / (self.alpha + c.t_x)).ln()
    }

    /// P(alive | x, t_x, T) (paper, equation 11). Always 1 for a customer with no repeat
    /// purchase: in this model one can only drop out right after buying.
    pub fn prob_alive(&self, c: &CustomerSummary) -> f64 {
        // exp overflowing to +∞ gives 0, the right limit, rather than NaN.
        1.0 / (1.0 + self.ln_dropout_odds(c).exp())
    }

    /// E[X(t)]: purchases a new customer makes in their first `t` (paper, equation 7),
    /// `(a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]`, summed in the Euler form
    /// explained at `expected_purchases`.
    pub fn expected_purchases_new(&self, t: f64) -> Option<f64> {
        if t < 0.0 || !t.is_finite() {
            return None;
        }
        let BgNbd { r, alpha, b, .. } = *self;
        let z = t / (alpha + t);
        self.around_a_equal_one(|m| {
            let c = m.a + b - 1.0;
            let f = hyp2f1(c - r, m.a - 1.0, c, z)?;
            Some(c / (m.a - 1.0) * (1.0 - (1.0 - z).powf(m.a - 1.0) * f))
        })
    }

    /// E[Y(t) | x, t_x, T]: expected purchases in the next `t` (paper, equation 10):
    ///
    /// `(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] / (1 + odds)`,
    /// z = t/(α+T+t). By Euler's transformation `(1−z)^(r+x) ₂F₁(r+x, b+x; c; z)` equals
    /// `(1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z)`, whose series shortens as x grows instead of
    /// needing hundreds of terms for a frequent buyer. `None` if the series fails.
    pub fn expected_purchases(&self, c: &CustomerSummary, t: f64) -> Option<f64> {
        if t < 0.0 || !t.is_finite() {
            return None;
        }
        let BgNbd { r, alpha, b, .. } = *self;
        let x = f64::from(c.x);
        let z = t / (alpha + c.t + t);
        let odds = self.ln_dropout_odds(c).exp();
        self.around_a_equal_one(|m| {
            let cc = m.a + b + x - 1.0;
            let f = hyp2f1(m.a + b - 1.0 - r, m.a - 1.0, cc, z)?;
            Some(cc / (m.a - 1.0) * (1.0 - (1.0 - z).powf(m.a - 1.0) * f) / (1.0 + odds))
        })
    }

    /// The expectations divide by a − 1; at a = 1 the limit exists but the formula is 0/0, so
    /// there we average the values just either side of it.
    fn around_a_equal_one(&self, f: impl Fn(&BgNbd) -> Option<f64>) -> Option<f64> {
        const NEAR: f64 = 1e-6;
        if (self.a - 1.0).abs() >= NEAR {
            return f(self).filter(|v| v.is_finite());
        }
        let lo = f(&BgNbd { a: 1.0 - NEAR, ..*self })?;
        let hi = f(&BgNbd { a: 1.0 + NEAR, ..*self })?;
        Some((lo + hi) / 2.0).filter(|v| v.is_finite())
    }
}

/// Maximum-likelihood fit by Nelder–Mead on ln(r, α, a, b) from (1, 1, 1, 1), so every trial
/// point is a valid model. Time is first rescaled so the longest T is 10 (only α depends on
/// the unit, and it is scaled back): the same start then suits data in days or weeks.
pub fn fit(data: &[CustomerSummary]) -> Result<BgNbdFit, FitError> {
    super::clv::check(data)?;
    if data.iter().all(|c| c.x == 0) {
        return Err(FitError::NoRepeatPurchases);
    }
    let max_t = data.iter().map(|c| c.t).fold(0.0, f64::max);
    let scale = 10.0 / max_t;
    let scaled: Vec<CustomerSummary> =
        data.iter().map(|c| CustomerSummary { t_x: c.t_x * scale, t: c.t * scale, ..*c }).collect();
    let at = |th: &[f64]| BgNbd { r: th[0].exp(), alpha: th[1].exp(), a: th[2].exp(), b: th[3].exp() };
    let neg_ll = |th: &[f64]| {
        let m = at(th);
        if m.valid() {
            -m.log_likelihood(&scaled)
        } else {
            f64::INFINITY
        }
    };
    let min = nelder_mead(neg_ll, &[0.0; 4], &Settings::default());
    if !min.converged || !min.value.is_finite() {
        return Err(FitError::NotConverged);
    }
    let s = at(&min.x);
    let params = BgNbd { alpha: s.alpha / scale, ..s };
    Ok(BgNbdFit { params, log_likelihood: params.log_likelihood(data), evaluations: min.evaluations })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The paper's CDNOW estimates, used here as a fixed model.
    const M: BgNbd = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

    fn cust(x: u32, t_x: f64, t: f64) -> CustomerSummary {
        CustomerSummary { x, t_x, t, mean_value: 0.0 }
    }

    #[test]
    fn likelihood_of_a_non_repeater_is_closed_form() {
        // x = 0: L = (α/(α+T))^r · B(a, b)/B(a, b) = (α/(α+T))^r
        let c = cust(0, 0.0, 38.86);
        let want = M.r * (M.alpha / (M.alpha + 38.86)).ln();
        assert!((M.log_likelihood_one(&c) - want).abs() < 1e-12);
    }

    #[test]
    fn likelihood_of_a_repeater_matches_the_direct_sum() {
        let c = cust(2, 30.43, 38.86);
        let (r, al, a, b, x) = (M.r, M.alpha, M.a, M.b, 2.0);
        let g = (ln_gamma(r + x) - ln_gamma(r)).exp() * al.powf(r);
        let direct = ln_beta(a, b + x).exp() / ln_beta(a, b).exp() * g / (al + 38.86f64).powf(r + x)
            + ln_beta(a + 1.0, b + x - 1.0).exp() / ln_beta(a, b).exp() * g / (al + 30.43f64).powf(r + x);
        assert!((M.log_likelihood_one(&c) - direct.ln()).abs() < 1e-12);
    }

    #[test]
    fn summed_likelihood_equals_the_per_customer_one() {
        let data =
            [cust(0, 0.0, 38.0), cust(2, 30.4, 38.9), cust(2, 10.0, 35.0), cust(11, 37.0, 38.0), cust(0, 0.0, 1.0)];
        let one: f64 = data.iter().map(|c| M.log_likelihood_one(c)).sum();
        assert!((M.log_likelihood(&data) - one).abs() < 1e-9);
    }

    #[test]
    fn probability_alive() {
        assert_eq!(M.prob_alive(&cust(0, 0.0, 30.0)), 1.0);
        // By hand: 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) for x = 2, t_x = 30.43, T = 38.86
        let odds: f64 = M.a / (M.b + 1.0) * ((M.alpha + 38.86) / (M.alpha + 30.43)).powf(M.r + 2.0);
        assert!((M.prob_alive(&cust(2, 30.43, 38.86)) - 1.0 / (1.0 + odds)).abs() < 1e-14);
        // A frequent buyer silent for a long time is almost surely gone, without NaN.
        let p = M.prob_alive(&cust(5000, 1.0, 10_000.0));
        assert!((0.0..1e-12).contains(&p));
        // Buying recently makes a customer likelier to be alive.
        assert!(M.prob_alive(&cust(3, 38.0, 39.0)) > M.prob_alive(&cust(3, 10.0, 39.0)));
    }

    #[test]
    fn expected_purchases_agree_with_the_untransformed_formula() {
        for (x, t_x, t_cal, t) in [(2, 30.43, 38.86, 39.0), (0, 0.0, 38.86, 52.0), (7, 35.0, 38.0, 10.0)] {
            let c = cust(x, t_x, t_cal);
            let xf = f64::from(x);
            let z = t / (M.alpha + t_cal + t);
            let f = hyp2f1(M.r + xf, M.b + xf, M.a + M.b + xf - 1.0, z).unwrap();
            let num = (M.a + M.b + xf - 1.0) / (M.a - 1.0) * (1.0 - (1.0 - z).powf(M.r + xf) * f);
            let den = if x > 0 {
                1.0 + M.a / (M.b + xf - 1.0) * ((M.alpha + t_cal) / (M.alpha + t_x)).powf(M.r + xf)
            } else {
                1.0
            };
            let got = M.expected_purchases(&c, t).unwrap();
            assert!(((got - num / den) / got).abs() < 1e-10, "{got} vs {}", num / den);
        }
        assert_eq!(M.expected_purchases(&cust(1, 1.0, 2.0), 0.0), Some(0.0));
        assert_eq!(M.expected_purchases(&cust(1, 1.0, 2.0), -1.0), None);
    }

    #[test]
    fn expected_purchases_new_starts_at_the_mean_rate() {
        // Everyone is alive at first, so E[X(t)] ≈ E[λ] t = (r/α) t for small t.
        let h = 1e-4;
        let slope = M.expected_purchases_new(h).unwrap() / h;
        assert!((slope / (M.r / M.alpha) - 1.0).abs() < 1e-3, "{slope}");
        assert!(M.expected_purchases_new(78.0).unwrap() > M.expected_purchases_new(39.0).unwrap());
        assert_eq!(M.expected_purchases_new(0.0), Some(0.0));
        // A customer seen for no time with no repeat is a new customer.
        let conditional = M.expected_purchases(&cust(0, 0.0, 0.0), 39.0).unwrap();
        assert!((conditional - M.expected_purchases_new(39.0).unwrap()).abs() < 1e-12);
    }

    #[test]
    fn expectations_stay_finite_across_a_equal_one() {
        let c = cust(3, 20.0, 30.0);
        let at = |a| BgNbd { a, ..M }.expected_purchases(&c, 10.0).unwrap();
        let (lo, mid, hi) = (at(0.999), at(1.0), at(1.001));
        assert!(mid.is_finite() && (lo - mid).abs() < 1e-2 && (hi - mid).abs() < 1e-2);
        assert!(lo > mid && mid > hi);
    }

    #[test]
    fn fitting_refuses_data_it_cannot_fit() {
        assert_eq!(fit(&[]), Err(FitError::NoData));
        assert_eq!(fit(&[cust(0, 0.0, 5.0)]), Err(FitError::NoRepeatPurchases));
        assert!(matches!(fit(&[cust(1, 6.0, 5.0)]), Err(FitError::InvalidCustomer { index: 0, .. })));
    }
}
