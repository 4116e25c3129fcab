//! Order and invoice totals. The browser calls this while staff type (live totals) and the
//! server calls it before saving (authoritative), so both always agree.
use super::limits;
use super::money::Money;
use super::validate::FieldErrors;
use super::tax::{split_tax, TaxMode, TaxSplit};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub quantity: i64,
    pub unit_price: Money,
    /// Discount on the whole line, as an amount.
    pub discount: Money,
    pub tax_rate_bp: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineTotals {
    pub subtotal: Money,
    pub discount: Money,
    pub taxable: Money,
    pub tax: TaxSplit,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RateSummary {
    pub rate_bp: i32,
    pub taxable: Money,
    pub tax: TaxSplit,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub lines: Vec<LineTotals>,
    pub subtotal: Money,
    pub discount: Money,
    pub taxable: Money,
    pub tax: TaxSplit,
    pub total: Money,
    /// Tax summary per rate, ascending, as printed under a GST invoice.
    pub by_rate: Vec<RateSummary>,
}

impl Totals {
    pub fn tax_total(&self) -> Money {
        self.tax.total()
    }
}

/// One line's amounts; `None` when they would not fit (only possible beyond `limits`).
pub fn line_totals(line: &LineInput, mode: TaxMode) -> Option<LineTotals> {
    if !(0..=limits::MAX_TAX_RATE_BP).contains(&line.tax_rate_bp) {
        return None;
    }
    let subtotal = line.unit_price.checked_times(line.quantity.max(0))?;
    // A discount never makes a line negative; validation reports it, totals stay sane.
    let discount = Money(line.discount.0.clamp(0, subtotal.0.max(0)));
    let taxable = subtotal.checked_sub(discount)?;
    let tax = split_tax(mode, taxable, line.tax_rate_bp);
    let total = taxable.checked_add(tax.checked_total()?)?;
    Some(LineTotals { subtotal, discount, taxable, tax, total })
}

/// Order totals with checked arithmetic; `None` on overflow. Callers that save use `check`.
pub fn try_compute(lines: &[LineInput], mode: TaxMode) -> Option<Totals> {
    let mut t = Totals::default();
    for l in lines {
        let lt = line_totals(l, mode)?;
        t.subtotal = t.subtotal.checked_add(lt.subtotal)?;
        t.discount = t.discount.checked_add(lt.discount)?;
        t.taxable = t.taxable.checked_add(lt.taxable)?;
        t.tax = t.tax.checked_add(&lt.tax)?;
        t.total = t.total.checked_add(lt.total)?;
        match t.by_rate.iter_mut().find(|r| r.rate_bp == l.tax_rate_bp) {
            Some(r) => {
                r.taxable = r.taxable.checked_add(lt.taxable)?;
                r.tax = r.tax.checked_add(&lt.tax)?;
            }
            None => t.by_rate.push(RateSummary { rate_bp: l.tax_rate_bp, taxable: lt.taxable, tax: lt.tax }),
        }
        t.lines.push(lt);
    }
    t.by_rate.sort_by_key(|r| r.rate_bp);
    Some(t)
}

/// Checks every line against the shop's limits and computes the totals. Field names follow
/// the order editor ("lines.1.unit_price"), so the browser and the server show the same
/// message in the same place.
pub fn check(lines: &[LineInput], mode: TaxMode) -> Result<Totals, FieldErrors> {
    let mut e = FieldErrors::new();
    if lines.len() > limits::MAX_LINES {
        e.add("lines", format!("At most {} items per order", limits::MAX_LINES));
    }
    for (i, l) in lines.iter().enumerate() {
        let f = |name: &str| format!("lines.{i}.{name}");
        if l.quantity < 1 {
            e.add(f("quantity"), "Quantity must be at least 1");
        } else if l.quantity > limits::MAX_QUANTITY {
            e.add(f("quantity"), format!("At most {} pieces on one line", super::money::group_digits(limits::MAX_QUANTITY as u64, true)));
        }
        if l.unit_price < Money::ZERO {
            e.add(f("unit_price"), "Price cannot be negative");
        } else if l.unit_price > limits::MAX_UNIT_PRICE {
            e.add(f("unit_price"), format!("At most {} per unit", limits::MAX_UNIT_PRICE));
        }
        if !(0..=limits::MAX_TAX_RATE_BP).contains(&l.tax_rate_bp) {
            e.add(f("tax_rate_bp"), "Tax rate must be between 0% and 100%");
        }
        if l.discount < Money::ZERO {
            e.add(f("discount"), "Discount cannot be negative");
        } else if let Some(sub) = l.unit_price.checked_times(l.quantity.max(0)) {
            if l.discount > sub {
                e.add(f("discount"), "Discount is larger than the line amount");
            }
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    match try_compute(lines, mode) {
        Some(t) if t.total <= limits::MAX_ORDER_TOTAL => Ok(t),
        _ => Err(FieldErrors::single("lines", &format!("The order total may be at most {}", limits::MAX_ORDER_TOTAL))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(q: i64, price: i64, disc: i64, rate: i32) -> LineInput {
        LineInput { quantity: q, unit_price: Money(price), discount: Money(disc), tax_rate_bp: rate }
    }

    #[test]
    fn two_lines_hand_computed() {
        // 500 business cards at 0.90 = 450.00, 18% GST; 2 banners at 850.00 less 100.00 = 1600.00, 12%
        let t = try_compute(&[line(500, 90, 0, 1800), line(2, 85_000, 10_000, 1200)], TaxMode::GstIntra).unwrap();
        assert_eq!(t.subtotal, Money(45_000 + 170_000));
        assert_eq!(t.discount, Money(10_000));
        assert_eq!(t.taxable, Money(205_000));
        assert_eq!(t.tax.cgst, Money(4_050 + 9_600));
        assert_eq!(t.tax.sgst, Money(4_050 + 9_600));
        assert_eq!(t.total, Money(205_000 + 27_300));
        assert_eq!(t.by_rate.len(), 2);
        assert_eq!(t.by_rate[0].rate_bp, 1200);
    }

    #[test]
    fn interstate_total_matches_rate() {
        let t = try_compute(&[line(1000, 45, 0, 1800)], TaxMode::GstInter).unwrap();
        assert_eq!(t.tax.igst, Money(8_100));
        assert_eq!(t.total, Money(53_100));
    }

    #[test]
    fn discount_cannot_exceed_line() {
        let t = try_compute(&[line(1, 1_000, 5_000, 1800)], TaxMode::Vat).unwrap();
        assert_eq!(t.taxable, Money::ZERO);
        assert_eq!(t.total, Money::ZERO);
    }

    #[test]
    fn same_rate_lines_merge_in_summary() {
        let t = try_compute(&[line(1, 10_000, 0, 1800), line(3, 10_000, 0, 1800)], TaxMode::Vat).unwrap();
        assert_eq!(t.by_rate.len(), 1);
        assert_eq!(t.by_rate[0].taxable, Money(40_000));
        assert_eq!(t.by_rate[0].tax.vat, Money(7_200));
    }

    #[test]
    fn empty_order_is_zero() {
        let t = try_compute(&[], TaxMode::GstIntra).unwrap();
        assert_eq!(t.total, Money::ZERO);
    }

    #[test]
    fn the_reported_overflow_is_refused() {
        // 9,000,000,000,000,000,000 paise x 100 used to be stored with a negative total.
        let e = check(&[line(100, 9_000_000_000_000_000_000, 0, 1800)], TaxMode::GstIntra).unwrap_err();
        assert!(e.get("lines.0.unit_price").unwrap().contains("per unit"));
        assert!(try_compute(&[line(100, i64::MAX / 10, 0, 1800)], TaxMode::GstIntra).is_none());
    }

    #[test]
    fn limits_name_the_field() {
        let e = check(&[line(0, 100, 0, 1800), line(limits::MAX_QUANTITY + 1, 100, 0, 1800), line(1, 100, -1, 1800), line(1, 100, 0, 20_000)], TaxMode::Vat).unwrap_err();
        assert_eq!(e.get("lines.0.quantity"), Some("Quantity must be at least 1"));
        assert!(e.get("lines.1.quantity").is_some());
        assert_eq!(e.get("lines.2.discount"), Some("Discount cannot be negative"));
        assert!(e.get("lines.3.tax_rate_bp").is_some());
    }

    #[test]
    fn order_total_is_capped() {
        // 11 lines of 10 pieces at the unit price limit (₹1 crore) = ₹110 crore before tax.
        let lines: Vec<_> = (0..11).map(|_| line(10, limits::MAX_UNIT_PRICE.0, 0, 0)).collect();
        let e = check(&lines, TaxMode::Vat).unwrap_err();
        assert!(e.get("lines").unwrap().contains("order total"));
        let ok: Vec<_> = (0..10).map(|_| line(10, limits::MAX_UNIT_PRICE.0, 0, 0)).collect();
        assert_eq!(check(&ok, TaxMode::Vat).unwrap().total, limits::MAX_ORDER_TOTAL);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn any_line() -> impl Strategy<Value = LineInput> {
            (any::<i64>(), any::<i64>(), any::<i64>(), any::<i32>()).prop_map(|(q, p, d, r)| line(q, p, d, r))
        }

        fn near_limits() -> impl Strategy<Value = LineInput> {
            (-2..=limits::MAX_QUANTITY + 2, -2..=limits::MAX_UNIT_PRICE.0 + 2, -2..=limits::MAX_UNIT_PRICE.0, -1..=limits::MAX_TAX_RATE_BP + 1)
                .prop_map(|(q, p, d, r)| line(q, p, d, r))
        }

        fn mode() -> impl Strategy<Value = TaxMode> {
            prop_oneof![Just(TaxMode::GstIntra), Just(TaxMode::GstInter), Just(TaxMode::Vat)]
        }

        proptest! {
            /// Whatever arrives, checking never panics, and what it accepts adds up.
            #[test]
            fn accepted_totals_never_overflow_or_go_negative(lines in prop::collection::vec(prop_oneof![any_line(), near_limits()], 0..12), mode in mode()) {
                if let Ok(t) = check(&lines, mode) {
                    prop_assert!(t.total >= Money::ZERO && t.total <= limits::MAX_ORDER_TOTAL);
                    prop_assert!(t.taxable >= Money::ZERO && t.tax_total() >= Money::ZERO);
                    prop_assert_eq!(t.total, t.taxable + t.tax_total());
                    prop_assert_eq!(t.subtotal - t.discount, t.taxable);
                    for lt in &t.lines {
                        prop_assert!(lt.total >= Money::ZERO && lt.discount <= lt.subtotal);
                    }
                }
            }

            /// Lines at the very top of every limit still compute without overflow.
            #[test]
            fn the_largest_accepted_lines_fit(n in 1..=limits::MAX_LINES, mode in mode()) {
                let lines = vec![line(limits::MAX_QUANTITY, limits::MAX_UNIT_PRICE.0, 0, limits::MAX_TAX_RATE_BP); n];
                prop_assert!(try_compute(&lines, mode).is_some());
            }
        }
    }
}
