//! The HTTP server: router, start-up, command line, file downloads (server only).
pub mod bench;
pub mod bench_whatsapp;
pub mod cli;
pub mod downloads;
pub mod errors;
pub mod events;
pub mod files;
pub mod gate;
pub mod headers;
pub mod photos;
pub mod router;
pub mod simulator_files;
pub mod startup;
pub mod webhooks;
