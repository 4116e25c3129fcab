use crate::domain::invoice::{PaymentMethod, PaymentStatus};
use crate::domain::money::Money;
use crate::domain::tax::TaxSplit;
use serde::{Deserialize, Serialize};

/// Seller or buyer block as printed on the invoice (a snapshot at issue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PartyBlock {
    pub name: String,
    pub address: String,
    pub gstin: String,
    pub state_code: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub description: String,
    pub hsn_sac: String,
    pub uqc: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub discount: Money,
    pub taxable: Money,
    pub tax_rate_bp: i32,
    pub tax: TaxSplit,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRow {
    pub rate_bp: i32,
    pub taxable: Money,
    pub tax: TaxSplit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: i32,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: String,
    pub paid_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: i32,
    pub number: String,
    pub order_id: i32,
    pub order_number: String,
    pub customer_id: i32,
    pub issue_date: String,
    pub due_date: String,
    pub tax_profile: String,
    pub vat_label: String,
    pub place_of_supply: String,
    pub intra_state: bool,
    pub seller: PartyBlock,
    pub buyer: PartyBlock,
    pub lines: Vec<InvoiceLine>,
    pub by_rate: Vec<RateRow>,
    pub subtotal: Money,
    pub discount: Money,
    pub taxable: Money,
    pub tax: TaxSplit,
    pub total: Money,
    pub amount_paid: Money,
    pub amount_credited: Money,
    pub credit_notes: Vec<CreditNoteRow>,
    pub amount_words: String,
    pub status: PaymentStatus,
    pub payments: Vec<Payment>,
    pub notes: String,
    pub bank_details: String,
}

impl Invoice {
    /// What is still owed: the total less payments and credit notes.
    pub fn balance(&self) -> Money {
        self.total - self.amount_paid - self.amount_credited
    }
}

/// A credit note as listed under its invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNoteRow {
    pub id: i32,
    pub number: String,
    pub kind: crate::domain::invoice::CreditKind,
    pub reason: String,
    pub share_bp: i32,
    pub issue_date: String,
    pub total: Money,
}

/// What staff fill in to issue a credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CreditNoteInput {
    /// "cancellation" (the whole remaining value) or "correction".
    pub kind: String,
    /// For a correction: the share of the invoice to credit, in percent ("10", "12.5").
    pub percent: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: i32,
    pub number: String,
    pub order_id: i32,
    pub order_number: String,
    pub customer: String,
    pub issue_date: String,
    pub due_date: String,
    pub total: Money,
    pub amount_paid: Money,
    pub status: PaymentStatus,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InvoiceFilter {
    pub q: String,
    pub status: String,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentInput {
    pub amount: String,
    pub method: String,
    pub reference: String,
    pub paid_on: String,
}
