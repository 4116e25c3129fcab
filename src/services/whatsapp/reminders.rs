//! The "awaiting approval" reminder: a proof that has waited for the customer longer than the
//! configured hours gets one reminder (the proof again, with its buttons). The step's
//! `reminded` flag is set by a conditional update in the transaction that queues the message,
//! so several instances send it once.
use super::notify::notify_order;
use crate::db::e::{approval_steps, proofs};
use crate::db::Db;
use crate::domain::quality::{ProofStatus, StepKind, StepStatus};
use crate::domain::whatsapp::notify::NotifyEvent;
use crate::error::AppResult;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Queues the reminders that are due; returns how many were queued.
pub async fn send_due(db: &Db, public_url: &str, hours: i64) -> AppResult<usize> {
    let cutoff = crate::clock::now() - Duration::hours(hours.max(1));
    let steps = approval_steps::Entity::find()
        .filter(approval_steps::Column::Step.eq(StepKind::Customer.as_str()))
        .filter(approval_steps::Column::Status.eq(StepStatus::Pending.as_str()))
        .filter(approval_steps::Column::Reminded.eq(false))
        .filter(approval_steps::Column::WaitingSince.lte(cutoff))
        .all(&db.read)
        .await?;
    let mut queued = 0;
    for step in steps {
        let txn = db.write.begin().await?;
        let Some(proof) = proofs::Entity::find_by_id(step.proof_id).one(&txn).await? else { continue };
        if proof.status != ProofStatus::AwaitingCustomer.as_str() {
            continue;
        }
        let mine = approval_steps::Entity::update_many()
            .col_expr(approval_steps::Column::Reminded, Expr::value(true))
            .filter(approval_steps::Column::Id.eq(step.id))
            .filter(approval_steps::Column::Reminded.eq(false))
            .exec(&txn)
            .await?;
        if mine.rows_affected == 1 && notify_order(&txn, public_url, NotifyEvent::ApprovalReminder, proof.order_id, String::new(), Some(&proof)).await?.is_some() {
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// Checks every ten minutes until the task is dropped.
pub async fn run(db: Db, public_url: String, hours: i64) {
    loop {
        if let Err(e) = send_due(&db, &public_url, hours).await {
            tracing::warn!(error = %e, "approval reminders failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(600)).await;
    }
}
