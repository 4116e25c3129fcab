//! sea-orm entities, one per table.
pub mod audit_log;
pub mod customers;
pub mod invoice_lines;
pub mod invoices;
pub mod number_series;
pub mod order_lines;
pub mod order_status_history;
pub mod orders;
pub mod outbox;
pub mod payments;
pub mod products;
pub mod rate_limits;
pub mod sessions;
pub mod users;
