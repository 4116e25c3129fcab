//! Production history for the demo shop: jobs for every open order placed where their
//! order's status says, and finished jobs for recent deliveries, with stage times, so the
//! board, the timeline and the bottleneck figures have something real to show.
use crate::db::e::{job_stages, jobs, orders, stage_events, stages};
use crate::domain::floor::{JobState, StageEventKind, StageState};
use crate::db::Db;
use crate::domain::order::OrderStatus;
use crate::error::AppResult;
use crate::services::production::{jobs as job_svc, setup};
use crate::services::Actor;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};
use std::collections::HashMap;

/// Most recent deliveries given a full production history (enough for four weeks of stats).
const HISTORY_ORDERS: u64 = 600;
const OPEN_ORDERS: u64 = 2500;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// Stage a job of an order in `status` sits in, as an index into its routing.
fn target_index(status: OrderStatus, len: usize, rng: &mut Lcg) -> usize {
    let last_work = len.saturating_sub(3); // before dispatch and delivered
    match status {
        OrderStatus::Confirmed => rng.below(2) as usize,
        OrderStatus::Ready => len.saturating_sub(2),
        OrderStatus::Delivered => len.saturating_sub(1),
        _ => 1 + rng.below(last_work.max(1) as u64) as usize,
    }
    .min(len.saturating_sub(1))
}

pub async fn seed(db: &Db, seed: u64) -> AppResult<usize> {
    setup::ensure_defaults(db).await?;
    let mut rng = Lcg(seed ^ 0x5eed_0f_90b5);
    let open_statuses = ["confirmed", "in_production", "ready", "on_hold"];
    let mut ids: Vec<(i32, String)> = orders::Entity::find()
        .select_only()
        .columns([orders::Column::Id, orders::Column::Status])
        .filter(orders::Column::Status.is_in(open_statuses))
        .order_by_desc(orders::Column::Id)
        .limit(OPEN_ORDERS)
        .into_tuple()
        .all(&db.read)
        .await?;
    let delivered: Vec<(i32, String)> = orders::Entity::find()
        .select_only()
        .columns([orders::Column::Id, orders::Column::Status])
        .filter(orders::Column::Status.eq("delivered"))
        .order_by_desc(orders::Column::Id)
        .limit(HISTORY_ORDERS)
        .into_tuple()
        .all(&db.read)
        .await?;
    ids.extend(delivered);
    ids.sort();
    let stage_codes: HashMap<i32, String> = stages::Entity::find().all(&db.read).await?.into_iter().map(|s| (s.id, s.code)).collect();
    let actor = Actor::System;
    let now = crate::clock::now();
    let mut created = 0;
    for chunk in ids.chunks(200) {
        let txn = db.write.begin().await?;
        for (order_id, status) in chunk {
            let status = OrderStatus::parse(status).unwrap_or(OrderStatus::Confirmed);
            if job_svc::create_for_order(&txn, *order_id, &actor).await? == 0 {
                continue;
            }
            let order = orders::Entity::find_by_id(*order_id).one(&txn).await?;
            let order_end = order.as_ref().map(|o| o.updated_at.min(now)).unwrap_or(now);
            for job in jobs::Entity::find().filter(jobs::Column::OrderId.eq(*order_id)).all(&txn).await? {
                let steps = job_stages::Entity::find()
                    .filter(job_stages::Column::JobId.eq(job.id))
                    .order_by_asc(job_stages::Column::Seq)
                    .all(&txn)
                    .await?;
                let target = target_index(status, steps.len(), &mut rng);
                // Walk back from "now" (or the delivery) through the stages already passed.
                let mut t: DateTime<Utc> = if status == OrderStatus::Delivered { order_end } else { now - Duration::minutes(rng.below(240) as i64) };
                let mut times = vec![(None, None); steps.len()];
                for i in (0..=target).rev() {
                    let s = &steps[i];
                    let work = s.std_minutes as i64;
                    // Printing queues longest: it is the shop's busiest machine.
                    let queue_scale = if stage_codes.get(&s.stage_id).map(String::as_str) == Some("printing") { 5 } else { 2 };
                    let queue = rng.below(work.max(30) as u64 * queue_scale) as i64;
                    let left = if i == target { None } else { Some(t) };
                    let entered = t - Duration::minutes(if i == target { queue / 2 } else { work + queue });
                    times[i] = (Some(entered), left);
                    t = entered;
                }
                let created_at = times[0].0.unwrap_or(now);
                for (i, s) in steps.iter().enumerate() {
                    let (entered, left) = times[i];
                    let state = if i < target || (status == OrderStatus::Delivered && i == target) { StageState::Done } else if i == target { StageState::Active } else { StageState::Pending }.as_str();
                    job_stages::Entity::update_many()
                        .col_expr(job_stages::Column::State, Expr::value(state))
                        .col_expr(job_stages::Column::EnteredAt, Expr::value(entered))
                        .col_expr(job_stages::Column::LeftAt, Expr::value(left))
                        .col_expr(job_stages::Column::WorkedMinutes, Expr::value(if left.is_some() { s.std_minutes } else { 0 }))
                        .filter(job_stages::Column::Id.eq(s.id))
                        .exec(&txn)
                        .await?;
                }
                let stage_id = steps.get(target).map(|s| s.stage_id).unwrap_or(job.stage_id);
                let state = match status {
                    OrderStatus::Delivered => JobState::Done.as_str(),
                    OrderStatus::OnHold => JobState::OnHold.as_str(),
                    _ => JobState::Active.as_str(),
                };
                jobs::Entity::update_many()
                    .col_expr(jobs::Column::StageId, Expr::value(stage_id))
                    .col_expr(jobs::Column::State, Expr::value(state))
                    .col_expr(jobs::Column::Position, Expr::value(1024 * (1 + rng.below(5000) as i32)))
                    .col_expr(jobs::Column::EnteredStageAt, Expr::value(times.get(target).and_then(|t| t.0).unwrap_or(now)))
                    .col_expr(jobs::Column::CreatedAt, Expr::value(created_at))
                    .filter(jobs::Column::Id.eq(job.id))
                    .exec(&txn)
                    .await?;
                // The creation event already exists; record the passage through each stage.
                stage_events::Entity::delete_many().filter(stage_events::Column::JobId.eq(job.id)).exec(&txn).await?;
                let mut events = Vec::new();
                for (i, s) in steps.iter().enumerate().take(target + 1) {
                    let (Some(entered), left) = times[i] else { continue };
                    events.push(event(&job, s.stage_id, StageEventKind::Enter, entered, 0));
                    if let Some(l) = left {
                        events.push(event(&job, s.stage_id, StageEventKind::Leave, l, s.std_minutes));
                    }
                }
                if !events.is_empty() {
                    stage_events::Entity::insert_many(events).exec(&txn).await?;
                }
                created += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(created)
}

fn event(job: &jobs::Model, stage_id: i32, kind: StageEventKind, at: DateTime<Utc>, worked: i32) -> stage_events::ActiveModel {
    use sea_orm::Set;
    stage_events::ActiveModel {
        job_id: Set(job.id),
        order_id: Set(job.order_id),
        stage_id: Set(stage_id),
        kind: Set(kind.as_str().into()),
        from_stage_id: Set(None),
        to_stage_id: Set(Some(stage_id)),
        at: Set(at),
        user_id: Set(None),
        user_name: Set("Demo history".into()),
        worked_minutes: Set(worked),
        note: Set(String::new()),
        ..Default::default()
    }
}
