//! The durable subscribers every instance runs: the re-planner and the audit log.
use super::dispatch::Subscriber;
use super::StoredEvent;
use crate::db::Db;
use crate::error::AppResult;
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

/// Re-plans the floor after events that change it, coalescing bursts into one plan.
pub struct Replanner {
    due: AtomicBool,
    /// Plans asked for so far (a figure for tests and the log).
    requests: AtomicU64,
    tx: mpsc::UnboundedSender<()>,
    rx: Mutex<Option<mpsc::UnboundedReceiver<()>>>,
}

impl Replanner {
    pub fn new() -> Arc<Self> {
        let (tx, rx) = mpsc::unbounded_channel();
        Arc::new(Replanner { due: AtomicBool::new(false), requests: AtomicU64::new(0), tx, rx: Mutex::new(Some(rx)) })
    }

    /// Asks for a plan soon (start-up, or by hand).
    pub fn request(&self) {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let _ = self.tx.send(());
    }

    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// The planning task (once per instance).
    pub fn start(&self, db: Db, tz: chrono_tz::Tz) {
        let Some(mut rx) = self.rx.lock().ok().and_then(|mut g| g.take()) else { return };
        tokio::spawn(async move {
            while rx.recv().await.is_some() {
                tokio::time::sleep(Duration::from_millis(400)).await;
                while rx.try_recv().is_ok() {}
                if let Err(e) = crate::services::production::plan::replan(&db, tz).await {
                    tracing::warn!(error = %e, "re-plan failed");
                }
            }
        });
    }
}

impl Subscriber for Replanner {
    fn name(&self) -> &'static str {
        "replanner"
    }

    fn handle<'a>(&'a self, _txn: &'a DatabaseTransaction, events: &'a [StoredEvent]) -> BoxFuture<'a, AppResult<()>> {
        Box::pin(async move {
            if events.iter().any(|e| e.event.affects_plan()) {
                self.due.store(true, Ordering::SeqCst);
            }
            Ok(())
        })
    }

    fn after_commit(&self) {
        if self.due.swap(false, Ordering::SeqCst) {
            self.request();
        }
    }
}

/// Writes every event to the audit stream of the log (target `pressdesk::audit`), once.
pub struct AuditLog;

impl Subscriber for AuditLog {
    fn name(&self) -> &'static str {
        "audit"
    }

    fn handle<'a>(&'a self, _txn: &'a DatabaseTransaction, events: &'a [StoredEvent]) -> BoxFuture<'a, AppResult<()>> {
        Box::pin(async move {
            for e in events {
                let (subject, id) = e.event.subject();
                tracing::info!(target: "pressdesk::audit", event = e.id, kind = e.event.kind().as_str(), subject = subject.as_str(), subject_id = id, actor = %e.actor, "{}", e.event.summary());
            }
            Ok(())
        })
    }
}
