//! Smart order recommendations (issue 15): the pure maths, learned from the shop's own order
//! history. No I/O, no clock, no threads, no hash-order dependence, so the server and the
//! browser compute the same answers and tests are exact.
//!
//! - [`repeat`]: the customer's own items, their reorder cycle and how due they are;
//! - [`itemknn`]: discovery, item-item co-purchase similarity with time decay;
//! - [`season`]: per-product seasonality index, "what to offer N weeks ahead";
//! - [`calendar`]: the configurable festival/season calendar (India defaults);
//! - [`blend`]: the shipped recommender (repeat + discovery + seasonal boost + popularity);
//! - [`rules`]: frequent itemsets, association rules, bundle suggestions;
//! - [`elasticity`]: price response, log-log fit with shrinkage toward the product group;
//! - [`price`]: price proposals with guardrails, or no advice with the reason;
//! - [`eval`]: time-split offline evaluation against the baselines.
//!
//! Time is a [`Day`]: days since 1970-01-01 in the shop's local calendar (see [`day_of`]).
//! Products are `u32` ids, customers `i64` ids, as they come out of SQL.
use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

pub mod blend;
pub mod calendar;
pub mod elasticity;
pub mod eval;
pub mod itemknn;
pub mod price;
pub mod repeat;
pub mod rules;
pub mod season;

pub type ProductId = u32;
pub type CustomerId = i64;
/// Days since 1970-01-01, shop-local calendar date.
pub type Day = i32;

/// One order as the recommenders see it: who, when, which products (quantities do not
/// matter here; [`price`] takes its own points).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basket {
    pub customer: CustomerId,
    pub day: Day,
    pub items: Vec<ProductId>,
}

impl Basket {
    pub fn new(customer: CustomerId, day: Day, items: Vec<ProductId>) -> Self {
        Basket { customer, day, items }
    }

    pub fn on(customer: CustomerId, date: NaiveDate, items: Vec<ProductId>) -> Self {
        Basket { customer, day: day_of(date), items }
    }

    pub fn date(&self) -> NaiveDate {
        date_of(self.day)
    }

    /// Items sorted and without repeats (an order may hold two lines of one product).
    pub fn distinct_items(&self) -> Vec<ProductId> {
        distinct(&self.items)
    }
}

fn epoch() -> NaiveDate {
    // Always valid; the fallback only keeps the code free of unwrap.
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

pub fn day_of(date: NaiveDate) -> Day {
    let d = date.signed_duration_since(epoch()).num_days();
    d.clamp(i64::from(Day::MIN), i64::from(Day::MAX)) as Day
}

/// Day number → date, saturating at chrono's range (never panics).
pub fn date_of(day: Day) -> NaiveDate {
    let fallback = if day < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
    TimeDelta::try_days(i64::from(day)).and_then(|d| epoch().checked_add_signed(d)).unwrap_or(fallback)
}

/// 1..=12 for a day number.
pub fn month_of(day: Day) -> u32 {
    date_of(day).month()
}

/// Weight of an event `age_days` old under exponential decay with the given half-life.
/// A non-positive or non-finite half-life means "no decay"; future events weigh 1.
pub fn decay(age_days: f64, half_life_days: f64) -> f64 {
    if !(half_life_days.is_finite() && half_life_days > 0.0 && age_days > 0.0) {
        return 1.0;
    }
    0.5f64.powf(age_days / half_life_days)
}

/// Days from `day` to `today` as a float (no integer overflow on odd input).
pub fn age(today: Day, day: Day) -> f64 {
    f64::from(today) - f64::from(day)
}

/// Median of finite values (non-finite ones are ignored); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

/// Sorted, deduplicated copy.
pub fn distinct(items: &[ProductId]) -> Vec<ProductId> {
    let mut v = items.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// The one ranking order used everywhere: higher score first, ties by lower product id.
/// NaN sorts last so a bad number can never push a product to the top.
pub fn rank_order(a_score: f64, a_id: ProductId, b_score: f64, b_id: ProductId) -> Ordering {
    let key = |s: f64| if s.is_nan() { f64::NEG_INFINITY } else { s };
    key(b_score).total_cmp(&key(a_score)).then(a_id.cmp(&b_id))
}

/// Why a product is suggested, in words a shop assistant or a customer understands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The customer's own reorder cycle (or the product's usual one) says it is due.
    RepeatCycle { every_days: u32, since_days: u32 },
    /// Bought before, no cycle known yet.
    BoughtBefore { times: u32, since_days: u32 },
    /// Ordered together with `anchor` (in the cart or the customer's history); `share` is
    /// the fraction of the anchor's orders that also held this product.
    BoughtWith { anchor: ProductId, share: f64 },
    /// Customer-level co-purchase: `share` of the customers who order `anchor` order this.
    AlsoBought { anchor: ProductId, share: f64 },
    /// Demand for this product rises in `season` (name of a festival or a month).
    Seasonal { season: String, uplift_pct: f64 },
    /// Nothing personal to go on: popular with customers recently.
    Popular,
}

fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

impl Reason {
    /// The sentence with product names filled in by `name` (e.g. from the catalogue); the
    /// suggested product itself is "this".
    pub fn sentence(&self, name: &dyn Fn(ProductId) -> String) -> String {
        self.about("this", name)
    }

    /// The sentence with `subject` for the suggested product ("you order letterheads ...").
    pub fn about(&self, subject: &str, name: &dyn Fn(ProductId) -> String) -> String {
        match self {
            Reason::RepeatCycle { every_days, since_days } => {
                format!("you order {subject} about every {every_days} days; the last was {} ago", days(*since_days))
            }
            Reason::BoughtBefore { times, since_days } => format!(
                "you have ordered {subject} {}; the last was {} ago",
                match times {
                    1 => "once".to_string(),
                    2 => "twice".to_string(),
                    n => format!("{n} times"),
                },
                days(*since_days)
            ),
            Reason::BoughtWith { anchor, share } => {
                format!("ordered together with {} in {} of its orders", name(*anchor), pct(*share))
            }
            Reason::AlsoBought { anchor, share } => {
                format!("{} of customers who order {} also order {subject}", pct(*share), name(*anchor))
            }
            Reason::Seasonal { season, uplift_pct } => {
                format!("around {season} {subject} sells {uplift_pct:.0}% more than usual")
            }
            Reason::Popular => "popular with other customers recently".to_string(),
        }
    }
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(&|p| format!("product {p}")))
    }
}

/// One recommended product with its score (comparable only within one answer) and reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub product: ProductId,
    pub score: f64,
    pub reason: Reason,
}

impl Suggestion {
    /// The reason in words, naming the suggested product and any anchor with `name`.
    pub fn sentence(&self, name: &dyn Fn(ProductId) -> String) -> String {
        self.reason.about(&name(self.product), name)
    }
}

/// Sort suggestions by [`rank_order`].
pub fn sort_suggestions(v: &mut [Suggestion]) {
    v.sort_by(|a, b| rank_order(a.score, a.product, b.score, b.product));
}

/// Deterministic generator and synthetic order history for the property-style tests.
#[cfg(test)]
pub(crate) mod testkit {
    use super::{Basket, Day};

    /// Numerical Recipes' 64-bit LCG; the high bits are good enough for test data.
    pub struct Lcg(pub u64);

    impl Lcg {
        pub fn next(&mut self) -> u32 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) as u32
        }
        pub fn below(&mut self, n: u32) -> u32 {
            if n == 0 {
                0
            } else {
                self.next() % n
            }
        }
        pub fn chance(&mut self, p: f64) -> bool {
            f64::from(self.next()) / f64::from(u32::MAX >> 1) < p
        }
    }

    /// History with structure: each customer reorders 1-3 "own" products on a personal
    /// cycle, product `p` (even) drags along `p + 1` half the time, product 9 sells in
    /// October-November, and some orders are random.
    pub fn history(seed: u64, customers: i64, products: u32, start: Day, days: i32) -> Vec<Basket> {
        let mut r = Lcg(seed);
        let mut out = Vec::new();
        for c in 1..=customers {
            let own: Vec<u32> = (0..1 + r.below(3)).map(|_| r.below(products)).collect();
            let cycle = 25 + r.below(90) as i32;
            let mut day = start + r.below(cycle as u32) as i32;
            while day < start + days {
                let mut items = vec![own[r.below(own.len() as u32) as usize]];
                if items[0] % 2 == 0 && items[0] + 1 < products && r.chance(0.5) {
                    items.push(items[0] + 1);
                }
                if r.chance(0.2) {
                    items.push(r.below(products));
                }
                if matches!(super::month_of(day), 10 | 11) && products > 9 && r.chance(0.6) {
                    items.push(9);
                }
                out.push(Basket::new(c, day, items));
                day += (cycle + r.below(21) as i32 - 10).max(3);
            }
        }
        out.sort_by_key(|b| (b.day, b.customer));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
        assert_eq!(day_of(epoch()), 0);
        assert_eq!(date_of(day_of(d)), d);
        assert_eq!(month_of(day_of(d)), 10);
        assert_eq!(date_of(Day::MAX), NaiveDate::MAX);
        assert_eq!(Basket::on(1, d, vec![3, 1, 3]).distinct_items(), vec![1, 3]);
    }

    #[test]
    fn decay_halves_per_half_life() {
        assert_eq!(decay(0.0, 90.0), 1.0);
        assert!((decay(90.0, 90.0) - 0.5).abs() < 1e-12);
        assert!((decay(180.0, 90.0) - 0.25).abs() < 1e-12);
        assert_eq!(decay(-5.0, 90.0), 1.0);
        assert_eq!(decay(50.0, 0.0), 1.0);
        assert_eq!(decay(f64::NAN, 30.0), 1.0);
    }

    #[test]
    fn median_odd_even_and_empty() {
        assert_eq!(median(&[90.0, 80.0, 90.0]), Some(90.0));
        assert_eq!(median(&[80.0, 100.0]), Some(90.0));
        assert_eq!(median(&[f64::NAN]), None);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn rank_order_breaks_ties_by_id_and_sinks_nan() {
        let mut v = vec![
            Suggestion { product: 5, score: 1.0, reason: Reason::Popular },
            Suggestion { product: 2, score: 1.0, reason: Reason::Popular },
            Suggestion { product: 1, score: f64::NAN, reason: Reason::Popular },
            Suggestion { product: 9, score: 2.0, reason: Reason::Popular },
        ];
        sort_suggestions(&mut v);
        assert_eq!(v.iter().map(|s| s.product).collect::<Vec<_>>(), vec![9, 2, 5, 1]);
    }

    #[test]
    fn reasons_read_as_sentences() {
        let r = Reason::RepeatCycle { every_days: 90, since_days: 84 };
        assert_eq!(r.to_string(), "you order this about every 90 days; the last was 84 days ago");
        let name = |p: u32| if p == 3 { "Business cards".to_string() } else { format!("#{p}") };
        let r = Reason::BoughtWith { anchor: 3, share: 0.354 };
        assert_eq!(r.sentence(&name), "ordered together with Business cards in 35% of its orders");
        let r = Reason::BoughtBefore { times: 1, since_days: 1 };
        assert_eq!(r.to_string(), "you have ordered this once; the last was 1 day ago");
        let r = Reason::Seasonal { season: "Diwali".into(), uplift_pct: 140.0 };
        assert_eq!(r.to_string(), "around Diwali this sells 140% more than usual");
        let r = Reason::AlsoBought { anchor: 3, share: 0.5 };
        assert_eq!(r.sentence(&name), "50% of customers who order Business cards also order this");
        assert_eq!(Reason::Popular.to_string(), "popular with other customers recently");
        let s = Suggestion { product: 8, score: 1.0, reason: Reason::RepeatCycle { every_days: 90, since_days: 84 } };
        let name = |p: u32| if p == 8 { "letterheads".to_string() } else { format!("#{p}") };
        assert_eq!(s.sentence(&name), "you order letterheads about every 90 days; the last was 84 days ago");
    }

    #[test]
    fn testkit_is_deterministic() {
        let a = testkit::history(7, 20, 12, 19000, 400);
        assert_eq!(a, testkit::history(7, 20, 12, 19000, 400));
        assert!(a.len() > 50);
        assert!(a.iter().all(|b| !b.items.is_empty() && b.items.iter().all(|&p| p < 12)));
    }
}
