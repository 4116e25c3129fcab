//! The quality gate of a board move: a job may not leave a stage whose required checklist
//! is open or failed, nor reach prepress (or later) without an approved proof. A manager
//! may override with a written reason, which is recorded and shown on the order.
use crate::db::e::{gate_overrides, job_stages, jobs, proofs, stages};
use crate::domain::quality::{gate, GateBlock, ProofStatus};
use crate::error::AppResult;
use crate::services::{audit, Actor};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Whether moving `job` forward from `from` to `to` is blocked by quality.
pub async fn check<C: ConnectionTrait>(c: &C, job: &jobs::Model, from: &stages::Model, to: &stages::Model) -> AppResult<Result<(), GateBlock>> {
    let (open, failed) = super::checklists::gate_counts(c, job, from.id).await?;
    // A proof is needed to cross from proof approval (or before) to prepress (or later), for
    // jobs whose routing has a proof stage. Once past it (approved or overridden), moves
    // further on are not asked again.
    let route = job_stages::Entity::find().filter(job_stages::Column::JobId.eq(job.id)).order_by_asc(job_stages::Column::Seq).all(c).await?;
    let proof_stage = stages::Entity::find().filter(stages::Column::Code.eq("proof")).one(c).await?;
    let needs_proof = match proof_stage {
        Some(p) => {
            let proof_seq = route.iter().find(|s| s.stage_id == p.id).map(|s| s.seq);
            let seq_of = |id: i32| route.iter().find(|s| s.stage_id == id).map(|s| s.seq);
            matches!((proof_seq, seq_of(from.id), seq_of(to.id)), (Some(ps), Some(fs), Some(ts)) if fs <= ps && ts > ps)
        }
        None => false,
    };
    let approved = needs_proof
        && proofs::Entity::find()
            .filter(proofs::Column::OrderLineId.eq(job.order_line_id))
            .filter(proofs::Column::Status.eq(ProofStatus::Approved.as_str()))
            .one(c)
            .await?
            .is_some();
    Ok(gate(&from.name, open, failed, needs_proof, approved))
}

pub async fn record_override<C: ConnectionTrait>(c: &C, job: &jobs::Model, from: i32, to: i32, block: &GateBlock, reason: &str, actor: &Actor) -> AppResult<()> {
    gate_overrides::ActiveModel {
        job_id: Set(job.id),
        order_id: Set(job.order_id),
        from_stage_id: Set(from),
        to_stage_id: Set(to),
        blocked_by: Set(block.to_string()),
        reason: Set(reason.trim().into()),
        user_id: Set(actor.staff_id()),
        user_name: Set(actor.label()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    audit::record(c, actor, "gate_override", "job", Some(job.id), &format!("{block} | reason: {}", reason.trim())).await?;
    Ok(())
}
