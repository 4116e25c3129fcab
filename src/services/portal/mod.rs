//! The customer portal's use cases. Every function takes the signed-in customer's id and
//! answers "not found" for anybody else's records (server only).
pub mod auth;
pub mod orders;
pub mod profile;
pub mod ratings;
pub mod reorder;
