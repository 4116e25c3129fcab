use crate::domain::money::Money;
use crate::domain::pricing::{OptionGroup, PriceConfig, PriceTier};
use serde::{Deserialize, Serialize};

pub const CATEGORIES: &[&str] = &[
    "Business cards", "Flyers & leaflets", "Brochures", "Posters", "Banners & flex",
    "Stickers & labels", "Wedding cards", "Letterheads", "Envelopes", "Packaging", "Calendars", "Other",
];

pub const UNITS: &[&str] = &["pcs", "sqft", "set", "sheet", "box"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProductInput {
    pub sku: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub unit: String,
    pub base_price: Money,
    pub min_qty: i64,
    pub hsn_sac: String,
    pub tax_rate_bp: i32,
    pub groups: Vec<OptionGroup>,
    pub tiers: Vec<PriceTier>,
    pub active: bool,
}

impl ProductInput {
    pub fn price_config(&self) -> PriceConfig {
        PriceConfig {
            base_price: self.base_price,
            min_qty: self.min_qty,
            tiers: self.tiers.clone(),
            groups: self.groups.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: i32,
    pub input: ProductInput,
}

impl Product {
    pub fn price_config(&self) -> PriceConfig {
        self.input.price_config()
    }
}
