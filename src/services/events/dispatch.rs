//! The dispatcher: after commit, hands each new event to its subscribers.
//!
//! - The board feed is local to each instance (its open boards): an in-memory cursor that
//!   starts at the newest event, read right after every commit (woken by `Db::wake` and, on
//!   PostgreSQL, by NOTIFY from any instance), with a slow poll as a safety net.
//! - Durable subscribers (re-planner, audit log, later WhatsApp and analytics) keep their
//!   cursor in `event_cursors`, advanced in the same transaction as their own writes; a
//!   restart resumes after the last event handled. On PostgreSQL the cursor row is locked
//!   with SKIP LOCKED, so two instances never handle the same batch.
use super::{after, feed, last_id, StoredEvent};
use crate::db::e::event_cursors;
use crate::db::Db;
use crate::dto::production::BoardEvent;
use crate::error::AppResult;
use futures::future::BoxFuture;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter, Set, Statement, TransactionTrait};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, Mutex};

/// Events per durable batch (one transaction).
const BATCH: u64 = 200;

/// A subscriber that must see every event once, even across restarts.
pub trait Subscriber: Send + Sync {
    /// Its cursor's name in `event_cursors`.
    fn name(&self) -> &'static str;
    /// Handles a batch inside the transaction that advances the cursor.
    fn handle<'a>(&'a self, txn: &'a DatabaseTransaction, events: &'a [StoredEvent]) -> BoxFuture<'a, AppResult<()>>;
    /// Runs after that transaction committed (work that needs its own transaction).
    fn after_commit(&self) {}
    /// A new subscriber starts after the newest event instead of at the first one (what it
    /// does, like messaging customers, would be wrong for old events).
    fn from_now(&self) -> bool {
        false
    }
}

#[derive(Clone)]
pub struct Dispatcher {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    durable: Vec<Arc<dyn Subscriber>>,
    feed: broadcast::Sender<BoardEvent>,
    feed_cursor: AtomicI64,
    feed_lock: Mutex<()>,
    durable_lock: Mutex<()>,
}

impl Dispatcher {
    pub fn new(db: Db, durable: Vec<Arc<dyn Subscriber>>) -> Self {
        let (feed, _) = broadcast::channel(1024);
        Dispatcher { inner: Arc::new(Inner { db, durable, feed, feed_cursor: AtomicI64::new(i64::MAX), feed_lock: Mutex::new(()), durable_lock: Mutex::new(()) }) }
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// This instance's board feed.
    pub fn subscribe_feed(&self) -> broadcast::Receiver<BoardEvent> {
        self.inner.feed.subscribe()
    }

    /// The feed starts after the newest event: boards that open later read the board itself.
    pub async fn init_feed(&self) -> AppResult<()> {
        let last = last_id(&self.inner.db.read).await?;
        self.inner.feed_cursor.store(last, Ordering::SeqCst);
        Ok(())
    }

    /// Sends every committed event after the feed cursor to this instance's boards.
    pub async fn pump_feed(&self) -> AppResult<usize> {
        let _one = self.inner.feed_lock.lock().await;
        let mut sent = 0;
        loop {
            let cursor = self.inner.feed_cursor.load(Ordering::SeqCst);
            if cursor == i64::MAX {
                return Ok(0);
            }
            let (events, last) = after(&self.inner.db.read, cursor, 500).await?;
            for e in &events {
                if let Some(be) = feed::board_event(&self.inner.db.read, e).await? {
                    let _ = self.inner.feed.send(be);
                    sent += 1;
                }
            }
            self.inner.feed_cursor.store(last, Ordering::SeqCst);
            if events.len() < 500 {
                return Ok(sent);
            }
        }
    }

    /// Hands every event a durable subscriber has not handled yet to it; returns how many.
    pub async fn pump_durable(&self) -> AppResult<usize> {
        let _one = self.inner.durable_lock.lock().await;
        let mut handled = 0;
        for sub in &self.inner.durable {
            loop {
                let (n, more) = self.durable_batch(sub.as_ref()).await?;
                handled += n;
                if !more {
                    break;
                }
            }
        }
        Ok(handled)
    }

    async fn durable_batch(&self, sub: &dyn Subscriber) -> AppResult<(usize, bool)> {
        let db = &self.inner.db;
        let txn = db.write.begin().await?;
        let Some(cursor) = lock_cursor(&txn, sub.name(), sub.from_now()).await? else {
            // Another instance is handling this subscriber right now.
            return Ok((0, false));
        };
        let (events, last) = after(&txn, cursor, BATCH).await?;
        if last == cursor {
            // Commit anyway: a cursor created just now (at the newest event) must be kept.
            txn.commit().await?;
            return Ok((0, false));
        }
        if !events.is_empty() {
            sub.handle(&txn, &events).await?;
        }
        event_cursors::Entity::update_many()
            .col_expr(event_cursors::Column::LastId, Expr::value(last))
            .col_expr(event_cursors::Column::UpdatedAt, Expr::value(crate::clock::now()))
            .filter(event_cursors::Column::Subscriber.eq(sub.name()))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        sub.after_commit();
        Ok((events.len(), (last - cursor) as u64 >= BATCH))
    }

    /// Background tasks: the feed, the durable subscribers and (PostgreSQL) the listener.
    pub async fn start(&self) -> AppResult<()> {
        self.init_feed().await?;
        let feed = self.clone();
        tokio::spawn(async move {
            let mut wakes = feed.inner.db.wakes();
            loop {
                let _ = tokio::time::timeout(Duration::from_secs(1), wakes.changed()).await;
                if let Err(e) = feed.pump_feed().await {
                    tracing::warn!(error = %e, "board feed failed; retrying");
                }
            }
        });
        let durable = self.clone();
        tokio::spawn(async move {
            let mut wakes = durable.inner.db.wakes();
            loop {
                if let Err(e) = durable.pump_durable().await {
                    tracing::warn!(error = %e, "event subscriber failed; retrying");
                }
                let _ = tokio::time::timeout(Duration::from_secs(2), wakes.changed()).await;
                // Let a burst of changes arrive, then handle them in one batch.
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
        });
        if let Some(url) = self.inner.db.pg_url.clone() {
            let db = self.inner.db.clone();
            tokio::spawn(async move { listen(url, db).await });
        }
        Ok(())
    }
}

/// The subscriber's cursor, locked for this transaction; None when another instance holds it.
async fn lock_cursor(txn: &DatabaseTransaction, name: &str, from_now: bool) -> AppResult<Option<i64>> {
    if event_cursors::Entity::find_by_id(name.to_string()).one(txn).await?.is_none() {
        let start = if from_now { last_id(txn).await? } else { 0 };
        let row = event_cursors::ActiveModel { subscriber: Set(name.into()), last_id: Set(start), updated_at: Set(crate::clock::now()) };
        event_cursors::Entity::insert(row)
            .on_conflict(OnConflict::column(event_cursors::Column::Subscriber).do_nothing().to_owned())
            .exec_without_returning(txn)
            .await?;
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        let stmt = Statement::from_sql_and_values(DbBackend::Postgres, "SELECT last_id FROM event_cursors WHERE subscriber = $1 FOR UPDATE SKIP LOCKED", [name.into()]);
        return Ok(match txn.query_one(stmt).await? {
            Some(r) => Some(r.try_get::<i64>("", "last_id")?),
            None => None,
        });
    }
    Ok(event_cursors::Entity::find_by_id(name.to_string()).one(txn).await?.map(|c| c.last_id))
}

/// Wakes this instance's dispatcher when any instance commits events (PostgreSQL NOTIFY).
async fn listen(url: String, db: Db) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut l) => {
                if let Err(e) = l.listen(super::CHANNEL).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    // Events committed while not listening are found by the next read.
                    db.wake();
                    while l.recv().await.is_ok() {
                        db.wake();
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect the event listener"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
