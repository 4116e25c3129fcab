//! Shop settings as the UI needs them (name, tax profile, state). Loaded on the server from
//! Leptos.toml (see `config`), sent to the browser through `api::shop_info`.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ShopSettings {
    pub name: String,
    pub legal_name: String,
    pub address: String,
    pub state_code: String,
    pub gstin: String,
    pub phone: String,
    pub email: String,
    pub timezone: String,
    pub currency: String,
    pub tax_profile: String,
    pub vat_label: String,
    pub order_prefix: String,
    pub invoice_prefix: String,
    pub payment_terms_days: i64,
    pub bank_details: String,
}

impl ShopSettings {
    /// Country calling code used to complete national phone numbers.
    pub fn country_code(&self) -> &'static str {
        if self.tax_profile.eq_ignore_ascii_case("gst") {
            "91"
        } else {
            "44"
        }
    }

    pub fn tax_mode_for(&self, customer_state: &str) -> crate::domain::tax::TaxMode {
        crate::domain::tax::TaxMode::from_profile(&self.tax_profile, &self.state_code, customer_state)
    }
}
