//! Shared server state, handed to axum handlers and to server functions (as context).
use crate::config::AppConfig;
use crate::db::Db;
use crate::server::events::Bus;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<AppConfig>,
    /// Board events and re-planning.
    pub bus: Bus,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, config: Arc<AppConfig>) -> Self {
        AppState { leptos_options, db, config, bus: Bus::default() }
    }
}
