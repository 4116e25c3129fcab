//! Pure domain logic: no I/O, no framework, compiled for the server and the browser.
pub mod analytics;
pub mod bottleneck;
pub mod events;
pub mod floor;
pub mod india;
pub mod invoice;
pub mod limits;
pub mod money;
pub mod numbering;
pub mod order;
pub mod portal;
pub mod pricing;
pub mod progress;
pub mod quality;
pub mod recommend;
pub mod redirect;
pub mod roles;
pub mod scheduler;
pub mod tax;
pub mod totals;
pub mod validate;
pub mod whatsapp;
pub mod words;
pub mod workflow;

pub use money::Money;
