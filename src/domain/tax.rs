//! Tax profiles. Indian GST splits a line's tax into CGST + SGST when the customer is in the
//! shop's state and charges IGST across states; the VAT profile charges one sales tax.
use super::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaxMode {
    /// Customer in the shop's state: CGST + SGST, each half the rate.
    GstIntra,
    /// Customer in another state: IGST at the full rate.
    GstInter,
    /// One sales tax / VAT at the line's rate.
    Vat,
}

impl TaxMode {
    /// GST mode from the shop's and the customer's state codes. An unknown customer state
    /// (walk-in without GSTIN) is treated as local supply.
    pub fn for_gst(shop_state: &str, customer_state: &str) -> TaxMode {
        if customer_state.is_empty() || customer_state == shop_state {
            TaxMode::GstIntra
        } else {
            TaxMode::GstInter
        }
    }

    pub fn from_profile(profile: &str, shop_state: &str, customer_state: &str) -> TaxMode {
        if profile.eq_ignore_ascii_case("vat") {
            TaxMode::Vat
        } else {
            TaxMode::for_gst(shop_state, customer_state)
        }
    }

    pub fn is_intra(self) -> bool {
        matches!(self, TaxMode::GstIntra)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaxSplit {
    pub cgst: Money,
    pub sgst: Money,
    pub igst: Money,
    pub vat: Money,
}

impl TaxSplit {
    pub fn total(&self) -> Money {
        self.cgst + self.sgst + self.igst + self.vat
    }

    pub fn checked_total(&self) -> Option<Money> {
        self.cgst.checked_add(self.sgst)?.checked_add(self.igst)?.checked_add(self.vat)
    }

    pub fn checked_add(&self, o: &TaxSplit) -> Option<TaxSplit> {
        Some(TaxSplit {
            cgst: self.cgst.checked_add(o.cgst)?,
            sgst: self.sgst.checked_add(o.sgst)?,
            igst: self.igst.checked_add(o.igst)?,
            vat: self.vat.checked_add(o.vat)?,
        })
    }

    pub fn add(&mut self, o: &TaxSplit) {
        self.cgst += o.cgst;
        self.sgst += o.sgst;
        self.igst += o.igst;
        self.vat += o.vat;
    }
}

/// Tax on one line's taxable value. CGST and SGST are each rounded, as they are printed.
pub fn split_tax(mode: TaxMode, taxable: Money, rate_bp: i32) -> TaxSplit {
    let rate = rate_bp as i64;
    match mode {
        TaxMode::GstIntra => {
            let half = Money(super::money::div_round(taxable.0 as i128 * rate as i128, 20_000));
            TaxSplit { cgst: half, sgst: half, ..Default::default() }
        }
        TaxMode::GstInter => TaxSplit { igst: taxable.apply_bp(rate), ..Default::default() },
        TaxMode::Vat => TaxSplit { vat: taxable.apply_bp(rate), ..Default::default() },
    }
}

/// Formats a rate in basis points: 1800 -> "18%", 250 -> "2.5%".
pub fn rate_label(rate_bp: i32) -> String {
    if rate_bp % 100 == 0 {
        format!("{}%", rate_bp / 100)
    } else {
        let s = format!("{:.2}", rate_bp as f64 / 100.0);
        format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// GST slabs offered in the catalogue editor.
pub const GST_RATES_BP: [i32; 6] = [0, 500, 1200, 1800, 2800, 300];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intra_state_splits_in_halves() {
        let s = split_tax(TaxMode::GstIntra, Money(100_000), 1800);
        assert_eq!(s.cgst, Money(9_000));
        assert_eq!(s.sgst, Money(9_000));
        assert_eq!(s.igst, Money::ZERO);
        assert_eq!(s.total(), Money(18_000));
    }

    #[test]
    fn inter_state_is_igst() {
        let s = split_tax(TaxMode::GstInter, Money(100_000), 1200);
        assert_eq!(s.igst, Money(12_000));
        assert_eq!(s.cgst + s.sgst, Money::ZERO);
    }

    #[test]
    fn halves_round_each() {
        // 5% of 0.33: 2.5% = 0.00825 -> 0.01 each
        let s = split_tax(TaxMode::GstIntra, Money(33), 500);
        assert_eq!(s.cgst, Money(1));
        assert_eq!(s.total(), Money(2));
    }

    #[test]
    fn mode_from_states() {
        assert_eq!(TaxMode::for_gst("27", "27"), TaxMode::GstIntra);
        assert_eq!(TaxMode::for_gst("27", "29"), TaxMode::GstInter);
        assert_eq!(TaxMode::for_gst("27", ""), TaxMode::GstIntra);
        assert_eq!(TaxMode::from_profile("vat", "27", "29"), TaxMode::Vat);
    }

    #[test]
    fn rate_labels() {
        assert_eq!(rate_label(1800), "18%");
        assert_eq!(rate_label(250), "2.5%");
        assert_eq!(rate_label(0), "0%");
    }
}
