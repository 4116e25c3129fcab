//! Scheduling: turn open jobs and resources into the scheduler's input, run it, store the
//! plan (per stage and per order), and answer "what if" questions without storing.
use super::time::{due_minute, from_minute, local_short, to_minute};
use crate::domain::floor::{JobState, StageState};
use crate::db::e::{customers, job_stages, jobs, order_forecasts, orders, resource_downtime, resources};
use crate::db::Db;
use crate::domain::scheduler::{self, Calendar, Input, Job, Plan, Resource, Rule, Task, NO_RESOURCE};
use crate::dto::production::{LateOrder, LoadCell, ResourceLoadRow, ScheduleSummary, WhatIf, WhatIfResult, WhatIfRow};
use crate::error::AppResult;
use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::{BTreeMap, HashMap};

/// Resources with their calendars and downtime, as the scheduler wants them.
pub async fn load_resources<C: ConnectionTrait>(c: &C, tz: Tz) -> AppResult<Vec<Resource>> {
    let downtime = resource_downtime::Entity::find().filter(resource_downtime::Column::EndsAt.gte(crate::clock::now())).all(c).await?;
    Ok(resources::Entity::find()
        .filter(resources::Column::Active.eq(true))
        .order_by_asc(resources::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|r| {
            let mut calendar: Calendar = serde_json::from_str(&r.calendar_json).unwrap_or_else(|_| super::setup::shop_calendar());
            calendar.downtime = downtime
                .iter()
                .filter(|d| d.resource_id == r.id)
                .map(|d| (to_minute(d.starts_at, tz), to_minute(d.ends_at, tz)))
                .collect();
            Resource { id: r.id, name: r.name, kind: r.kind, calendar }
        })
        .collect())
}

/// Open jobs with their remaining stages.
pub async fn load_jobs<C: ConnectionTrait>(c: &C, tz: Tz) -> AppResult<Vec<Job>> {
    let open = jobs::Entity::find()
        .filter(jobs::Column::State.is_in([JobState::Active.as_str(), JobState::OnHold.as_str()]))
        .order_by_asc(jobs::Column::Id)
        .all(c)
        .await?;
    let ids: Vec<i32> = open.iter().map(|j| j.id).collect();
    let mut steps: HashMap<i32, Vec<job_stages::Model>> = HashMap::new();
    for chunk in ids.chunks(5000) {
        for s in job_stages::Entity::find()
            .filter(job_stages::Column::JobId.is_in(chunk.to_vec()))
            .filter(job_stages::Column::State.is_in([StageState::Active.as_str(), StageState::Pending.as_str()]))
            .order_by_asc(job_stages::Column::JobId)
            .order_by_asc(job_stages::Column::Seq)
            .all(c)
            .await?
        {
            steps.entry(s.job_id).or_default().push(s);
        }
    }
    let now = crate::clock::now();
    Ok(open
        .into_iter()
        .map(|j| {
            let remaining = steps.remove(&j.id).unwrap_or_default();
            let tasks = remaining
                .iter()
                .map(|s| {
                    let active = s.state == StageState::Active.as_str();
                    // The active stage has only what is left of its standard time to go.
                    let spent = if active { s.entered_at.map(|t| (now - t).num_minutes().max(0)).unwrap_or(0) } else { 0 };
                    let kind = if s.resource_kind.is_empty() { NO_RESOURCE.to_string() } else { s.resource_kind.clone() };
                    Task {
                        job_id: j.id,
                        seq: s.seq.clamp(0, u16::MAX as i32) as u16,
                        stage_id: s.stage_id,
                        minutes: (s.std_minutes as i64 - spent).max(if s.std_minutes > 0 { 1 } else { 0 }),
                        fixed_resource: if active && kind != NO_RESOURCE { j.resource_id } else { None },
                        kind,
                        in_progress: active,
                    }
                })
                .collect();
            Job {
                id: j.id,
                order_id: j.order_id,
                due: j.due_date.map(due_minute),
                rush: j.rush,
                on_hold: j.state == JobState::OnHold.as_str(),
                release: to_minute(now, tz),
                tasks,
            }
        })
        .collect())
}

pub async fn input(db: &Db, tz: Tz) -> AppResult<Input> {
    Ok(Input {
        now: to_minute(crate::clock::now(), tz),
        resources: load_resources(&db.read, tz).await?,
        jobs: load_jobs(&db.read, tz).await?,
        rule: Rule::CriticalRatio,
        improve: true,
    })
}

/// Re-plans everything and stores the plan. Called after anything that changes the floor.
pub async fn replan(db: &Db, tz: Tz) -> AppResult<Plan> {
    let input = input(db, tz).await?;
    let plan = scheduler::schedule(&input);
    store(db, &plan, tz).await?;
    Ok(plan)
}

async fn store(db: &Db, plan: &Plan, tz: Tz) -> AppResult<()> {
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    // Planned times of the open jobs' remaining stages are replaced wholesale.
    let job_ids: Vec<i32> = plan.jobs.iter().map(|j| j.job_id).collect();
    for chunk in job_ids.chunks(5000) {
        job_stages::Entity::update_many()
            .col_expr(job_stages::Column::PlannedStart, Expr::value(Option::<chrono::DateTime<Utc>>::None))
            .col_expr(job_stages::Column::PlannedEnd, Expr::value(Option::<chrono::DateTime<Utc>>::None))
            .col_expr(job_stages::Column::PlannedResourceId, Expr::value(Option::<i32>::None))
            .filter(job_stages::Column::JobId.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    for t in &plan.tasks {
        job_stages::Entity::update_many()
            .col_expr(job_stages::Column::PlannedStart, Expr::value(from_minute(t.start, tz)))
            .col_expr(job_stages::Column::PlannedEnd, Expr::value(from_minute(t.end, tz)))
            .col_expr(job_stages::Column::PlannedResourceId, Expr::value(t.resource_id))
            .filter(job_stages::Column::JobId.eq(t.job_id))
            .filter(job_stages::Column::StageId.eq(t.stage_id))
            .exec(&txn)
            .await?;
    }
    order_forecasts::Entity::delete_many().exec(&txn).await?;
    let rows: Vec<order_forecasts::ActiveModel> = scheduler::order_finishes(plan)
        .into_iter()
        .filter_map(|(order_id, finish, late)| {
            Some(order_forecasts::ActiveModel {
                order_id: Set(order_id),
                finish_at: Set(from_minute(finish, tz)?),
                late_minutes: Set(late.clamp(0, i32::MAX as i64) as i32),
                planned_at: Set(now),
            })
        })
        .collect();
    for chunk in rows.chunks(1000) {
        order_forecasts::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn order_labels(db: &Db, ids: Vec<i32>) -> AppResult<HashMap<i32, (String, String, Option<NaiveDate>)>> {
    let list = orders::Entity::find().filter(orders::Column::Id.is_in(ids)).all(&db.read).await?;
    let names: HashMap<i32, String> = customers::Entity::find()
        .filter(customers::Column::Id.is_in(list.iter().map(|o| o.customer_id).collect::<Vec<_>>()))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(list.into_iter().map(|o| (o.id, (o.number, names.get(&o.customer_id).cloned().unwrap_or_default(), o.due_date))).collect())
}

fn fmt_minute(m: i64, tz: Tz) -> String {
    from_minute(m, tz).map(|t| local_short(t, tz)).unwrap_or_default()
}

/// The stored plan's headline figures: late orders, load per resource for two weeks.
pub async fn summary(db: &Db, tz: Tz, today: NaiveDate) -> AppResult<ScheduleSummary> {
    let input = input(db, tz).await?;
    let plan = scheduler::schedule(&input);
    let finishes = scheduler::order_finishes(&plan);
    let late: Vec<(i32, i64, i64)> = finishes.iter().filter(|(_, _, l)| *l > 0).cloned().collect();
    let labels = order_labels(db, late.iter().map(|(o, _, _)| *o).collect()).await?;
    let mut late_orders: Vec<LateOrder> = late
        .iter()
        .map(|(o, finish, l)| {
            let (number, customer, due) = labels.get(o).cloned().unwrap_or_default();
            LateOrder {
                order_id: *o,
                number,
                customer,
                due: due.map(crate::services::fmt_date).unwrap_or_default(),
                finish: fmt_minute(*finish, tz),
                late_hours: *l as f64 / 60.0,
            }
        })
        .collect();
    late_orders.sort_by(|a, b| b.late_hours.total_cmp(&a.late_hours));
    let loads = scheduler::load_by_day(&plan, &input.resources, today, 14);
    let mut by_res: BTreeMap<i32, Vec<LoadCell>> = BTreeMap::new();
    for l in loads {
        by_res.entry(l.resource_id).or_default().push(LoadCell { date: l.date.format("%a %d").to_string(), planned: l.planned, capacity: l.capacity });
    }
    let names: HashMap<i32, String> = input.resources.iter().map(|r| (r.id, r.name.clone())).collect();
    Ok(ScheduleSummary {
        planned_at: local_short(crate::clock::now(), tz),
        jobs: plan.jobs.len(),
        late_orders,
        load: by_res.into_iter().map(|(id, cells)| ResourceLoadRow { resource_id: id, name: names.get(&id).cloned().unwrap_or_default(), cells }).collect(),
        unschedulable: plan.unschedulable.clone(),
    })
}

fn apply(input: &mut Input, q: &WhatIf, today: NaiveDate) {
    match *q {
        WhatIf::Overtime { resource_id, minutes, days } => {
            if let Some(r) = input.resources.iter_mut().find(|r| r.id == resource_id) {
                for d in 0..days as i64 {
                    r.calendar.overtime.push((today + Duration::days(d), minutes));
                }
            }
        }
        WhatIf::Rush { order_id } => {
            for j in input.jobs.iter_mut().filter(|j| j.order_id == order_id) {
                j.rush = true;
            }
        }
        WhatIf::Down { resource_id, hours } => {
            let now = input.now;
            if let Some(r) = input.resources.iter_mut().find(|r| r.id == resource_id) {
                r.calendar.downtime.push((now, now + hours as i64 * 60));
            }
        }
    }
}

/// How every order's predicted finish changes under `q`, nothing stored.
pub async fn what_if(db: &Db, tz: Tz, today: NaiveDate, q: &WhatIf) -> AppResult<WhatIfResult> {
    let base_input = input(db, tz).await?;
    let mut changed = base_input.clone();
    apply(&mut changed, q, today);
    let base = scheduler::order_finishes(&scheduler::schedule(&base_input));
    let after: HashMap<i32, (i64, i64)> = scheduler::order_finishes(&scheduler::schedule(&changed)).into_iter().map(|(o, f, l)| (o, (f, l))).collect();
    let ids: Vec<i32> = base.iter().map(|(o, _, _)| *o).collect();
    let labels = order_labels(db, ids).await?;
    let mut rows: Vec<WhatIfRow> = base
        .iter()
        .filter_map(|(o, f, l)| {
            let (f2, l2) = *after.get(o)?;
            let (number, _, due) = labels.get(o).cloned()?;
            Some(WhatIfRow {
                order_id: *o,
                number,
                due: due.map(crate::services::fmt_date).unwrap_or_default(),
                before: fmt_minute(*f, tz),
                after: fmt_minute(f2, tz),
                delta_hours: (f2 - f) as f64 / 60.0,
                late_before: *l > 0,
                late_after: l2 > 0,
            })
        })
        .collect();
    let late_before = rows.iter().filter(|r| r.late_before).count();
    let late_after = rows.iter().filter(|r| r.late_after).count();
    rows.retain(|r| r.delta_hours.abs() >= 0.01 || r.late_before != r.late_after);
    rows.sort_by(|a, b| a.delta_hours.total_cmp(&b.delta_hours));
    Ok(WhatIfResult { rows, late_before, late_after })
}

/// Makes a what-if real: overtime into the resource calendar, rush onto the order's jobs,
/// downtime into the resource's downtime. Then re-plans.
pub async fn commit_what_if(db: &Db, actor: &crate::services::Actor, tz: Tz, today: NaiveDate, q: &WhatIf) -> AppResult<()> {
    let txn = db.write.begin().await?;
    match *q {
        WhatIf::Overtime { resource_id, minutes, days } => {
            let r = resources::Entity::find_by_id(resource_id).one(&txn).await?.ok_or(crate::error::AppError::not_found("Resource"))?;
            let mut cal: Calendar = serde_json::from_str(&r.calendar_json).unwrap_or_else(|_| super::setup::shop_calendar());
            for d in 0..days as i64 {
                cal.overtime.push((today + Duration::days(d), minutes));
            }
            resources::Entity::update_many()
                .col_expr(resources::Column::CalendarJson, Expr::value(serde_json::to_string(&cal).unwrap_or_default()))
                .filter(resources::Column::Id.eq(resource_id))
                .exec(&txn)
                .await?;
        }
        WhatIf::Rush { order_id } => {
            jobs::Entity::update_many()
                .col_expr(jobs::Column::Rush, Expr::value(true))
                .filter(jobs::Column::OrderId.eq(order_id))
                .exec(&txn)
                .await?;
            orders::Entity::update_many()
                .col_expr(orders::Column::Priority, Expr::value("rush"))
                .col_expr(orders::Column::Version, Expr::col(orders::Column::Version).add(1))
                .filter(orders::Column::Id.eq(order_id))
                .exec(&txn)
                .await?;
        }
        WhatIf::Down { resource_id, hours } => {
            let now = crate::clock::now();
            sea_orm::ActiveModelTrait::insert(
                resource_downtime::ActiveModel {
                    resource_id: Set(resource_id),
                    starts_at: Set(now),
                    ends_at: Set(now + Duration::hours(hours as i64)),
                    reason: Set("Marked down from what-if".into()),
                    ..Default::default()
                },
                &txn,
            )
            .await?;
        }
    }
    crate::services::events::commit(db, txn, actor, vec![crate::domain::events::DomainEvent::FloorChanged { what: crate::domain::events::FloorChange::WhatIf }]).await?;
    // Planned now, so the page that asked shows the new plan at once.
    replan(db, tz).await?;
    Ok(())
}
