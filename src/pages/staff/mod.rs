//! The staff web app.
pub mod catalogue;
pub mod customers;
pub mod dashboard;
pub mod invoices;
pub mod layout;
pub mod login;
pub mod orders;
pub mod production;
pub mod quality;
pub mod whatsapp;
