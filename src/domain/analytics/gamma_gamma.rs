//! The Gamma-Gamma model of spend per order (Fader & Hardie, "The Gamma-Gamma Model of
//! Monetary Value", 2013 note; Colombo & Jiang 1999): a customer's order values are
//! Gamma(p, ν), and ν varies across customers as Gamma(q, γ). It is fitted on repeat buyers
//! only, from x and the mean value z̄ of their repeat orders, and assumes spend does not
//! depend on how often one buys.
use super::clv::{CustomerSummary, FitError};
use super::optim::{nelder_mead, Settings};
use super::special::ln_gamma;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    /// Σ ln f(z̄ | x) over the customers used, the density of the mean (as the note's).
    pub log_likelihood: f64,
    /// Customers the fit used: those with x > 0 and a positive mean value.
    pub customers: usize,
    pub evaluations: usize,
}

/// Whether the model can use this customer: at least one repeat order with a positive mean.
pub fn usable(c: &CustomerSummary) -> bool {
    c.x > 0 && c.mean_value > 0.0 && c.mean_value.is_finite()
}

impl GammaGamma {
    /// ln f(z̄ | p, q, γ, x):
    /// `lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄)`.
    /// Only meaningful for `usable` customers.
    pub fn log_likelihood_one(&self, x: u32, mean_value: f64) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let x = f64::from(x);
        let px = p * x;
        ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q) + q * gamma.ln() + (px - 1.0) * mean_value.ln() + px * x.ln()
            - (px + q) * (gamma + x * mean_value).ln()
    }

    /// Over the `usable` customers; the others are skipped, as in the fit.
    pub fn log_likelihood(&self, data: &[CustomerSummary]) -> f64 {
        let pairs: Vec<(u32, f64)> = data.iter().filter(|c| usable(c)).map(|c| (c.x, c.mean_value)).collect();
        self.log_likelihood_pairs(&pairs)
    }

    /// Σ `log_likelihood_one` over (x, z̄), the gamma-function terms once per distinct x.
    fn log_likelihood_pairs(&self, pairs: &[(u32, f64)]) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let (ln_g_q, q_ln_gamma) = (ln_gamma(q), q * gamma.ln());
        let mut by_x: BTreeMap<u32, f64> = BTreeMap::new();
        pairs
            .iter()
            .map(|&(x, m)| {
                let xf = f64::from(x);
                let px = p * xf;
                let k = *by_x
                    .entry(x)
                    .or_insert_with(|| ln_gamma(px + q) - ln_gamma(px) - ln_g_q + q_ln_gamma + px * xf.ln());
                k + (px - 1.0) * m.ln() - (px + q) * (gamma + xf * m).ln()
            })
            .sum()
    }

    /// Mean order value of the population, pγ/(q−1); `None` when q ≤ 1 (infinite mean).
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0).then(|| self.p * self.gamma / (self.q - 1.0))
    }

    /// E[order value | x, z̄] = p(γ + x z̄)/(px + q − 1): a weighted mean of the population
    /// mean and the customer's own, trusting the customer's more the more they bought.
    /// A customer with no repeat order gets the population mean. `None` where the
    /// expectation is infinite.
    pub fn expected_order_value(&self, x: u32, mean_value: f64) -> Option<f64> {
        if x == 0 {
            return self.population_mean();
        }
        let x = f64::from(x);
        let den = self.p * x + self.q - 1.0;
        (den > 0.0).then(|| self.p * (self.gamma + x * mean_value) / den)
    }
}

/// Maximum-likelihood fit on the `usable` customers by Nelder–Mead on ln(p, q, γ) from
/// (1, 1, 1), after dividing values by their mean so the start fits any currency (only γ
/// carries the unit, and it is scaled back).
pub fn fit(data: &[CustomerSummary]) -> Result<GammaGammaFit, FitError> {
    super::clv::check(data)?;
    let used: Vec<(u32, f64)> = data.iter().filter(|c| usable(c)).map(|c| (c.x, c.mean_value)).collect();
    if used.is_empty() {
        return Err(FitError::NoRepeatPurchases);
    }
    let scale = used.len() as f64 / used.iter().map(|(_, m)| m).sum::<f64>();
    let scaled: Vec<(u32, f64)> = used.iter().map(|&(x, m)| (x, m * scale)).collect();
    let at = |th: &[f64]| GammaGamma { p: th[0].exp(), q: th[1].exp(), gamma: th[2].exp() };
    let neg_ll = |th: &[f64]| {
        let m = at(th);
        if [m.p, m.q, m.gamma].iter().all(|v| v.is_finite() && *v > 0.0) {
            -m.log_likelihood_pairs(&scaled)
        } else {
            f64::INFINITY
        }
    };
    let min = nelder_mead(neg_ll, &[0.0; 3], &Settings::default());
    if !min.converged || !min.value.is_finite() {
        return Err(FitError::NotConverged);
    }
    let s = at(&min.x);
    let params = GammaGamma { gamma: s.gamma / scale, ..s };
    Ok(GammaGammaFit {
        params,
        log_likelihood: params.log_likelihood(data),
        customers: used.len(),
        evaluations: min.evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The note's CDNOW estimates, used as a fixed model.
    const M: GammaGamma = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };

    fn cust(x: u32, mean_value: f64) -> CustomerSummary {
        CustomerSummary { x, t_x: if x > 0 { 1.0 } else { 0.0 }, t: 2.0, mean_value }
    }

    #[test]
    fn density_of_one_order_is_the_compound_gamma() {
        // x = 1: z̄ is one order, f(z) = Γ(p+q)/(Γ(p)Γ(q)) γ^q z^(p−1) / (γ+z)^(p+q).
        let z: f64 = 20.0;
        let (p, q, g) = (M.p, M.q, M.gamma);
        let want =
            ln_gamma(p + q) - ln_gamma(p) - ln_gamma(q) + q * g.ln() + (p - 1.0) * z.ln() - (p + q) * (g + z).ln();
        assert!((M.log_likelihood_one(1, z) - want).abs() < 1e-12);
    }

    #[test]
    fn summed_likelihood_equals_the_per_customer_one() {
        let data = [cust(1, 20.0), cust(3, 35.5), cust(3, 12.0), cust(0, 0.0), cust(7, 50.0)];
        let one: f64 = data.iter().filter(|c| usable(c)).map(|c| M.log_likelihood_one(c.x, c.mean_value)).sum();
        assert!((M.log_likelihood(&data) - one).abs() < 1e-9);
    }

    #[test]
    fn density_integrates_to_one() {
        // ∫ f(z̄ | x = 3) dz̄ over (0, ∞) by the midpoint rule on z̄ = u/(1−u).
        let n = 200_000;
        let total: f64 = (0..n)
            .map(|i| {
                let u = (i as f64 + 0.5) / n as f64;
                let z = u / (1.0 - u);
                M.log_likelihood_one(3, z).exp() / (1.0 - u).powi(2) / n as f64
            })
            .sum();
        assert!((total - 1.0).abs() < 1e-6, "{total}");
    }

    #[test]
    fn conditional_expected_value_by_hand() {
        // x = 2, z̄ = 30: p(γ + x z̄)/(px + q − 1) = 6.25 · 75.44 / 15.24
        let want = 6.25 * 75.44 / 15.24;
        assert!((M.expected_order_value(2, 30.0).unwrap() - want).abs() < 1e-12);
        let pop = 6.25 * 15.44 / 2.74;
        assert!((M.expected_order_value(0, 0.0).unwrap() - pop).abs() < 1e-12);
        // Many orders: the customer's own mean dominates.
        assert!((M.expected_order_value(10_000, 30.0).unwrap() - 30.0).abs() < 0.01);
        assert_eq!(GammaGamma { q: 0.9, ..M }.population_mean(), None);
    }

    /// A tiny deterministic generator (64-bit LCG) and Marsaglia–Tsang gamma draws, so the
    /// fit can be checked on data simulated from known parameters.
    struct Rng(u64);

    impl Rng {
        fn uniform(&mut self) -> f64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }

        fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        }

        /// Gamma(shape, rate).
        fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
            if shape < 1.0 {
                let u = self.uniform();
                return self.gamma(shape + 1.0, rate) * u.powf(1.0 / shape);
            }
            let d = shape - 1.0 / 3.0;
            let c = 1.0 / (9.0 * d).sqrt();
            loop {
                let x = self.normal();
                let v = (1.0 + c * x).powi(3);
                if v > 0.0 && self.uniform().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                    return d * v / rate;
                }
            }
        }
    }

    #[test]
    fn fit_recovers_simulated_parameters() {
        let truth = GammaGamma { p: 4.0, q: 3.0, gamma: 20.0 };
        let mut rng = Rng(7);
        let data: Vec<CustomerSummary> = (0..4000)
            .map(|i| {
                let x = 1 + i % 6;
                let nu = rng.gamma(truth.q, truth.gamma);
                let total: f64 = (0..x).map(|_| rng.gamma(truth.p, nu)).sum();
                cust(x, total / f64::from(x))
            })
            .collect();
        let f = fit(&data).unwrap();
        assert_eq!(f.customers, 4000);
        let rel = |a: f64, b: f64| (a / b - 1.0).abs();
        assert!(rel(f.params.p, truth.p) < 0.1, "{:?}", f.params);
        assert!(rel(f.params.q, truth.q) < 0.15, "{:?}", f.params);
        assert!(rel(f.params.gamma, truth.gamma) < 0.2, "{:?}", f.params);
        // At the optimum, moving any parameter lowers the likelihood.
        for bump in [0.99, 1.01] {
            assert!(GammaGamma { p: f.params.p * bump, ..f.params }.log_likelihood(&data) < f.log_likelihood);
            assert!(GammaGamma { q: f.params.q * bump, ..f.params }.log_likelihood(&data) < f.log_likelihood);
            assert!(GammaGamma { gamma: f.params.gamma * bump, ..f.params }.log_likelihood(&data) < f.log_likelihood);
        }
    }

    #[test]
    fn fit_refuses_data_without_repeat_buyers() {
        assert_eq!(fit(&[cust(0, 0.0)]), Err(FitError::NoRepeatPurchases));
        assert_eq!(fit(&[]), Err(FitError::NoData));
    }
}
