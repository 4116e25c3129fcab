//! Shared server state, handed to axum handlers and to server functions (as context).
use crate::config::AppConfig;
use crate::db::Db;
use crate::services::events::dispatch::Dispatcher;
use crate::services::events::subscribers::{AuditLog, Replanner};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<AppConfig>,
    /// Hands committed domain events to the board feed and the durable subscribers.
    pub events: Dispatcher,
    pub replanner: Arc<Replanner>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, config: Arc<AppConfig>) -> Self {
        let replanner = Replanner::new();
        let events = Dispatcher::new(db.clone(), vec![replanner.clone(), Arc::new(AuditLog)]);
        AppState { leptos_options, db, config, events, replanner }
    }

    /// Starts the background work: the event dispatcher and the re-planner.
    pub async fn start_background(&self) -> crate::error::AppResult<()> {
        self.replanner.start(self.db.clone(), self.config.timezone());
        self.events.start().await
    }
}
