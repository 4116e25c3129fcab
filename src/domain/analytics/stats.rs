//! Descriptive statistics for the dashboard: percentiles, summaries, histograms, moving
//! averages and period-over-period change.
//!
//! Percentile definition: linear interpolation between closest ranks, numpy's default
//! (`method="linear"`, Hyndman & Fan type 7). For sorted values `x[0..n]` and `q` in `[0, 1]`,
//! `h = (n - 1) q`, and the result is `x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])`.
//! It needs no sample-size special cases and matches what spreadsheets' PERCENTILE.INC give,
//! so a shop can check a figure by hand. NaN values are ignored everywhere in this module.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The finite-or-infinite values of `values`, NaNs dropped, sorted ascending.
pub fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Percentile `q` (0..=1, clamped) of values already sorted ascending; `None` when empty.
pub fn percentile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || q.is_nan() {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let frac = h - lo as f64;
    Some(sorted[lo] + frac * (sorted[hi] - sorted[lo]))
}

/// Percentile `q` (0..=1) of unsorted values; sorts a copy.
pub fn percentile(values: &[f64], q: f64) -> Option<f64> {
    percentile_sorted(&sorted(values), q)
}

pub fn median(values: &[f64]) -> Option<f64> {
    percentile(values, 0.5)
}

pub fn mean(values: &[f64]) -> Option<f64> {
    let (sum, n) = values.iter().filter(|x| !x.is_nan()).fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The figures every duration or value chart shows together.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub count: usize,
    pub mean: f64,
    pub min: f64,
    pub median: f64,
    pub p85: f64,
    pub p95: f64,
    pub max: f64,
}

/// `None` when there is no (non-NaN) value.
pub fn summarize(values: &[f64]) -> Option<Summary> {
    let s = sorted(values);
    summarize_sorted(&s)
}

fn summarize_sorted(s: &[f64]) -> Option<Summary> {
    Some(Summary {
        count: s.len(),
        mean: mean(s)?,
        min: *s.first()?,
        median: percentile_sorted(s, 0.5)?,
        p85: percentile_sorted(s, 0.85)?,
        p95: percentile_sorted(s, 0.95)?,
        max: *s.last()?,
    })
}

/// Summary per key (product, resource, priority, week…), in key order.
pub fn summarize_by<K: Ord + Clone>(items: &[(K, f64)]) -> Vec<(K, Summary)> {
    let mut groups: BTreeMap<K, Vec<f64>> = BTreeMap::new();
    for (k, v) in items {
        groups.entry(k.clone()).or_default().push(*v);
    }
    groups.into_iter().filter_map(|(k, v)| summarize(&v).map(|s| (k, s))).collect()
}

/// Counts per bin. Bin `i` is `[edges[i], edges[i + 1])`, the last bin also takes its right
/// edge (numpy's convention), so the maximum of an automatic histogram is never lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
    /// Values left of the first edge / right of the last, so totals still reconcile.
    pub below: u64,
    pub above: u64,
}

impl Histogram {
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.below + self.above
    }
}

/// Histogram over given edges; `None` unless there are at least two finite, strictly
/// increasing edges.
pub fn histogram_with_edges(values: &[f64], edges: &[f64]) -> Option<Histogram> {
    if edges.len() < 2 || edges.iter().any(|e| !e.is_finite()) || edges.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let last = edges.len() - 1;
    let mut h = Histogram { edges: edges.to_vec(), counts: vec![0; last], below: 0, above: 0 };
    for &v in values.iter().filter(|v| !v.is_nan()) {
        if v < edges[0] {
            h.below += 1;
        } else if v > edges[last] {
            h.above += 1;
        } else if v == edges[last] {
            h.counts[last - 1] += 1;
        } else {
            // First edge greater than v, minus one, is v's bin.
            let i = edges.partition_point(|&e| e <= v) - 1;
            h.counts[i] += 1;
        }
    }
    Some(h)
}

/// Histogram with automatic bins: Sturges' count (`ceil(log2 n) + 1`, at most `max_bins`),
/// widened to a "nice" width (1, 2, 2.5 or 5 times a power of ten) so the axis reads well.
/// `None` when there is no finite value.
pub fn histogram_auto(values: &[f64], max_bins: usize) -> Option<Histogram> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let lo = finite.iter().copied().reduce(f64::min)?;
    let hi = finite.iter().copied().reduce(f64::max)?;
    let edges = if hi == lo {
        vec![lo - 0.5, lo + 0.5]
    } else {
        let target = ((finite.len() as f64).log2().ceil() as usize + 1).clamp(1, max_bins.max(1));
        let width = nice_width((hi - lo) / target as f64);
        let start = (lo / width).floor() * width;
        let mut edges = vec![start];
        // The nice width is at least the raw one, so this stops by `target + 1` edges; the
        // bound only guards against float surprises.
        while *edges.last().unwrap_or(&start) < hi && edges.len() <= target + 2 {
            edges.push(start + width * edges.len() as f64);
        }
        edges
    };
    histogram_with_edges(&finite, &edges)
}

/// Smallest 1/2/2.5/5 × 10^k not below `raw`.
fn nice_width(raw: f64) -> f64 {
    let pow = 10f64.powf(raw.log10().floor());
    let f = raw / pow;
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|&s| f <= s * (1.0 + 1e-12)).unwrap_or(10.0);
    step * pow
}

/// Trailing moving average: entry `i` is the mean of `values[i + 1 - window ..= i]`, `None`
/// until a full window is available (a partial mean would make the line's start jumpy).
/// A window of 0 gives all `None`.
pub fn moving_average(values: &[f64], window: usize) -> Vec<Option<f64>> {
    // Summing each window afresh (series are a few hundred points) keeps every entry exact
    // instead of letting a running sum drift.
    (0..values.len())
        .map(|i| {
            (window > 0 && i + 1 >= window).then(|| values[i + 1 - window..=i].iter().sum::<f64>() / window as f64)
        })
        .collect()
}

/// Shares of a whole, e.g. the channel mix from `(channel, orders)` rows: per key its total
/// and share of the grand total (`None` when the grand total is 0), largest first, ties by key.
pub fn mix<K: Ord + Clone>(items: &[(K, f64)]) -> Vec<(K, f64, Option<f64>)> {
    let mut totals: BTreeMap<K, f64> = BTreeMap::new();
    for (k, v) in items {
        *totals.entry(k.clone()).or_default() += v;
    }
    let grand: f64 = totals.values().sum();
    let mut out: Vec<(K, f64, Option<f64>)> =
        totals.into_iter().map(|(k, v)| (k, v, (grand != 0.0).then(|| v / grand))).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// This period against the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodChange {
    pub current: f64,
    pub previous: f64,
    pub delta: f64,
    /// `delta / |previous|` (so a rise is positive even from a negative base); `None` when the
    /// previous period is 0, where no ratio means anything.
    pub ratio: Option<f64>,
}

pub fn period_change(current: f64, previous: f64) -> PeriodChange {
    let delta = current - previous;
    let ratio = (previous != 0.0).then(|| delta / previous.abs());
    PeriodChange { current, previous, delta, ratio }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // Ten lead times in hours, hand-worked: sorted 2,3,5,7,8,10,12,15,20,40.
    const TEN: [f64; 10] = [12.0, 3.0, 40.0, 7.0, 5.0, 20.0, 2.0, 10.0, 8.0, 15.0];

    #[test]
    fn percentiles_of_ten_by_hand() {
        // median: h = 9 * 0.5 = 4.5 -> 8 + 0.5 * (10 - 8) = 9
        assert!(close(median(&TEN).unwrap(), 9.0));
        // p85: h = 7.65 -> 15 + 0.65 * (20 - 15) = 18.25
        assert!(close(percentile(&TEN, 0.85).unwrap(), 18.25));
        // p95: h = 8.55 -> 20 + 0.55 * 20 = 31
        assert!(close(percentile(&TEN, 0.95).unwrap(), 31.0));
        assert!(close(percentile(&TEN, 0.0).unwrap(), 2.0));
        assert!(close(percentile(&TEN, 1.0).unwrap(), 40.0));
        let s = summarize(&TEN).unwrap();
        assert_eq!(s.count, 10);
        assert!(close(s.mean, 12.2));
        assert!(close(s.p85, 18.25) && close(s.p95, 31.0) && s.min == 2.0 && s.max == 40.0);
    }

    #[test]
    fn percentile_edge_cases() {
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[1.0, f64::NAN, 3.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(mean(&[]), None);
        assert_eq!(summarize(&[f64::NAN]), None);
    }

    #[test]
    fn summaries_by_key() {
        let items = [("rush", 2.0), ("normal", 10.0), ("rush", 4.0), ("normal", 20.0), ("normal", 30.0)];
        let by = summarize_by(&items);
        assert_eq!(by.len(), 2);
        assert_eq!(by[0].0, "normal");
        assert_eq!(by[0].1.median, 20.0);
        assert_eq!(by[1].1.median, 3.0);
    }

    #[test]
    fn histogram_given_edges() {
        let h = histogram_with_edges(&TEN, &[0.0, 5.0, 10.0, 20.0]).unwrap();
        // [0,5): 2,3  [5,10): 5,7,8  [10,20]: 10,12,15,20 (last bin closed)  above: 40
        assert_eq!(h.counts, vec![2, 3, 4]);
        assert_eq!((h.below, h.above), (0, 1));
        assert_eq!(h.total(), 10);
        let h = histogram_with_edges(&[-1.0, 0.0, 1.0], &[0.0, 1.0]).unwrap();
        assert_eq!((h.below, h.counts.clone(), h.above), (1, vec![2], 0));
        assert!(histogram_with_edges(&TEN, &[1.0]).is_none());
        assert!(histogram_with_edges(&TEN, &[1.0, 1.0]).is_none());
        assert!(histogram_with_edges(&TEN, &[2.0, 1.0]).is_none());
    }

    #[test]
    fn histogram_automatic() {
        // n = 10 -> ceil(log2 10) + 1 = 5 bins over 2..40: raw width 7.6 -> nice 10.
        let h = histogram_auto(&TEN, 20).unwrap();
        assert_eq!(h.edges, vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(h.counts, vec![5, 3, 1, 1]);
        assert_eq!(h.total(), 10);
        let capped = histogram_auto(&TEN, 2).unwrap();
        assert_eq!(capped.edges, vec![0.0, 20.0, 40.0]);
        assert_eq!(capped.counts, vec![8, 2]);
        let flat = histogram_auto(&[3.0, 3.0], 10).unwrap();
        assert_eq!(flat.counts, vec![2]);
        assert!(histogram_auto(&[], 10).is_none());
        assert_eq!(nice_width(0.3), 0.5);
        assert_eq!(nice_width(2.2), 2.5);
        assert_eq!(nice_width(100.0), 100.0);
    }

    #[test]
    fn trailing_moving_average() {
        let ma = moving_average(&[1.0, 2.0, 3.0, 4.0, 10.0], 3);
        assert_eq!(ma, vec![None, None, Some(2.0), Some(3.0), Some(17.0 / 3.0)]);
        assert_eq!(moving_average(&[1.0, 2.0], 0), vec![None, None]);
        assert_eq!(moving_average(&[5.0], 1), vec![Some(5.0)]);
        // Long series stays exact.
        let long: Vec<f64> = (0..5000).map(|i| (i % 7) as f64 * 0.1).collect();
        let ma = moving_average(&long, 7);
        assert!(ma[6..].iter().all(|m| close(m.unwrap(), 0.3)));
    }

    #[test]
    fn channel_mix() {
        let rows = [("walk_in", 30.0), ("phone", 10.0), ("portal", 50.0), ("walk_in", 10.0)];
        let m = mix(&rows);
        assert_eq!(m, vec![("portal", 50.0, Some(0.5)), ("walk_in", 40.0, Some(0.4)), ("phone", 10.0, Some(0.1))]);
        assert_eq!(mix(&[("x", 0.0)]), vec![("x", 0.0, None)]);
    }

    #[test]
    fn period_over_period() {
        let c = period_change(120.0, 100.0);
        assert!(close(c.delta, 20.0) && close(c.ratio.unwrap(), 0.2));
        assert_eq!(period_change(5.0, 0.0).ratio, None);
        assert!(close(period_change(-50.0, -100.0).ratio.unwrap(), 0.5));
        assert!(close(period_change(50.0, 100.0).ratio.unwrap(), -0.5));
    }
}
