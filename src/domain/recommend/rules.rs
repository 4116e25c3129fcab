//! Bundles: frequent itemsets (Apriori, pairs and triples), association rules and bundle
//! suggestions with a proposed discount.
//!
//! support(X) = orders holding X / orders; confidence(A→B) = support(A∪B) / support(A);
//! lift(A→B) = confidence / support(B) (> 1: bought together more than by chance).
//!
//! Bundle model (per `period_days`, from the history's rates), for anchor set A and add-on
//! T with bundle S = A ∪ {T} at discount d on the bundle's list price P_S:
//! - baseline co-buyers (orders already holding S) get the discount for nothing: − n_S·d·P_S;
//! - orders holding A but not T convert at `conversion_per_point × d(%)`; each converted
//!   order pays (1 − d)·P_S instead of P_A, i.e. + P_T − d·P_S;
//! - revenue effect = extra·(P_T − d·P_S) − n_S·d·P_S; with costs known the margin effect
//!   uses P_T − C_T for the add-on. The discount is the grid value with the best effect
//!   (margin when costs are known, else revenue) that keeps the bundle above the margin
//!   floor; bundles with no positive effect are not suggested.
use super::{distinct, Basket, ProductId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Itemset {
    /// Sorted product ids, 1 to 3 of them.
    pub items: Vec<ProductId>,
    pub count: u32,
    pub support: f64,
}

/// Frequent itemsets of one history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mined {
    pub orders: u32,
    /// By size, then items.
    pub itemsets: Vec<Itemset>,
}

impl Mined {
    pub fn count(&self, items: &[ProductId]) -> Option<u32> {
        let key = distinct(items);
        self.itemsets.iter().find(|s| s.items == key).map(|s| s.count)
    }
}

fn frequent(count: u32, orders: u32, min_support: f64) -> bool {
    // Tolerance: 0.4 × 5 is 2.0000000000000004 in floating point.
    count > 0 && f64::from(count) >= min_support * f64::from(orders) - 1e-9
}

/// Apriori up to triples: a pair is counted only if both items are frequent, a triple
/// only if all three of its pairs are.
pub fn frequent_itemsets(baskets: &[Basket], min_support: f64) -> Mined {
    let rows: Vec<Vec<ProductId>> = baskets.iter().map(|b| distinct(&b.items)).filter(|r| !r.is_empty()).collect();
    let orders = rows.len() as u32;
    let mut ones: BTreeMap<ProductId, u32> = BTreeMap::new();
    for r in &rows {
        for &p in r {
            *ones.entry(p).or_insert(0) += 1;
        }
    }
    ones.retain(|_, c| frequent(*c, orders, min_support));
    let rows: Vec<Vec<ProductId>> =
        rows.into_iter().map(|r| r.into_iter().filter(|p| ones.contains_key(p)).collect()).collect();
    let mut twos: BTreeMap<(ProductId, ProductId), u32> = BTreeMap::new();
    for r in &rows {
        for (i, &a) in r.iter().enumerate() {
            for &b in &r[i + 1..] {
                *twos.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    twos.retain(|_, c| frequent(*c, orders, min_support));
    let mut threes: BTreeMap<(ProductId, ProductId, ProductId), u32> = BTreeMap::new();
    for r in &rows {
        for i in 0..r.len() {
            for j in i + 1..r.len() {
                if !twos.contains_key(&(r[i], r[j])) {
                    continue;
                }
                for k in j + 1..r.len() {
                    if twos.contains_key(&(r[i], r[k])) && twos.contains_key(&(r[j], r[k])) {
                        *threes.entry((r[i], r[j], r[k])).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    threes.retain(|_, c| frequent(*c, orders, min_support));
    let set = |items: Vec<ProductId>, count: u32| Itemset {
        items,
        count,
        support: f64::from(count) / f64::from(orders.max(1)),
    };
    let mut itemsets: Vec<Itemset> = ones.into_iter().map(|(a, c)| set(vec![a], c)).collect();
    itemsets.extend(twos.into_iter().map(|((a, b), c)| set(vec![a, b], c)));
    itemsets.extend(threes.into_iter().map(|((a, b, d), c)| set(vec![a, b, d], c)));
    Mined { orders, itemsets }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub antecedent: Vec<ProductId>,
    pub consequent: Vec<ProductId>,
    /// Orders holding antecedent ∪ consequent.
    pub count: u32,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
}

/// All rules A → B from the frequent pairs and triples with confidence ≥ `min_confidence`,
/// by lift, then confidence, then items (every subset of a frequent set is frequent, so
/// all supports needed are in `mined`).
pub fn association_rules(mined: &Mined, min_confidence: f64) -> Vec<Rule> {
    let counts: BTreeMap<&[ProductId], u32> = mined.itemsets.iter().map(|s| (s.items.as_slice(), s.count)).collect();
    let n = f64::from(mined.orders.max(1));
    let mut out = Vec::new();
    for s in mined.itemsets.iter().filter(|s| s.items.len() >= 2) {
        let k = s.items.len();
        // Non-empty proper subsets as bit masks.
        for mask in 1..(1u32 << k) - 1 {
            let (a, b) = split(mask, &s.items);
            let (Some(&ca), Some(&cb)) = (counts.get(a.as_slice()), counts.get(b.as_slice())) else { continue };
            let confidence = f64::from(s.count) / f64::from(ca);
            let lift = confidence / (f64::from(cb) / n);
            if confidence >= min_confidence - 1e-12 {
                out.push(Rule { antecedent: a, consequent: b, count: s.count, support: s.support, confidence, lift });
            }
        }
    }
    out.sort_by(|x, y| {
        y.lift
            .total_cmp(&x.lift)
            .then(y.confidence.total_cmp(&x.confidence))
            .then_with(|| x.antecedent.cmp(&y.antecedent))
            .then_with(|| x.consequent.cmp(&y.consequent))
    });
    out
}

/// Split `items` by `mask` bits into (in mask, not in mask).
fn split(mask: u32, items: &[ProductId]) -> (Vec<ProductId>, Vec<ProductId>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (i, &x) in items.iter().enumerate() {
        if mask & (1 << i) != 0 {
            a.push(x);
        } else {
            b.push(x);
        }
    }
    (a, b)
}

/// List price and (optional) unit cost of a product, in currency units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceInfo {
    pub product: ProductId,
    pub price: f64,
    pub cost: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleParams {
    pub min_lift: f64,
    /// Orders that must already hold the whole bundle.
    pub min_count: u32,
    pub max_discount_pct: f64,
    pub step_pct: f64,
    /// Share of the non-attached anchor orders converted per 1% of discount (0.01: a 10%
    /// discount converts 10% of them).
    pub conversion_per_point: f64,
    /// Minimum margin of the bundle price over its cost, as a fraction of the price.
    pub min_margin: f64,
    pub period_days: f64,
}

impl Default for BundleParams {
    fn default() -> Self {
        BundleParams {
            min_lift: 1.2,
            min_count: 5,
            max_discount_pct: 15.0,
            step_pct: 2.5,
            conversion_per_point: 0.01,
            min_margin: 0.15,
            period_days: 30.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// All products, sorted.
    pub items: Vec<ProductId>,
    pub anchor: Vec<ProductId>,
    pub add_on: ProductId,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
    pub list_price: f64,
    pub discount_pct: f64,
    pub bundle_price: f64,
    /// Per period: orders holding the anchor, orders already holding the whole bundle,
    /// extra bundle orders expected from the discount.
    pub anchor_orders: f64,
    pub baseline_bundles: f64,
    pub extra_bundles: f64,
    pub revenue_change: f64,
    pub margin_change: Option<f64>,
}

/// Bundles from rules with one add-on, lift ≥ `min_lift` and count ≥ `min_count`, one per
/// item set (its best rule), best effect first. `span_days` is the history's length;
/// products without a price are skipped.
pub fn suggest_bundles(
    mined: &Mined,
    rules: &[Rule],
    prices: &[PriceInfo],
    span_days: f64,
    p: &BundleParams,
) -> Vec<Bundle> {
    let price: BTreeMap<ProductId, &PriceInfo> =
        prices.iter().filter(|x| x.price.is_finite() && x.price > 0.0).map(|x| (x.product, x)).collect();
    let per = if span_days > 0.0 { p.period_days / span_days } else { 0.0 };
    let mut best: BTreeMap<Vec<ProductId>, Bundle> = BTreeMap::new();
    let mut seen: BTreeSet<(Vec<ProductId>, ProductId)> = BTreeSet::new();
    for r in rules.iter().filter(|r| r.consequent.len() == 1 && r.lift >= p.min_lift && r.count >= p.min_count.max(1)) {
        let t = r.consequent[0];
        let items = distinct(&[r.antecedent.as_slice(), &[t]].concat());
        if !seen.insert((items.clone(), t)) {
            continue;
        }
        let Some(infos) = items.iter().map(|i| price.get(i).copied()).collect::<Option<Vec<_>>>() else { continue };
        let Some(n_a) = mined.count(&r.antecedent) else { continue };
        let list: f64 = infos.iter().map(|x| x.price).sum();
        let cost: Option<f64> = infos.iter().map(|x| x.cost).sum();
        let pt = price.get(&t).map_or(0.0, |x| x.price);
        let ct = price.get(&t).and_then(|x| x.cost);
        let (anchor_orders, baseline) = (f64::from(n_a) * per, f64::from(r.count) * per);
        let open = (anchor_orders - baseline).max(0.0);
        let steps = if p.step_pct > 0.0 { (p.max_discount_pct / p.step_pct).floor().max(0.0) as u32 } else { 0 };
        let mut choice: Option<Bundle> = None;
        for s in 1..=steps.min(1000) {
            let d = f64::from(s) * p.step_pct / 100.0;
            let bundle_price = list * (1.0 - d);
            if let Some(c) = cost {
                if bundle_price < c / (1.0 - p.min_margin).max(1e-9) {
                    break;
                }
            }
            let extra = (open * p.conversion_per_point * d * 100.0).min(open);
            let revenue_change = extra * (pt - d * list) - baseline * d * list;
            let margin_change = ct.map(|ct| extra * (pt - ct - d * list) - baseline * d * list);
            let objective = margin_change.unwrap_or(revenue_change);
            let better = choice.as_ref().is_none_or(|b| objective > b.margin_change.unwrap_or(b.revenue_change) + 1e-9);
            if objective > 0.0 && better {
                choice = Some(Bundle {
                    items: items.clone(),
                    anchor: r.antecedent.clone(),
                    add_on: t,
                    support: r.support,
                    confidence: r.confidence,
                    lift: r.lift,
                    list_price: list,
                    discount_pct: d * 100.0,
                    bundle_price,
                    anchor_orders,
                    baseline_bundles: baseline,
                    extra_bundles: extra,
                    revenue_change,
                    margin_change,
                });
            }
        }
        if let Some(b) = choice {
            let obj = |b: &Bundle| b.margin_change.unwrap_or(b.revenue_change);
            if best.get(&items).is_none_or(|old| obj(&b) > obj(old) + 1e-9) {
                best.insert(items, b);
            }
        }
    }
    let mut out: Vec<Bundle> = best.into_values().collect();
    let obj = |b: &Bundle| b.margin_change.unwrap_or(b.revenue_change);
    out.sort_by(|x, y| obj(y).total_cmp(&obj(x)).then_with(|| x.items.cmp(&y.items)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(rows: &[&[u32]]) -> Vec<Basket> {
        rows.iter().enumerate().map(|(i, r)| Basket::new(i as i64, 0, r.to_vec())).collect()
    }

    #[test]
    fn support_confidence_lift_by_hand() {
        // 5 orders: supp(1) = 4/5, supp(2) = 4/5, supp(3) = 3/5, supp{1,2} = 3/5,
        // supp{1,3} = supp{2,3} = 2/5, supp{1,2,3} = 1/5.
        let h = hist(&[&[1, 2], &[1, 2, 3], &[1, 3], &[2, 3], &[2, 1, 1]]);
        let m = frequent_itemsets(&h, 0.0);
        assert_eq!(m.orders, 5);
        assert_eq!((m.count(&[1]), m.count(&[2, 1]), m.count(&[1, 2, 3])), (Some(4), Some(3), Some(1)));
        let rules = association_rules(&m, 0.0);
        let find =
            |a: &[u32], b: &[u32]| rules.iter().find(|r| r.antecedent == a && r.consequent == b).unwrap().clone();
        let r = find(&[1], &[2]);
        // conf = (3/5)/(4/5) = 0.75, lift = 0.75/(4/5) = 0.9375
        assert!(
            (r.support - 0.6).abs() < 1e-12 && (r.confidence - 0.75).abs() < 1e-12 && (r.lift - 0.9375).abs() < 1e-12
        );
        let r = find(&[3], &[1]);
        assert!((r.confidence - 2.0 / 3.0).abs() < 1e-12 && (r.lift - (2.0 / 3.0) / 0.8).abs() < 1e-12);
        let r = find(&[1, 3], &[2]);
        // conf = (1/5)/(2/5) = 0.5, lift = 0.5/(4/5) = 0.625
        assert!((r.confidence - 0.5).abs() < 1e-12 && (r.lift - 0.625).abs() < 1e-12);
        assert_eq!(rules.iter().filter(|r| r.antecedent.len() + r.consequent.len() == 3).count(), 6);
    }

    #[test]
    fn apriori_prunes_by_min_support() {
        let h = hist(&[&[1, 2], &[1, 2], &[1, 2, 3], &[3], &[3, 4], &[4]]);
        // min support 2/6: {1,2,3} occurs once, {3,4} once -> not frequent.
        let m = frequent_itemsets(&h, 2.0 / 6.0);
        let sets: Vec<Vec<u32>> = m.itemsets.iter().map(|s| s.items.clone()).collect();
        assert_eq!(sets, vec![vec![1], vec![2], vec![3], vec![4], vec![1, 2]]);
        let r = association_rules(&m, 0.9);
        // 1 -> 2: conf 1, lift 1/(3/6) = 2.
        assert_eq!(r.len(), 2);
        assert!((r[0].lift - 2.0).abs() < 1e-12 && r[0].antecedent == vec![1]);
        assert!(frequent_itemsets(&[], 0.1).itemsets.is_empty());
    }

    #[test]
    fn bundle_discount_and_effect_by_hand() {
        // 100 orders in 100 days: 40 hold cards (1), 20 of them also envelopes (2), 60
        // hold only letterheads (3). Rules 1 -> 2 and 2 -> 1 both have lift 2.5.
        let mut rows: Vec<Vec<u32>> = Vec::new();
        rows.extend((0..20).map(|_| vec![1, 2]));
        rows.extend((0..20).map(|_| vec![1]));
        rows.extend((0..60).map(|_| vec![3]));
        let h: Vec<Basket> = rows.into_iter().enumerate().map(|(i, r)| Basket::new(i as i64, 0, r)).collect();
        let m = frequent_itemsets(&h, 0.05);
        let rules = association_rules(&m, 0.1);
        let prices = vec![
            PriceInfo { product: 1, price: 500.0, cost: None },
            PriceInfo { product: 2, price: 300.0, cost: None },
        ];
        let p = BundleParams {
            min_lift: 1.0,
            max_discount_pct: 10.0,
            step_pct: 5.0,
            conversion_per_point: 0.05,
            ..BundleParams::default()
        };
        let b = suggest_bundles(&m, &rules, &prices, 100.0, &p);
        // Per 30 days: anchor 1 in 12 orders, bundle in 6, open 6. The rule 2 -> 1 has
        // confidence 1 (no open orders), so anchor 1 / add-on 2 wins.
        // d = 5%: extra = 6 × 0.05 × 5 = 1.5; effect = 1.5 × (300 - 40) - 6 × 40 = 150.
        // d = 10%: extra = 3; effect = 3 × (300 - 80) - 6 × 80 = 180 -> chosen.
        assert_eq!(b.len(), 1);
        let x = &b[0];
        assert_eq!((x.anchor.clone(), x.add_on, x.items.clone()), (vec![1], 2, vec![1, 2]));
        assert!((x.discount_pct - 10.0).abs() < 1e-9 && (x.bundle_price - 720.0).abs() < 1e-9);
        assert!((x.extra_bundles - 3.0).abs() < 1e-9 && (x.revenue_change - 180.0).abs() < 1e-9);
        assert_eq!(x.margin_change, None);
        // The margin floor stops the discount: cost 650 of 800 -> floor 650/0.85 = 764.7,
        // so only 5% (760) fails too and nothing is proposed.
        let costly = vec![
            PriceInfo { product: 1, price: 500.0, cost: Some(400.0) },
            PriceInfo { product: 2, price: 300.0, cost: Some(250.0) },
        ];
        assert!(suggest_bundles(&m, &rules, &costly, 100.0, &p).is_empty());
        // No price -> no bundle, no error.
        assert!(suggest_bundles(&m, &rules, &prices[..1], 100.0, &p).is_empty());
    }

    #[test]
    fn property_apriori_and_bundles_are_consistent() {
        use super::super::testkit::Lcg;
        let mut bundles = 0;
        for seed in 0..30u64 {
            let mut r = Lcg(seed);
            let h: Vec<Basket> = (0..60 + r.below(200))
                .map(|i| Basket::new(i64::from(i), 0, (0..1 + r.below(4)).map(|_| r.below(8)).collect()))
                .collect();
            let m = frequent_itemsets(&h, 0.02);
            assert_eq!(m, frequent_itemsets(&h, 0.02));
            for s in &m.itemsets {
                assert!(s.support > 0.0 && s.support <= 1.0 && s.items.windows(2).all(|w| w[0] < w[1]));
                for drop in 0..s.items.len() {
                    let mut sub = s.items.clone();
                    sub.remove(drop);
                    assert!(sub.is_empty() || m.count(&sub).is_some_and(|c| c >= s.count));
                }
            }
            let rules = association_rules(&m, 0.0);
            for x in &rules {
                let supp_b = f64::from(m.count(&x.consequent).unwrap()) / f64::from(m.orders);
                assert!(x.confidence > 0.0 && x.confidence <= 1.0 + 1e-12);
                assert!((x.lift - x.confidence / supp_b).abs() < 1e-9);
            }
            let prices: Vec<PriceInfo> = (0..8)
                .map(|p| PriceInfo { product: p, price: 100.0 + 50.0 * f64::from(p), cost: Some(60.0) })
                .collect();
            let p = BundleParams { min_lift: 1.0, min_count: 2, ..BundleParams::default() };
            for b in suggest_bundles(&m, &rules, &prices, 365.0, &p) {
                assert!(b.discount_pct > 0.0 && b.discount_pct <= p.max_discount_pct + 1e-9);
                assert!(b.bundle_price >= 60.0 * b.items.len() as f64 / (1.0 - p.min_margin) - 1e-9);
                assert!(b.margin_change.is_some_and(|x| x > 0.0) && b.items.contains(&b.add_on));
                bundles += 1;
            }
        }
        assert!(bundles > 0);
    }
}
