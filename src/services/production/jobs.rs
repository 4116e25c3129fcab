//! Jobs follow orders: a confirmed order gets one job per line, routed by its product;
//! holds, cancellations and manual completions carry over to its jobs.
use super::setup::std_minutes;
use crate::domain::floor::{JobState, StageEventKind, StageState};
use crate::db::e::{job_stages, jobs, order_lines, orders, routings, stage_events, stages};
use crate::domain::order::Priority;
use crate::domain::workflow::{DELIVERED, DISPATCH};
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;


/// Next free position at the bottom of a column.
pub async fn bottom_position<C: ConnectionTrait>(c: &C, stage_id: i32) -> AppResult<i32> {
    let max: Option<i32> = jobs::Entity::find()
        .select_only()
        .column_as(jobs::Column::Position.max(), "m")
        .filter(jobs::Column::StageId.eq(stage_id))
        .filter(jobs::Column::State.is_in([JobState::Active.as_str(), JobState::OnHold.as_str()]))
        .into_tuple::<Option<i32>>()
        .one(c)
        .await?
        .flatten();
    Ok(max.map(|m| m.saturating_add(1024)).unwrap_or(1024))
}

pub async fn stage_event<C: ConnectionTrait>(
    c: &C,
    job: &jobs::Model,
    stage_id: i32,
    kind: StageEventKind,
    (from, to): (Option<i32>, Option<i32>),
    actor: &Actor,
    worked: i32,
    note: &str,
) -> AppResult<()> {
    stage_events::ActiveModel {
        job_id: Set(job.id),
        order_id: Set(job.order_id),
        stage_id: Set(stage_id),
        kind: Set(kind.as_str().into()),
        from_stage_id: Set(from),
        to_stage_id: Set(to),
        at: Set(crate::clock::now()),
        user_id: Set(actor.staff_id()),
        user_name: Set(actor.label()),
        worked_minutes: Set(worked),
        note: Set(note.into()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Creates the jobs of a confirmed order (once).
pub async fn create_for_order<C: ConnectionTrait>(c: &C, order_id: i32, actor: &Actor) -> AppResult<usize> {
    if jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).one(c).await?.is_some() {
        return Ok(0);
    }
    let order = orders::Entity::find_by_id(order_id).one(c).await?.ok_or(AppError::not_found("Order"))?;
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(order_id))
        .order_by_asc(order_lines::Column::Position)
        .all(c)
        .await?;
    let product_ids: Vec<i32> = lines.iter().map(|l| l.product_id).collect();
    let mut routes: HashMap<i32, Vec<routings::Model>> = HashMap::new();
    for r in routings::Entity::find()
        .filter(routings::Column::ProductId.is_in(product_ids))
        .order_by_asc(routings::Column::Seq)
        .all(c)
        .await?
    {
        routes.entry(r.product_id).or_default().push(r);
    }
    let fallback = stages::Entity::find().order_by_asc(stages::Column::Position).all(c).await?;
    let now = crate::clock::now();
    let rush = order.priority == Priority::Rush.as_str();
    let mut created = 0;
    for line in &lines {
        // A product without a routing goes through every stage with no resource needed.
        let route: Vec<(i32, String, i32)> = match routes.get(&line.product_id) {
            Some(r) if !r.is_empty() => r
                .iter()
                .map(|s| (s.stage_id, s.resource_kind.clone(), std_minutes(s.setup_minutes, s.run_minutes_per_1000, line.quantity)))
                .collect(),
            _ => fallback.iter().map(|s| (s.id, "none".to_string(), 0)).collect(),
        };
        let Some(&(first_stage, _, _)) = route.first() else { continue };
        let job = jobs::ActiveModel {
            order_id: Set(order.id),
            order_line_id: Set(line.id),
            product_id: Set(line.product_id),
            title: Set(line.description.clone()),
            quantity: Set(line.quantity),
            stage_id: Set(first_stage),
            position: Set(bottom_position(c, first_stage).await?),
            state: Set(JobState::Active.as_str().into()),
            rush: Set(rush),
            due_date: Set(order.due_date),
            assignee_id: Set(None),
            resource_id: Set(None),
            version: Set(1),
            entered_stage_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(c)
        .await?;
        let rows: Vec<job_stages::ActiveModel> = route
            .iter()
            .enumerate()
            .map(|(i, (stage_id, kind, minutes))| job_stages::ActiveModel {
                job_id: Set(job.id),
                stage_id: Set(*stage_id),
                seq: Set(i as i32),
                resource_kind: Set(kind.clone()),
                std_minutes: Set(*minutes),
                state: Set(if i == 0 { StageState::Active } else { StageState::Pending }.as_str().into()),
                worked_minutes: Set(0),
                entered_at: Set(if i == 0 { Some(now) } else { None }),
                left_at: Set(None),
                planned_start: Set(None),
                planned_end: Set(None),
                planned_resource_id: Set(None),
                ..Default::default()
            })
            .collect();
        job_stages::Entity::insert_many(rows).exec(c).await?;
        stage_event(c, &job, first_stage, StageEventKind::Enter, (None, Some(first_stage)), actor, 0, "Job created").await?;
        created += 1;
    }
    Ok(created)
}

/// Removes the jobs of an order whose lines were edited, so they are created afresh.
/// Refused once any job has moved past its first stage.
pub async fn reset_for_order<C: ConnectionTrait>(c: &C, order_id: i32) -> AppResult<()> {
    let existing = jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).all(c).await?;
    let ids: Vec<i32> = existing.iter().map(|j| j.id).collect();
    let started = job_stages::Entity::find()
        .filter(job_stages::Column::JobId.is_in(ids.clone()))
        .filter(job_stages::Column::Seq.gt(0))
        .filter(job_stages::Column::State.ne(StageState::Pending.as_str()))
        .one(c)
        .await?;
    if started.is_some() {
        return Err(AppError::Rejected("Production has started on this order; its items can no longer change".into()));
    }
    jobs::Entity::delete_many().filter(jobs::Column::Id.is_in(ids)).exec(c).await?;
    Ok(())
}

pub async fn set_state_for_order<C: ConnectionTrait>(c: &C, order_id: i32, from: &[&str], to: &str) -> AppResult<()> {
    jobs::Entity::update_many()
        .col_expr(jobs::Column::State, Expr::value(to))
        .col_expr(jobs::Column::Version, Expr::col(jobs::Column::Version).add(1))
        .col_expr(jobs::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(jobs::Column::OrderId.eq(order_id))
        .filter(jobs::Column::State.is_in(from.to_vec()))
        .exec(c)
        .await?;
    Ok(())
}

/// Staff set the order Ready or Delivered by hand: its jobs follow to that column.
pub async fn finish_for_order<C: ConnectionTrait>(c: &C, order_id: i32, delivered: bool, actor: &Actor) -> AppResult<()> {
    let code = if delivered { DELIVERED } else { DISPATCH };
    let Some(target) = stages::Entity::find().filter(stages::Column::Code.eq(code)).one(c).await? else { return Ok(()) };
    let now = crate::clock::now();
    for job in jobs::Entity::find()
        .filter(jobs::Column::OrderId.eq(order_id))
        .filter(jobs::Column::State.is_in([JobState::Active.as_str(), JobState::OnHold.as_str()]))
        .all(c)
        .await?
    {
        if job.stage_id == target.id {
            continue;
        }
        let from = job.stage_id;
        job_stages::Entity::update_many()
            .col_expr(job_stages::Column::State, Expr::value(StageState::Done.as_str()))
            .col_expr(job_stages::Column::LeftAt, Expr::value(now))
            .filter(job_stages::Column::JobId.eq(job.id))
            .filter(job_stages::Column::State.is_in([StageState::Active.as_str(), StageState::Pending.as_str()]))
            .filter(job_stages::Column::StageId.ne(target.id))
            .exec(c)
            .await?;
        job_stages::Entity::update_many()
            .col_expr(job_stages::Column::State, Expr::value(if delivered { StageState::Done } else { StageState::Active }.as_str()))
            .col_expr(job_stages::Column::EnteredAt, Expr::value(now))
            .filter(job_stages::Column::JobId.eq(job.id))
            .filter(job_stages::Column::StageId.eq(target.id))
            .exec(c)
            .await?;
        let position = bottom_position(c, target.id).await?;
        let set = vec![
            (jobs::Column::StageId, Expr::value(target.id)),
            (jobs::Column::Position, Expr::value(position)),
            (jobs::Column::State, Expr::value(if delivered { JobState::Done.as_str() } else { JobState::Active.as_str() })),
            (jobs::Column::EnteredStageAt, Expr::value(now)),
        ];
        crate::db::versioned::update::<jobs::Entity, _>(c, job.id, job.version, set).await?;
        stage_event(c, &job, from, StageEventKind::Leave, (Some(from), Some(target.id)), actor, 0, "Order status set by hand").await?;
        stage_event(c, &job, target.id, StageEventKind::Enter, (Some(from), Some(target.id)), actor, 0, "Order status set by hand").await?;
    }
    Ok(())
}

/// A job whose artwork is already approved (a reorder of unchanged artwork) starts at the
/// first stage after proof approval: the stages up to it are skipped, with `note` on the
/// job's history. Answers false when its routing has no proof approval (nothing to skip).
pub async fn start_after_proof<C: ConnectionTrait>(c: &C, order_line_id: i32, actor: &Actor, note: &str) -> AppResult<bool> {
    use crate::domain::floor::stage::PROOF;
    let Some(job) = jobs::Entity::find().filter(jobs::Column::OrderLineId.eq(order_line_id)).one(c).await? else { return Ok(false) };
    let steps = job_stages::Entity::find().filter(job_stages::Column::JobId.eq(job.id)).order_by_asc(job_stages::Column::Seq).all(c).await?;
    let codes: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.code)).collect();
    let Some(proof_at) = steps.iter().position(|s| codes.get(&s.stage_id).is_some_and(|code| code == PROOF)) else { return Ok(false) };
    let Some(target) = steps.get(proof_at + 1) else { return Ok(false) };
    let now = crate::clock::now();
    for (i, s) in steps.iter().enumerate().take(proof_at + 2) {
        let mut am: job_stages::ActiveModel = s.clone().into();
        if i <= proof_at {
            am.state = Set(StageState::Skipped.as_str().into());
            am.entered_at = Set(None);
            am.left_at = Set(None);
        } else {
            am.state = Set(StageState::Active.as_str().into());
            am.entered_at = Set(Some(now));
        }
        am.update(c).await?;
    }
    let from = job.stage_id;
    jobs::Entity::update_many()
        .col_expr(jobs::Column::StageId, Expr::value(target.stage_id))
        .col_expr(jobs::Column::Position, Expr::value(bottom_position(c, target.stage_id).await?))
        .col_expr(jobs::Column::EnteredStageAt, Expr::value(now))
        .col_expr(jobs::Column::Version, Expr::col(jobs::Column::Version).add(1))
        .filter(jobs::Column::Id.eq(job.id))
        .exec(c)
        .await?;
    stage_event(c, &job, from, StageEventKind::Leave, (Some(from), Some(target.stage_id)), actor, 0, note).await?;
    stage_event(c, &job, target.stage_id, StageEventKind::Enter, (Some(from), Some(target.stage_id)), actor, 0, note).await?;
    Ok(true)
}
