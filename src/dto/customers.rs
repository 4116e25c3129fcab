use serde::{Deserialize, Serialize};

/// What a customer form sends. Strings as typed; the service validates and normalises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustomerInput {
    pub name: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub billing_address: String,
    #[serde(default)]
    pub shipping_address: String,
    #[serde(default)]
    pub state_code: String,
    #[serde(default)]
    pub gstin: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub whatsapp_opt_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i32,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub tags: Vec<String>,
    pub orders: u64,
    pub whatsapp_opt_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i32,
    pub version: i32,
    pub input: CustomerInput,
    pub created_at: String,
}

/// A short pick-list entry (order form customer search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerOption {
    pub id: i32,
    pub label: String,
    pub state_code: String,
    /// The customer's default addresses, shown on the order form once they are chosen.
    #[serde(default)]
    pub billing_address: String,
    #[serde(default)]
    pub shipping_address: String,
}

pub fn split_tags(tags: &str) -> Vec<String> {
    tags.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// A photo or document the customer sent on WhatsApp, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerFile {
    pub id: i32,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub caption: String,
    pub order_id: Option<i32>,
    pub order_number: Option<String>,
    /// Kept and downloadable; otherwise `status` and `error` say why not.
    pub stored: bool,
    pub status: String,
    pub error: String,
    /// RFC 3339.
    pub received_at: String,
}
