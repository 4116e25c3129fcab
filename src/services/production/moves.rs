//! Board moves: a card dropped in another column (or elsewhere in its own). One
//! transaction: check the move, write stage events and the job's new stage, position and
//! version, and let the order's status follow its jobs.
use super::jobs::stage_event;
use crate::domain::floor::{JobState, StageEventKind, StageState};
use crate::db::e::{job_stages, jobs, orders, stages};
use crate::db::versioned::{self, Versioned};
use crate::db::Db;
use crate::domain::events::DomainEvent;
use crate::domain::order::OrderStatus;
use crate::domain::workflow::{check_move, order_status_from_jobs, position_at, MoveError, MoveKind, DELIVERED};
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct MoveRequest {
    pub job_id: i32,
    pub to_stage: i32,
    /// Index in the target column (among the other cards), top = 0.
    pub index: usize,
    pub version: i32,
    /// A manager's written reason to pass a closed quality gate.
    pub override_reason: Option<String>,
}

/// Position for the job at `index` in `stage`, renumbering the column if there is no gap.
async fn place<C: ConnectionTrait>(c: &C, stage: i32, job_id: i32, index: usize) -> AppResult<i32> {
    let others: Vec<(i32, i32)> = jobs::Entity::find()
        .select_only()
        .columns([jobs::Column::Id, jobs::Column::Position])
        .filter(jobs::Column::StageId.eq(stage))
        .filter(jobs::Column::State.is_in([JobState::Active.as_str(), JobState::OnHold.as_str()]))
        .filter(jobs::Column::Id.ne(job_id))
        .order_by_asc(jobs::Column::Position)
        .order_by_asc(jobs::Column::Id)
        .into_tuple()
        .all(c)
        .await?;
    let positions: Vec<i32> = others.iter().map(|(_, p)| *p).collect();
    if let Ok(p) = position_at(&positions, index) {
        return Ok(p);
    }
    // Crowded: renumber the column with fresh gaps, leaving a hole at `index`.
    let idx = index.min(others.len());
    for (i, (id, _)) in others.iter().enumerate() {
        let slot = if i < idx { i } else { i + 1 } as i32;
        jobs::Entity::update_many()
            .col_expr(jobs::Column::Position, Expr::value((slot + 1) * 1024))
            .filter(jobs::Column::Id.eq(*id))
            .exec(c)
            .await?;
    }
    Ok((idx as i32 + 1) * 1024)
}

fn name_of(stages: &HashMap<i32, stages::Model>, id: i32) -> String {
    stages.get(&id).map(|s| s.name.clone()).unwrap_or_else(|| "that stage".into())
}

/// The use case: one transaction for the move, its stage events and its domain event.
pub async fn move_job(db: &Db, actor: &Actor, req: &MoveRequest) -> AppResult<()> {
    let txn = db.write.begin().await?;
    let mut events = Vec::new();
    move_in(&txn, actor, req, &mut events).await?;
    crate::services::events::commit(db, txn, actor, events).await
}

/// The move inside a caller's transaction (a proof approved, a checklist failed...): the
/// caller commits it together with its own change. Pushes the events it causes.
pub async fn move_in<C: ConnectionTrait>(txn: &C, actor: &Actor, req: &MoveRequest, events: &mut Vec<DomainEvent>) -> AppResult<()> {
    let all_stages: HashMap<i32, stages::Model> = stages::Entity::find().all(txn).await?.into_iter().map(|s| (s.id, s)).collect();
    let Some(to) = all_stages.get(&req.to_stage).filter(|s| s.active).cloned() else {
        return Err(AppError::field("to_stage", "There is no such stage"));
    };
    let job = jobs::Entity::find_by_id(req.job_id).one(txn).await?.ok_or(AppError::not_found("Job"))?;
    if job.version != req.version {
        return Err(AppError::Conflict(<jobs::Entity as Versioned>::CONFLICT.into()));
    }
    let steps = job_stages::Entity::find()
        .filter(job_stages::Column::JobId.eq(job.id))
        .order_by_asc(job_stages::Column::Seq)
        .all(txn)
        .await?;
    let route: Vec<i32> = steps.iter().map(|s| s.stage_id).collect();
    let kind = check_move(&route, job.stage_id, to.id, JobState::parse(&job.state).unwrap_or(JobState::Active)).map_err(|e| {
        AppError::Rejected(match e {
            MoveError::NotInRouting => format!("This job does not go through {}", to.name),
            MoveError::Skips(s) => format!("Finish {} first: a job moves one stage at a time", name_of(&all_stages, s)),
            MoveError::Closed(why) => format!("This job is {why} and cannot move"),
        })
    })?;
    if kind == MoveKind::Forward {
        if let Some(from_stage) = all_stages.get(&job.stage_id) {
            if let Err(block) = crate::services::quality::gates::check(txn, &job, from_stage, &to).await? {
                let reason = req.override_reason.as_deref().map(str::trim).unwrap_or("");
                match actor {
                    Actor::Staff { role, .. } if !reason.is_empty() && role.allowed(crate::domain::roles::can::PLAN) => {
                        crate::services::quality::gates::record_override(txn, &job, from_stage.id, to.id, &block, reason, actor).await?;
                    }
                    Actor::Staff { .. } if !reason.is_empty() => {
                        return Err(AppError::field("override_reason", "Only a manager or the owner can override a quality gate"));
                    }
                    _ => {
                        let checklist = matches!(block, crate::domain::quality::GateBlock::Checklist { .. }).then_some((job.id, from_stage.id));
                        return Err(AppError::Gate(block.to_string(), checklist));
                    }
                }
            }
        }
    }
    // Claim the card first: of two moves that read the same version, only one gets past
    // here (on PostgreSQL the second waits for the first and then finds no row).
    let now = crate::clock::now();
    let mut set = vec![(jobs::Column::StageId, Expr::value(to.id))];
    if kind != MoveKind::Reorder {
        set.push((jobs::Column::EnteredStageAt, Expr::value(now)));
    }
    if to.code == DELIVERED {
        set.push((jobs::Column::State, Expr::value(JobState::Done.as_str())));
    }
    versioned::update::<jobs::Entity, _>(txn, job.id, job.version, set).await?;
    let position = place(txn, to.id, job.id, req.index).await?;
    jobs::Entity::update_many().col_expr(jobs::Column::Position, Expr::value(position)).filter(jobs::Column::Id.eq(job.id)).exec(txn).await?;
    let from = job.stage_id;
    let version = job.version + 1;
    if kind == MoveKind::Reorder {
        stage_event(txn, &job, from, StageEventKind::Reorder, (Some(from), Some(from)), actor, 0, "").await?;
        events.push(DomainEvent::JobReordered { job_id: job.id, order_id: job.order_id, stage_id: from, version });
        return Ok(());
    }
    let cur_seq = steps.iter().find(|s| s.stage_id == from).map(|s| s.seq).unwrap_or(-1);
    let to_seq = steps.iter().find(|s| s.stage_id == to.id).map(|s| s.seq).unwrap_or(0);
    let mut worked = 0;
    for s in &steps {
        let mut am: job_stages::ActiveModel = s.clone().into();
        if s.stage_id == from {
            // Time worked: wall time in the stage, at most its standard time.
            let elapsed = s.entered_at.map(|t| (now - t).num_minutes().max(0)).unwrap_or(0);
            worked = elapsed.min(s.std_minutes as i64) as i32;
            am.worked_minutes = Set(s.worked_minutes + worked);
            am.left_at = Set(Some(now));
            am.state = Set(if kind == MoveKind::Forward { StageState::Done } else { StageState::Pending }.as_str().into());
        } else if s.stage_id == to.id {
            am.state = Set(if to.code == DELIVERED { StageState::Done } else { StageState::Active }.as_str().into());
            am.entered_at = Set(Some(now));
            am.left_at = Set(None);
        } else if kind == MoveKind::Back && s.seq > to_seq && s.seq < cur_seq {
            am.state = Set(StageState::Pending.as_str().into());
        } else {
            continue;
        }
        am.update(txn).await?;
    }
    let note = if kind == MoveKind::Back { "Sent back for rework" } else { "" };
    stage_event(txn, &job, from, StageEventKind::Leave, (Some(from), Some(to.id)), actor, worked, note).await?;
    stage_event(txn, &job, to.id, StageEventKind::Enter, (Some(from), Some(to.id)), actor, 0, note).await?;
    events.push(DomainEvent::JobMoved { job_id: job.id, order_id: job.order_id, from_stage: from, to_stage: to.id, version });
    if let Some(ev) = sync_order_status(txn, job.order_id, &all_stages, actor).await? {
        events.push(ev);
    }
    Ok(())
}

/// Lets the order's status follow where its jobs are (In production, Ready, Delivered).
pub async fn sync_order_status<C: ConnectionTrait>(c: &C, order_id: i32, stages: &HashMap<i32, stages::Model>, actor: &Actor) -> AppResult<Option<DomainEvent>> {
    let Some(order) = orders::Entity::find_by_id(order_id).one(c).await? else { return Ok(None) };
    let current = OrderStatus::parse(&order.status).unwrap_or(OrderStatus::Draft);
    let job_stages: Vec<i32> = jobs::Entity::find()
        .select_only()
        .column(jobs::Column::StageId)
        .filter(jobs::Column::OrderId.eq(order_id))
        .filter(jobs::Column::State.ne(JobState::Cancelled.as_str()))
        .into_tuple()
        .all(c)
        .await?;
    let codes: Vec<&str> = job_stages.iter().filter_map(|s| stages.get(s).map(|s| s.code.as_str())).collect();
    if let Some(next) = order_status_from_jobs(current, &codes) {
        orders::Entity::update_many()
            .col_expr(orders::Column::Status, Expr::value(next.as_str()))
            .col_expr(orders::Column::Version, Expr::col(orders::Column::Version).add(1))
            .col_expr(orders::Column::UpdatedAt, Expr::value(crate::clock::now()))
            .filter(orders::Column::Id.eq(order_id))
            .exec(c)
            .await?;
        crate::services::orders::record_status(c, order_id, Some(current), next, actor, "Follows production").await?;
        return Ok(Some(DomainEvent::OrderStatusChanged { order_id, from: Some(current), to: next }));
    }
    Ok(None)
}

/// Assigns a job to a resource and/or a person by hand.
pub async fn assign(db: &Db, actor: &Actor, job_id: i32, version: i32, resource_id: Option<i32>, assignee_id: Option<i32>) -> AppResult<()> {
    let txn = db.write.begin().await?;
    if let Some(r) = resource_id {
        crate::db::e::resources::Entity::find_by_id(r).one(&txn).await?.ok_or_else(|| AppError::field("resource_id", "There is no such resource"))?;
    }
    if let Some(u) = assignee_id {
        crate::db::e::users::Entity::find_by_id(u).one(&txn).await?.ok_or_else(|| AppError::field("assignee_id", "There is no such person"))?;
    }
    let set = vec![(jobs::Column::ResourceId, Expr::value(resource_id)), (jobs::Column::AssigneeId, Expr::value(assignee_id))];
    versioned::update::<jobs::Entity, _>(&txn, job_id, version, set).await?;
    let order_id = jobs::Entity::find_by_id(job_id).one(&txn).await?.map(|j| j.order_id).unwrap_or(0);
    let event = DomainEvent::JobAssigned { job_id, order_id, version: version + 1 };
    crate::services::events::commit(db, txn, actor, vec![event]).await
}
