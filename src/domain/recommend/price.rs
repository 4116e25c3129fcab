//! Price proposals with guardrails, from the price response estimated in [`super::elasticity`]
//! (log-log fit per product, shrunk toward its group).
//!
//! Feed one point per product and **period** (e.g. per month: average unit price charged
//! relative to the tier list, total quantity), not per order line: within a quantity tier
//! schedule the unit price falls as the quantity rises by construction.
//!
//! Proposal: maximise margin under constant elasticity (`p* = c·b / (1 + b)` when `b < -1`;
//! for `-1 ≤ b < 0` margin rises with price, so "up"), then the guardrails: at most
//! `max_step` change, never below the margin floor `c / (1 - min_margin)`, a change too
//! small to matter is "keep". No advice, with the reason, when the data cannot support one.
use super::elasticity::pool;
pub use super::elasticity::{fit_log_log, shrink, GroupPrior, LogLogFit, PricePoint};
use super::ProductId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One product's history and current state, as the service layer reads it from SQL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductPrices {
    pub product: ProductId,
    pub group: u32,
    pub points: Vec<PricePoint>,
    pub current_price: f64,
    pub cost: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceParams {
    pub min_points: usize,
    /// Minimum sd of ln price (0.05 ≈ prices varied by about 5%).
    pub min_log_price_sd: f64,
    pub default_elasticity: f64,
    pub default_tau2: f64,
    pub min_tau2: f64,
    pub max_tau2: f64,
    /// Minimum margin as a fraction of the price.
    pub min_margin: f64,
    /// Maximum relative change per step.
    pub max_step: f64,
    /// Changes smaller than this (relative) are not worth proposing.
    pub min_change: f64,
}

impl Default for PriceParams {
    fn default() -> Self {
        PriceParams {
            min_points: 6,
            min_log_price_sd: 0.05,
            default_elasticity: -1.5,
            default_tau2: 0.25,
            min_tau2: 0.01,
            max_tau2: 1.0,
            min_margin: 0.2,
            max_step: 0.1,
            min_change: 0.005,
        }
    }
}

/// Prior per product group from the products' individual fits; groups with fewer than two
/// fitted products get the configured default.
pub fn group_priors(products: &[ProductPrices], p: &PriceParams) -> BTreeMap<u32, GroupPrior> {
    let mut fits: BTreeMap<u32, Vec<LogLogFit>> = BTreeMap::new();
    for pr in products {
        let entry = fits.entry(pr.group).or_default();
        if let Some(f) = fit_log_log(&pr.points) {
            entry.push(f);
        }
    }
    let default = GroupPrior { elasticity: p.default_elasticity, tau2: p.default_tau2, products: 0 };
    fits.into_iter().map(|(g, fs)| (g, pool(&fs, p.min_tau2, p.max_tau2).unwrap_or_else(|| default.clone()))).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// Why there is no advice; [`NoAdvice::sentence`] says it to a manager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoAdvice {
    InvalidPrice,
    NoCost,
    TooFewPoints { have: usize, need: usize },
    TooLittleVariation { spread_pct: f64 },
    PositiveElasticity { estimate: f64 },
}

impl NoAdvice {
    pub fn sentence(&self) -> String {
        match self {
            NoAdvice::InvalidPrice => "the current price is missing or not positive".into(),
            NoAdvice::NoCost => "no cost is recorded, so the margin floor cannot be checked".into(),
            NoAdvice::TooFewPoints { have, need } => format!("only {have} usable periods of sales; {need} are needed"),
            NoAdvice::TooLittleVariation { spread_pct } => {
                format!("the price hardly changed (about {spread_pct:.1}%), so its effect cannot be measured")
            }
            NoAdvice::PositiveElasticity { estimate } => format!(
                "sales rose with the price (elasticity {estimate:.2}); other causes dominate, so no price advice"
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceProposal {
    pub product: ProductId,
    pub current_price: f64,
    pub proposed_price: f64,
    pub change_pct: f64,
    /// Posterior, own fit and group prior elasticities; `weight` is the own fit's share.
    pub elasticity: f64,
    pub own_elasticity: f64,
    pub group_elasticity: f64,
    pub weight: f64,
    /// Per period (the points' period), at the current and the proposed price.
    pub quantity_change_pct: f64,
    pub revenue_change: f64,
    pub revenue_change_pct: f64,
    /// 80% range of the revenue change from the elasticity's uncertainty.
    pub revenue_change_range: (f64, f64),
    pub margin_change: f64,
    pub margin_change_pct: Option<f64>,
    pub confidence: Confidence,
    /// Guardrails that acted, in words.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PriceAdvice {
    Propose(PriceProposal),
    NoAdvice { product: ProductId, reason: NoAdvice },
}

/// Advice for every product, in input order.
pub fn propose_all(products: &[ProductPrices], p: &PriceParams) -> Vec<PriceAdvice> {
    let priors = group_priors(products, p);
    let default = GroupPrior { elasticity: p.default_elasticity, tau2: p.default_tau2, products: 0 };
    products.iter().map(|pr| propose(pr, priors.get(&pr.group).unwrap_or(&default), p)).collect()
}

/// Advice for one product given its group's prior.
pub fn propose(pr: &ProductPrices, prior: &GroupPrior, p: &PriceParams) -> PriceAdvice {
    let no = |reason| PriceAdvice::NoAdvice { product: pr.product, reason };
    let p0 = pr.current_price;
    if !(p0.is_finite() && p0 > 0.0) {
        return no(NoAdvice::InvalidPrice);
    }
    let Some(cost) = pr.cost.filter(|c| c.is_finite() && *c >= 0.0) else { return no(NoAdvice::NoCost) };
    let usable = pr.points.iter().filter(|x| x.is_valid()).count();
    let need = p.min_points.max(3);
    if usable < need {
        return no(NoAdvice::TooFewPoints { have: usable, need });
    }
    let Some(fit) = fit_log_log(&pr.points) else { return no(NoAdvice::TooLittleVariation { spread_pct: 0.0 }) };
    if fit.log_price_sd < p.min_log_price_sd {
        return no(NoAdvice::TooLittleVariation { spread_pct: fit.log_price_sd * 100.0 });
    }
    let (b, w, var) = shrink(&fit, prior);
    if fit.elasticity >= 0.0 || b >= 0.0 {
        return no(NoAdvice::PositiveElasticity { estimate: fit.elasticity });
    }
    let mut notes = Vec::new();
    let floor = cost / (1.0 - p.min_margin).max(1e-9);
    let (lo, hi) = (p0 * (1.0 - p.max_step), p0 * (1.0 + p.max_step));
    let target = if b < -1.0 { cost * b / (1.0 + b) } else { f64::INFINITY };
    let mut p1 = target.clamp(lo, hi);
    if target > hi || target < lo {
        notes.push(format!("limited to a {:.0}% change per step", p.max_step * 100.0));
    }
    if p0 < floor {
        notes.push(format!("the current price is below the margin floor of {floor:.2}"));
    }
    if p1 < floor {
        p1 = floor.min(hi);
        notes.push(if floor > hi {
            "the margin floor needs more than one step".to_string()
        } else {
            format!("raised to the margin floor ({:.0}% margin)", p.min_margin * 100.0)
        });
    }
    if ((p1 - p0) / p0).abs() < p.min_change && p0 >= floor {
        p1 = p0;
        notes.push("the current price is already close to the best one".to_string());
    }
    // Expected quantity per period at the current price: the fitted line through the means.
    let q0 = (fit.mean_log_qty + b * (p0.ln() - fit.mean_log_price)).exp();
    let revenue = |e: f64| p1 * q0 * (p1 / p0).powf(e) - p0 * q0;
    let q1 = q0 * (p1 / p0).powf(b);
    let (r0, m0) = (p0 * q0, (p0 - cost) * q0);
    let margin_change = (p1 - cost) * q1 - m0;
    let sd = var.max(0.0).sqrt();
    let (ra, rb) = (revenue(b - 1.2816 * sd), revenue(b + 1.2816 * sd));
    let confidence = match (fit.n, sd) {
        (20.., sd) if sd <= 0.2 => Confidence::High,
        (10.., sd) if sd <= 0.4 => Confidence::Medium,
        _ => Confidence::Low,
    };
    PriceAdvice::Propose(PriceProposal {
        product: pr.product,
        current_price: p0,
        proposed_price: p1,
        change_pct: (p1 / p0 - 1.0) * 100.0,
        elasticity: b,
        own_elasticity: fit.elasticity,
        group_elasticity: prior.elasticity,
        weight: w,
        quantity_change_pct: (q1 / q0 - 1.0) * 100.0,
        revenue_change: revenue(b),
        revenue_change_pct: revenue(b) / r0 * 100.0,
        revenue_change_range: (ra.min(rb), ra.max(rb)),
        margin_change,
        margin_change_pct: (m0 > 0.0).then(|| margin_change / m0 * 100.0),
        confidence,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(f64, f64)]) -> Vec<PricePoint> {
        v.iter().map(|&(price, quantity)| PricePoint { price, quantity }).collect()
    }

    /// `q = k p^e` at prices spread ±12% around 100, exact.
    fn exact(e: f64, k: f64, n: usize) -> Vec<PricePoint> {
        (0..n)
            .map(|i| 88.0 + 24.0 * i as f64 / (n - 1) as f64)
            .map(|p| PricePoint { price: p, quantity: k * p.powf(e) })
            .collect()
    }

    fn product(points: Vec<PricePoint>, cost: Option<f64>, current: f64) -> ProductPrices {
        ProductPrices { product: 1, group: 1, points, current_price: current, cost }
    }

    fn proposal(a: PriceAdvice) -> PriceProposal {
        match a {
            PriceAdvice::Propose(x) => x,
            other => panic!("expected a proposal, got {other:?}"),
        }
    }

    #[test]
    fn group_prior_pools_the_slopes() {
        let a = product(exact(-1.0, 1e4, 12), Some(50.0), 100.0);
        let b = ProductPrices { product: 2, ..product(exact(-2.0, 1e6, 12), Some(50.0), 100.0) };
        let c = ProductPrices { product: 3, group: 2, ..product(exact(-3.0, 1e8, 12), Some(50.0), 100.0) };
        let pri = group_priors(&[a, b, c], &PriceParams::default());
        // Same price points -> same Sxx, pooled slope is the mean; τ² = var(-1, -2) = 0.5.
        assert!((pri[&1].elasticity + 1.5).abs() < 1e-9 && (pri[&1].tau2 - 0.5).abs() < 1e-9);
        assert_eq!(pri[&1].products, 2);
        // A group of one falls back to the default.
        assert_eq!(pri[&2], GroupPrior { elasticity: -1.5, tau2: 0.25, products: 0 });
    }

    #[test]
    fn proposal_by_hand_capped_step_margin_up() {
        // b = -2, cost 60 -> p* = 60 × 2 = 120, capped at +10% = 110. q0 = 1e6/100² = 100.
        // q1 = 100/1.21 = 82.645; revenue 11000/1.21 - 10000 = -909.09;
        // margin 50 × 82.645 - 40 × 100 = +132.23.
        let x = proposal(propose(
            &product(exact(-2.0, 1e6, 24), Some(60.0), 100.0),
            &GroupPrior { elasticity: -1.0, tau2: 0.25, products: 0 },
            &PriceParams::default(),
        ));
        assert!((x.proposed_price - 110.0).abs() < 1e-9 && (x.change_pct - 10.0).abs() < 1e-9);
        assert!((x.elasticity + 2.0).abs() < 1e-9 && x.weight > 0.999);
        assert!((x.revenue_change - (11000.0 / 1.21 - 10000.0)).abs() < 1e-6);
        assert!((x.margin_change - (5000.0 / 1.21 - 4000.0)).abs() < 1e-6);
        assert!((x.margin_change_pct.unwrap() - (5000.0 / 1.21 - 4000.0) / 40.0).abs() < 1e-6);
        assert_eq!(x.confidence, Confidence::High);
        assert_eq!(x.notes, vec!["limited to a 10% change per step".to_string()]);
    }

    #[test]
    fn guardrails_lower_raise_keep() {
        let pr = PriceParams::default();
        let prior = GroupPrior { elasticity: -1.5, tau2: 0.25, products: 0 };
        // Elastic: b = -3, cost 60 -> p* = 90 (a 10% cut, exactly the step).
        let x = proposal(propose(&product(exact(-3.0, 1e8, 24), Some(60.0), 100.0), &prior, &pr));
        assert!((x.proposed_price - 90.0).abs() < 1e-9 && x.revenue_change > 0.0);
        // Very elastic (b = -10): p* = 60 × 10/9 = 66.7, under the margin floor 60 / 0.8 = 75;
        // at a current 70 the proposal is the floor.
        let x = proposal(propose(&product(exact(-10.0, 1e21, 24), Some(60.0), 70.0), &prior, &pr));
        assert!((x.proposed_price - 75.0).abs() < 1e-9);
        assert!(x.notes.iter().any(|n| n.contains("below the margin floor")));
        assert!(x.notes.iter().any(|n| n.contains("raised to the margin floor")));
        // Floor out of reach in one step: +10% only.
        let x = proposal(propose(&product(exact(-3.0, 1e8, 24), Some(90.0), 70.0), &prior, &pr));
        assert!((x.proposed_price - 77.0).abs() < 1e-9);
        assert!(x.notes.iter().any(|n| n.contains("more than one step")));
        // p* = 60 × 3 / 2 = 90 with current 90: keep.
        let x = proposal(propose(&product(exact(-3.0, 1e8, 24), Some(60.0), 90.2), &prior, &pr));
        assert_eq!(x.proposed_price, 90.2);
        assert!(x.revenue_change.abs() < 1e-9 && x.change_pct == 0.0);
    }

    #[test]
    fn no_advice_with_reasons() {
        let pr = PriceParams::default();
        let prior = GroupPrior { elasticity: -1.5, tau2: 0.25, products: 0 };
        let reason = |a: PriceAdvice| match a {
            PriceAdvice::NoAdvice { reason, .. } => reason,
            other => panic!("expected no advice, got {other:?}"),
        };
        let r = reason(propose(&product(exact(-2.0, 1e6, 4), Some(60.0), 100.0), &prior, &pr));
        assert_eq!(r, NoAdvice::TooFewPoints { have: 4, need: 6 });
        assert_eq!(r.sentence(), "only 4 usable periods of sales; 6 are needed");
        let flat: Vec<PricePoint> = (0..10)
            .map(|i| PricePoint { price: 100.0 + 0.1 * f64::from(i), quantity: 50.0 + f64::from(i % 3) })
            .collect();
        let r = reason(propose(&product(flat, Some(60.0), 100.0), &prior, &pr));
        assert!(matches!(r, NoAdvice::TooLittleVariation { .. }));
        let r = reason(propose(&product(exact(0.8, 1.0, 12), Some(60.0), 100.0), &prior, &pr));
        assert!(matches!(r, NoAdvice::PositiveElasticity { estimate } if (estimate - 0.8).abs() < 1e-9));
        assert_eq!(reason(propose(&product(exact(-2.0, 1e6, 12), None, 100.0), &prior, &pr)), NoAdvice::NoCost);
        let r = reason(propose(&product(exact(-2.0, 1e6, 12), Some(1.0), 0.0), &prior, &pr));
        assert_eq!(r, NoAdvice::InvalidPrice);
    }

    #[test]
    fn few_noisy_points_lean_on_the_group_and_say_low() {
        // Six noisy points: the own slope is pulled toward the group's -1.5.
        let noisy = pts(&[(90.0, 30.0), (95.0, 18.0), (100.0, 26.0), (105.0, 15.0), (110.0, 22.0), (112.0, 12.0)]);
        let own = fit_log_log(&noisy).unwrap().elasticity;
        let x = proposal(propose_all(&[product(noisy, Some(40.0), 100.0)], &PriceParams::default()).remove(0));
        assert!(x.weight < 0.5 && (x.elasticity - own).abs() > 0.1);
        assert!(x.elasticity >= own.min(-1.5) && x.elasticity <= own.max(-1.5));
        assert_eq!(x.confidence, Confidence::Low);
        assert!(x.revenue_change_range.0 <= x.revenue_change && x.revenue_change <= x.revenue_change_range.1);
    }

    #[test]
    fn property_proposals_respect_the_guardrails() {
        use super::super::testkit::Lcg;
        let pr = PriceParams::default();
        let mut r = Lcg(9);
        let mut proposed = 0;
        for _ in 0..300 {
            let e = -0.2 - f64::from(r.below(40)) / 10.0;
            let pts: Vec<PricePoint> = (0..6 + r.below(20))
                .map(|_| {
                    let p = 80.0 + f64::from(r.below(40));
                    PricePoint { price: p, quantity: 1e4 * p.powf(e) * (0.7 + f64::from(r.below(60)) / 100.0) }
                })
                .collect();
            let (cost, p0) = (f64::from(20 + r.below(80)), f64::from(60 + r.below(80)));
            if let PriceAdvice::Propose(x) = propose_all(&[product(pts, Some(cost), p0)], &pr).remove(0) {
                let floor = cost / (1.0 - pr.min_margin);
                assert!(x.proposed_price <= p0 * (1.0 + pr.max_step) + 1e-9);
                assert!(x.proposed_price >= (p0 * (1.0 - pr.max_step)).min(floor) - 1e-9);
                assert!(x.proposed_price >= floor - 1e-9 || x.proposed_price >= p0 * (1.0 + pr.max_step) - 1e-9);
                assert!(x.elasticity < 0.0 && x.revenue_change.is_finite() && x.margin_change.is_finite());
                proposed += 1;
            }
        }
        assert!(proposed > 100, "{proposed}");
    }
}
