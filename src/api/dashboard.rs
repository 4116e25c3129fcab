//! The dashboard's server function lives with orders (`api::orders::load_dashboard`); later
//! areas (production bottleneck, quality reminders, follow-ups) add theirs here.
pub use super::orders::load_dashboard;
