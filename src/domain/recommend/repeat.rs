//! Repeat needs: the customer's own products, how often they reorder each (the reorder
//! cycle) and how due the next order is.
//!
//! - Cycle: median gap between distinct purchase days (robust to one rushed or forgotten
//!   order); with a single purchase, the product's population cycle (median of the
//!   per-customer cycles, so heavy buyers do not dominate).
//! - Due-ness: `exp(-z²/2)` with `z = ln(since / cycle) / spread`, i.e. a bell on the log
//!   ratio that peaks at the expected date and is symmetric in ratio (half the cycle and
//!   twice the cycle score alike). `spread` is the sd of the log gaps, clamped, so regular
//!   buyers get a sharp peak.
//! - Habit: the decayed share of the customer's orders that held the product (half-life
//!   parameter), so products they stopped buying fade out.
//! - Score = habit × confidence × (floor + (1 - floor) × due-ness): a strong habit never
//!   drops to zero just because the timing is off.
use super::{age, decay, distinct, median, rank_order, Basket, CustomerId, Day, ProductId, Reason, Suggestion};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepeatParams {
    /// Half-life of a purchase in the habit weight, days.
    pub half_life_days: f64,
    /// Bounds of the log-gap spread (sd of ln gap).
    pub min_spread: f64,
    pub max_spread: f64,
    /// Part of the score that does not depend on timing.
    pub floor: f64,
    /// Confidence factor when the cycle is the product's population cycle.
    pub population_confidence: f64,
    /// Due-ness used when no cycle is known at all.
    pub no_cycle_dueness: f64,
}

impl Default for RepeatParams {
    fn default() -> Self {
        RepeatParams {
            half_life_days: 365.0,
            min_spread: 0.2,
            max_spread: 0.8,
            floor: 0.2,
            population_confidence: 0.8,
            no_cycle_dueness: 0.5,
        }
    }
}

/// Gaps in days between consecutive distinct purchase days (input in any order).
pub fn purchase_gaps(days: &[Day]) -> Vec<f64> {
    let mut d = days.to_vec();
    d.sort_unstable();
    d.dedup();
    d.windows(2).map(|w| f64::from(w[1] - w[0])).collect()
}

/// Reorder-cycle estimate: the median gap; needs at least two distinct purchase days.
pub fn reorder_cycle(days: &[Day]) -> Option<f64> {
    median(&purchase_gaps(days))
}

/// Spread of the gaps on the log scale, clamped to `[min, max]`; fewer than two gaps
/// say nothing about regularity, so they get `max` (a flat peak).
pub fn cycle_spread(gaps: &[f64], min: f64, max: f64) -> f64 {
    let logs: Vec<f64> = gaps.iter().filter(|g| **g > 0.0).map(|g| g.ln()).collect();
    if logs.len() < 2 {
        return max;
    }
    let n = logs.len() as f64;
    let mean = logs.iter().sum::<f64>() / n;
    let var = logs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    var.sqrt().clamp(min, max.max(min))
}

/// How due the next purchase is, in `[0, 1]`, peaking at `since == cycle`.
pub fn dueness(since_days: f64, cycle_days: f64, spread: f64) -> f64 {
    if !(since_days > 0.0 && cycle_days > 0.0 && spread > 0.0) {
        return 0.0;
    }
    let z = (since_days / cycle_days).ln() / spread;
    (-0.5 * z * z).exp()
}

/// One customer × product repeat need on a given day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepeatNeed {
    pub customer: CustomerId,
    pub product: ProductId,
    /// Distinct purchase days up to the day asked about.
    pub purchases: u32,
    pub last_day: Day,
    pub since_days: i32,
    pub cycle_days: Option<f64>,
    /// The cycle is the customer's own (not the product's population cycle).
    pub own_cycle: bool,
    pub habit: f64,
    pub dueness: f64,
    pub score: f64,
}

impl RepeatNeed {
    pub fn reason(&self) -> Reason {
        let since_days = self.since_days.max(0) as u32;
        match self.cycle_days {
            Some(c) => Reason::RepeatCycle { every_days: c.round().max(1.0) as u32, since_days },
            None => Reason::BoughtBefore { times: self.purchases, since_days },
        }
    }

    pub fn to_suggestion(&self) -> Suggestion {
        Suggestion { product: self.product, score: self.score, reason: self.reason() }
    }
}

#[derive(Clone, Debug, Default)]
struct History {
    /// Distinct order days, sorted.
    order_days: Vec<Day>,
    /// Product → distinct purchase days, sorted.
    products: BTreeMap<ProductId, Vec<Day>>,
}

/// Purchase history per customer plus each product's population cycle.
#[derive(Clone, Debug)]
pub struct RepeatModel {
    params: RepeatParams,
    customers: BTreeMap<CustomerId, History>,
    population_cycle: BTreeMap<ProductId, f64>,
}

impl RepeatModel {
    pub fn fit(baskets: &[Basket], params: RepeatParams) -> Self {
        let mut customers: BTreeMap<CustomerId, History> = BTreeMap::new();
        for b in baskets {
            let h = customers.entry(b.customer).or_default();
            h.order_days.push(b.day);
            for p in distinct(&b.items) {
                h.products.entry(p).or_default().push(b.day);
            }
        }
        let mut cycles: BTreeMap<ProductId, Vec<f64>> = BTreeMap::new();
        for h in customers.values_mut() {
            h.order_days.sort_unstable();
            h.order_days.dedup();
            for (p, days) in h.products.iter_mut() {
                days.sort_unstable();
                days.dedup();
                if let Some(c) = reorder_cycle(days) {
                    cycles.entry(*p).or_default().push(c);
                }
            }
        }
        let population_cycle = cycles.into_iter().filter_map(|(p, v)| median(&v).map(|m| (p, m))).collect();
        RepeatModel { params, customers, population_cycle }
    }

    pub fn params(&self) -> &RepeatParams {
        &self.params
    }

    /// The product's population cycle (median of the customers' own cycles).
    pub fn population_cycle(&self, product: ProductId) -> Option<f64> {
        self.population_cycle.get(&product).copied()
    }

    pub fn customers(&self) -> impl Iterator<Item = CustomerId> + '_ {
        self.customers.keys().copied()
    }

    pub fn knows(&self, customer: CustomerId) -> bool {
        self.customers.contains_key(&customer)
    }

    /// The customer's products with their decayed purchase counts as of `today`
    /// (purchases after `today` ignored), sorted by product id.
    pub fn decayed_counts(&self, customer: CustomerId, today: Day) -> Vec<(ProductId, f64)> {
        let Some(h) = self.customers.get(&customer) else { return Vec::new() };
        let hl = self.params.half_life_days;
        h.products
            .iter()
            .map(|(p, days)| {
                let w: f64 = days.iter().filter(|d| **d <= today).map(|d| decay(age(today, *d), hl)).sum();
                (*p, w)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect()
    }

    /// The need for one product; `None` if the customer never bought it by `today`.
    pub fn need(&self, customer: CustomerId, product: ProductId, today: Day) -> Option<RepeatNeed> {
        let h = self.customers.get(&customer)?;
        let all = h.products.get(&product)?;
        let days: Vec<Day> = all.iter().copied().filter(|d| *d <= today).collect();
        let last_day = *days.last()?;
        let p = &self.params;
        let hl = p.half_life_days;
        let w = |d: &Day| decay(age(today, *d), hl);
        let orders: f64 = h.order_days.iter().filter(|d| **d <= today).map(w).sum();
        let habit = if orders > 0.0 { (days.iter().map(w).sum::<f64>() / orders).min(1.0) } else { 0.0 };
        let since = today.saturating_sub(last_day);
        let own = reorder_cycle(&days);
        let (cycle, spread, confidence) = match own {
            Some(c) => (Some(c), cycle_spread(&purchase_gaps(&days), p.min_spread, p.max_spread), 1.0),
            None => (self.population_cycle(product), p.max_spread, p.population_confidence),
        };
        let due = match cycle {
            Some(c) => dueness(f64::from(since), c, spread),
            None => p.no_cycle_dueness,
        };
        let score = habit * confidence * (p.floor + (1.0 - p.floor) * due);
        Some(RepeatNeed {
            customer,
            product,
            purchases: days.len() as u32,
            last_day,
            since_days: since,
            cycle_days: cycle,
            own_cycle: own.is_some(),
            habit,
            dueness: due,
            score: if score.is_finite() { score } else { 0.0 },
        })
    }

    /// All of the customer's repeat needs on `today`, best first (ties by product id).
    pub fn needs(&self, customer: CustomerId, today: Day) -> Vec<RepeatNeed> {
        let Some(h) = self.customers.get(&customer) else { return Vec::new() };
        let mut v: Vec<RepeatNeed> = h.products.keys().filter_map(|p| self.need(customer, *p, today)).collect();
        v.sort_by(|a, b| rank_order(a.score, a.product, b.score, b.product));
        v
    }

    /// Customers likely to need `product` on `today` ("reorder reminders", campaign
    /// audiences): score at least `min_score`, best first, ties by customer id.
    pub fn customers_due(&self, product: ProductId, today: Day, min_score: f64) -> Vec<RepeatNeed> {
        let mut v: Vec<RepeatNeed> = self
            .customers
            .keys()
            .filter_map(|c| self.need(*c, product, today))
            .filter(|n| n.score >= min_score)
            .collect();
        v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.customer.cmp(&b.customer)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(c: i64, day: Day, items: &[u32]) -> Basket {
        Basket::new(c, day, items.to_vec())
    }

    #[test]
    fn reorder_cycle_is_the_median_gap() {
        // Gaps 80, 90, 90 -> 90; order and repeats in the input do not matter.
        assert_eq!(reorder_cycle(&[0, 80, 170, 260]), Some(90.0));
        assert_eq!(reorder_cycle(&[170, 0, 80, 80, 260]), Some(90.0));
        // Even number of gaps: mean of the middle two (80 and 100).
        assert_eq!(reorder_cycle(&[0, 80, 180]), Some(90.0));
        assert_eq!(reorder_cycle(&[5, 5]), None);
        assert_eq!(reorder_cycle(&[]), None);
    }

    #[test]
    fn dueness_peaks_at_the_expected_date() {
        assert!((dueness(90.0, 90.0, 0.3) - 1.0).abs() < 1e-12);
        assert!(dueness(84.0, 90.0, 0.3) > dueness(45.0, 90.0, 0.3));
        assert!((dueness(45.0, 90.0, 0.3) - dueness(180.0, 90.0, 0.3)).abs() < 1e-12);
        // ln 2 / 0.5 = 1.386 -> exp(-0.961) = 0.3825
        assert!((dueness(180.0, 90.0, 0.5) - (-0.5f64 * (2f64.ln() / 0.5).powi(2)).exp()).abs() < 1e-12);
        assert_eq!(dueness(0.0, 90.0, 0.3), 0.0);
        assert_eq!(dueness(10.0, 0.0, 0.3), 0.0);
    }

    #[test]
    fn spread_is_clamped_sd_of_log_gaps() {
        assert_eq!(cycle_spread(&[90.0], 0.2, 0.8), 0.8);
        assert_eq!(cycle_spread(&[90.0, 90.0, 90.0], 0.2, 0.8), 0.2);
        // ln 45 and ln 180: sd = (ln 180 - ln 45)/sqrt 2 = 0.980 -> clamped to 0.8
        assert_eq!(cycle_spread(&[45.0, 180.0], 0.2, 0.8), 0.8);
        let s = cycle_spread(&[80.0, 100.0], 0.0, 5.0);
        assert!((s - (100f64.ln() - 80f64.ln()) / 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn letterheads_every_90_days_last_84_days_ago() {
        let hist = vec![b(1, 0, &[7]), b(1, 90, &[7, 2]), b(1, 180, &[7]), b(1, 200, &[2])];
        let m = RepeatModel::fit(&hist, RepeatParams::default());
        let n = m.need(1, 7, 264).unwrap();
        assert_eq!((n.purchases, n.since_days, n.cycle_days, n.own_cycle), (3, 84, Some(90.0), true));
        assert_eq!(n.reason().to_string(), "you order this about every 90 days; the last was 84 days ago");
        // Perfectly regular: spread at its floor, due-ness from the bell.
        assert!((n.dueness - dueness(84.0, 90.0, 0.2)).abs() < 1e-12);
        assert!(n.score > 0.0 && n.score <= 1.0);
        // Purchases after the day asked about are ignored.
        assert_eq!(m.need(1, 7, 100).unwrap().purchases, 2);
        assert!(m.need(1, 7, -1).is_none());
    }

    #[test]
    fn single_purchase_falls_back_to_the_population_cycle() {
        let hist = vec![
            b(1, 0, &[3]),
            b(1, 60, &[3]),
            b(2, 0, &[3]),
            b(2, 100, &[3]),
            b(3, 10, &[3]),
            b(3, 130, &[3]),
            b(4, 50, &[3, 5]),
        ];
        let m = RepeatModel::fit(&hist, RepeatParams::default());
        // Own cycles 60, 100, 120 -> population median 100.
        assert_eq!(m.population_cycle(3), Some(100.0));
        let n = m.need(4, 3, 140).unwrap();
        assert_eq!((n.cycle_days, n.own_cycle, n.purchases), (Some(100.0), false, 1));
        // Nobody bought product 5 twice: no cycle at all, the reason says so.
        let n5 = m.need(4, 5, 140).unwrap();
        assert_eq!(n5.cycle_days, None);
        assert_eq!(n5.reason(), Reason::BoughtBefore { times: 1, since_days: 90 });
        assert!(m.need(9, 3, 140).is_none());
    }

    #[test]
    fn old_habits_fade_with_the_half_life() {
        let mut hist: Vec<Basket> = (0..4).map(|i| b(1, i * 30, &[1])).collect();
        hist.extend((0..4).map(|i| b(1, 1000 + i * 30, &[2])));
        let p = RepeatParams { half_life_days: 90.0, ..RepeatParams::default() };
        let m = RepeatModel::fit(&hist, p);
        let old = m.need(1, 1, 1120).unwrap();
        let new = m.need(1, 2, 1120).unwrap();
        assert!(old.habit < 0.01 && new.habit > 0.99, "{} {}", old.habit, new.habit);
        assert_eq!(m.needs(1, 1120)[0].product, 2);
        let counts = m.decayed_counts(1, 1120);
        assert_eq!(counts.len(), 2);
        assert!(counts[1].1 > counts[0].1);
    }

    #[test]
    fn customers_due_ranks_the_audience() {
        let hist = vec![b(1, 0, &[4]), b(1, 30, &[4]), b(2, 0, &[4]), b(2, 60, &[4]), b(3, 0, &[1])];
        let m = RepeatModel::fit(&hist, RepeatParams::default());
        // On day 60: customer 1 is exactly due (30 after 30); customer 2 bought today.
        let due = m.customers_due(4, 60, 0.0);
        assert_eq!(due.iter().map(|n| n.customer).collect::<Vec<_>>(), vec![1, 2]);
        assert!(m.customers_due(4, 60, 2.0).is_empty());
    }
}
