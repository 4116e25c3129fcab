//! Discovery: item-item kNN on co-purchases with time decay.
//!
//! Each row (an order, or a customer's whole history at [`Level::Customer`]) gives every
//! product in it the entry `sqrt(w)`, where `w` is the decayed weight of the row's
//! purchases (`decay(as_of - day)`). Similarity is the cosine of two products' columns,
//! `Σ sqrt(w_i w_j) / sqrt(Σ w_i · Σ w_j)`, so at the order level it is the decayed
//! co-occurrence over the geometric mean of the decayed counts. It is then shrunk by
//! `common / (common + shrink)` so a pair seen together twice does not beat one seen
//! together fifty times. Only the top `k` neighbours of each product are kept.
//!
//! A basket or history is scored by the weighted mean similarity of its products to each
//! candidate (a number in `[0, 1]`), and the reason names the product that contributed most.
//! Pair statistics live in a hash map with fixed SipHash keys (no OS randomness, which the
//! browser target lacks); every value is accumulated in row order and every output is fully
//! sorted, so results do not depend on hash order either.
use super::{age, decay, distinct, rank_order, Basket, CustomerId, Day, ProductId, Reason, Suggestion};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Co-purchase within one order ("bought together").
    Order,
    /// Co-purchase by the same customer at any time ("customers who buy X also buy Y").
    Customer,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemKnnParams {
    pub half_life_days: f64,
    /// Neighbours kept per product.
    pub k: usize,
    /// Minimum number of rows holding both products.
    pub min_common: u32,
    pub shrink: f64,
    pub level: Level,
}

impl Default for ItemKnnParams {
    fn default() -> Self {
        ItemKnnParams { half_life_days: 365.0, k: 20, min_common: 2, shrink: 2.0, level: Level::Order }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub product: ProductId,
    pub similarity: f64,
    /// Rows holding both products.
    pub common: u32,
    /// `common` / rows holding the product whose neighbour this is.
    pub share: f64,
}

/// A candidate from [`ItemKnn::score`] with the seed that contributed most.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub product: ProductId,
    pub score: f64,
    pub anchor: ProductId,
    pub share: f64,
}

#[derive(Clone, Debug)]
pub struct ItemKnn {
    params: ItemKnnParams,
    neighbours: BTreeMap<ProductId, Vec<Neighbour>>,
}

impl ItemKnn {
    /// Learn from baskets up to and including `as_of` (later ones are ignored).
    pub fn fit(baskets: &[Basket], as_of: Day, params: ItemKnnParams) -> Self {
        let hl = params.half_life_days;
        let w = |d: Day| decay(age(as_of, d), hl);
        // Rows as (product, decayed weight) lists.
        let rows: Vec<Vec<(ProductId, f64)>> = match params.level {
            Level::Order => baskets
                .iter()
                .filter(|b| b.day <= as_of)
                .map(|b| distinct(&b.items).into_iter().map(|p| (p, w(b.day))).collect())
                .collect(),
            Level::Customer => {
                let mut by: BTreeMap<CustomerId, BTreeMap<ProductId, f64>> = BTreeMap::new();
                for b in baskets.iter().filter(|b| b.day <= as_of) {
                    let row = by.entry(b.customer).or_default();
                    for p in distinct(&b.items) {
                        *row.entry(p).or_insert(0.0) += w(b.day);
                    }
                }
                by.into_values().map(|r| r.into_iter().collect()).collect()
            }
        };
        let mut diag: BTreeMap<ProductId, (f64, u32)> = BTreeMap::new();
        let mut pairs: HashMap<(ProductId, ProductId), (f64, u32), BuildHasherDefault<DefaultHasher>> =
            HashMap::default();
        for row in &rows {
            for (i, &(a, wa)) in row.iter().enumerate() {
                let d = diag.entry(a).or_insert((0.0, 0));
                d.0 += wa;
                d.1 += 1;
                for &(b, wb) in &row[i + 1..] {
                    let e = pairs.entry((a, b)).or_insert((0.0, 0));
                    e.0 += (wa * wb).sqrt();
                    e.1 += 1;
                }
            }
        }
        let mut neighbours: BTreeMap<ProductId, Vec<Neighbour>> = BTreeMap::new();
        for (&(a, b), &(co, common)) in &pairs {
            if common < params.min_common.max(1) {
                continue;
            }
            let (da, na) = diag.get(&a).copied().unwrap_or((0.0, 0));
            let (db, nb) = diag.get(&b).copied().unwrap_or((0.0, 0));
            let denom = (da * db).sqrt();
            if denom.is_nan() || denom <= 0.0 {
                continue;
            }
            let c = f64::from(common);
            let sim = co / denom * c / (c + params.shrink.max(0.0));
            if !(sim.is_finite() && sim > 0.0) {
                continue;
            }
            let share = |n: u32| if n > 0 { c / f64::from(n) } else { 0.0 };
            neighbours.entry(a).or_default().push(Neighbour { product: b, similarity: sim, common, share: share(na) });
            neighbours.entry(b).or_default().push(Neighbour { product: a, similarity: sim, common, share: share(nb) });
        }
        for list in neighbours.values_mut() {
            list.sort_by(|x, y| rank_order(x.similarity, x.product, y.similarity, y.product));
            list.truncate(params.k);
        }
        ItemKnn { params, neighbours }
    }

    pub fn params(&self) -> &ItemKnnParams {
        &self.params
    }

    /// Top-k neighbours of `product`, most similar first (empty when it has no history).
    pub fn neighbours(&self, product: ProductId) -> &[Neighbour] {
        self.neighbours.get(&product).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Similarity of `b` as a neighbour of `a` (0 when not among `a`'s top k).
    pub fn similarity(&self, a: ProductId, b: ProductId) -> f64 {
        self.neighbours(a).iter().find(|n| n.product == b).map_or(0.0, |n| n.similarity)
    }

    /// Score candidates from weighted seeds: `Σ w_i sim(i, j) / Σ w_i`. Seeds with a
    /// non-positive or non-finite weight are ignored; repeated seeds add up. Seeds
    /// themselves can appear as candidates (via another seed); callers exclude them.
    pub fn score(&self, seeds: &[(ProductId, f64)]) -> Vec<Scored> {
        let mut merged: BTreeMap<ProductId, f64> = BTreeMap::new();
        for &(p, w) in seeds {
            if w.is_finite() && w > 0.0 {
                *merged.entry(p).or_insert(0.0) += w;
            }
        }
        let total: f64 = merged.values().sum();
        if total.is_nan() || total <= 0.0 {
            return Vec::new();
        }
        // candidate -> (sum, best contribution, anchor, share)
        let mut acc: BTreeMap<ProductId, (f64, f64, ProductId, f64)> = BTreeMap::new();
        for (&seed, &w) in &merged {
            for n in self.neighbours(seed) {
                let c = w * n.similarity;
                let e = acc.entry(n.product).or_insert((0.0, f64::NEG_INFINITY, seed, 0.0));
                e.0 += c;
                // Seeds are visited in id order, so ">" keeps the lowest id on ties.
                if c > e.1 {
                    *e = (e.0, c, seed, n.share);
                }
            }
        }
        let mut out: Vec<Scored> = acc
            .into_iter()
            .map(|(product, (s, _, anchor, share))| Scored { product, score: s / total, anchor, share })
            .collect();
        out.sort_by(|a, b| rank_order(a.score, a.product, b.score, b.product));
        out
    }

    /// The reason for a scored candidate, worded for the model's level.
    pub fn reason(&self, s: &Scored) -> Reason {
        match self.params.level {
            Level::Order => Reason::BoughtWith { anchor: s.anchor, share: s.share },
            Level::Customer => Reason::AlsoBought { anchor: s.anchor, share: s.share },
        }
    }

    /// Add-ons for a cart: the best `n` products not already in it.
    pub fn suggest_for_basket(&self, items: &[ProductId], n: usize) -> Vec<Suggestion> {
        let seeds: Vec<(ProductId, f64)> = distinct(items).into_iter().map(|p| (p, 1.0)).collect();
        self.score(&seeds)
            .into_iter()
            .filter(|s| !seeds.iter().any(|(p, _)| *p == s.product))
            .take(n)
            .map(|s| Suggestion { product: s.product, score: s.score, reason: self.reason(&s) })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit;
    use super::*;

    fn b(c: i64, day: Day, items: &[u32]) -> Basket {
        Basket::new(c, day, items.to_vec())
    }

    fn loose() -> ItemKnnParams {
        ItemKnnParams { min_common: 1, shrink: 0.0, ..ItemKnnParams::default() }
    }

    #[test]
    fn cosine_on_counts_by_hand() {
        // {1,2} {1,2} {1,3} {2}: n1 = 3, n2 = 3, n3 = 1; co(1,2) = 2, co(1,3) = 1.
        let h = vec![b(1, 10, &[1, 2]), b(2, 10, &[2, 1, 2]), b(3, 10, &[1, 3]), b(4, 10, &[2])];
        let m = ItemKnn::fit(&h, 10, loose());
        assert!((m.similarity(1, 2) - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.similarity(1, 3) - 1.0 / 3f64.sqrt()).abs() < 1e-12);
        assert_eq!(m.similarity(2, 3), 0.0);
        let n = &m.neighbours(1)[0];
        assert_eq!((n.product, n.common), (2, 2));
        assert!((n.share - 2.0 / 3.0).abs() < 1e-12);
        // Product 3's only neighbour is 1, in all of its orders.
        assert_eq!(m.neighbours(3)[0].share, 1.0);
        assert!(m.neighbours(99).is_empty());
    }

    #[test]
    fn decay_and_shrinkage_by_hand() {
        // {1,2} now (w 1), {1,2} one half-life ago (w 0.5), {1} now (w 1):
        // co = 1.5, Σw1 = 2.5, Σw2 = 1.5 -> cos = 1.5 / sqrt(3.75) = 0.7746.
        let h = vec![b(1, 100, &[1, 2]), b(2, 10, &[1, 2]), b(3, 100, &[1])];
        let p = ItemKnnParams { half_life_days: 90.0, ..loose() };
        let cos = 1.5 / 3.75f64.sqrt();
        assert!((ItemKnn::fit(&h, 100, p.clone()).similarity(1, 2) - cos).abs() < 1e-12);
        // shrink 2, common 2 -> × 2/4.
        let shrunk = ItemKnn::fit(&h, 100, ItemKnnParams { shrink: 2.0, ..p.clone() });
        assert!((shrunk.similarity(1, 2) - cos * 0.5).abs() < 1e-12);
        // Baskets after as_of are invisible: only the day-10 basket is left.
        let early = ItemKnn::fit(&h, 50, p);
        assert_eq!((early.neighbours(1)[0].common, early.similarity(1, 2)), (1, 1.0));
    }

    #[test]
    fn min_common_and_top_k() {
        let h = vec![b(1, 0, &[1, 2, 3, 4]), b(2, 0, &[1, 2]), b(3, 0, &[1, 3])];
        let m = ItemKnn::fit(&h, 0, ItemKnnParams { min_common: 2, ..loose() });
        assert_eq!(m.neighbours(1).iter().map(|n| n.product).collect::<Vec<_>>(), vec![2, 3]);
        assert!(m.neighbours(4).is_empty());
        let m = ItemKnn::fit(&h, 0, ItemKnnParams { k: 1, ..loose() });
        // 2 and 3 tie with 1 (cos 2/sqrt 6); the lower id wins the only slot.
        assert_eq!(m.neighbours(1).iter().map(|n| n.product).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn basket_scoring_excludes_the_cart_and_names_the_anchor() {
        let h = vec![b(1, 0, &[1, 2]), b(2, 0, &[1, 2]), b(3, 0, &[1, 3]), b(4, 0, &[5, 3])];
        let m = ItemKnn::fit(&h, 0, loose());
        let s = m.suggest_for_basket(&[1, 1], 5);
        assert_eq!(s.iter().map(|x| x.product).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(s[0].reason, Reason::BoughtWith { anchor: 1, share: 2.0 / 3.0 });
        // Weighted mean: seeds 1 (w 1) and 5 (w 3) -> 3's score = (sim13 + 3 sim53) / 4.
        let sc = m.score(&[(1, 1.0), (5, 3.0), (7, f64::NAN)]);
        let three = sc.iter().find(|x| x.product == 3).unwrap();
        let want = (m.similarity(1, 3) + 3.0 * m.similarity(5, 3)) / 4.0;
        assert!((three.score - want).abs() < 1e-12);
        assert_eq!(three.anchor, 5);
        assert!(m.score(&[]).is_empty());
        assert!(m.score(&[(1, 0.0)]).is_empty());
    }

    #[test]
    fn customer_level_links_orders_made_apart() {
        // Customers buy 1 and 2 in separate orders: invisible at the order level.
        let h = vec![b(1, 0, &[1]), b(1, 5, &[2]), b(2, 0, &[1]), b(2, 9, &[2]), b(3, 0, &[1])];
        let order = ItemKnn::fit(&h, 10, loose());
        assert_eq!(order.similarity(1, 2), 0.0);
        let cust = ItemKnn::fit(&h, 10, ItemKnnParams { level: Level::Customer, half_life_days: 0.0, ..loose() });
        assert!((cust.similarity(1, 2) - 2.0 / 6f64.sqrt()).abs() < 1e-12);
        let s = cust.suggest_for_basket(&[1], 3);
        assert!(matches!(s[0].reason, Reason::AlsoBought { anchor: 1, .. }));
    }

    #[test]
    fn scores_are_bounded_and_deterministic() {
        for seed in 0..20u64 {
            let h = testkit::history(seed, 30, 15, 1000, 500);
            let m1 = ItemKnn::fit(&h, 1500, ItemKnnParams::default());
            let m2 = ItemKnn::fit(&h, 1500, ItemKnnParams::default());
            for p in 0..15 {
                assert_eq!(m1.neighbours(p), m2.neighbours(p));
                assert!(m1.neighbours(p).iter().all(|n| n.product != p && n.similarity <= 1.0 + 1e-12));
                let s = m1.suggest_for_basket(&[p], 10);
                assert_eq!(s, m2.suggest_for_basket(&[p], 10));
                assert!(s.iter().all(|x| x.product != p && (0.0..=1.0 + 1e-12).contains(&x.score)));
            }
        }
    }
}
