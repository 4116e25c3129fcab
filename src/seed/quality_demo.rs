//! Quality history for the demo shop: jobs waiting in Printing have had their press check
//! (so the floor can move them on), while Finishing and Quality check lists are still to be
//! filled in, as on a real day. The Quality check queue is topped up from Finishing, so the
//! demo floor always has work waiting for inspection.
use crate::db::e::{job_stages, jobs, stages};
use crate::domain::floor::JobState;
use crate::db::Db;
use crate::domain::quality::CheckResult;
use crate::error::AppResult;
use crate::services::quality::checklists;
use crate::services::Actor;
use crate::services::production::moves::{move_job, MoveRequest};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn press_checks_done(db: &Db) -> AppResult<usize> {
    let Some(printing) = stages::Entity::find().filter(stages::Column::Code.eq("printing")).one(&db.read).await? else { return Ok(0) };
    let waiting = jobs::Entity::find().filter(jobs::Column::StageId.eq(printing.id)).filter(jobs::Column::State.eq(JobState::Active.as_str())).all(&db.read).await?;
    for job in &waiting {
        let mut items = checklists::form(db, job.id, printing.id).await?.items;
        items.iter_mut().for_each(|i| i.result = CheckResult::Pass);
        checklists::save(db, &Actor::System, job.id, printing.id, &items, None).await?;
    }
    Ok(waiting.len())
}

/// Moves jobs from Finishing on to Quality check (finishing checklist passed, through the
/// board's own move, so events and gates apply) until `min` jobs wait there or Finishing has
/// none left to give. Answers how many it moved.
pub async fn fill_quality_check(db: &Db, min: usize) -> AppResult<usize> {
    let stage = |code: &'static str| async move { stages::Entity::find().filter(stages::Column::Code.eq(code)).one(&db.read).await };
    let (Some(finishing), Some(qc)) = (stage("finishing").await?, stage("qc").await?) else { return Ok(0) };
    let active_in = |stage_id: i32| {
        jobs::Entity::find()
            .filter(jobs::Column::StageId.eq(stage_id))
            .filter(jobs::Column::State.eq(JobState::Active.as_str()))
            .order_by_asc(jobs::Column::Position)
            .order_by_asc(jobs::Column::Id)
            .all(&db.read)
    };
    let waiting = active_in(qc.id).await?.len();
    let mut moved = 0;
    for job in active_in(finishing.id).await? {
        if waiting + moved >= min {
            break;
        }
        let route: Vec<i32> = job_stages::Entity::find()
            .filter(job_stages::Column::JobId.eq(job.id))
            .order_by_asc(job_stages::Column::Seq)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|s| s.stage_id)
            .collect();
        let next = route.iter().position(|s| *s == finishing.id).and_then(|i| route.get(i + 1));
        if next != Some(&qc.id) {
            continue;
        }
        // A job some gate holds (its proof, say) stays where it is; the next one may go.
        match advance(db, job.id, finishing.id, qc.id).await {
            Ok(()) => moved += 1,
            Err(e) => tracing::info!(job = job.id, error = %e, "demo: job stays in Finishing"),
        }
    }
    Ok(moved)
}

async fn advance(db: &Db, job_id: i32, finishing: i32, qc: i32) -> AppResult<()> {
    // No checklist for Finishing (the shop removed it): nothing to fill in.
    if let Ok(form) = checklists::form(db, job_id, finishing).await {
        let mut items = form.items;
        items.iter_mut().for_each(|i| i.result = CheckResult::Pass);
        checklists::save(db, &Actor::System, job_id, finishing, &items, None).await?;
    }
    let version = jobs::Entity::find_by_id(job_id).one(&db.read).await?.map_or(0, |j| j.version);
    move_job(db, &Actor::System, &MoveRequest { job_id, to_stage: qc, index: usize::MAX, version, override_reason: None }).await
}
