//! Use cases. Each public function is one unit of work: it validates, runs in one
//! transaction where it writes, and returns DTOs or an `AppError` (server only).
pub mod audit;
pub mod auth;
pub mod credit_notes;
pub mod customers;
pub mod dashboard;
pub mod events;
pub mod feedback;
pub mod invoices;
pub mod numbering;
pub mod orders;
pub mod production;
pub mod portal;
pub mod portal_access;
pub mod products;
pub mod quality;
pub mod ratings;
pub mod whatsapp;

use crate::domain::roles::Role;
use crate::dto::auth::StaffUser;

/// Who is doing something, for history and audit lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff { id: i32, name: String, role: Role },
    Customer { id: i32, name: String },
    System,
}

impl Actor {
    pub fn staff_id(&self) -> Option<i32> {
        match self {
            Actor::Staff { id, .. } => Some(*id),
            _ => None,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Actor::Staff { name, role, .. } => format!("{name} ({})", role.label().to_lowercase()),
            Actor::Customer { name, .. } => format!("{name} (customer)"),
            Actor::System => "PressDesk".into(),
        }
    }
}

impl From<&StaffUser> for Actor {
    fn from(u: &StaffUser) -> Self {
        Actor::Staff { id: u.id, name: u.name.clone(), role: u.role }
    }
}

/// Formats a UTC timestamp in the shop's time zone for display.
pub fn local_time(ts: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    ts.with_timezone(&tz).format("%d %b %Y, %H:%M").to_string()
}

pub fn fmt_date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
