//! Proofs: versions per order line, the approval chain (designer, manager, customer),
//! every decision recorded with who, when and from where, and the customer's approval
//! moving the job on by itself.
use crate::db::e::{approval_steps, customers, jobs, order_lines, orders, proof_comments, proofs, stages};
use crate::domain::floor::JobState;
use crate::db::Db;
use crate::domain::events::{Decider, DomainEvent};
use crate::domain::order::OrderStatus;
use crate::domain::quality::{check_signature, decide, default_chain, status_after_upload, Decision, ProofStatus, StepKind, StepStatus, APPROVAL_STATEMENT};
use crate::dto::quality::{CarriedFrom, LineProofs, PinInput, PinView, ProofView, StepView};
use crate::error::{AppError, AppResult};
use crate::services::{audit, local_time, Actor};
use crate::storage::Storage;
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::HashMap;

fn chain_of(p: &proofs::Model) -> Vec<StepKind> {
    serde_json::from_str::<Vec<String>>(&p.chain_json)
        .ok()
        .map(|v| v.iter().filter_map(|s| StepKind::parse(s)).collect::<Vec<_>>())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(default_chain)
}

pub fn status_of(p: &proofs::Model) -> ProofStatus {
    ProofStatus::parse(&p.status).unwrap_or(ProofStatus::InReview)
}

/// Uploads a new version for an order line. The previous version is superseded; an
/// approved version locks the line.
pub async fn upload(db: &Db, storage: &dyn Storage, actor: &Actor, order_line_id: i32, file_name: &str, bytes: &[u8], notes: &str) -> AppResult<i32> {
    let name = super::upload::check_name(file_name).map_err(|m| AppError::field("file", &m))?;
    if notes.chars().count() > 2000 {
        return Err(AppError::field("notes", "At most 2000 characters"));
    }
    let line = order_lines::Entity::find_by_id(order_line_id).one(&db.read).await?.ok_or(AppError::not_found("Order line"))?;
    let order = orders::Entity::find_by_id(line.order_id).one(&db.read).await?.ok_or(AppError::not_found("Order"))?;
    if matches!(OrderStatus::parse(&order.status), Some(OrderStatus::Cancelled | OrderStatus::Delivered)) {
        return Err(AppError::Rejected("This order is closed; no new proofs".into()));
    }
    // Checked and stored before the transaction: the store is idempotent, the rows are not.
    let (hash, mime, size, thumb) = super::upload::store(db, storage, bytes, true).await?;
    let txn = db.write.begin().await?;
    let previous = proofs::Entity::find()
        .filter(proofs::Column::OrderLineId.eq(order_line_id))
        .order_by_desc(proofs::Column::Version)
        .one(&txn)
        .await?;
    if let Some(p) = &previous {
        if status_of(p) == ProofStatus::Approved {
            return Err(AppError::Rejected(format!("Version {} is approved and locked; printing goes ahead with it", p.version)));
        }
    }
    let caused_by = match &previous {
        Some(p) => approval_steps::Entity::find()
            .filter(approval_steps::Column::ProofId.eq(p.id))
            .filter(approval_steps::Column::Status.eq(StepStatus::ChangesRequested.as_str()))
            .one(&txn)
            .await?
            .map(|s| s.id),
        None => None,
    };
    proofs::Entity::update_many()
        .col_expr(proofs::Column::Status, Expr::value(ProofStatus::Superseded.as_str()))
        .filter(proofs::Column::OrderLineId.eq(order_line_id))
        .filter(proofs::Column::Status.ne(ProofStatus::Superseded.as_str()))
        .exec(&txn)
        .await?;
    let chain = super::chains::for_product(&txn, line.product_id).await?;
    let status = status_after_upload(&chain);
    let now = crate::clock::now();
    let proof = proofs::ActiveModel {
        order_id: Set(line.order_id),
        order_line_id: Set(order_line_id),
        version: Set(previous.as_ref().map(|p| p.version).unwrap_or(0) + 1),
        file_hash: Set(hash),
        file_name: Set(name),
        mime: Set(mime.into()),
        size: Set(size),
        thumb_hash: Set(thumb),
        change_notes: Set(notes.trim().into()),
        caused_by_step_id: Set(caused_by),
        status: Set(status.as_str().into()),
        chain_json: Set(serde_json::to_string(&chain.iter().map(|s| s.as_str()).collect::<Vec<_>>()).unwrap_or_default()),
        uploaded_by: Set(actor.staff_id()),
        uploaded_by_name: Set(actor.label()),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (i, step) in chain.iter().enumerate() {
        let done = *step == StepKind::Upload;
        let waiting = match (step, status) {
            (StepKind::InternalReview, ProofStatus::InReview) | (StepKind::Customer, ProofStatus::AwaitingCustomer) => Some(now),
            _ => None,
        };
        approval_steps::ActiveModel {
            proof_id: Set(proof.id),
            seq: Set(i as i32),
            step: Set(step.as_str().into()),
            status: Set(if done { StepStatus::Approved } else { StepStatus::Pending }.as_str().into()),
            decided_by: Set(if done { actor.staff_id() } else { None }),
            decided_by_name: Set(if done { actor.label() } else { String::new() }),
            decided_at: Set(if done { Some(now) } else { None }),
            ip: Set(String::new()),
            comment: Set(if done { notes.trim().into() } else { String::new() }),
            signature: Set(String::new()),
            waiting_since: Set(waiting),
            reminded: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(&txn, actor, "upload_proof", "proof", Some(proof.id), &format!("v{}", proof.version)).await?;
    let mut events = vec![DomainEvent::ProofUploaded { proof_id: proof.id, order_id: line.order_id, order_line_id, version: proof.version }];
    // The job now waits for approval: from Design it moves to Proof approval by itself.
    move_job_between(&txn, order_line_id, "design", "proof", actor, &mut events).await?;
    crate::services::events::commit(db, txn, actor, events).await?;
    Ok(proof.id)
}

/// Moves the line's job from stage `from` to stage `to` if it is in `from` (no-op
/// otherwise), inside the caller's transaction.
async fn move_job_between<C: ConnectionTrait>(c: &C, order_line_id: i32, from: &str, to: &str, actor: &Actor, events: &mut Vec<DomainEvent>) -> AppResult<()> {
    let Some(job) = jobs::Entity::find().filter(jobs::Column::OrderLineId.eq(order_line_id)).one(c).await? else { return Ok(()) };
    let codes: HashMap<String, i32> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.code, s.id)).collect();
    let (Some(&from_id), Some(&to_id)) = (codes.get(from), codes.get(to)) else { return Ok(()) };
    if job.stage_id != from_id || job.state != JobState::Active.as_str() {
        return Ok(());
    }
    // The job's routing may not have that stage: nothing to move then.
    if !crate::db::e::job_stages::Entity::find()
        .filter(crate::db::e::job_stages::Column::JobId.eq(job.id))
        .filter(crate::db::e::job_stages::Column::StageId.eq(to_id))
        .one(c)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let req = crate::services::production::moves::MoveRequest { job_id: job.id, to_stage: to_id, index: usize::MAX, version: job.version, override_reason: None };
    crate::services::production::moves::move_in(c, actor, &req, events).await
}

async fn record_decision<C: ConnectionTrait>(c: &C, proof: &proofs::Model, step: StepKind, decision: Decision, by: (Option<i32>, String), ip: &str, comment: &str, signature: &str) -> AppResult<ProofStatus> {
    let next = decide(&chain_of(proof), status_of(proof), step, decision).map_err(|e| AppError::Rejected(e.to_string()))?;
    let now = crate::clock::now();
    // Only a still-pending step can be decided: a decision is never overwritten.
    let res = approval_steps::Entity::update_many()
        .col_expr(approval_steps::Column::Status, Expr::value(decision.step_status().as_str()))
        .col_expr(approval_steps::Column::DecidedBy, Expr::value(by.0))
        .col_expr(approval_steps::Column::DecidedByName, Expr::value(by.1))
        .col_expr(approval_steps::Column::DecidedAt, Expr::value(now))
        .col_expr(approval_steps::Column::Ip, Expr::value(ip.chars().take(64).collect::<String>()))
        .col_expr(approval_steps::Column::Comment, Expr::value(comment.trim()))
        .col_expr(approval_steps::Column::Signature, Expr::value(signature))
        .filter(approval_steps::Column::ProofId.eq(proof.id))
        .filter(approval_steps::Column::Step.eq(step.as_str()))
        .filter(approval_steps::Column::Status.eq(StepStatus::Pending.as_str()))
        .exec(c)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("This step was decided meanwhile; reload to see the decision".into()));
    }
    if next == ProofStatus::AwaitingCustomer {
        approval_steps::Entity::update_many()
            .col_expr(approval_steps::Column::WaitingSince, Expr::value(now))
            .filter(approval_steps::Column::ProofId.eq(proof.id))
            .filter(approval_steps::Column::Step.eq(StepKind::Customer.as_str()))
            .exec(c)
            .await?;
    }
    let final_state = matches!(next, ProofStatus::Approved | ProofStatus::ChangesRequested);
    let res = proofs::Entity::update_many()
        .col_expr(proofs::Column::Status, Expr::value(next.as_str()))
        .col_expr(proofs::Column::DecidedAt, Expr::value(if final_state { Some(now) } else { None }))
        .filter(proofs::Column::Id.eq(proof.id))
        .filter(proofs::Column::Status.eq(proof.status.clone()))
        .exec(c)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("This proof changed meanwhile; reload to see it".into()));
    }
    Ok(next)
}

/// A manager's internal review.
pub async fn review(db: &Db, actor: &Actor, proof_id: i32, decision: Decision, comment: &str, ip: &str) -> AppResult<ProofStatus> {
    if decision == Decision::RequestChanges && comment.trim().is_empty() {
        return Err(AppError::field("comment", "Say what should change"));
    }
    let txn = db.write.begin().await?;
    let proof = proofs::Entity::find_by_id(proof_id).one(&txn).await?.ok_or(AppError::not_found("Proof"))?;
    let next = record_decision(&txn, &proof, StepKind::InternalReview, decision, (actor.staff_id(), actor.label()), ip, comment, "").await?;
    let mut events = vec![DomainEvent::ProofDecided { proof_id, order_id: proof.order_id, by: Decider::Staff, approved: decision == Decision::Approve }];
    match next {
        ProofStatus::ChangesRequested => move_job_between(&txn, proof.order_line_id, "proof", "design", actor, &mut events).await?,
        // A chain without a customer step ends with the manager's approval.
        ProofStatus::Approved => advance_after_approval(&txn, &proof, actor, &mut events).await?,
        _ => {}
    }
    audit::record(&txn, actor, "review_proof", "proof", Some(proof_id), next.as_str()).await?;
    crate::services::events::commit(db, txn, actor, events).await?;
    Ok(next)
}

/// The customer approves (signed with their typed name) or asks for changes (with
/// comments and pins). Approval moves the job out of proof approval by itself.
pub async fn customer_decision(
    db: &Db,
    proof_id: i32,
    decision: Decision,
    full_name: &str,
    statement: bool,
    comment: &str,
    pins: &[PinInput],
    ip: &str,
) -> AppResult<ProofStatus> {
    if decision == Decision::Approve {
        check_signature(full_name, statement).map_err(|(f, m)| AppError::field(f, m))?;
    } else if comment.trim().is_empty() && pins.iter().all(|p| p.body.trim().is_empty()) {
        return Err(AppError::field("comment", "Tell us what to change, or pin a comment on the proof"));
    }
    if comment.chars().count() > 2000 || pins.len() > 50 || pins.iter().any(|p| p.body.chars().count() > 500) {
        return Err(AppError::field("comment", "That is too long: at most 2000 characters and 50 pins"));
    }
    if pins.iter().any(|p| !(0.0..=1.0).contains(&p.x) || !(0.0..=1.0).contains(&p.y)) {
        return Err(AppError::field("pins", "A pin is outside the proof"));
    }
    let txn = db.write.begin().await?;
    let proof = proofs::Entity::find_by_id(proof_id).one(&txn).await?.ok_or(AppError::not_found("Proof"))?;
    let order = orders::Entity::find_by_id(proof.order_id).one(&txn).await?.ok_or(AppError::not_found("Order"))?;
    let customer = customers::Entity::find_by_id(order.customer_id).one(&txn).await?.ok_or(AppError::not_found("Customer"))?;
    let who = format!("{} (customer)", if full_name.trim().is_empty() { customer.name.as_str() } else { full_name.trim() });
    let signature = if decision == Decision::Approve { format!("{} — {APPROVAL_STATEMENT}", full_name.trim()) } else { String::new() };
    let next = record_decision(&txn, &proof, StepKind::Customer, decision, (None, who.clone()), ip, comment, &signature).await?;
    for p in pins.iter().filter(|p| !p.body.trim().is_empty()) {
        add_comment_in(&txn, proof_id, true, &customer.name, Some((p.x, p.y)), &p.body).await?;
    }
    let actor = Actor::Customer { id: customer.id, name: customer.name.clone() };
    let mut events = vec![DomainEvent::ProofDecided { proof_id, order_id: proof.order_id, by: Decider::Customer, approved: decision == Decision::Approve }];
    match next {
        ProofStatus::Approved => advance_after_approval(&txn, &proof, &actor, &mut events).await?,
        // Back to the designer for the changes.
        ProofStatus::ChangesRequested => move_job_between(&txn, proof.order_line_id, "proof", "design", &actor, &mut events).await?,
        _ => {}
    }
    audit::record(&txn, &actor, "customer_decision", "proof", Some(proof_id), &format!("{} from {ip}", next.as_str())).await?;
    crate::services::events::commit(db, txn, &actor, events).await?;
    Ok(next)
}

/// The job of an approved line leaves "Proof approval" for the next stage (inside the
/// approval's transaction).
async fn advance_after_approval<C: ConnectionTrait>(c: &C, proof: &proofs::Model, actor: &Actor, events: &mut Vec<DomainEvent>) -> AppResult<()> {
    let Some(job) = jobs::Entity::find().filter(jobs::Column::OrderLineId.eq(proof.order_line_id)).one(c).await? else { return Ok(()) };
    let Some(stage) = stages::Entity::find_by_id(job.stage_id).one(c).await? else { return Ok(()) };
    if stage.code != "proof" {
        return Ok(());
    }
    let steps = crate::db::e::job_stages::Entity::find()
        .filter(crate::db::e::job_stages::Column::JobId.eq(job.id))
        .order_by_asc(crate::db::e::job_stages::Column::Seq)
        .all(c)
        .await?;
    let Some(i) = steps.iter().position(|s| s.stage_id == job.stage_id) else { return Ok(()) };
    let Some(next) = steps.get(i + 1) else { return Ok(()) };
    let req = crate::services::production::moves::MoveRequest { job_id: job.id, to_stage: next.stage_id, index: usize::MAX, version: job.version, override_reason: None };
    crate::services::production::moves::move_in(c, actor, &req, events).await
}

async fn add_comment_in<C: ConnectionTrait>(c: &C, proof_id: i32, customer: bool, name: &str, at: Option<(f64, f64)>, body: &str) -> AppResult<()> {
    proof_comments::ActiveModel {
        proof_id: Set(proof_id),
        author_kind: Set(if customer { "customer" } else { "staff" }.into()),
        author_name: Set(name.into()),
        x: Set(at.map(|a| a.0)),
        y: Set(at.map(|a| a.1)),
        body: Set(body.trim().into()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

/// A staff comment, optionally pinned.
pub async fn add_comment(db: &Db, actor: &Actor, proof_id: i32, at: Option<(f64, f64)>, body: &str) -> AppResult<()> {
    if body.trim().is_empty() || body.chars().count() > 500 {
        return Err(AppError::field("body", "Write a comment of at most 500 characters"));
    }
    if at.is_some_and(|(x, y)| !(0.0..=1.0).contains(&x) || !(0.0..=1.0).contains(&y)) {
        return Err(AppError::field("body", "The pin is outside the proof"));
    }
    proofs::Entity::find_by_id(proof_id).one(&db.read).await?.ok_or(AppError::not_found("Proof"))?;
    let name = match actor {
        Actor::Staff { name, .. } => name.clone(),
        other => other.label(),
    };
    add_comment_in(&db.write, proof_id, false, &name, at, body).await
}

pub async fn views<C: ConnectionTrait>(c: &C, list: Vec<proofs::Model>, tz: Tz) -> AppResult<Vec<ProofView>> {
    let ids: Vec<i32> = list.iter().map(|p| p.id).collect();
    let line_ids: Vec<i32> = list.iter().map(|p| p.order_line_id).collect();
    let lines: HashMap<i32, String> = order_lines::Entity::find()
        .filter(order_lines::Column::Id.is_in(line_ids))
        .all(c)
        .await?
        .into_iter()
        .map(|l| (l.id, l.description))
        .collect();
    let mut steps: HashMap<i32, Vec<approval_steps::Model>> = HashMap::new();
    for s in approval_steps::Entity::find().filter(approval_steps::Column::ProofId.is_in(ids.clone())).order_by_asc(approval_steps::Column::Seq).all(c).await? {
        steps.entry(s.proof_id).or_default().push(s);
    }
    let all_step_ids: Vec<i32> = list.iter().filter_map(|p| p.caused_by_step_id).collect();
    let causes: HashMap<i32, String> = approval_steps::Entity::find()
        .filter(approval_steps::Column::Id.is_in(all_step_ids))
        .all(c)
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}: {}", s.decided_by_name, s.comment)))
        .collect();
    let origin_ids: Vec<i32> = list.iter().filter_map(|p| p.carried_from_id).collect();
    let origins: Vec<proofs::Model> = proofs::Entity::find().filter(proofs::Column::Id.is_in(origin_ids)).all(c).await?;
    let origin_orders: HashMap<i32, String> = crate::db::e::orders::Entity::find()
        .filter(crate::db::e::orders::Column::Id.is_in(origins.iter().map(|o| o.order_id).collect::<Vec<_>>()))
        .all(c)
        .await?
        .into_iter()
        .map(|o| (o.id, o.number))
        .collect();
    let carried: HashMap<i32, CarriedFrom> = origins
        .iter()
        .map(|o| (o.id, CarriedFrom { order_id: o.order_id, order_number: origin_orders.get(&o.order_id).cloned().unwrap_or_default(), version: o.version }))
        .collect();
    let mut comments: HashMap<i32, Vec<PinView>> = HashMap::new();
    for m in proof_comments::Entity::find().filter(proof_comments::Column::ProofId.is_in(ids)).order_by_asc(proof_comments::Column::Id).all(c).await? {
        comments.entry(m.proof_id).or_default().push(PinView {
            id: m.id,
            x: m.x,
            y: m.y,
            body: m.body,
            author: m.author_name,
            customer: m.author_kind == "customer",
            at: local_time(m.created_at, tz),
        });
    }
    Ok(list
        .into_iter()
        .map(|p| ProofView {
            id: p.id,
            order_id: p.order_id,
            order_line_id: p.order_line_id,
            line: lines.get(&p.order_line_id).cloned().unwrap_or_default(),
            version: p.version,
            status: status_of(&p),
            has_thumb: p.thumb_hash.is_some(),
            change_notes: p.change_notes.clone(),
            caused_by: p.caused_by_step_id.and_then(|s| causes.get(&s).cloned()),
            carried_from: p.carried_from_id.and_then(|id| carried.get(&id).cloned()),
            uploaded_by: p.uploaded_by_name.clone(),
            created_at: local_time(p.created_at, tz),
            steps: steps
                .remove(&p.id)
                .unwrap_or_default()
                .into_iter()
                .map(|s| StepView {
                    step: StepKind::parse(&s.step).unwrap_or(StepKind::Upload),
                    status: StepStatus::parse(&s.status).unwrap_or(StepStatus::Pending),
                    by: s.decided_by_name,
                    at: s.decided_at.map(|t| local_time(t, tz)),
                    comment: s.comment,
                    signature: s.signature,
                    ip: s.ip,
                })
                .collect(),
            comments: comments.remove(&p.id).unwrap_or_default(),
            file_name: p.file_name,
            mime: p.mime,
            size: p.size,
        })
        .collect())
}

/// Every line of an order with its proof versions, newest first.
pub async fn for_order(db: &Db, order_id: i32, tz: Tz) -> AppResult<Vec<LineProofs>> {
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(order_id)).order_by_asc(order_lines::Column::Position).all(&db.read).await?;
    let list = proofs::Entity::find().filter(proofs::Column::OrderId.eq(order_id)).order_by_desc(proofs::Column::Version).all(&db.read).await?;
    let mut views = views(&db.read, list, tz).await?;
    Ok(lines
        .into_iter()
        .map(|l| {
            let (mine, rest): (Vec<_>, Vec<_>) = views.drain(..).partition(|v| v.order_line_id == l.id);
            views = rest;
            LineProofs { order_line_id: l.id, line: l.description, versions: mine }
        })
        .collect())
}
