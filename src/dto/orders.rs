use crate::domain::money::Money;
use crate::domain::order::{Channel, OrderStatus, Priority};
use crate::domain::pricing::ChosenOption;
use crate::domain::totals::Totals;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LineDraft {
    pub product_id: i32,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    /// None: the catalogue price for quantity and options. Some: a price typed by staff.
    pub unit_price: Option<Money>,
    pub discount: Money,
    #[serde(default)]
    pub description: String,
}

/// What the order editor sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderInput {
    pub customer_id: i32,
    pub channel: Channel,
    pub priority: Priority,
    /// "YYYY-MM-DD" or empty.
    pub due_date: String,
    pub notes: String,
    pub lines: Vec<LineDraft>,
    /// Start as draft (true) or confirmed.
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OrderFilter {
    pub q: String,
    pub status: String,
    pub customer_id: Option<i32>,
    pub due_from: String,
    pub due_to: String,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: i32,
    pub number: String,
    pub customer_id: i32,
    pub customer: String,
    pub status: OrderStatus,
    pub priority: Priority,
    pub channel: Channel,
    pub due_date: Option<String>,
    pub late: bool,
    pub total: Money,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub id: i32,
    pub product_id: i32,
    pub product_name: String,
    pub description: String,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    pub unit: String,
    pub unit_price: Money,
    pub discount: Money,
    pub tax_rate_bp: i32,
    pub hsn_sac: String,
    pub line_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub by: String,
    pub comment: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRef {
    pub id: i32,
    pub number: String,
    pub total: Money,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub id: i32,
    pub number: String,
    pub version: i32,
    pub customer_id: i32,
    pub customer: String,
    pub customer_phone: String,
    pub customer_state: String,
    pub status: OrderStatus,
    pub priority: Priority,
    pub channel: Channel,
    pub due_date: Option<String>,
    pub notes: String,
    pub lines: Vec<OrderLine>,
    pub totals: Totals,
    pub history: Vec<StatusChange>,
    pub invoices: Vec<InvoiceRef>,
    pub created_by: String,
    pub created_at: String,
    /// The customer's rating, once they gave one (portal, delivered orders).
    pub rating: Option<crate::dto::ratings::RatingView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Dashboard {
    pub due_today: Vec<OrderRow>,
    pub late: Vec<OrderRow>,
    pub awaiting_payment: Vec<crate::dto::invoices::InvoiceRow>,
    pub open_orders: u64,
    pub late_count: u64,
    pub due_today_count: u64,
    pub receivable: Money,
    pub month_revenue: Money,
    /// Orders taken per day over the last 14 days (oldest first), for the sparkline.
    pub daily_orders: Vec<(String, u64)>,
}
