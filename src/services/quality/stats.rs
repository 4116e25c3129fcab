//! Quality statistics: first-pass yield per product and per stage, defect reasons
//! (Pareto), revisions per order line, approval turnaround, proofs waiting too long, and
//! what an order's quality page shows (overrides, defects).
use crate::db::e::{approval_steps, checkpoints, customers, defects, gate_overrides, jobs, orders, products, proofs, stages};
use crate::db::Db;
use crate::domain::quality::{first_pass_yield, pareto, reason_label, CheckpointStatus, StepKind};
use crate::dto::quality::{DefectView, OrderQuality, OverrideView, QualityStats, WaitingProof};
use crate::error::AppResult;
use crate::services::local_time;
use chrono::Duration;
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// `reminder_hours`: how long a proof may wait for the customer before it is listed.
pub async fn stats(db: &Db, days: i64, reminder_hours: i64) -> AppResult<QualityStats> {
    let c = &db.read;
    let since = crate::clock::now() - Duration::days(days);
    let cps = checkpoints::Entity::find().filter(checkpoints::Column::CreatedAt.gte(since)).order_by_asc(checkpoints::Column::Id).all(c).await?;
    let job_ids: Vec<i32> = cps.iter().map(|c| c.job_id).collect();
    let job_products: HashMap<i32, i32> = jobs::Entity::find().filter(jobs::Column::Id.is_in(job_ids)).all(c).await?.into_iter().map(|j| (j.id, j.product_id)).collect();
    let product_names: HashMap<i32, String> = products::Entity::find().all(c).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let stage_names: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.name)).collect();
    // First checkpoint per (job, stage) only: that is what "first pass" means.
    let mut first: BTreeMap<(i32, i32), CheckpointStatus> = BTreeMap::new();
    for cp in &cps {
        first.entry((cp.job_id, cp.stage_id)).or_insert(CheckpointStatus::parse(&cp.status).unwrap_or(CheckpointStatus::Open));
    }
    let mut by_product: BTreeMap<String, Vec<CheckpointStatus>> = BTreeMap::new();
    let mut by_stage: BTreeMap<String, Vec<CheckpointStatus>> = BTreeMap::new();
    for ((job, stage), status) in &first {
        let p = job_products.get(job).and_then(|p| product_names.get(p)).cloned().unwrap_or_default();
        by_product.entry(p).or_default().push(*status);
        by_stage.entry(stage_names.get(stage).cloned().unwrap_or_default()).or_default().push(*status);
    }
    let fpy = |m: BTreeMap<String, Vec<CheckpointStatus>>| {
        m.into_iter()
            .filter_map(|(k, v)| first_pass_yield(&v).map(|y| (k, y, v.iter().filter(|s| **s != CheckpointStatus::Open).count() as u64)))
            .collect::<Vec<_>>()
    };
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    for d in defects::Entity::find().filter(defects::Column::CreatedAt.gte(since)).all(c).await? {
        *reasons.entry(reason_label(&d.reason).to_string()).or_default() += 1;
    }
    let proof_rows = proofs::Entity::find().filter(proofs::Column::CreatedAt.gte(since)).all(c).await?;
    let mut per_line: HashMap<i32, i32> = HashMap::new();
    for p in &proof_rows {
        let e = per_line.entry(p.order_line_id).or_default();
        *e = (*e).max(p.version);
    }
    let avg_revisions = if per_line.is_empty() { 0.0 } else { per_line.values().map(|v| (*v - 1) as f64).sum::<f64>() / per_line.len() as f64 };
    let decided = approval_steps::Entity::find()
        .filter(approval_steps::Column::Step.eq(StepKind::Customer.as_str()))
        .filter(approval_steps::Column::DecidedAt.gte(since))
        .all(c)
        .await?;
    let turns: Vec<f64> = decided
        .iter()
        .filter_map(|s| Some((s.decided_at? - s.waiting_since?).num_minutes() as f64 / 60.0))
        .collect();
    Ok(QualityStats {
        fpy_by_product: fpy(by_product),
        fpy_by_stage: fpy(by_stage),
        pareto: pareto(&reasons.into_iter().collect::<Vec<_>>()),
        avg_revisions,
        approval_turnaround_h: if turns.is_empty() { 0.0 } else { turns.iter().sum::<f64>() / turns.len() as f64 },
        waiting: waiting(db, reminder_hours).await?,
        waiting_hours: reminder_hours,
        overrides: gate_overrides::Entity::find().filter(gate_overrides::Column::CreatedAt.gte(since)).count(c).await?,
    })
}

/// Proofs that have waited for the customer longer than `hours` (the reminder list).
pub async fn waiting(db: &Db, hours: i64) -> AppResult<Vec<WaitingProof>> {
    let c = &db.read;
    let cutoff = crate::clock::now() - Duration::hours(hours);
    let steps = approval_steps::Entity::find()
        .filter(approval_steps::Column::Step.eq(StepKind::Customer.as_str()))
        .filter(approval_steps::Column::Status.eq(crate::domain::quality::StepStatus::Pending.as_str()))
        .filter(approval_steps::Column::WaitingSince.lte(cutoff))
        .all(c)
        .await?;
    let proof_list = proofs::Entity::find()
        .filter(proofs::Column::Id.is_in(steps.iter().map(|s| s.proof_id).collect::<Vec<_>>()))
        .filter(proofs::Column::Status.eq("customer_review"))
        .all(c)
        .await?;
    let order_list = orders::Entity::find().filter(orders::Column::Id.is_in(proof_list.iter().map(|p| p.order_id).collect::<Vec<_>>())).all(c).await?;
    let names: HashMap<i32, String> = customers::Entity::find()
        .filter(customers::Column::Id.is_in(order_list.iter().map(|o| o.customer_id).collect::<Vec<_>>()))
        .all(c)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let orders_by_id: HashMap<i32, &orders::Model> = order_list.iter().map(|o| (o.id, o)).collect();
    let now = crate::clock::now();
    Ok(proof_list
        .iter()
        .filter_map(|p| {
            let s = steps.iter().find(|s| s.proof_id == p.id)?;
            let o = orders_by_id.get(&p.order_id)?;
            Some(WaitingProof {
                proof_id: p.id,
                order_id: o.id,
                order_number: o.number.clone(),
                customer: names.get(&o.customer_id).cloned().unwrap_or_default(),
                version: p.version,
                waiting_hours: (now - s.waiting_since?).num_minutes() as f64 / 60.0,
            })
        })
        .collect())
}

pub async fn for_order(db: &Db, order_id: i32, tz: Tz) -> AppResult<OrderQuality> {
    let c = &db.read;
    crate::services::orders::must_exist(c, order_id).await?;
    let names: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let titles: HashMap<i32, String> = jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).all(c).await?.into_iter().map(|j| (j.id, j.title)).collect();
    let stage = |id: i32| names.get(&id).cloned().unwrap_or_default();
    let overrides = gate_overrides::Entity::find()
        .filter(gate_overrides::Column::OrderId.eq(order_id))
        .order_by_asc(gate_overrides::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|o| OverrideView {
            job: titles.get(&o.job_id).cloned().unwrap_or_default(),
            from: stage(o.from_stage_id),
            to: stage(o.to_stage_id),
            blocked_by: o.blocked_by,
            reason: o.reason,
            by: o.user_name,
            at: local_time(o.created_at, tz),
        })
        .collect();
    let defects = defects::Entity::find()
        .filter(defects::Column::OrderId.eq(order_id))
        .order_by_asc(defects::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|d| DefectView {
            job: titles.get(&d.job_id).cloned().unwrap_or_default(),
            stage: stage(d.stage_id),
            reason: reason_label(&d.reason).to_string(),
            note: d.note,
            by: d.created_by_name,
            at: local_time(d.created_at, tz),
        })
        .collect();
    Ok(OrderQuality { lines: super::proofs::for_order(db, order_id, tz).await?, overrides, defects, checklists: vec![] })
}
