//! The integration suite: one test binary (one link instead of one per area, which was most
//! of CI's test build time), one module per area, on SQLite and PostgreSQL.
//! Run one area with `cargo test --release --no-default-features --features ssr --test suite whatsapp_flow::`.
#![cfg(feature = "ssr")]

#[macro_use]
mod common;
mod wa;

mod auth;
mod customers;
mod dashboard;
mod events;
mod http;
mod invoices;
mod orders;
mod portal;
mod production;
mod production_plan;
mod products;
mod quality;
mod ratings;
mod seed;
mod trust_contacts;
mod trust_gst;
mod trust_http;
mod trust_money;
mod whatsapp_bot_actions;
mod whatsapp_campaigns;
mod whatsapp_flow;
mod whatsapp_outbox;
mod whatsapp_templates;
mod whatsapp_webhook;
