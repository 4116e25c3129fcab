//! Shared server state, handed to axum handlers and to server functions (as context).
use crate::config::AppConfig;
use crate::db::Db;
use crate::services::events::dispatch::Dispatcher;
use crate::services::events::subscribers::{AuditLog, Replanner};
use crate::services::whatsapp::fake::FakeCloud;
use crate::services::whatsapp::inbox::BotContext;
use crate::services::whatsapp::notify::Notifier;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tokio::sync::watch;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<AppConfig>,
    /// Hands committed domain events to the board feed and the durable subscribers.
    pub events: Dispatcher,
    pub replanner: Arc<Replanner>,
    /// Bumped when a webhook stored something: wakes the WhatsApp status and inbox tasks.
    pub wa_wake: Arc<watch::Sender<u64>>,
    /// The built-in WhatsApp simulator, when no access token is configured.
    pub simulator: Option<FakeCloud>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, config: Arc<AppConfig>) -> Self {
        let replanner = Replanner::new();
        let notifier = Arc::new(Notifier { public_url: config.security.public_url.clone() });
        let events = Dispatcher::new(db.clone(), vec![replanner.clone(), Arc::new(AuditLog), notifier]);
        AppState { leptos_options, db, config, events, replanner, wa_wake: Arc::new(watch::channel(0).0), simulator: None }
    }

    pub fn with_simulator(mut self, fake: FakeCloud) -> Self {
        self.simulator = Some(fake);
        self
    }

    pub fn wake_whatsapp(&self) {
        self.wa_wake.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub fn bot_context(&self) -> BotContext {
        BotContext {
            shop_name: self.config.shop.name.clone(),
            address: self.config.shop.address.clone(),
            opening_hours: self.config.whatsapp.opening_hours.clone(),
            public_url: self.config.security.public_url.clone(),
            shop: self.config.shop.clone(),
            media: crate::services::whatsapp::client::CloudApi::new(&self.config.whatsapp).ok().map(|api| crate::services::whatsapp::media::MediaFetch {
                api,
                storage: std::sync::Arc::new(crate::storage::DirStorage::new(std::path::Path::new(&self.config.database.data_dir).join("files"))),
            }),
        }
    }

    /// Starts the background work: the event dispatcher, the re-planner and WhatsApp (outbox
    /// worker, delivery statuses, inbox).
    pub async fn start_background(&self) -> crate::error::AppResult<()> {
        self.replanner.start(self.db.clone(), self.config.timezone());
        self.events.start().await?;
        let name = format!("{}-{}", hostname(), std::process::id());
        match crate::services::whatsapp::worker::Worker::new(self.db.clone(), &self.config.whatsapp, &name) {
            Ok(w) => {
                tokio::spawn(Arc::new(w).run(self.wa_wake.subscribe()));
            }
            Err(e) => tracing::error!(error = %e, "WhatsApp sending is off: bad [whatsapp] settings"),
        }
        tokio::spawn(crate::services::whatsapp::statuses::run(self.db.clone(), self.wa_wake.subscribe()));
        tokio::spawn(crate::services::whatsapp::campaigns::run(self.db.clone(), self.config.whatsapp.rates));
        tokio::spawn(crate::services::whatsapp::reminders::run(self.db.clone(), self.config.security.public_url.clone(), self.config.quality.customer_reminder_hours));
        tokio::spawn(crate::services::whatsapp::inbox::run(self.db.clone(), self.bot_context(), self.wa_wake.subscribe()));
        Ok(())
    }
}

fn hostname() -> String {
    std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| "pressdesk".into())
}
