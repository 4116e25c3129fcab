//! RFM: recency, frequency and monetary scores 1–5 by quintile, the eleven named segments of
//! the R × FM grid, repeat-purchase rate and inter-order gaps.
//!
//! Scores. A customer's score is `1 + floor(5 · w / n)`, where `w` is how many of the `n`
//! customers are strictly worse on that measure (more days since the last order; fewer
//! orders; less spend). So the score is the quintile of the customer's rank, and customers
//! with equal values always share a score: the one of the lowest-placed among them. No tie is
//! broken at random (as ranking "first come" would), so a re-run gives the same scores, and a
//! large tie, typically everyone with one order, sits together at the bottom, which means some
//! scores can be empty for frequency. Five customers with distinct values score 1 to 5.
//!
//! Segments. The widely used grid (Putler's RFM segments) plots R against FM = the mean of F and
//! M on a 0–5 axis, score s covering (s − 1, s]; FM is that mean rounded half up, which is the
//! cell the mean falls in. Its table gives rectangles (R, FM): champions 4–5/4–5, loyal 2–5/3–5,
//! potential loyalist 3–5/1–3, new 4–5/0–1, promising 3–4/0–1, need attention 2–3/2–3, about to
//! sleep 2–3/0–2, at risk 0–2/2–5, can't lose them 0–1/4–5, hibernating 1–2/1–2, lost 0–2/0–2,
//! where the smaller rectangles lie on top of the larger ones they sit in. Read that way they
//! tile the grid exactly; `segment` is that tiling in scores.
use super::stats::{summarize, Summary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What RFM needs to know about a customer, one SQL aggregate row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerActivity {
    pub customer_id: i32,
    pub last_order: NaiveDate,
    pub orders: u32,
    /// Total spend in the period, in any one unit (rupees, paise).
    pub revenue: f64,
}

labelled_enum!(
    Segment {
        Champions = "champions": "Champions",
        Loyal = "loyal": "Loyal",
        PotentialLoyalist = "potential_loyalist": "Potential loyalist",
        New = "new": "New customers",
        Promising = "promising": "Promising",
        NeedAttention = "need_attention": "Need attention",
        AboutToSleep = "about_to_sleep": "About to sleep",
        AtRisk = "at_risk": "At risk",
        CantLoseThem = "cant_lose_them": "Can't lose them",
        Hibernating = "hibernating": "Hibernating",
        Lost = "lost": "Lost",
    }
);

impl Segment {
    /// The segment's cells in scores, as shown beside it.
    pub fn rule(self) -> &'static str {
        match self {
            Segment::Champions => "Recency 5 and FM 5",
            Segment::Loyal => "Recency 3–4 and FM 4–5, or recency 5 and FM 4",
            Segment::PotentialLoyalist => "Recency 4–5 and FM 2–3",
            Segment::New => "Recency 5 and FM 1",
            Segment::Promising => "Recency 4 and FM 1",
            Segment::NeedAttention => "Recency 3 and FM 3",
            Segment::AboutToSleep => "Recency 3 and FM 1–2",
            Segment::AtRisk => "Recency 1 and FM 3–4, or recency 2 and FM 3–5",
            Segment::CantLoseThem => "Recency 1 and FM 5",
            Segment::Hibernating => "Recency 2 and FM 2",
            Segment::Lost => "Recency 1–2 and FM 1–2, except recency 2 with FM 2",
        }
    }

    /// Who they are, in a line.
    pub fn description(self) -> &'static str {
        match self {
            Segment::Champions => "Bought recently, buy often and spend the most",
            Segment::Loyal => "Buy often and spend well",
            Segment::PotentialLoyalist => "Recent customers with a few orders or a good spend",
            Segment::New => "Bought very recently, once or for little",
            Segment::Promising => "Recent, but have not bought much yet",
            Segment::NeedAttention => "Middling on every count, not very recent",
            Segment::AboutToSleep => "Fading: not recent, small and rare orders",
            Segment::AtRisk => "Bought often and well, but a while ago",
            Segment::CantLoseThem => "Among the best customers, but gone quiet the longest",
            Segment::Hibernating => "Long gone, small and rare orders",
            Segment::Lost => "The lowest scores on every count",
        }
    }
}

/// FM = mean of F and M rounded half up (the cell the mean falls in on the 0–5 axis).
pub fn fm_score(f: u8, m: u8) -> u8 {
    (f + m).div_ceil(2)
}

/// The segment of an R score and an FM score, both 1–5 (out-of-range values are clamped).
pub fn segment(r: u8, fm: u8) -> Segment {
    use Segment::*;
    match (r.clamp(1, 5), fm.clamp(1, 5)) {
        (5, 5) => Champions,
        (3..=4, 4..=5) | (5, 4) => Loyal,
        (4..=5, 2..=3) => PotentialLoyalist,
        (5, 1) => New,
        (4, 1) => Promising,
        (3, 3) => NeedAttention,
        (3, _) => AboutToSleep,
        (1, 5) => CantLoseThem,
        (1..=2, 3..=5) => AtRisk,
        (2, 2) => Hibernating,
        _ => Lost,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RfmScore {
    pub customer_id: i32,
    pub recency_days: i64,
    pub frequency: u32,
    pub monetary: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub fm: u8,
    pub segment: Segment,
}

/// `1 + floor(5 · worse / n)` for each value, "worse" meaning strictly lower after `key`.
fn quintile_scores(keys: &[f64]) -> Vec<u8> {
    let n = keys.len();
    let mut sorted: Vec<f64> = keys.to_vec();
    sorted.sort_by(f64::total_cmp);
    keys.iter()
        .map(|k| {
            let worse = sorted.partition_point(|v| v.total_cmp(k).is_lt());
            (1 + 5 * worse / n) as u8
        })
        .collect()
}

/// Scores and segments, in the input's order, with recency counted in days to `as_of`
/// (an order on `as_of` is 0 days ago).
pub fn rfm_scores(customers: &[CustomerActivity], as_of: NaiveDate) -> Vec<RfmScore> {
    let recency: Vec<i64> = customers.iter().map(|c| (as_of - c.last_order).num_days()).collect();
    // Fewer days is better, so negate to make "strictly lower" mean "worse".
    let r = quintile_scores(&recency.iter().map(|&d| (-d) as f64).collect::<Vec<_>>());
    let f = quintile_scores(&customers.iter().map(|c| f64::from(c.orders)).collect::<Vec<_>>());
    let m = quintile_scores(&customers.iter().map(|c| c.revenue).collect::<Vec<_>>());
    customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let fm = fm_score(f[i], m[i]);
            RfmScore {
                customer_id: c.customer_id,
                recency_days: recency[i],
                frequency: c.orders,
                monetary: c.revenue,
                r: r[i],
                f: f[i],
                m: m[i],
                fm,
                segment: segment(r[i], fm),
            }
        })
        .collect()
}

/// Customers per segment, in `Segment::ALL` order, empty segments included (a chart shows
/// them as zero).
pub fn segment_counts(scores: &[RfmScore]) -> Vec<(Segment, usize)> {
    Segment::ALL.iter().map(|&s| (s, scores.iter().filter(|x| x.segment == s).count())).collect()
}

/// Activity rows from `(customer id, order date, order value)` rows.
pub fn activity_from_orders(orders: &[(i32, NaiveDate, f64)]) -> Vec<CustomerActivity> {
    let mut by: BTreeMap<i32, CustomerActivity> = BTreeMap::new();
    for &(customer_id, date, value) in orders {
        let a = by.entry(customer_id).or_insert(CustomerActivity {
            customer_id,
            last_order: date,
            orders: 0,
            revenue: 0.0,
        });
        a.last_order = a.last_order.max(date);
        a.orders += 1;
        a.revenue += value;
    }
    by.into_values().collect()
}

/// Share of customers with two or more orders; `None` without customers.
pub fn repeat_purchase_rate(order_counts: &[u32]) -> Option<f64> {
    let buyers = order_counts.iter().filter(|&&n| n > 0).count();
    (buyers > 0).then(|| order_counts.iter().filter(|&&n| n >= 2).count() as f64 / buyers as f64)
}

/// Days between each customer's consecutive orders (all customers pooled); orders on the
/// same day give a 0-day gap.
pub fn inter_order_gaps(orders: &[(i32, NaiveDate)]) -> Vec<f64> {
    let mut by: BTreeMap<i32, Vec<NaiveDate>> = BTreeMap::new();
    for &(c, d) in orders {
        by.entry(c).or_default().push(d);
    }
    by.into_values()
        .flat_map(|mut dates| {
            dates.sort();
            dates.windows(2).map(|w| (w[1] - w[0]).num_days() as f64).collect::<Vec<_>>()
        })
        .collect()
}

/// Order frequency and gaps in one place for the behaviour panel.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frequency {
    pub customers: usize,
    pub orders: usize,
    pub orders_per_customer: f64,
    pub repeat_rate: f64,
    /// `None` when nobody ordered twice.
    pub gap_days: Option<Summary>,
}

pub fn order_frequency(orders: &[(i32, NaiveDate)]) -> Option<Frequency> {
    let mut counts: BTreeMap<i32, u32> = BTreeMap::new();
    for &(c, _) in orders {
        *counts.entry(c).or_default() += 1;
    }
    let counts: Vec<u32> = counts.into_values().collect();
    Some(Frequency {
        customers: counts.len(),
        orders: orders.len(),
        orders_per_customer: orders.len() as f64 / counts.len().max(1) as f64,
        repeat_rate: repeat_purchase_rate(&counts)?,
        gap_days: summarize(&inter_order_gaps(orders)),
    })
}

#[cfg(test)]
#[path = "rfm_tests.rs"]
mod tests;
