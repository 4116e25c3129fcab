//! Stage statistics from what happened on the floor: WIP, queue vs work time, throughput,
//! utilisation, and the current bottleneck with its four-week trend.
use super::time::to_minute;
use crate::domain::floor::StageState;
use crate::db::e::{job_stages, resources, stages};
use crate::db::Db;
use crate::domain::bottleneck::{analyse, BottleneckReport, StageCapacity, StageVisit};
use crate::domain::scheduler::{working_minutes_on, Calendar};
use crate::dto::production::{BottleneckSummary, BottleneckView};
use crate::error::AppResult;
use chrono::Duration;
use chrono_tz::Tz;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const WINDOW_DAYS: u32 = 28;

pub async fn report(db: &Db, tz: Tz) -> AppResult<BottleneckReport> {
    let c = &db.read;
    let now = crate::clock::now();
    let since = now - Duration::days(WINDOW_DAYS as i64 + 7);
    let stage_list = super::load_stages(c).await?;
    // Visits that overlap the window: entered recently, or still in the stage.
    let rows = job_stages::Entity::find()
        .filter(job_stages::Column::EnteredAt.is_not_null())
        .filter(Condition::any().add(job_stages::Column::EnteredAt.gte(since)).add(job_stages::Column::State.eq(StageState::Active.as_str())))
        .all(c)
        .await?;
    let visits: Vec<StageVisit> = rows
        .iter()
        .filter_map(|r| {
            Some(StageVisit {
                stage_id: r.stage_id,
                job_id: r.job_id,
                entered: to_minute(r.entered_at?, tz),
                left: if r.state == StageState::Active.as_str() { None } else { r.left_at.map(|t| to_minute(t, tz)) },
                worked_minutes: r.worked_minutes as i64,
            })
        })
        .collect();
    let res = resources::Entity::find().filter(resources::Column::Active.eq(true)).all(c).await?;
    let today = now.with_timezone(&tz).date_naive();
    let capacity: Vec<StageCapacity> = stage_list
        .iter()
        .map(|s| {
            let per_day: i64 = res
                .iter()
                .filter(|r| r.stage_codes.split(',').any(|c| c.trim() == s.code))
                .map(|r| {
                    let cal: Calendar = serde_json::from_str(&r.calendar_json).unwrap_or_else(|_| super::setup::shop_calendar());
                    // Average over a week so Sundays off do not distort the figure.
                    (0..7).map(|d| working_minutes_on(&cal, today - Duration::days(d))).sum::<i64>() / 7
                })
                .sum();
            StageCapacity { stage_id: s.id, name: s.name.clone(), uses_resources: per_day > 0, capacity_minutes_per_day: per_day }
        })
        .collect();
    Ok(analyse(&visits, &capacity, to_minute(now, tz), WINDOW_DAYS))
}

pub fn view(r: &BottleneckReport) -> BottleneckView {
    BottleneckView {
        stages: r.stages.clone(),
        bottleneck: r.bottleneck,
        trend: r.trend.iter().map(|(d, s)| (d.format("%d %b").to_string(), s.clone())).collect(),
    }
}

pub fn summary(r: &BottleneckReport) -> Option<BottleneckSummary> {
    let id = r.bottleneck?;
    let s = r.stages.iter().find(|s| s.stage_id == id)?;
    Some(BottleneckSummary {
        stage_id: id,
        stage: s.name.clone(),
        utilisation: s.utilisation,
        avg_queue_min: s.avg_queue_min,
        wip: s.wip,
        trend: r
            .trend
            .iter()
            .map(|(d, week)| (d.format("%d %b").to_string(), week.iter().find(|w| w.stage_id == id).map(|w| w.utilisation).unwrap_or(0.0)))
            .collect(),
    })
}

/// Stage name by id, for labels.
pub async fn stage_names(db: &Db) -> AppResult<Vec<(i32, String)>> {
    Ok(stages::Entity::find().all(&db.read).await?.into_iter().map(|s| (s.id, s.name)).collect())
}
