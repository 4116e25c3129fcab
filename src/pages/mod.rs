//! Pages (route views) by audience: `staff` now; the customer portal joins as `portal`.
pub mod portal;
pub mod public;
pub mod staff;
