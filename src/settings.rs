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
    /// "short" (INV/2627/00001, the default) or "long" (IN/2026-27/00001).
    pub invoice_fy_format: String,
    /// Credit notes have their own gap-free series (Rule 53): "CN/2627/00001".
    pub credit_note_prefix: String,
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

    pub fn fy_format(&self) -> crate::domain::numbering::FyFormat {
        crate::domain::numbering::FyFormat::parse(&self.invoice_fy_format).unwrap_or(crate::domain::numbering::FyFormat::Short)
    }

    pub fn credit_prefix(&self) -> &str {
        if self.credit_note_prefix.trim().is_empty() { "CN" } else { self.credit_note_prefix.trim() }
    }

    /// Checked when the settings are loaded: a series that could print a number longer than
    /// 16 characters is refused before any invoice is issued.
    pub fn check_numbering(&self) -> Result<(), String> {
        use crate::domain::numbering::{check_series, FyFormat};
        let fy = FyFormat::parse(&self.invoice_fy_format).map_err(|e| format!("shop.invoice_fy_format: {e}"))?;
        check_series(&self.invoice_prefix, fy).map_err(|e| format!("shop.invoice_prefix {:?}: {e}", self.invoice_prefix))?;
        check_series(self.credit_prefix(), fy).map_err(|e| format!("shop.credit_note_prefix {:?}: {e}", self.credit_prefix()))?;
        Ok(())
    }

    pub fn tax_mode_for(&self, customer_state: &str) -> crate::domain::tax::TaxMode {
        crate::domain::tax::TaxMode::from_profile(&self.tax_profile, &self.state_code, customer_state)
    }
}
