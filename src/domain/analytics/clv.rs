//! Customer lifetime value: the per-customer summary both models read, the fit of both, and
//! the prediction CLV = expected purchases (BG/NBD) × expected order value (Gamma-Gamma),
//! optionally discounted period by period.
use super::bgnbd::{self, BgNbd, BgNbdFit};
use super::gamma_gamma::{self, GammaGamma, GammaGammaFit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A customer as the models see them, measured from their first purchase: `x` repeat
/// purchases, the last at `t_x`, observed for `t` (the papers' T); `mean_value` is the mean
/// value of the repeat purchases (0 when x = 0; the first purchase is left out, as in the
/// Gamma-Gamma note, because acquisition orders differ).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub x: u32,
    pub t_x: f64,
    pub t: f64,
    pub mean_value: f64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FitError {
    NoData,
    InvalidCustomer {
        index: usize,
        reason: &'static str,
    },
    /// Without repeat purchases neither model has anything to learn from.
    NoRepeatPurchases,
    NotConverged,
}

impl FitError {
    pub fn message(&self) -> String {
        match self {
            FitError::NoData => "There are no customers to fit the model on".into(),
            FitError::InvalidCustomer { index, reason } => format!("Customer row {}: {reason}", index + 1),
            FitError::NoRepeatPurchases => {
                "No customer has bought more than once yet, so no forecast can be made".into()
            }
            FitError::NotConverged => "The model fit did not settle; the figures are not reliable".into(),
        }
    }
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FitError {}

/// Rows the likelihoods can take: finite, 0 ≤ t_x ≤ t, t_x = 0 when x = 0, no negative value.
pub(super) fn check(data: &[CustomerSummary]) -> Result<(), FitError> {
    if data.is_empty() {
        return Err(FitError::NoData);
    }
    for (index, c) in data.iter().enumerate() {
        let reason = if !(c.t_x.is_finite() && c.t.is_finite() && c.mean_value.is_finite()) {
            Some("a time or value is not a number")
        } else if c.t_x < 0.0 || c.t < 0.0 {
            Some("negative time")
        } else if c.t_x > c.t {
            Some("last purchase after the end of observation")
        } else if c.x == 0 && c.t_x != 0.0 {
            Some("a last repeat purchase without any repeat purchase")
        } else if c.x > 0 && c.t == 0.0 {
            Some("repeat purchases in no time at all")
        } else if c.mean_value < 0.0 {
            Some("negative order value")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(FitError::InvalidCustomer { index, reason });
        }
    }
    Ok(())
}

/// Summaries in days from `(customer id, order date, order value)` rows, observed up to and
/// including `as_of` (later rows are ignored). Orders on the same day count as one purchase
/// of their total, since the models count purchase occasions, not documents.
pub fn summarize_orders(orders: &[(i32, NaiveDate, f64)], as_of: NaiveDate) -> Vec<(i32, CustomerSummary)> {
    let mut days: BTreeMap<i32, BTreeMap<NaiveDate, f64>> = BTreeMap::new();
    for &(customer, date, value) in orders.iter().filter(|o| o.1 <= as_of) {
        *days.entry(customer).or_default().entry(date).or_default() += value;
    }
    days.into_iter()
        .filter_map(|(customer, by_day)| {
            let first = *by_day.keys().next()?;
            let last = *by_day.keys().next_back()?;
            let repeat: Vec<f64> = by_day.values().skip(1).copied().collect();
            let x = repeat.len() as u32;
            let mean_value = if x == 0 { 0.0 } else { repeat.iter().sum::<f64>() / f64::from(x) };
            let t_x = (last - first).num_days() as f64;
            let t = (as_of - first).num_days() as f64;
            Some((customer, CustomerSummary { x, t_x, t, mean_value }))
        })
        .collect()
}

/// Both models fitted on the same customers (Gamma-Gamma on those with repeat purchases).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Models {
    pub purchases: BgNbdFit,
    pub value: GammaGammaFit,
}

pub fn fit_models(data: &[CustomerSummary]) -> Result<Models, FitError> {
    Ok(Models { purchases: bgnbd::fit(data)?, value: gamma_gamma::fit(data)? })
}

/// Discounting: the horizon is cut into `period`-long steps (e.g. 30 days) and the value
/// expected in step k is divided by (1 + rate)^k, rate being per period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discount {
    pub period: f64,
    pub rate: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub expected_purchases: f64,
    pub prob_alive: f64,
    /// `None` when the value model has an infinite mean (q ≤ 1).
    pub expected_order_value: Option<f64>,
    pub clv: Option<f64>,
}

/// Forecast for one customer over `horizon` (same unit as the summary). `None` when the
/// horizon or discount is unusable or a series fails.
pub fn predict(
    bg: &BgNbd,
    gg: &GammaGamma,
    c: &CustomerSummary,
    horizon: f64,
    discount: Option<Discount>,
) -> Option<Prediction> {
    let expected_purchases = bg.expected_purchases(c, horizon)?;
    let expected_order_value = gg.expected_order_value(c.x, c.mean_value);
    let clv = match (expected_order_value, discount) {
        (None, _) => None,
        (Some(v), None) => Some(expected_purchases * v),
        (Some(v), Some(d)) => discounted_purchases(bg, c, horizon, d).map(|p| p * v),
    };
    Some(Prediction { expected_purchases, prob_alive: bg.prob_alive(c), expected_order_value, clv })
}

/// Σ_k [E(t_k) − E(t_{k−1})] / (1 + rate)^k with t_k = min(k · period, horizon).
fn discounted_purchases(bg: &BgNbd, c: &CustomerSummary, horizon: f64, d: Discount) -> Option<f64> {
    if !(d.period > 0.0 && d.rate > -1.0 && d.rate.is_finite()) {
        return None;
    }
    let steps = (horizon / d.period).ceil() as u64;
    let mut previous = 0.0;
    let mut total = 0.0;
    for k in 1..=steps {
        let e = bg.expected_purchases(c, (k as f64 * d.period).min(horizon))?;
        total += (e - previous) / (1.0 + d.rate).powi(k as i32);
        previous = e;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BG: BgNbd = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const GG: GammaGamma = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn summaries_from_orders_by_hand() {
        let orders = [
            (1, d(2024, 1, 1), 100.0),
            (1, d(2024, 1, 11), 40.0),
            (1, d(2024, 1, 11), 20.0), // same day: one purchase of 60
            (1, d(2024, 1, 31), 90.0),
            (2, d(2024, 1, 21), 500.0),
            (3, d(2024, 1, 5), 10.0),
            (3, d(2024, 3, 1), 99.0), // after as_of: ignored
        ];
        let s = summarize_orders(&orders, d(2024, 2, 10));
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], (1, CustomerSummary { x: 2, t_x: 30.0, t: 40.0, mean_value: 75.0 }));
        assert_eq!(s[1], (2, CustomerSummary { x: 0, t_x: 0.0, t: 20.0, mean_value: 0.0 }));
        assert_eq!(s[2], (3, CustomerSummary { x: 0, t_x: 0.0, t: 36.0, mean_value: 0.0 }));
        assert!(check(&s.iter().map(|(_, c)| *c).collect::<Vec<_>>()).is_ok());
    }

    #[test]
    fn check_names_the_bad_row() {
        let good = CustomerSummary { x: 1, t_x: 1.0, t: 2.0, mean_value: 5.0 };
        assert_eq!(check(&[]), Err(FitError::NoData));
        let bad = [good, CustomerSummary { t: f64::NAN, ..good }];
        assert!(matches!(check(&bad), Err(FitError::InvalidCustomer { index: 1, .. })));
        let bad = [CustomerSummary { x: 0, ..good }];
        assert!(matches!(check(&bad), Err(FitError::InvalidCustomer { index: 0, .. })));
        let bad = [CustomerSummary { mean_value: -1.0, ..good }];
        assert_eq!(check(&bad).unwrap_err().message(), "Customer row 1: negative order value");
    }

    #[test]
    fn clv_is_purchases_times_value() {
        let c = CustomerSummary { x: 2, t_x: 30.43, t: 38.86, mean_value: 22.35 };
        let p = predict(&BG, &GG, &c, 52.0, None).unwrap();
        let e = BG.expected_purchases(&c, 52.0).unwrap();
        let v = GG.expected_order_value(2, 22.35).unwrap();
        assert_eq!(p.expected_purchases, e);
        assert!((p.clv.unwrap() - e * v).abs() < 1e-12);
        assert_eq!(p.prob_alive, BG.prob_alive(&c));
        assert!(p.prob_alive > 0.0 && p.prob_alive < 1.0);
    }

    #[test]
    fn discounting_by_hand() {
        let c = CustomerSummary { x: 3, t_x: 20.0, t: 30.0, mean_value: 40.0 };
        let v = GG.expected_order_value(3, 40.0).unwrap();
        let (e1, e2) = (BG.expected_purchases(&c, 4.0).unwrap(), BG.expected_purchases(&c, 6.0).unwrap());
        // Horizon 6 in steps of 4: a full step then a partial one.
        let want = (e1 / 1.1 + (e2 - e1) / 1.21) * v;
        let got = predict(&BG, &GG, &c, 6.0, Some(Discount { period: 4.0, rate: 0.1 })).unwrap();
        assert!((got.clv.unwrap() - want).abs() < 1e-12);
        // A zero rate is no discount at all.
        let flat = predict(&BG, &GG, &c, 6.0, Some(Discount { period: 1.0, rate: 0.0 })).unwrap();
        assert!((flat.clv.unwrap() - e2 * v).abs() < 1e-12);
        assert_eq!(predict(&BG, &GG, &c, 6.0, Some(Discount { period: 0.0, rate: 0.1 })).unwrap().clv, None);
        // An infinite-mean value model gives no CLV but still the purchases.
        let heavy = GammaGamma { q: 0.5, ..GG };
        let p = predict(&BG, &heavy, &CustomerSummary { x: 0, t_x: 0.0, t: 30.0, mean_value: 0.0 }, 6.0, None).unwrap();
        assert_eq!(p.clv, None);
        assert!(p.expected_purchases > 0.0);
    }
}
