//! Order and invoice totals. The browser calls this while staff type (live totals) and the
//! server calls it before saving (authoritative), so both always agree.
use super::money::Money;
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

pub fn line_totals(line: &LineInput, mode: TaxMode) -> LineTotals {
    let subtotal = line.unit_price.times(line.quantity.max(0));
    // A discount never makes a line negative; validation reports it, totals stay sane.
    let discount = Money(line.discount.0.clamp(0, subtotal.0.max(0)));
    let taxable = subtotal - discount;
    let tax = split_tax(mode, taxable, line.tax_rate_bp);
    LineTotals { subtotal, discount, taxable, tax, total: taxable + tax.total() }
}

pub fn compute(lines: &[LineInput], mode: TaxMode) -> Totals {
    let mut t = Totals::default();
    for l in lines {
        let lt = line_totals(l, mode);
        t.subtotal += lt.subtotal;
        t.discount += lt.discount;
        t.taxable += lt.taxable;
        t.tax.add(&lt.tax);
        t.total += lt.total;
        match t.by_rate.iter_mut().find(|r| r.rate_bp == l.tax_rate_bp) {
            Some(r) => {
                r.taxable += lt.taxable;
                r.tax.add(&lt.tax);
            }
            None => t.by_rate.push(RateSummary { rate_bp: l.tax_rate_bp, taxable: lt.taxable, tax: lt.tax }),
        }
        t.lines.push(lt);
    }
    t.by_rate.sort_by_key(|r| r.rate_bp);
    t
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
        let t = compute(&[line(500, 90, 0, 1800), line(2, 85_000, 10_000, 1200)], TaxMode::GstIntra);
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
        let t = compute(&[line(1000, 45, 0, 1800)], TaxMode::GstInter);
        assert_eq!(t.tax.igst, Money(8_100));
        assert_eq!(t.total, Money(53_100));
    }

    #[test]
    fn discount_cannot_exceed_line() {
        let t = compute(&[line(1, 1_000, 5_000, 1800)], TaxMode::Vat);
        assert_eq!(t.taxable, Money::ZERO);
        assert_eq!(t.total, Money::ZERO);
    }

    #[test]
    fn same_rate_lines_merge_in_summary() {
        let t = compute(&[line(1, 10_000, 0, 1800), line(3, 10_000, 0, 1800)], TaxMode::Vat);
        assert_eq!(t.by_rate.len(), 1);
        assert_eq!(t.by_rate[0].taxable, Money(40_000));
        assert_eq!(t.by_rate[0].tax.vat, Money(7_200));
    }

    #[test]
    fn empty_order_is_zero() {
        let t = compute(&[], TaxMode::GstIntra);
        assert_eq!(t.total, Money::ZERO);
    }
}
