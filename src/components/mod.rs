//! UI components by area. `ui` holds the shared pieces (fields, chips, tables, charts,
//! progress bars, feedback) so every page looks and behaves the same.
pub mod catalogue;
pub mod customers;
pub mod orders;
pub mod production;
pub mod quality;
pub mod ui;
