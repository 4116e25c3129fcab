//! Invoice payment status and payment rules.
use super::money::Money;
use super::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(PaymentStatus {
    Unpaid = "unpaid": "Unpaid",
    Partial = "partial": "Partly paid",
    Paid = "paid": "Paid",
    // Fully credited by credit notes (a cancelled invoice): nothing is owed.
    Credited = "credited": "Credited",
});

impl PaymentStatus {
    /// Nothing more is owed on it.
    pub fn is_settled(self) -> bool {
        matches!(self, PaymentStatus::Paid | PaymentStatus::Credited)
    }
}

text_enum!(CreditKind {
    // The whole remaining value: the invoice is cancelled.
    Cancellation = "cancellation": "Cancellation",
    // Part of the value, e.g. an agreed price reduction or a deficiency in supply.
    Correction = "correction": "Correction",
});

/// One invoice line's credited amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreditLine {
    pub taxable: Money,
    pub tax: super::tax::TaxSplit,
    pub total: Money,
}

/// `share_bp` of each line's taxable value (10,000 = all of it), with its tax recomputed at
/// the line's rate, so each slab of the credit note matches the invoice's. `None` for a
/// share outside 0..=100% or amounts that would not fit.
pub fn credit_lines(lines: &[(Money, i32)], mode: super::tax::TaxMode, share_bp: i32) -> Option<Vec<CreditLine>> {
    if !(1..=10_000).contains(&share_bp) {
        return None;
    }
    lines
        .iter()
        .map(|&(taxable, rate)| {
            let part = Money(super::money::div_round(taxable.0 as i128 * share_bp as i128, 10_000));
            let tax = super::tax::split_tax(mode, part, rate);
            Some(CreditLine { taxable: part, tax, total: part.checked_add(tax.checked_total()?)? })
        })
        .collect()
}

/// Status after payments and credits: fully credited is `Credited`, otherwise what is still
/// owed after the credits decides.
pub fn status_after_credit(total: Money, paid: Money, credited: Money) -> PaymentStatus {
    if credited > Money::ZERO && credited >= total {
        PaymentStatus::Credited
    } else {
        payment_status(total.checked_sub(credited).unwrap_or(Money::ZERO), paid)
    }
}

text_enum!(PaymentMethod {
    Cash = "cash": "Cash",
    Upi = "upi": "UPI",
    Card = "card": "Card",
    Bank = "bank": "Bank transfer",
    Cheque = "cheque": "Cheque",
});

/// The GST unit quantity code (UQC) for a catalogue unit, as Rule 46(h) asks quantities to
/// be stated with their unit. Units without a code of their own are "OTH".
pub fn uqc(unit: &str) -> &'static str {
    match unit.trim().to_ascii_lowercase().trim_end_matches('.') {
        "pcs" | "pc" | "piece" | "pieces" => "PCS",
        "nos" | "no" | "number" | "numbers" | "unit" | "units" => "NOS",
        "set" | "sets" => "SET",
        "sqft" | "sq ft" | "sq.ft" | "square feet" => "SQF",
        "sqm" | "sq m" | "square metre" | "square meter" => "SQM",
        "box" | "boxes" => "BOX",
        "pack" | "packs" | "pkt" => "PAC",
        "roll" | "rolls" => "ROL",
        "kg" | "kgs" => "KGS",
        "m" | "mtr" | "metre" | "meter" => "MTR",
        "book" | "books" | "pad" | "pads" => "NOS",
        _ => "OTH",
    }
}

pub fn payment_status(total: Money, paid: Money) -> PaymentStatus {
    if paid <= Money::ZERO && total > Money::ZERO {
        PaymentStatus::Unpaid
    } else if paid < total {
        PaymentStatus::Partial
    } else {
        PaymentStatus::Paid
    }
}

/// A payment must be positive and may not exceed what is still owed.
pub fn check_payment(total: Money, paid: Money, amount: Money) -> Result<(), String> {
    let balance = total - paid;
    if amount <= Money::ZERO {
        Err("Enter an amount greater than zero".into())
    } else if balance <= Money::ZERO {
        Err("This invoice is already paid in full".into())
    } else if amount > balance {
        Err(format!("Only {balance} is still due"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(payment_status(Money(1000), Money(0)), PaymentStatus::Unpaid);
        assert_eq!(payment_status(Money(1000), Money(400)), PaymentStatus::Partial);
        assert_eq!(payment_status(Money(1000), Money(1000)), PaymentStatus::Paid);
        assert_eq!(payment_status(Money(0), Money(0)), PaymentStatus::Paid);
    }

    #[test]
    fn partial_payments_up_to_balance() {
        assert!(check_payment(Money(1000), Money(400), Money(600)).is_ok());
        assert_eq!(check_payment(Money(1000), Money(400), Money(601)).unwrap_err(), "Only ₹6.00 is still due");
        assert!(check_payment(Money(1000), Money(0), Money(0)).is_err());
        assert!(check_payment(Money(1000), Money(1000), Money(1)).unwrap_err().contains("paid in full"));
    }

    #[test]
    fn full_credit_matches_the_invoice_and_partial_keeps_slabs() {
        use crate::domain::tax::TaxMode;
        let lines = [(Money(45_000), 1800), (Money(160_000), 1200)];
        let full = credit_lines(&lines, TaxMode::GstIntra, 10_000).unwrap();
        assert_eq!(full[0].tax.cgst, Money(4_050));
        assert_eq!(full[1].total, Money(160_000 + 19_200));
        let tenth = credit_lines(&lines, TaxMode::GstInter, 1_000).unwrap();
        assert_eq!(tenth[0].taxable, Money(4_500));
        assert_eq!(tenth[0].tax.igst, Money(810));
        assert!(credit_lines(&lines, TaxMode::Vat, 0).is_none());
        assert!(credit_lines(&lines, TaxMode::Vat, 10_001).is_none());
        assert_eq!(status_after_credit(Money(100), Money(0), Money(100)), PaymentStatus::Credited);
        assert_eq!(status_after_credit(Money(100), Money(50), Money(50)), PaymentStatus::Paid);
        assert_eq!(status_after_credit(Money(100), Money(0), Money(10)), PaymentStatus::Unpaid);
    }

    #[test]
    fn units_have_gst_codes() {
        assert_eq!(uqc("pcs"), "PCS");
        assert_eq!(uqc("sqft"), "SQF");
        assert_eq!(uqc("set"), "SET");
        assert_eq!(uqc("whatever"), "OTH");
    }
}
