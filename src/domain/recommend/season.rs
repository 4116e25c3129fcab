//! Seasonality: a per-product index by month and ISO week learned from history, a
//! configurable calendar of local seasons and festivals, and "what to offer N weeks ahead".
//!
//! Index of bucket `b` (a month or a week) for one product, counting orders that hold it:
//! `(n_b + α) / (E_b + α)` with `E_b = r̄ · e_b`, where `e_b` is the number of observed
//! days falling in `b`, `r̄` the product's mean orders per day. Without `α` it is the plain
//! ratio of the bucket's rate to the product's mean rate; `α` (pseudo-orders) shrinks it
//! toward 1 when there are few observations (Poisson-gamma style). Exposure starts at the
//! month of the product's first sale so a product launched mid-history is not "seasonal".
pub use super::calendar::{DateRange, Occurrence, Season, SeasonCalendar};
use super::{date_of, day_of, Basket, CustomerId, Day, ProductId};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `(n_b + α) / (r̄ e_b + α)` per bucket; all 1 when there is nothing to learn from.
pub fn seasonal_index(counts: &[f64], exposure: &[f64], shrink: f64) -> Vec<f64> {
    let n: f64 = counts.iter().sum();
    let t: f64 = exposure.iter().sum();
    let a = shrink.max(0.0);
    counts
        .iter()
        .zip(exposure)
        .map(|(&nb, &eb)| {
            let expected = if t > 0.0 { n / t * eb } else { 0.0 };
            let den = expected + a;
            if n > 0.0 && den > 0.0 {
                (nb + a) / den
            } else {
                1.0
            }
        })
        .collect()
}

fn buckets(day: Day) -> (usize, usize) {
    let d = date_of(day);
    (d.month0() as usize, (d.iso_week().week() as usize).clamp(1, 53) - 1)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeasonIndex {
    monthly: BTreeMap<ProductId, Vec<f64>>,
    weekly: BTreeMap<ProductId, Vec<f64>>,
}

impl SeasonIndex {
    /// Learn from orders on `[data_start, data_end]` with shrinkage `shrink` (pseudo-orders).
    pub fn fit(baskets: &[Basket], data_start: Day, data_end: Day, shrink: f64) -> Self {
        let mut counts: BTreeMap<ProductId, (Day, Vec<f64>, Vec<f64>)> = BTreeMap::new();
        for b in baskets.iter().filter(|b| (data_start..=data_end).contains(&b.day)) {
            let (m, w) = buckets(b.day);
            for p in b.distinct_items() {
                let e = counts.entry(p).or_insert_with(|| (b.day, vec![0.0; 12], vec![0.0; 53]));
                e.0 = e.0.min(b.day);
                e.1[m] += 1.0;
                e.2[w] += 1.0;
            }
        }
        // Exposure depends only on the start month. One backward walk over the days gives
        // the exposure from every distinct start (linear in the span, however many starts).
        let start_of = |first: Day| {
            let d = date_of(first);
            NaiveDate::from_ymd_opt(d.year(), d.month(), 1).map_or(first, day_of).max(data_start)
        };
        let mut starts: Vec<Day> = counts.values().map(|c| start_of(c.0)).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut exposure: BTreeMap<Day, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
        let (mut em, mut ew) = (vec![0.0; 12], vec![0.0; 53]);
        let mut day = data_end;
        for &s in starts.iter().rev() {
            while day >= s {
                let (m, w) = buckets(day);
                em[m] += 1.0;
                ew[w] += 1.0;
                match day.checked_sub(1) {
                    Some(d) => day = d,
                    None => break,
                }
            }
            exposure.insert(s, (em.clone(), ew.clone()));
        }
        let mut out = SeasonIndex { monthly: BTreeMap::new(), weekly: BTreeMap::new() };
        for (p, (first, cm, cw)) in counts {
            if let Some((em, ew)) = exposure.get(&start_of(first)) {
                out.monthly.insert(p, seasonal_index(&cm, em, shrink));
                out.weekly.insert(p, seasonal_index(&cw, ew, shrink));
            }
        }
        out
    }

    /// Index for `month` (1..=12); 1 for unknown products or months.
    pub fn month_index(&self, product: ProductId, month: u32) -> f64 {
        let i = (month as usize).wrapping_sub(1);
        self.monthly.get(&product).and_then(|v| v.get(i)).copied().unwrap_or(1.0)
    }

    /// Index for ISO `week` (1..=53); 1 for unknown products or weeks.
    pub fn week_index(&self, product: ProductId, week: u32) -> f64 {
        let i = (week as usize).wrapping_sub(1);
        self.weekly.get(&product).and_then(|v| v.get(i)).copied().unwrap_or(1.0)
    }

    /// Month index of the month containing `day`.
    pub fn on(&self, product: ProductId, day: Day) -> f64 {
        self.month_index(product, date_of(day).month())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeasonParams {
    /// Pseudo-orders of shrinkage toward "no uplift".
    pub shrink: f64,
    /// A product needs this many orders in last year's window to count as evidence.
    pub min_window_orders: u32,
    pub top_products: usize,
    /// Baseline: this many days on each side of the window.
    pub baseline_days: i32,
}

impl Default for SeasonParams {
    fn default() -> Self {
        SeasonParams { shrink: 2.0, min_window_orders: 3, top_products: 10, baseline_days: 182 }
    }
}

/// Evidence for one product: orders in the window vs the baseline rate around it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductUplift {
    pub product: ProductId,
    pub uplift_pct: f64,
    pub window_orders: u32,
    pub expected_orders: f64,
    /// Who ordered it in the window, most orders first (ties by id): whom to offer it to.
    pub customers: Vec<CustomerId>,
}

/// Uplift of each product in `window` over its rate in the `baseline_days` on either side
/// (clipped to the data `[data_start, data_end]`): `(n + α) / (E + α) - 1`, as a percentage.
pub fn window_uplift(
    baskets: &[Basket],
    window: DateRange,
    data_start: Day,
    data_end: Day,
    p: &SeasonParams,
) -> Vec<ProductUplift> {
    let (ws, we) = window.days();
    let (ws, we) = (ws.max(data_start), we.min(data_end));
    let (bs, be) = (ws.saturating_sub(p.baseline_days.max(0)), we.saturating_add(p.baseline_days.max(0)));
    let (bs, be) = (bs.max(data_start), be.min(data_end));
    let wdays = f64::from(we - ws + 1);
    let bdays = f64::from((ws - bs).max(0) + (be - we).max(0));
    if ws > we || bdays <= 0.0 {
        return Vec::new();
    }
    let mut inside: BTreeMap<ProductId, BTreeMap<CustomerId, u32>> = BTreeMap::new();
    let mut outside: BTreeMap<ProductId, f64> = BTreeMap::new();
    for b in baskets.iter().filter(|b| (bs..=be).contains(&b.day)) {
        for item in b.distinct_items() {
            if (ws..=we).contains(&b.day) {
                *inside.entry(item).or_default().entry(b.customer).or_insert(0) += 1;
            } else {
                *outside.entry(item).or_insert(0.0) += 1.0;
            }
        }
    }
    let a = p.shrink.max(0.0);
    let mut v: Vec<ProductUplift> = inside
        .into_iter()
        .filter_map(|(product, by)| {
            let n: u32 = by.values().sum();
            let expected = outside.get(&product).copied().unwrap_or(0.0) / bdays * wdays;
            let den = expected + a;
            if n < p.min_window_orders.max(1) || den <= 0.0 {
                return None;
            }
            let uplift_pct = ((f64::from(n) + a) / den - 1.0) * 100.0;
            let mut cs: Vec<(CustomerId, u32)> = by.into_iter().collect();
            cs.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            let customers = cs.into_iter().map(|(c, _)| c).collect();
            (uplift_pct > 0.0).then_some(ProductUplift {
                product,
                uplift_pct,
                window_orders: n,
                expected_orders: expected,
                customers,
            })
        })
        .collect();
    v.sort_by(|x, y| super::rank_order(x.uplift_pct, x.product, y.uplift_pct, y.product));
    v.truncate(p.top_products);
    v
}

/// A season coming up and what sold above its usual level in it last year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeasonOffer {
    pub season: String,
    pub range: DateRange,
    pub days_until: i32,
    /// Last year's window the evidence comes from.
    pub evidence: DateRange,
    /// The calendar had no earlier occurrence: the window is the same dates 52 weeks back.
    pub evidence_shifted: bool,
    pub products: Vec<ProductUplift>,
}

/// For `today`: seasons starting within `weeks_ahead` weeks and, for each, the products
/// with the highest uplift in last year's window (from orders up to `today` only). Pass
/// the baskets of one customer group to get that group's evidence.
pub fn what_to_offer(
    baskets: &[Basket],
    calendar: &SeasonCalendar,
    today: Day,
    weeks_ahead: u32,
    p: &SeasonParams,
) -> Vec<SeasonOffer> {
    let past: Vec<Basket> = baskets.iter().filter(|b| b.day <= today).cloned().collect();
    let start = past.iter().map(|b| b.day).min().unwrap_or(today);
    let end = past.iter().map(|b| b.day).max().unwrap_or(today);
    calendar
        .upcoming(date_of(today), weeks_ahead)
        .into_iter()
        .map(|occ| {
            let (evidence, evidence_shifted) = calendar.last_year(&occ);
            SeasonOffer {
                days_until: day_of(occ.range.start).saturating_sub(today),
                products: window_uplift(&past, evidence, start, end, p),
                season: occ.season,
                range: occ.range,
                evidence,
                evidence_shifted,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::calendar::{range, ymd};
    use super::*;

    #[test]
    fn index_by_hand_with_and_without_shrinkage() {
        // Nov 60 orders over 30 days, Dec 1 over 31, others 1/day: N = 365 = days, r̄ = 1.
        let start = day_of(ymd(2023, 1, 1));
        let mut h = Vec::new();
        for day in start..=day_of(ymd(2023, 12, 31)) {
            let m = date_of(day).month();
            let n = match m {
                11 => 2,
                12 => u32::from(date_of(day).day() == 1),
                _ => 1,
            };
            h.extend((0..n).map(|_| Basket::new(1, day, vec![5])));
        }
        let end = day_of(ymd(2023, 12, 31));
        let raw = SeasonIndex::fit(&h, start, end, 0.0);
        assert!((raw.month_index(5, 11) - 2.0).abs() < 1e-12);
        assert!((raw.month_index(5, 12) - 1.0 / 31.0).abs() < 1e-12);
        assert!((raw.month_index(5, 1) - 1.0).abs() < 1e-12);
        let s = SeasonIndex::fit(&h, start, end, 10.0);
        assert!((s.month_index(5, 11) - 70.0 / 40.0).abs() < 1e-12);
        assert!((s.month_index(5, 12) - 11.0 / 41.0).abs() < 1e-12);
        assert!((s.on(5, day_of(ymd(2023, 1, 9))) - 1.0).abs() < 1e-12);
        assert_eq!(s.month_index(99, 11), 1.0);
        assert_eq!(s.month_index(5, 13), 1.0);
        // 2023-11-13 is a Monday of ISO week 46, inside November: above 1.
        assert!(s.week_index(5, 46) > 1.2);
    }

    #[test]
    fn index_formula_and_late_launch() {
        let v = seasonal_index(&[6.0, 2.0], &[10.0, 10.0], 0.0);
        assert_eq!(v, vec![1.5, 0.5]);
        assert_eq!(seasonal_index(&[0.0, 0.0], &[10.0, 10.0], 0.0), vec![1.0, 1.0]);
        // Launched in July, one order a day since: flat, not "July-to-December seasonal".
        let start = day_of(ymd(2023, 1, 1));
        let h: Vec<Basket> =
            (day_of(ymd(2023, 7, 1))..=day_of(ymd(2023, 12, 31))).map(|d| Basket::new(1, d, vec![3])).collect();
        let s = SeasonIndex::fit(&h, start, day_of(ymd(2023, 12, 31)), 0.0);
        assert!((1..=12).all(|m| (s.month_index(3, m) - 1.0).abs() < 1e-12));
    }

    #[test]
    fn uplift_by_hand() {
        // Window days 100..=109, baseline 20 days each side = 40 days.
        let mut h = Vec::new();
        for (c, d) in [(1, 100), (1, 101), (1, 103), (1, 105), (2, 106), (2, 109)] {
            h.push(Basket::new(c, d, vec![1]));
        }
        for d in [80, 90, 115, 125] {
            h.push(Basket::new(3, d, vec![1]));
        }
        for d in 80..130 {
            h.push(Basket::new(4, d, vec![2]));
        }
        let p = SeasonParams { shrink: 1.0, min_window_orders: 3, top_products: 5, baseline_days: 20 };
        let w = range(date_of(100), date_of(109));
        let v = window_uplift(&h, w, 0, 200, &p);
        // E = 4/40 × 10 = 1 -> (6 + 1)/(1 + 1) - 1 = 250%. Product 2 is flat: left out.
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].product, v[0].window_orders, v[0].customers.clone()), (1, 6, vec![1, 2]));
        assert!((v[0].expected_orders - 1.0).abs() < 1e-12 && (v[0].uplift_pct - 250.0).abs() < 1e-9);
        // A window outside the data gives no evidence rather than an error.
        assert!(window_uplift(&h, w, 300, 400, &p).is_empty());
    }

    #[test]
    fn what_to_offer_uses_last_years_window_only() {
        let c = SeasonCalendar::india_default();
        let d25 = day_of(ymd(2025, 10, 20));
        let mut h = Vec::new();
        // Gift boxes (7) sell in the three weeks before Diwali 2025, rarely otherwise.
        for i in 0..12 {
            h.push(Basket::new(i, d25 - 20 + i as i32, vec![7]));
        }
        for d in (day_of(ymd(2025, 1, 1))..day_of(ymd(2026, 10, 1))).step_by(30) {
            h.push(Basket::new(50, d, vec![7, 1]));
        }
        // An order after "today" must not count.
        h.push(Basket::new(99, day_of(ymd(2026, 10, 5)), vec![8, 8]));
        let today = day_of(ymd(2026, 10, 1));
        let offers = what_to_offer(&h, &c, today, 4, &SeasonParams::default());
        let diwali = offers.iter().find(|o| o.season == "Diwali").unwrap();
        assert_eq!((diwali.days_until, diwali.evidence_shifted), (17, false));
        assert_eq!(diwali.products[0].product, 7);
        assert!(diwali.products[0].uplift_pct > 100.0);
        assert!(diwali.products.iter().all(|u| u.product != 8 && u.product != 1));
    }

    #[test]
    fn property_index_is_positive_and_averages_to_one() {
        use super::super::testkit::Lcg;
        let mut r = Lcg(42);
        for _ in 0..200 {
            let counts: Vec<f64> = (0..12).map(|_| f64::from(r.below(20))).collect();
            let exposure: Vec<f64> = (0..12).map(|_| f64::from(1 + r.below(62))).collect();
            let raw = seasonal_index(&counts, &exposure, 0.0);
            let shrunk = seasonal_index(&counts, &exposure, 3.0);
            assert!(raw.iter().chain(&shrunk).all(|x| x.is_finite() && *x >= 0.0));
            if counts.iter().sum::<f64>() > 0.0 {
                // Exposure-weighted mean of the unshrunk index is exactly 1.
                let mean = raw.iter().zip(&exposure).map(|(i, e)| i * e).sum::<f64>() / exposure.iter().sum::<f64>();
                assert!((mean - 1.0).abs() < 1e-9);
                // Shrinkage pulls every bucket toward 1.
                assert!(raw.iter().zip(&shrunk).all(|(a, b)| (b - 1.0).abs() <= (a - 1.0).abs() + 1e-12));
            }
        }
    }
}
