//! Stage-wise progress of an order: per job a stepper with timestamps, % complete weighted
//! by standard minutes, and the scheduler's predicted finish.
use super::board::stage_state;
use crate::domain::floor::{JobState, StageState};
use super::time::local_short;
use crate::db::e::{job_stages, jobs, order_forecasts, stages};
use crate::db::Db;
use crate::domain::progress::{job_percent, order_percent, StageProgress};
use crate::dto::production::{JobProgress, OrderProduction, StageStep};
use crate::error::AppResult;
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn for_order(db: &Db, order_id: i32, tz: Tz) -> AppResult<OrderProduction> {
    let c = &db.read;
    crate::services::orders::must_exist(c, order_id).await?;
    let names: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let job_list = jobs::Entity::find()
        .filter(jobs::Column::OrderId.eq(order_id))
        .filter(jobs::Column::State.ne(JobState::Cancelled.as_str()))
        .order_by_asc(jobs::Column::Id)
        .all(c)
        .await?;
    let ids: Vec<i32> = job_list.iter().map(|j| j.id).collect();
    let mut steps: HashMap<i32, Vec<job_stages::Model>> = HashMap::new();
    for s in job_stages::Entity::find()
        .filter(job_stages::Column::JobId.is_in(ids))
        .order_by_asc(job_stages::Column::Seq)
        .all(c)
        .await?
    {
        steps.entry(s.job_id).or_default().push(s);
    }
    let mut weights = Vec::new();
    let jobs_out = job_list
        .iter()
        .map(|j| {
            let st = steps.remove(&j.id).unwrap_or_default();
            let progress: Vec<StageProgress> = st
                .iter()
                .map(|s| StageProgress { std_minutes: s.std_minutes as i64, state: stage_state(&s.state), worked_minutes: s.worked_minutes as i64 })
                .collect();
            let percent = if j.state == JobState::Done.as_str() { 100.0 } else { job_percent(&progress) };
            weights.push((progress.iter().map(|p| p.std_minutes).sum::<i64>().max(1), percent));
            JobProgress {
                job_id: j.id,
                title: j.title.clone(),
                stage: names.get(&j.stage_id).cloned().unwrap_or_default(),
                percent,
                steps: st
                    .iter()
                    .map(|s| StageStep {
                        stage: names.get(&s.stage_id).cloned().unwrap_or_default(),
                        state: stage_state(&s.state),
                        entered: s.entered_at.map(|t| local_short(t, tz)),
                        left: if s.state == StageState::Done.as_str() { s.left_at.map(|t| local_short(t, tz)) } else { None },
                        planned_end: s.planned_end.map(|t| local_short(t, tz)),
                    })
                    .collect(),
            }
        })
        .collect();
    let forecast = order_forecasts::Entity::find_by_id(order_id).one(c).await?;
    Ok(OrderProduction {
        percent: order_percent(&weights),
        jobs: jobs_out,
        predicted_finish: forecast.as_ref().map(|f| local_short(f.finish_at, tz)),
        late_hours: forecast.map(|f| f.late_minutes as f64 / 60.0).unwrap_or(0.0),
    })
}
