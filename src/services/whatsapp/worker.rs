//! The outbox worker: claims due messages, sends them through the Cloud API at the configured
//! rate with a few in flight, and settles each one: sent, retry later (backoff with jitter,
//! Retry-After honoured), or dead-lettered with its error.
//!
//! Nothing is sent twice:
//! - A claim is a lease (`claimed_by`, `claimed_until`) taken with a conditional UPDATE; on
//!   PostgreSQL candidates are read `FOR UPDATE SKIP LOCKED`, so two instances never claim the
//!   same row. Every settle is conditional on still holding the lease.
//! - Each message carries its row's callback key; Meta echoes it in the "sent" status. Before a
//!   message whose earlier attempt had an unknown outcome (timeout, crash, garbled answer) is
//!   sent again, the worker looks for that status: if Meta accepted it, it is settled as sent.
//! - Only the oldest unsent message of a lane (one recipient) is a candidate: one customer's
//!   messages arrive in order.
use super::client::{CloudApi, SendError};
use crate::config::WhatsAppSettings;
use crate::db::e::{outbox, wa_contacts, wa_inbound};
use crate::db::Db;
use crate::domain::whatsapp::errors::{Decision, RetryPolicy};
use crate::domain::whatsapp::message::Outgoing;
use crate::domain::whatsapp::outbox::{callback_key, OutboxStatus, UNKNOWN_OUTCOME_GRACE_MS};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, Utc};
use futures::StreamExt;
use rand::Rng;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};
use std::sync::Arc;
use tokio::sync::{watch, Mutex};
use tokio::time::{Interval, MissedTickBehavior};

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub failed: usize,
    /// Settled as sent without sending: Meta had already accepted an earlier attempt.
    pub confirmed: usize,
}

pub struct Worker {
    db: Db,
    api: CloudApi,
    name: String,
    policy: RetryPolicy,
    concurrency: usize,
    claim_secs: i64,
    grace_ms: u64,
    limiter: Mutex<Interval>,
    paused_until: Mutex<Option<DateTime<Utc>>>,
}

/// One send per tick: the configured rate, never a burst after an idle spell.
fn ticker(rate_per_s: u32) -> Interval {
    let period = std::time::Duration::from_secs_f64(1.0 / f64::from(rate_per_s.max(1)));
    let mut i = tokio::time::interval(period);
    i.set_missed_tick_behavior(MissedTickBehavior::Delay);
    i
}

enum Outcome {
    Sent(String),
    Failed(SendError),
}

impl Worker {
    pub fn new(db: Db, settings: &WhatsAppSettings, name: &str) -> Result<Worker, String> {
        Ok(Worker {
            db,
            api: CloudApi::new(settings)?,
            name: name.to_string(),
            policy: settings.retry_policy(),
            concurrency: settings.concurrency.max(1),
            claim_secs: settings.claim_secs.max(5),
            grace_ms: UNKNOWN_OUTCOME_GRACE_MS,
            limiter: Mutex::new(ticker(settings.send_rate_per_s)),
            paused_until: Mutex::new(None),
        })
    }

    /// Tests shorten the wait after an unknown outcome.
    pub fn with_grace_ms(mut self, ms: u64) -> Self {
        self.grace_ms = ms;
        self
    }

    /// Sends until the task is dropped; idles until woken or for a short poll.
    pub async fn run(self: Arc<Self>, mut wake: watch::Receiver<u64>) {
        loop {
            let round = match self.run_once().await {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(error = %e, "whatsapp outbox round failed");
                    Round::default()
                }
            };
            if round.claimed == 0 {
                let _ = tokio::time::timeout(std::time::Duration::from_millis(250), wake.changed()).await;
            }
        }
    }

    /// One round: recover expired leases, claim, send, settle.
    pub async fn run_once(&self) -> AppResult<Round> {
        let now = crate::clock::now();
        if let Some(until) = *self.paused_until.lock().await {
            if now < until {
                return Ok(Round::default());
            }
        }
        self.recover(now).await?;
        let rows = self.claim(now).await?;
        let mut round = Round { claimed: rows.len(), ..Default::default() };
        let mut to_send = Vec::new();
        for row in rows {
            // An earlier attempt may have reached Meta: its "sent" callback says so.
            if row.attempts > 1 {
                if let Some(wamid) = self.accepted_before(row.id).await? {
                    self.settle(&row, Outcome::Sent(wamid)).await?;
                    round.confirmed += 1;
                    continue;
                }
            }
            to_send.push(row);
        }
        let results: Vec<(outbox::Model, Outcome)> = futures::stream::iter(to_send)
            .map(|row| async move {
                let outcome = match serde_json::from_str::<Outgoing>(&row.payload) {
                    Ok(msg) => {
                        self.limiter.lock().await.tick().await;
                        match self.api.send(&msg).await {
                            Ok(sent) => Outcome::Sent(sent.wamid),
                            Err(e) => Outcome::Failed(e),
                        }
                    }
                    Err(e) => Outcome::Failed(SendError {
                        class: crate::domain::whatsapp::errors::ErrorClass::Permanent,
                        http_status: None,
                        code: None,
                        retry_after: None,
                        message: format!("unreadable message: {e}"),
                    }),
                };
                (row, outcome)
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        for (row, outcome) in results {
            match &outcome {
                Outcome::Sent(_) => round.sent += 1,
                Outcome::Failed(_) => round.failed += 1,
            }
            self.settle(&row, outcome).await?;
        }
        Ok(round)
    }

    /// Leases that ran out (a worker died mid-send) go back to the queue; their attempt
    /// counts, and the callback check runs before they are sent again.
    async fn recover(&self, now: DateTime<Utc>) -> AppResult<()> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(OutboxStatus::Pending.as_str()))
            .col_expr(outbox::Column::ClaimedBy, Expr::value(""))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
            .filter(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
            .filter(outbox::Column::ClaimedUntil.lt(now))
            .exec(&self.db.write)
            .await?;
        Ok(())
    }

    async fn claim(&self, now: DateTime<Utc>) -> AppResult<Vec<outbox::Model>> {
        let txn = self.db.write.begin().await?;
        let mut q = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::Id)
            .filter(outbox::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .filter(outbox::Column::NextAttemptAt.lte(now))
            // The oldest unsent message of its lane only (a retrying one holds back the rest).
            .filter(Expr::cust(
                "NOT EXISTS (SELECT 1 FROM outbox p WHERE p.lane = outbox.lane AND p.id < outbox.id AND p.status IN ('pending', 'sending'))",
            ))
            // A paused campaign's messages wait.
            .filter(Expr::cust("(outbox.campaign_id IS NULL OR NOT EXISTS (SELECT 1 FROM wa_campaigns c WHERE c.id = outbox.campaign_id AND c.status = 'paused'))"))
            .order_by_asc(outbox::Column::Id)
            .limit((self.concurrency * 4) as u64);
        if self.db.is_postgres() {
            q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let ids: Vec<i32> = q.into_tuple().all(&txn).await?;
        if ids.is_empty() {
            txn.commit().await?;
            return Ok(vec![]);
        }
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(OutboxStatus::Sending.as_str()))
            .col_expr(outbox::Column::ClaimedBy, Expr::value(self.name.clone()))
            .col_expr(outbox::Column::ClaimedUntil, Expr::value(now + Duration::seconds(self.claim_secs)))
            .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
            .filter(outbox::Column::Id.is_in(ids.clone()))
            .filter(outbox::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .exec(&txn)
            .await?;
        let rows = outbox::Entity::find()
            .filter(outbox::Column::Id.is_in(ids))
            .filter(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
            .filter(outbox::Column::ClaimedBy.eq(self.name.clone()))
            .order_by_asc(outbox::Column::Id)
            .all(&txn)
            .await?;
        txn.commit().await?;
        Ok(rows)
    }

    /// The wamid Meta gave an earlier attempt of row `id`, from its status callbacks.
    async fn accepted_before(&self, id: i32) -> AppResult<Option<String>> {
        let hit = wa_inbound::Entity::find()
            .filter(wa_inbound::Column::Callback.eq(callback_key(id)))
            .filter(wa_inbound::Column::Kind.eq("status"))
            .one(&self.db.write)
            .await?;
        Ok(hit.map(|r| r.wamid))
    }

    async fn settle(&self, row: &outbox::Model, outcome: Outcome) -> AppResult<()> {
        let now = crate::clock::now();
        let mine = || {
            outbox::Entity::update_many()
                .col_expr(outbox::Column::ClaimedBy, Expr::value(""))
                .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(outbox::Column::Id.eq(row.id))
                .filter(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
                .filter(outbox::Column::ClaimedBy.eq(self.name.clone()))
        };
        let status = |s: OutboxStatus| Expr::value(s.as_str());
        let q = match outcome {
            Outcome::Sent(wamid) => mine()
                .col_expr(outbox::Column::Status, status(OutboxStatus::Sent))
                .col_expr(outbox::Column::Wamid, Expr::value(wamid))
                .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                .col_expr(outbox::Column::LastError, Expr::value("")),
            Outcome::Failed(err) => {
                let unknown = err.http_status.is_none_or(|s| (200..300).contains(&s));
                let random: f64 = rand::thread_rng().gen();
                let attempts = row.attempts.max(1) as u32;
                let error = err.to_string();
                match self.policy.decide(err.class, attempts, err.retry_after, random) {
                    Decision::Retry { after_ms } => {
                        let after_ms = if unknown { after_ms.max(self.grace_ms) } else { after_ms };
                        mine()
                            .col_expr(outbox::Column::Status, status(OutboxStatus::Pending))
                            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + Duration::milliseconds(after_ms.min(i64::MAX as u64) as i64)))
                            .col_expr(outbox::Column::LastError, Expr::value(error))
                    }
                    Decision::DeadLetter => mine().col_expr(outbox::Column::Status, status(OutboxStatus::Dead)).col_expr(outbox::Column::LastError, Expr::value(error)),
                    Decision::NeedsTemplate => mine()
                        .col_expr(outbox::Column::Status, status(OutboxStatus::Dead))
                        .col_expr(outbox::Column::LastError, Expr::value(format!("Outside the 24-hour window: send an approved template instead. {error}"))),
                    Decision::OptOutMarketing => {
                        self.stop_marketing(&row.lane).await?;
                        mine()
                            .col_expr(outbox::Column::Status, status(OutboxStatus::Dead))
                            .col_expr(outbox::Column::LastError, Expr::value(format!("The customer stopped marketing messages. {error}")))
                    }
                    Decision::PauseSending => {
                        // Every message would fail the same way: wait for the settings to be fixed.
                        tracing::error!(error = %error, "whatsapp: access token refused, sending paused for a minute");
                        *self.paused_until.lock().await = Some(now + Duration::seconds(60));
                        mine()
                            .col_expr(outbox::Column::Status, status(OutboxStatus::Pending))
                            .col_expr(outbox::Column::Attempts, Expr::value(row.attempts - 1))
                            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + Duration::seconds(60)))
                            .col_expr(outbox::Column::LastError, Expr::value(error))
                    }
                }
            }
        };
        let res = q.exec(&self.db.write).await?;
        if res.rows_affected == 0 {
            tracing::warn!(id = row.id, worker = %self.name, "outbox lease lost before settling");
        }
        Ok(())
    }

    async fn stop_marketing(&self, lane: &str) -> AppResult<()> {
        wa_contacts::Entity::update_many()
            .col_expr(wa_contacts::Column::MarketingStopped, Expr::value(true))
            .filter(wa_contacts::Column::Key.eq(lane))
            .exec(&self.db.write)
            .await
            .map_err(AppError::from)?;
        Ok(())
    }
}
