//! Gantt data: per order (rows = its jobs' stages) and per resource (rows = resources,
//! bars = planned stage work), planned vs actual.
use super::time::local_iso;
use crate::domain::floor::StageState;
use crate::db::e::{job_stages, jobs, orders, resources, stages};
use crate::db::Db;
use crate::dto::production::{Timeline, TimelineBar, TimelineRow};
use crate::error::{AppError, AppResult};
use chrono::Duration;
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

fn bar(s: &job_stages::Model, job: &jobs::Model, stage: &str, resources: &HashMap<i32, String>, tz: Tz) -> TimelineBar {
    let due_end = job.due_date.and_then(|d| d.and_hms_opt(19, 0, 0));
    let late = match (s.planned_end, due_end) {
        (Some(end), Some(due)) => end.with_timezone(&tz).naive_local() > due,
        _ => false,
    };
    TimelineBar {
        job_id: job.id,
        order_id: job.order_id,
        label: job.title.clone(),
        stage: stage.to_string(),
        resource: s.planned_resource_id.and_then(|r| resources.get(&r).cloned()),
        planned_start: s.planned_start.map(|t| local_iso(t, tz)),
        planned_end: s.planned_end.map(|t| local_iso(t, tz)),
        actual_start: s.entered_at.map(|t| local_iso(t, tz)),
        actual_end: if s.state == StageState::Active.as_str() { None } else { s.left_at.map(|t| local_iso(t, tz)) },
        late,
    }
}

async fn names(db: &Db) -> AppResult<(HashMap<i32, String>, HashMap<i32, String>)> {
    let st = stages::Entity::find().all(&db.read).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let rs = resources::Entity::find().all(&db.read).await?.into_iter().map(|r| (r.id, r.name)).collect();
    Ok((st, rs))
}

pub async fn for_order(db: &Db, order_id: i32, tz: Tz) -> AppResult<Timeline> {
    let order = orders::Entity::find_by_id(order_id).one(&db.read).await?.ok_or(AppError::not_found("Order"))?;
    let (stage_names, resource_names) = names(db).await?;
    let job_list = jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).order_by_asc(jobs::Column::Id).all(&db.read).await?;
    let mut rows = Vec::new();
    for job in &job_list {
        let steps = job_stages::Entity::find()
            .filter(job_stages::Column::JobId.eq(job.id))
            .order_by_asc(job_stages::Column::Seq)
            .all(&db.read)
            .await?;
        for s in &steps {
            let stage = stage_names.get(&s.stage_id).cloned().unwrap_or_default();
            rows.push(TimelineRow {
                key: format!("{}-{}", job.id, s.stage_id),
                label: format!("{} · {}", stage, job.title.split(" (").next().unwrap_or("")),
                bars: vec![bar(s, job, &stage, &resource_names, tz)],
                due: job.due_date.map(|d| format!("{}T19:00:00", d.format("%Y-%m-%d"))),
            });
        }
    }
    Ok(Timeline { rows, now: local_iso(crate::clock::now(), tz), title: format!("Order {}", order.number) })
}

/// Planned work per resource from yesterday on (`days` ahead).
pub async fn for_resources(db: &Db, tz: Tz, days: i64) -> AppResult<Timeline> {
    let (stage_names, resource_names) = names(db).await?;
    let from = crate::clock::now() - Duration::days(1);
    let until = crate::clock::now() + Duration::days(days.clamp(1, 62));
    let planned = job_stages::Entity::find()
        .filter(job_stages::Column::PlannedResourceId.is_not_null())
        .filter(job_stages::Column::PlannedEnd.gte(from))
        .filter(job_stages::Column::PlannedStart.lte(until))
        .order_by_asc(job_stages::Column::PlannedStart)
        .all(&db.read)
        .await?;
    let job_ids: Vec<i32> = planned.iter().map(|s| s.job_id).collect();
    let mut job_map: HashMap<i32, jobs::Model> = HashMap::new();
    for chunk in job_ids.chunks(5000) {
        for j in jobs::Entity::find().filter(jobs::Column::Id.is_in(chunk.to_vec())).all(&db.read).await? {
            job_map.insert(j.id, j);
        }
    }
    let order_numbers: HashMap<i32, String> = orders::Entity::find()
        .filter(orders::Column::Id.is_in(job_map.values().map(|j| j.order_id).collect::<Vec<_>>()))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|o| (o.id, o.number))
        .collect();
    let res = resources::Entity::find().filter(resources::Column::Active.eq(true)).order_by_asc(resources::Column::Name).all(&db.read).await?;
    let rows = res
        .iter()
        .map(|r| TimelineRow {
            key: format!("r{}", r.id),
            label: r.name.clone(),
            due: None,
            bars: planned
                .iter()
                .filter(|s| s.planned_resource_id == Some(r.id))
                .filter_map(|s| {
                    let job = job_map.get(&s.job_id)?;
                    let mut b = bar(s, job, stage_names.get(&s.stage_id).map(String::as_str).unwrap_or(""), &resource_names, tz);
                    b.label = format!("{} {}", order_numbers.get(&job.order_id).cloned().unwrap_or_default(), job.title.split(" (").next().unwrap_or(""));
                    Some(b)
                })
                .collect(),
        })
        .collect();
    Ok(Timeline { rows, now: local_iso(crate::clock::now(), tz), title: "Resources".into() })
}
