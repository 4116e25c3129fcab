//! Data shapes that cross the wire between server functions and the UI (both targets).
//! Services produce them, components render them.
pub mod auth;
pub mod campaigns;
pub mod customers;
pub mod inbox;
pub mod invoices;
pub mod orders;
pub mod portal;
pub mod production;
pub mod products;
pub mod quality;
pub mod ratings;
pub mod simulator;
pub mod wa_templates;
pub mod whatsapp;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> u64 {
        if self.per_page == 0 {
            1
        } else {
            self.total.div_ceil(self.per_page).max(1)
        }
    }
}

/// Clamp paging input from the URL to sane values.
pub fn paging(page: u64, per_page: u64) -> (u64, u64) {
    (page.max(1), per_page.clamp(1, 200))
}
