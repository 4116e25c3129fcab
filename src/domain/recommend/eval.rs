//! Offline evaluation by time split.
//!
//! Train on the orders strictly before the cut-off (chosen by the caller before looking at
//! results); the test items of a customer are their next order on or after it (all orders
//! of that first day). Every recommender, the shipped blend and the baselines alike, runs
//! through the same [`Recommender`] trait, fitted on the training part only, asked on the
//! cut-off day, scored with hit-rate@k, recall@k, NDCG@k (binary relevance) and catalogue
//! coverage (distinct products recommended / distinct products in training).
//!
//! Baselines: global popularity; popularity in the last `days` before the cut-off; each
//! customer's own most frequent items. Both popularity-by-window and personal top-frequency
//! fill up with global popularity when they have fewer than k products (the usual, and
//! stronger, form of these baselines).
use super::blend::{BlendParams, Blender, Request};
use super::{distinct, Basket, CustomerId, Day, ProductId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub trait Recommender {
    fn name(&self) -> String;
    /// Learn from `train` (orders strictly before `as_of`); later calls recommend on `as_of`.
    fn fit(&mut self, train: &[Basket], as_of: Day);
    /// At most `k` distinct products for `customer`, best first, none of `exclude`.
    fn recommend(&self, customer: CustomerId, k: usize, exclude: &[ProductId]) -> Vec<ProductId>;
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestCase {
    pub customer: CustomerId,
    pub day: Day,
    pub items: Vec<ProductId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    pub cutoff: Day,
    pub train: Vec<Basket>,
    pub test: Vec<TestCase>,
}

/// Split at `cutoff`. With `require_history`, customers without a training order are left
/// out of the test (no recommender can be personal for them).
pub fn time_split(baskets: &[Basket], cutoff: Day, require_history: bool) -> Split {
    let train: Vec<Basket> = baskets.iter().filter(|b| b.day < cutoff).cloned().collect();
    let mut next: BTreeMap<CustomerId, (Day, Vec<ProductId>)> = BTreeMap::new();
    for b in baskets.iter().filter(|b| b.day >= cutoff) {
        let e = next.entry(b.customer).or_insert((b.day, Vec::new()));
        if b.day < e.0 {
            *e = (b.day, Vec::new());
        }
        if b.day == e.0 {
            e.1.extend(&b.items);
        }
    }
    let known: std::collections::BTreeSet<CustomerId> = train.iter().map(|b| b.customer).collect();
    let test = next
        .into_iter()
        .filter(|(c, (_, items))| !items.is_empty() && (!require_history || known.contains(c)))
        .map(|(customer, (day, items))| TestCase { customer, day, items: distinct(&items) })
        .collect();
    Split { cutoff, train, test }
}

pub fn hit_at(rec: &[ProductId], truth: &[ProductId], k: usize) -> f64 {
    f64::from(u8::from(rec.iter().take(k).any(|p| truth.contains(p))))
}

pub fn recall_at(rec: &[ProductId], truth: &[ProductId], k: usize) -> f64 {
    if truth.is_empty() {
        return 0.0;
    }
    rec.iter().take(k).filter(|p| truth.contains(p)).count() as f64 / truth.len() as f64
}

pub fn ndcg_at(rec: &[ProductId], truth: &[ProductId], k: usize) -> f64 {
    let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = rec.iter().take(k).enumerate().filter(|(_, p)| truth.contains(p)).map(|(i, _)| gain(i)).sum();
    let idcg: f64 = (0..truth.len().min(k)).map(gain).sum();
    if idcg > 0.0 {
        dcg / idcg
    } else {
        0.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub name: String,
    pub users: usize,
    pub hit_rate: f64,
    pub recall: f64,
    pub ndcg: f64,
    pub coverage: f64,
}

/// Fit `rec` on the split's training part and score it at `k`.
pub fn evaluate(rec: &mut dyn Recommender, split: &Split, k: usize) -> Metrics {
    rec.fit(&split.train, split.cutoff);
    let catalogue: std::collections::BTreeSet<ProductId> =
        split.train.iter().flat_map(|b| b.items.iter().copied()).collect();
    let mut shown = std::collections::BTreeSet::new();
    let (mut hit, mut recall, mut ndcg) = (0.0, 0.0, 0.0);
    for t in &split.test {
        let mut r = rec.recommend(t.customer, k, &[]);
        r.truncate(k);
        hit += hit_at(&r, &t.items, k);
        recall += recall_at(&r, &t.items, k);
        ndcg += ndcg_at(&r, &t.items, k);
        shown.extend(r);
    }
    let n = split.test.len().max(1) as f64;
    Metrics {
        name: rec.name(),
        users: split.test.len(),
        hit_rate: hit / n,
        recall: recall / n,
        ndcg: ndcg / n,
        coverage: if catalogue.is_empty() {
            0.0
        } else {
            shown.intersection(&catalogue).count() as f64 / catalogue.len() as f64
        },
    }
}

/// Relative improvement of `model` over `baseline` in percent; `None` when the baseline is 0.
pub fn relative_lift_pct(model: f64, baseline: f64) -> Option<f64> {
    (baseline > 0.0).then(|| (model / baseline - 1.0) * 100.0)
}

fn ranked(counts: BTreeMap<ProductId, (u32, Day)>) -> Vec<ProductId> {
    let mut v: Vec<(ProductId, (u32, Day))> = counts.into_iter().collect();
    // More orders first, then more recent, then lower id.
    v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(b.1 .1.cmp(&a.1 .1)).then(a.0.cmp(&b.0)));
    v.into_iter().map(|x| x.0).collect()
}

fn count(baskets: &[Basket], from: Day) -> BTreeMap<ProductId, (u32, Day)> {
    let mut m: BTreeMap<ProductId, (u32, Day)> = BTreeMap::new();
    for b in baskets.iter().filter(|b| b.day >= from) {
        for p in distinct(&b.items) {
            let e = m.entry(p).or_insert((0, b.day));
            e.0 += 1;
            e.1 = e.1.max(b.day);
        }
    }
    m
}

/// First `k` of `lists` in order, skipping repeats and `exclude`.
fn take(lists: &[&[ProductId]], k: usize, exclude: &[ProductId]) -> Vec<ProductId> {
    let mut out = Vec::with_capacity(k);
    for p in lists.iter().flat_map(|l| l.iter()) {
        if out.len() >= k {
            break;
        }
        if !exclude.contains(p) && !out.contains(p) {
            out.push(*p);
        }
    }
    out
}

/// Most ordered products overall.
#[derive(Clone, Debug, Default)]
pub struct GlobalPopularity {
    ranked: Vec<ProductId>,
}

impl Recommender for GlobalPopularity {
    fn name(&self) -> String {
        "global popularity".into()
    }
    fn fit(&mut self, train: &[Basket], _as_of: Day) {
        self.ranked = ranked(count(train, Day::MIN));
    }
    fn recommend(&self, _customer: CustomerId, k: usize, exclude: &[ProductId]) -> Vec<ProductId> {
        take(&[&self.ranked], k, exclude)
    }
}

/// Most ordered products in the last `days` before the cut-off.
#[derive(Clone, Debug)]
pub struct RecentPopularity {
    pub days: i32,
    recent: Vec<ProductId>,
    global: Vec<ProductId>,
}

impl RecentPopularity {
    pub fn new(days: i32) -> Self {
        RecentPopularity { days, recent: Vec::new(), global: Vec::new() }
    }
}

impl Recommender for RecentPopularity {
    fn name(&self) -> String {
        format!("popularity, last {} days", self.days)
    }
    fn fit(&mut self, train: &[Basket], as_of: Day) {
        self.recent = ranked(count(train, as_of.saturating_sub(self.days)));
        self.global = ranked(count(train, Day::MIN));
    }
    fn recommend(&self, _customer: CustomerId, k: usize, exclude: &[ProductId]) -> Vec<ProductId> {
        take(&[&self.recent, &self.global], k, exclude)
    }
}

/// Each customer's own most frequent products.
#[derive(Clone, Debug, Default)]
pub struct PersonalTopFrequency {
    own: BTreeMap<CustomerId, Vec<ProductId>>,
    global: Vec<ProductId>,
}

impl Recommender for PersonalTopFrequency {
    fn name(&self) -> String {
        "personal top-frequency".into()
    }
    fn fit(&mut self, train: &[Basket], _as_of: Day) {
        let mut by: BTreeMap<CustomerId, Vec<Basket>> = BTreeMap::new();
        for b in train {
            by.entry(b.customer).or_default().push(b.clone());
        }
        self.own = by.into_iter().map(|(c, bs)| (c, ranked(count(&bs, Day::MIN)))).collect();
        self.global = ranked(count(train, Day::MIN));
    }
    fn recommend(&self, customer: CustomerId, k: usize, exclude: &[ProductId]) -> Vec<ProductId> {
        let own = self.own.get(&customer).map(Vec::as_slice).unwrap_or(&[]);
        take(&[own, &self.global], k, exclude)
    }
}

/// The shipped [`Blender`] behind the evaluation trait; all products seen in training
/// count as active.
#[derive(Clone, Debug)]
pub struct BlendRecommender {
    pub params: BlendParams,
    model: Option<Blender>,
    as_of: Day,
    catalogue: Vec<ProductId>,
}

impl BlendRecommender {
    pub fn new(params: BlendParams) -> Self {
        BlendRecommender { params, model: None, as_of: 0, catalogue: Vec::new() }
    }
}

impl Recommender for BlendRecommender {
    fn name(&self) -> String {
        "blend (repeat + item-kNN + season)".into()
    }
    fn fit(&mut self, train: &[Basket], as_of: Day) {
        let past: Vec<Basket> = train.iter().filter(|b| b.day < as_of).cloned().collect();
        self.catalogue = distinct(&past.iter().flat_map(|b| b.items.iter().copied()).collect::<Vec<_>>());
        self.model = Some(Blender::fit(&past, as_of, self.params.clone()));
        self.as_of = as_of;
    }
    fn recommend(&self, customer: CustomerId, k: usize, exclude: &[ProductId]) -> Vec<ProductId> {
        let Some(m) = &self.model else { return Vec::new() };
        let active: Vec<ProductId> = self.catalogue.iter().copied().filter(|p| !exclude.contains(p)).collect();
        let req = Request { customer: Some(customer), today: self.as_of, cart: &[], active: &active, limit: k };
        m.recommend(&req).into_iter().map(|s| s.product).collect()
    }
}

/// The shipped model and the three baselines, in report order.
pub fn standard_models(params: BlendParams) -> Vec<Box<dyn Recommender>> {
    vec![
        Box::new(BlendRecommender::new(params)),
        Box::new(GlobalPopularity::default()),
        Box::new(RecentPopularity::new(90)),
        Box::new(PersonalTopFrequency::default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::testkit::history;
    use super::*;

    #[test]
    fn metrics_by_hand() {
        let rec = [1, 2, 3, 4, 5];
        assert_eq!(hit_at(&rec, &[2, 9], 5), 1.0);
        assert_eq!(hit_at(&rec, &[9], 5), 0.0);
        assert_eq!(hit_at(&rec, &[5], 4), 0.0);
        assert_eq!(recall_at(&rec, &[2, 9], 5), 0.5);
        // DCG = 1/log2 3; IDCG = 1 + 1/log2 3.
        let l3 = 3f64.log2();
        assert!((ndcg_at(&rec, &[2, 9], 5) - (1.0 / l3) / (1.0 + 1.0 / l3)).abs() < 1e-12);
        assert_eq!(ndcg_at(&rec, &[1], 5), 1.0);
        assert_eq!(ndcg_at(&rec, &[], 5), 0.0);
        assert_eq!(relative_lift_pct(0.6, 0.4).map(|x| (x * 1e9).round() / 1e9), Some(50.0));
        assert_eq!(relative_lift_pct(0.6, 0.0), None);
    }

    #[test]
    fn split_takes_each_customers_next_order_day() {
        let h = vec![
            Basket::new(1, 5, vec![1]),
            Basket::new(1, 12, vec![3]),
            Basket::new(1, 10, vec![2, 2]),
            Basket::new(1, 10, vec![4]),
            Basket::new(2, 11, vec![5]),
            Basket::new(3, 9, vec![6]),
        ];
        let s = time_split(&h, 10, true);
        assert_eq!(s.train.iter().map(|b| b.customer).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(s.test, vec![TestCase { customer: 1, day: 10, items: vec![2, 4] }]);
        assert_eq!(time_split(&h, 10, false).test.len(), 2);
    }

    #[test]
    fn baselines_rank_as_documented() {
        let h = vec![
            Basket::new(1, 0, vec![1, 2]),
            Basket::new(2, 1, vec![1]),
            Basket::new(3, 95, vec![3]),
            Basket::new(3, 96, vec![3, 4]),
            Basket::new(4, 97, vec![2]),
        ];
        let mut g = GlobalPopularity::default();
        g.fit(&h, 100);
        // 1, 2 and 3 have two orders each; more recent first (3 on day 96, 2 on day 97).
        assert_eq!(g.recommend(9, 3, &[]), vec![2, 3, 1]);
        assert_eq!(g.recommend(9, 9, &[3]), vec![2, 1, 4]);
        let mut r = RecentPopularity::new(10);
        r.fit(&h, 100);
        assert_eq!(r.recommend(9, 4, &[]), vec![3, 2, 4, 1]);
        let mut p = PersonalTopFrequency::default();
        p.fit(&h, 100);
        assert_eq!(p.recommend(1, 3, &[]), vec![1, 2, 3]);
        assert_eq!(p.recommend(3, 2, &[]), vec![3, 4]);
    }

    #[test]
    fn a_future_only_product_is_never_recommended() {
        let mut h = history(11, 40, 12, 1000, 700);
        let cutoff = 1500;
        // Product 999 exists only after the cut-off, and there everybody buys it.
        for b in h.iter_mut().filter(|b| b.day >= cutoff) {
            b.items.push(999);
        }
        for c in 1..=40 {
            h.push(Basket::new(c, cutoff, vec![999]));
        }
        let split = time_split(&h, cutoff, true);
        assert!(split.train.iter().all(|b| b.day < cutoff && !b.items.contains(&999)));
        assert!(split.test.iter().all(|t| t.items.contains(&999)));
        for mut m in standard_models(BlendParams::default()) {
            let metrics = evaluate(m.as_mut(), &split, 5);
            assert!(metrics.users > 0);
            for t in &split.test {
                let r = m.recommend(t.customer, 5, &[]);
                assert!(!r.contains(&999), "{} leaked the test period", m.name());
                assert!(r.len() <= 5 && distinct(&r).len() == r.len());
            }
        }
        // Handing the recommender the full history by mistake still cannot leak: the
        // blend only learns from orders before the day it recommends for.
        let mut b = BlendRecommender::new(BlendParams::default());
        b.fit(&h, cutoff);
        assert!(split.test.iter().all(|t| !b.recommend(t.customer, 5, &[]).contains(&999)));
    }

    #[test]
    fn blend_beats_global_popularity_on_structured_history() {
        let (mut blend_hits, mut pop_hits) = (0.0, 0.0);
        for seed in 0..5u64 {
            let h = history(seed, 80, 20, 1000, 900);
            let split = time_split(&h, 1700, true);
            let mut models = standard_models(BlendParams::default());
            let m: Vec<Metrics> = models.iter_mut().map(|m| evaluate(m.as_mut(), &split, 5)).collect();
            assert!(m.iter().all(|x| (0.0..=1.0).contains(&x.hit_rate) && x.recall <= x.hit_rate + 1e-12));
            assert!(m.iter().all(|x| x.ndcg <= 1.0 && x.coverage <= 1.0));
            blend_hits += m[0].hit_rate;
            pop_hits += m[1].hit_rate;
        }
        assert!(blend_hits > 1.2 * pop_hits, "blend {blend_hits} vs popularity {pop_hits}");
    }

    #[test]
    fn evaluation_is_deterministic_and_handles_empty_input() {
        let h = history(2, 30, 10, 1000, 500);
        let split = time_split(&h, 1400, true);
        let a: Vec<Metrics> =
            standard_models(BlendParams::default()).iter_mut().map(|m| evaluate(m.as_mut(), &split, 5)).collect();
        let b: Vec<Metrics> =
            standard_models(BlendParams::default()).iter_mut().map(|m| evaluate(m.as_mut(), &split, 5)).collect();
        assert_eq!(a, b);
        let empty = time_split(&[], 10, true);
        for mut m in standard_models(BlendParams::default()) {
            let x = evaluate(m.as_mut(), &empty, 5);
            assert_eq!((x.users, x.hit_rate, x.coverage), (0, 0.0, 0.0));
        }
    }
}
