//! What the customer portal shows.
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::domain::pricing::ChosenOption;
use crate::domain::quality::ProofStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalCustomer {
    pub id: i32,
    pub name: String,
    pub shop_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalOrderRow {
    pub id: i32,
    pub number: String,
    pub placed: String,
    pub status: OrderStatus,
    pub step_label: String,
    pub percent: f64,
    pub items: String,
    pub total: Money,
    pub balance: Money,
    pub expected: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalStep {
    pub label: String,
    pub done: bool,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalProof {
    pub proof_id: i32,
    pub line: String,
    pub version: i32,
    pub status: ProofStatus,
    /// The signed approval page, when the proof waits for this customer.
    pub approve_link: Option<String>,
    /// For artwork reused from an earlier order: which one ("Approved artwork of order …").
    #[serde(default)]
    pub carried: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalLine {
    pub description: String,
    pub quantity: i64,
    pub unit: String,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalInvoice {
    pub id: i32,
    pub number: String,
    pub total: Money,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalRating {
    pub stars: i32,
    pub comment: String,
    pub editable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalOrder {
    pub id: i32,
    pub number: String,
    pub placed: String,
    pub status: OrderStatus,
    pub steps: Vec<PortalStep>,
    pub percent: f64,
    pub expected_ready: Option<String>,
    pub lines: Vec<PortalLine>,
    pub total: Money,
    pub paid: Money,
    pub balance: Money,
    pub invoices: Vec<PortalInvoice>,
    /// Credit notes against those invoices: (id, number).
    pub credit_notes: Vec<(i32, String)>,
    pub payments: Vec<(String, String, Money)>,
    pub proofs: Vec<PortalProof>,
    pub rating: Option<PortalRating>,
    pub can_rate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReorderLine {
    pub product_id: i32,
    pub product: String,
    pub options: Vec<ChosenOption>,
    pub options_text: String,
    pub quantity: i64,
    pub min_qty: i64,
    pub unit: String,
    pub old_unit_price: Money,
    /// Today's price for the old quantity; None when the product is no longer offered.
    pub new_unit_price: Option<Money>,
    /// The version of this item's approved proof, printed again unless the customer asks
    /// for new artwork.
    #[serde(default)]
    pub artwork_version: Option<i32>,
}

impl ReorderLine {
    pub fn price_changed(&self) -> bool {
        self.new_unit_price.is_some_and(|p| p != self.old_unit_price)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReorderDraft {
    pub from_order_id: i32,
    pub from_number: String,
    pub lines: Vec<ReorderLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Profile {
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub billing_address: String,
    pub shipping_address: String,
    pub gstin: String,
    pub whatsapp_opt_in: bool,
    pub has_password: bool,
    pub version: i32,
}

/// A low rating (or other item) staff should follow up on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: i32,
    pub order_id: i32,
    pub order_number: String,
    pub customer: String,
    pub note: String,
    pub at: String,
}
