//! The shipped recommender: repeat needs + discovery + popularity, times a seasonal boost.
//!
//! score = (w_r·repeat + w_d·discovery + w_p·popularity) × clamp(1 + w_s·(index - 1), ½, 2)
//! - repeat: [`RepeatModel`] score of the customer's own product (in `[0, 1]`);
//! - discovery: [`ItemKnn`] mean similarity to the cart (share `cart_share`) and to the
//!   customer's decayed history (the rest; all of it when the cart is empty);
//! - popularity: decayed order count over all customers, scaled to `[0, 1]`; it orders
//!   products for customers with no history and breaks near-ties;
//! - index: the product's month index ([`SeasonIndex`]) `season_lead_days` ahead, because
//!   print orders come before the event.
//!
//! The reason is the part that contributed most. Inactive products, cart items and
//! non-positive scores are dropped, each product appears once, ties go to the lower id.
use super::itemknn::{ItemKnn, ItemKnnParams};
use super::repeat::{RepeatModel, RepeatParams};
use super::season::SeasonIndex;
use super::{age, date_of, decay, distinct, rank_order, Basket, CustomerId, Day, ProductId, Reason, Suggestion};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlendParams {
    pub repeat: RepeatParams,
    pub knn: ItemKnnParams,
    pub repeat_weight: f64,
    pub discovery_weight: f64,
    pub popular_weight: f64,
    /// 0 turns the seasonal boost off.
    pub seasonal_weight: f64,
    pub season_lead_days: i32,
    pub season_shrink: f64,
    pub cart_share: f64,
    pub popularity_half_life_days: f64,
}

impl Default for BlendParams {
    fn default() -> Self {
        BlendParams {
            repeat: RepeatParams::default(),
            knn: ItemKnnParams::default(),
            repeat_weight: 1.0,
            discovery_weight: 0.6,
            popular_weight: 0.1,
            seasonal_weight: 0.5,
            season_lead_days: 14,
            season_shrink: 5.0,
            cart_share: 0.7,
            popularity_half_life_days: 90.0,
        }
    }
}

/// One suggestion request. `active` is the list of products that may be offered (the
/// catalogue's active ones); anything else is never returned.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub customer: Option<CustomerId>,
    pub today: Day,
    pub cart: &'a [ProductId],
    pub active: &'a [ProductId],
    pub limit: usize,
}

/// A customer likely to need a product (campaign audiences).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudienceMember {
    pub customer: CustomerId,
    pub score: f64,
    pub reason: Reason,
}

#[derive(Clone, Debug)]
pub struct Blender {
    params: BlendParams,
    repeat: RepeatModel,
    knn: ItemKnn,
    season: SeasonIndex,
    popularity: BTreeMap<ProductId, f64>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Default)]
struct Parts {
    repeat: f64,
    repeat_reason: Option<Reason>,
    disc: f64,
    disc_reason: Option<Reason>,
    pop: f64,
}

impl Blender {
    /// Fit every part on the baskets up to and including `as_of`.
    pub fn fit(baskets: &[Basket], as_of: Day, params: BlendParams) -> Self {
        let past: Vec<Basket> = baskets.iter().filter(|b| b.day <= as_of).cloned().collect();
        let repeat = RepeatModel::fit(&past, params.repeat.clone());
        let knn = ItemKnn::fit(&past, as_of, params.knn.clone());
        let start = past.iter().map(|b| b.day).min().unwrap_or(as_of);
        let season = SeasonIndex::fit(&past, start, as_of, params.season_shrink);
        let mut popularity: BTreeMap<ProductId, f64> = BTreeMap::new();
        for b in &past {
            let w = decay(age(as_of, b.day), params.popularity_half_life_days);
            for p in distinct(&b.items) {
                *popularity.entry(p).or_insert(0.0) += w;
            }
        }
        let max = popularity.values().copied().fold(0.0, f64::max);
        if max > 0.0 {
            popularity.values_mut().for_each(|v| *v /= max);
        }
        Blender { params, repeat, knn, season, popularity }
    }

    pub fn params(&self) -> &BlendParams {
        &self.params
    }
    pub fn repeat(&self) -> &RepeatModel {
        &self.repeat
    }
    pub fn knn(&self) -> &ItemKnn {
        &self.knn
    }
    pub fn season(&self) -> &SeasonIndex {
        &self.season
    }

    fn seasonal(&self, product: ProductId, today: Day) -> (f64, Reason) {
        let day = today.saturating_add(self.params.season_lead_days);
        let idx = self.season.on(product, day);
        let factor = (1.0 + self.params.seasonal_weight * (idx - 1.0)).clamp(0.5, 2.0);
        let month = MONTHS[date_of(day).month0() as usize % 12].to_string();
        (
            if factor.is_finite() { factor } else { 1.0 },
            Reason::Seasonal { season: month, uplift_pct: (idx - 1.0) * 100.0 },
        )
    }

    /// Combine the parts into one score and pick the reason that contributed most.
    fn finish(&self, product: ProductId, parts: Parts, today: Day) -> Option<Suggestion> {
        let p = &self.params;
        let (r, d, q) = (p.repeat_weight * parts.repeat, p.discovery_weight * parts.disc, p.popular_weight * parts.pop);
        let base = r + d + q;
        let (factor, season_reason) = self.seasonal(product, today);
        let score = base * factor;
        if !(score.is_finite() && score > 0.0) {
            return None;
        }
        let boost = base * (factor - 1.0);
        // Ties keep the earlier, more personal reason.
        let mut best = (q, Reason::Popular);
        for (c, reason) in [(boost, Some(season_reason)), (d, parts.disc_reason), (r, parts.repeat_reason)] {
            if let Some(reason) = reason {
                if c > 0.0 && c >= best.0 {
                    best = (c, reason);
                }
            }
        }
        Some(Suggestion { product, score, reason: best.1 })
    }

    /// Suggestions for a customer (or an anonymous cart), best first, at most `limit`.
    pub fn recommend(&self, req: &Request) -> Vec<Suggestion> {
        let active = distinct(req.active);
        let cart = distinct(req.cart);
        let mut parts: BTreeMap<ProductId, Parts> = BTreeMap::new();
        let history = req.customer.map(|c| self.repeat.decayed_counts(c, req.today)).unwrap_or_default();
        if let Some(c) = req.customer {
            for n in self.repeat.needs(c, req.today) {
                let e = parts.entry(n.product).or_default();
                e.repeat = n.score;
                e.repeat_reason = Some(n.reason());
            }
        }
        let cart_seeds: Vec<(ProductId, f64)> = cart.iter().map(|p| (*p, 1.0)).collect();
        let share = if cart.is_empty() { 0.0 } else { self.params.cart_share.clamp(0.0, 1.0) };
        for (scores, weight) in [(self.knn.score(&cart_seeds), share), (self.knn.score(&history), 1.0 - share)] {
            for s in scores {
                let e = parts.entry(s.product).or_default();
                let c = weight * s.score;
                e.disc += c;
                // Keep the anchor of the larger contribution (the cart's on a tie).
                if c > e.disc - c {
                    e.disc_reason = Some(self.knn.reason(&s));
                }
            }
        }
        for (p, v) in &self.popularity {
            parts.entry(*p).or_default().pop = *v;
        }
        let mut out: Vec<Suggestion> = parts
            .into_iter()
            .filter(|(p, _)| active.binary_search(p).is_ok() && cart.binary_search(p).is_err())
            .filter_map(|(p, parts)| self.finish(p, parts, req.today))
            .collect();
        out.sort_by(|a, b| rank_order(a.score, a.product, b.score, b.product));
        out.truncate(req.limit);
        out
    }

    /// Customers likely to need `product` on `today`, best first (ties by customer id),
    /// at most `limit`: its repeat need for those who buy it, discovery for the others.
    pub fn audience(&self, product: ProductId, today: Day, limit: usize) -> Vec<AudienceMember> {
        let p = &self.params;
        let mut out: Vec<AudienceMember> = self
            .repeat
            .customers()
            .filter_map(|c| {
                let need = self.repeat.need(c, product, today);
                let hist = self.repeat.decayed_counts(c, today);
                let total: f64 = hist.iter().map(|h| h.1).sum();
                let mut disc = 0.0;
                let mut anchor: Option<(f64, ProductId)> = None;
                for &(seed, w) in hist.iter().filter(|h| h.0 != product) {
                    let c = w * self.knn.similarity(seed, product);
                    disc += c;
                    if c > 0.0 && anchor.is_none_or(|a| c > a.0) {
                        anchor = Some((c, seed));
                    }
                }
                let disc = if total > 0.0 { disc / total } else { 0.0 };
                let r = need.as_ref().map_or(0.0, |n| n.score);
                let score = p.repeat_weight * r + p.discovery_weight * disc;
                let reason = match (&need, anchor) {
                    (Some(n), _) if p.repeat_weight * r >= p.discovery_weight * disc => n.reason(),
                    (_, Some((_, a))) => {
                        let share =
                            self.knn.neighbours(a).iter().find(|n| n.product == product).map_or(0.0, |n| n.share);
                        self.knn.reason(&super::itemknn::Scored { product, score: disc, anchor: a, share })
                    }
                    (Some(n), None) => n.reason(),
                    (None, None) => return None,
                };
                (score.is_finite() && score > 0.0).then_some(AudienceMember { customer: c, score, reason })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.customer.cmp(&b.customer)));
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::day_of;
    use super::super::testkit::{history, Lcg};
    use super::*;

    fn b(c: i64, day: Day, items: &[u32]) -> Basket {
        Basket::new(c, day, items.to_vec())
    }

    fn all(n: u32) -> Vec<u32> {
        (0..n).collect()
    }

    #[test]
    fn cart_add_ons_come_with_the_anchor_as_reason() {
        // Business cards (1) go with letterheads (2) and envelopes (3).
        let mut h = Vec::new();
        for c in 0..20 {
            h.push(b(c, 10 + c as i32, &[1, 2]));
            h.push(b(c, 40 + c as i32, &[1, 3]));
            h.push(b(100 + c, 50, &[5]));
        }
        let m = Blender::fit(&h, 100, BlendParams::default());
        let active = all(10);
        let s = m.recommend(&Request { customer: None, today: 100, cart: &[1], active: &active, limit: 3 });
        // Both go with cards in half of their orders; envelopes more recently, so first.
        assert_eq!(s.iter().map(|x| x.product).collect::<Vec<_>>()[..2], [3, 2]);
        assert_eq!(s[0].reason, Reason::BoughtWith { anchor: 1, share: 0.5 });
        assert_eq!(
            s[0].reason.sentence(&|p| if p == 1 { "Business cards".into() } else { p.to_string() }),
            "ordered together with Business cards in 50% of its orders"
        );
        // The popular filler comes last and says so.
        assert_eq!((s[2].product, &s[2].reason), (5, &Reason::Popular));
    }

    #[test]
    fn due_repeat_beats_discovery_and_reads_well() {
        let mut h: Vec<Basket> = (0..4).map(|i| b(1, i * 90, &[7])).collect();
        h.push(b(2, 0, &[7, 8]));
        h.push(b(3, 5, &[7, 8]));
        let m = Blender::fit(&h, 354, BlendParams { seasonal_weight: 0.0, ..BlendParams::default() });
        let active = all(10);
        let s = m.recommend(&Request { customer: Some(1), today: 354, cart: &[], active: &active, limit: 5 });
        assert_eq!(s[0].product, 7);
        assert_eq!(s[0].reason.to_string(), "you order this about every 90 days; the last was 84 days ago");
        assert_eq!(s[1].product, 8);
        assert!(matches!(s[1].reason, Reason::BoughtWith { anchor: 7, .. }));
        // Audience for 8: customers 2 and 3 buy it; customer 1 is reached through 7.
        let aud = m.audience(8, 354, 10);
        assert_eq!(aud.iter().map(|a| a.customer).collect::<Vec<_>>().len(), 3);
        assert!(aud.iter().any(|a| a.customer == 1 && matches!(a.reason, Reason::BoughtWith { anchor: 7, .. })));
        assert!(m.audience(99, 354, 10).is_empty());
    }

    #[test]
    fn seasonal_boost_lifts_and_explains() {
        // Product 4 sells only in October-November; product 3 all year and is more
        // popular overall, so only the boost can put 4 first.
        let mut h = Vec::new();
        let start = day_of(chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
        for d in (start..start + 730).step_by(3) {
            if (d - start) % 6 == 0 {
                h.push(b(i64::from(d % 7), d, &[3]));
            }
            if matches!(date_of(d).month(), 10 | 11) {
                h.extend((50..53).map(|c| b(c, d, &[4])));
            }
        }
        let today = day_of(chrono::NaiveDate::from_ymd_opt(2024, 10, 10).unwrap());
        let m = Blender::fit(&h, today, BlendParams::default());
        let active = all(10);
        let s = m.recommend(&Request { customer: Some(999), today, cart: &[], active: &active, limit: 2 });
        assert_eq!(s[0].product, 4);
        let flat = Blender::fit(&h, today, BlendParams { seasonal_weight: 0.0, ..BlendParams::default() });
        let s0 = flat.recommend(&Request { customer: Some(999), today, cart: &[], active: &active, limit: 2 });
        assert_eq!((s0[0].product, &s0[0].reason), (3, &Reason::Popular));
        assert!(
            matches!(&s[0].reason, Reason::Seasonal { season, uplift_pct } if season == "October" && *uplift_pct > 100.0)
        );
    }

    #[test]
    fn catalogue_changes_and_bad_input_give_sensible_answers() {
        let h = history(3, 30, 12, 1000, 400);
        let m = Blender::fit(&h, 1400, BlendParams::default());
        // Nothing active -> nothing suggested; unknown customer and unknown cart item -> popular.
        let none = m.recommend(&Request { customer: Some(1), today: 1400, cart: &[1], active: &[], limit: 5 });
        assert!(none.is_empty());
        let active = all(12);
        let s = m.recommend(&Request { customer: Some(-5), today: 1400, cart: &[777], active: &active, limit: 5 });
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|x| x.reason == Reason::Popular || matches!(x.reason, Reason::Seasonal { .. })));
        assert!(m
            .recommend(&Request { customer: Some(1), today: 1400, cart: &[], active: &active, limit: 0 })
            .is_empty());
    }

    #[test]
    fn property_no_inactive_no_cart_no_duplicates_deterministic() {
        for seed in 0..40u64 {
            let mut r = Lcg(seed * 7919 + 1);
            let products = 6 + r.below(20);
            let h = history(seed, 10 + i64::from(r.below(40)), products, 2000, 200 + r.below(600) as i32);
            let as_of = 2000 + r.below(900) as i32;
            let p = BlendParams { seasonal_weight: f64::from(r.below(3)) * 0.5, ..BlendParams::default() };
            let m1 = Blender::fit(&h, as_of, p.clone());
            let m2 = Blender::fit(&h, as_of, p);
            for _ in 0..10 {
                let active: Vec<u32> = (0..products + 3).filter(|_| r.chance(0.7)).collect();
                let cart: Vec<u32> = (0..r.below(4)).map(|_| r.below(products + 2)).collect();
                let customer = if r.chance(0.8) { Some(i64::from(r.below(60))) } else { None };
                let limit = r.below(8) as usize;
                let req = Request { customer, today: as_of + r.below(30) as i32, cart: &cart, active: &active, limit };
                let s = m1.recommend(&req);
                assert_eq!(s, m2.recommend(&req), "seed {seed}");
                assert_eq!(s, m1.recommend(&req));
                assert!(s.len() <= limit);
                let ids: Vec<u32> = s.iter().map(|x| x.product).collect();
                assert_eq!(distinct(&ids).len(), ids.len(), "duplicates {ids:?}");
                assert!(ids.iter().all(|p| active.contains(p) && !cart.contains(p)), "seed {seed}: {ids:?}");
                assert!(s.windows(2).all(|w| rank_order(w[0].score, w[0].product, w[1].score, w[1].product).is_le()));
                assert!(s.iter().all(|x| x.score.is_finite() && x.score > 0.0));
            }
        }
    }
}
