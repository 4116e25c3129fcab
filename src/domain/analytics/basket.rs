//! Products together and over time: attach rates (of the orders containing A, the share that
//! also contain B), the top attach pairs, and rising/falling products between two periods.
use super::stats::{period_change, PeriodChange};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Products per order from `(order id, product id)` lines; a product twice in one order
/// counts once, since the question is whether B was in the order, not how often.
fn baskets(lines: &[(i32, i32)]) -> BTreeMap<i32, BTreeSet<i32>> {
    let mut by: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for &(order, product) in lines {
        by.entry(order).or_default().insert(product);
    }
    by
}

/// Share of orders with `a` that also have `b`; `None` when no order has `a`.
pub fn attach_rate(lines: &[(i32, i32)], a: i32, b: i32) -> Option<f64> {
    let baskets = baskets(lines);
    let with_a: Vec<&BTreeSet<i32>> = baskets.values().filter(|s| s.contains(&a)).collect();
    (!with_a.is_empty()).then(|| with_a.iter().filter(|s| s.contains(&b)).count() as f64 / with_a.len() as f64)
}

/// "Of the orders with A, `rate` also had B." Directed: A → B differs from B → A.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachPair {
    pub a: i32,
    pub b: i32,
    pub orders_with_a: usize,
    pub orders_with_both: usize,
    pub rate: f64,
    /// `rate` over B's share of all orders: above 1, A makes B likelier than usual.
    pub lift: f64,
}

/// Every directed pair seen together in at least `min_together` orders (a floor, so that one
/// order with A and B does not read as 100 %), best first: rate, then orders together, then
/// ids, so the order is total and stable.
pub fn attach_pairs(lines: &[(i32, i32)], min_together: usize) -> Vec<AttachPair> {
    let baskets = baskets(lines);
    let orders = baskets.len();
    let mut single: BTreeMap<i32, usize> = BTreeMap::new();
    let mut together: BTreeMap<(i32, i32), usize> = BTreeMap::new();
    for products in baskets.values() {
        for &a in products {
            *single.entry(a).or_default() += 1;
            for &b in products.iter().filter(|&&b| b != a) {
                *together.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<AttachPair> = together
        .into_iter()
        .filter(|&(_, both)| both >= min_together.max(1))
        .map(|((a, b), both)| {
            let (with_a, with_b) = (single[&a], single[&b]);
            let rate = both as f64 / with_a as f64;
            AttachPair {
                a,
                b,
                orders_with_a: with_a,
                orders_with_both: both,
                rate,
                lift: rate * orders as f64 / with_b as f64,
            }
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.rate.total_cmp(&x.rate).then(y.orders_with_both.cmp(&x.orders_with_both)).then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

/// The `n` best pairs of `attach_pairs`.
pub fn top_attach_pairs(lines: &[(i32, i32)], n: usize, min_together: usize) -> Vec<AttachPair> {
    let mut pairs = attach_pairs(lines, min_together);
    pairs.truncate(n);
    pairs
}

/// What goes with one product: its pairs A → B, best first.
pub fn attached_to(lines: &[(i32, i32)], a: i32, n: usize, min_together: usize) -> Vec<AttachPair> {
    attach_pairs(lines, min_together).into_iter().filter(|p| p.a == a).take(n).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductChange {
    pub product_id: i32,
    pub change: PeriodChange,
}

/// Products of either period (absent = 0) with their change, biggest rise first, biggest fall
/// last (ties by id). Feed it revenue, quantity or order counts per product.
pub fn rising_and_falling(current: &[(i32, f64)], previous: &[(i32, f64)]) -> Vec<ProductChange> {
    let mut both: BTreeMap<i32, (f64, f64)> = BTreeMap::new();
    for &(p, v) in current {
        both.entry(p).or_default().0 += v;
    }
    for &(p, v) in previous {
        both.entry(p).or_default().1 += v;
    }
    let mut out: Vec<ProductChange> = both
        .into_iter()
        .map(|(product_id, (c, p))| ProductChange { product_id, change: period_change(c, p) })
        .collect();
    out.sort_by(|x, y| y.change.delta.total_cmp(&x.change.delta).then(x.product_id.cmp(&y.product_id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARDS: i32 = 1;
    const FLYERS: i32 = 2;
    const ENVELOPES: i32 = 3;
    const BANNER: i32 = 4;

    // Six orders:
    //   1: cards, flyers   2: cards, envelopes   3: cards, flyers, envelopes
    //   4: flyers          5: cards (two lines)  6: banner, flyers
    fn lines() -> Vec<(i32, i32)> {
        vec![
            (1, CARDS),
            (1, FLYERS),
            (2, CARDS),
            (2, ENVELOPES),
            (3, CARDS),
            (3, FLYERS),
            (3, ENVELOPES),
            (4, FLYERS),
            (5, CARDS),
            (5, CARDS),
            (6, BANNER),
            (6, FLYERS),
        ]
    }

    #[test]
    fn attach_rates_by_hand() {
        let l = lines();
        // Cards in 1, 2, 3, 5; with flyers in 1, 3: 2/4.
        assert_eq!(attach_rate(&l, CARDS, FLYERS), Some(0.5));
        // Envelopes in 2, 3, both with cards.
        assert_eq!(attach_rate(&l, ENVELOPES, CARDS), Some(1.0));
        // Flyers in 1, 3, 4, 6; with envelopes only in 3.
        assert_eq!(attach_rate(&l, FLYERS, ENVELOPES), Some(0.25));
        assert_eq!(attach_rate(&l, BANNER, CARDS), Some(0.0));
        assert_eq!(attach_rate(&l, 99, CARDS), None);
    }

    #[test]
    fn top_pairs_by_hand() {
        let l = lines();
        let top: Vec<(i32, i32, usize, usize)> =
            top_attach_pairs(&l, 6, 1).iter().map(|p| (p.a, p.b, p.orders_with_a, p.orders_with_both)).collect();
        assert_eq!(
            top,
            vec![
                (ENVELOPES, CARDS, 2, 2), // 100 %, two orders
                (BANNER, FLYERS, 1, 1),   // 100 %, one order
                (CARDS, FLYERS, 4, 2),    // 50 %, two orders, then by ids
                (CARDS, ENVELOPES, 4, 2),
                (FLYERS, CARDS, 4, 2),
                (ENVELOPES, FLYERS, 2, 1), // 50 %, one order
            ]
        );
        // Envelopes → cards: 100 % against cards' 4 of 6 orders, lift 1.5.
        assert!((attach_pairs(&l, 1)[0].lift - 1.5).abs() < 1e-12);
        // A floor of two orders together drops the one-off pairs.
        let floor: Vec<(i32, i32)> = attach_pairs(&l, 2).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(floor, vec![(ENVELOPES, CARDS), (CARDS, FLYERS), (CARDS, ENVELOPES), (FLYERS, CARDS)]);
        let with_flyers: Vec<i32> = attached_to(&l, FLYERS, 5, 1).iter().map(|p| p.b).collect();
        assert_eq!(with_flyers, vec![CARDS, ENVELOPES, BANNER]);
        assert!(attach_pairs(&[], 1).is_empty());
    }

    #[test]
    fn rising_and_falling_products() {
        let current = [(CARDS, 1200.0), (FLYERS, 300.0), (BANNER, 50.0)];
        let previous = [(CARDS, 1000.0), (FLYERS, 600.0), (ENVELOPES, 80.0)];
        let moves: Vec<(i32, f64, Option<f64>)> = rising_and_falling(&current, &previous)
            .iter()
            .map(|m| (m.product_id, m.change.delta, m.change.ratio))
            .collect();
        assert_eq!(
            moves,
            vec![
                (CARDS, 200.0, Some(0.2)),
                (BANNER, 50.0, None),
                (ENVELOPES, -80.0, Some(-1.0)),
                (FLYERS, -300.0, Some(-0.5))
            ]
        );
    }
}
