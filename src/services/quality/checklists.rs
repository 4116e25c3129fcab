//! Quality checkpoints: a checklist per stage (and product), filled in per job. A failed
//! item opens rework: a defect is counted and the job goes back to a chosen stage.
use crate::db::e::{checklist_templates, checkpoints, defects, files, job_stages, jobs, orders, stages};
use crate::domain::floor::JobState;
use crate::db::Db;
use crate::domain::events::DomainEvent;
use crate::domain::quality::{check_items, checkpoint_status, CheckResult, ChecklistItem, CheckpointStatus, ItemResult, REASONS};
use crate::dto::quality::{ChecklistForm, ChecklistRow};
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::HashMap;

fn items(list: &[(&str, bool, bool)]) -> String {
    let v: Vec<ChecklistItem> = list.iter().map(|(l, r, p)| ChecklistItem { label: l.to_string(), required: *r, photo: *p }).collect();
    serde_json::to_string(&v).unwrap_or_default()
}

/// The shop's standard checklists.
pub async fn ensure_defaults(db: &Db) -> AppResult<()> {
    if checklist_templates::Entity::find().count(&db.read).await? > 0 {
        return Ok(());
    }
    let by_code: HashMap<String, i32> = stages::Entity::find().all(&db.read).await?.into_iter().map(|s| (s.code, s.id)).collect();
    let defaults: [(&str, &str, String); 3] = [
        ("printing", "Press check", items(&[("Colours match the approved proof", true, true), ("Registration within tolerance", true, false), ("First sheet signed off", true, false)])),
        ("finishing", "Finishing check", items(&[("Trim size within 1 mm", true, false), ("Lamination free of bubbles", false, true), ("Creases and folds clean", false, false)])),
        ("qc", "Final inspection", items(&[("Colours match approved proof", true, true), ("Bleed and trim marks correct", true, false), ("Count verified", true, false), ("Packed without damage", true, false)])),
    ];
    let txn = db.write.begin().await?;
    for (code, name, json) in defaults {
        if let Some(stage) = by_code.get(code) {
            checklist_templates::ActiveModel {
                stage_id: Set(*stage),
                product_id: Set(None),
                name: Set(name.into()),
                items_json: Set(json),
                active: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The template for a job at a stage: the product's own, else the stage's general one.
async fn template<C: ConnectionTrait>(c: &C, stage_id: i32, product_id: i32) -> AppResult<Option<checklist_templates::Model>> {
    let list = checklist_templates::Entity::find()
        .filter(checklist_templates::Column::StageId.eq(stage_id))
        .filter(checklist_templates::Column::Active.eq(true))
        .filter(Condition::any().add(checklist_templates::Column::ProductId.eq(product_id)).add(checklist_templates::Column::ProductId.is_null()))
        .all(c)
        .await?;
    Ok(list.iter().find(|t| t.product_id == Some(product_id)).or_else(|| list.first()).cloned())
}

async fn latest<C: ConnectionTrait>(c: &C, job_id: i32, stage_id: i32) -> AppResult<Option<checkpoints::Model>> {
    Ok(checkpoints::Entity::find()
        .filter(checkpoints::Column::JobId.eq(job_id))
        .filter(checkpoints::Column::StageId.eq(stage_id))
        .order_by_desc(checkpoints::Column::Id)
        .one(c)
        .await?)
}

/// Required items still open and items failed, for the gate. No checklist: (0, 0).
pub async fn gate_counts<C: ConnectionTrait>(c: &C, job: &jobs::Model, stage_id: i32) -> AppResult<(usize, usize)> {
    let Some(t) = template(c, stage_id, job.product_id).await? else { return Ok((0, 0)) };
    let results: Vec<ItemResult> = match latest(c, job.id, stage_id).await? {
        Some(cp) => serde_json::from_str(&cp.items_json).unwrap_or_default(),
        None => fresh(&t),
    };
    let open = results.iter().filter(|i| i.required && i.result == CheckResult::Open).count();
    let failed = results.iter().filter(|i| i.result == CheckResult::Fail).count();
    Ok((open, failed))
}

fn fresh(t: &checklist_templates::Model) -> Vec<ItemResult> {
    serde_json::from_str::<Vec<ChecklistItem>>(&t.items_json)
        .unwrap_or_default()
        .into_iter()
        .map(|i| ItemResult { label: i.label, required: i.required, result: CheckResult::Open, note: String::new(), photo: None })
        .collect()
}

pub async fn form(db: &Db, job_id: i32, stage_id: i32) -> AppResult<ChecklistForm> {
    let c = &db.read;
    let job = jobs::Entity::find_by_id(job_id).one(c).await?.ok_or(AppError::not_found("Job"))?;
    let stage = stages::Entity::find_by_id(stage_id).one(c).await?.ok_or(AppError::not_found("Stage"))?;
    let t = template(c, stage_id, job.product_id).await?.ok_or_else(|| AppError::Rejected(format!("{} has no checklist", stage.name)))?;
    let cp = latest(c, job_id, stage_id).await?;
    let items = match &cp {
        Some(cp) if cp.status != CheckpointStatus::Failed.as_str() => serde_json::from_str(&cp.items_json).unwrap_or_else(|_| fresh(&t)),
        _ => fresh(&t),
    };
    let order = orders::Entity::find_by_id(job.order_id).one(c).await?;
    let route = job_stages::Entity::find().filter(job_stages::Column::JobId.eq(job_id)).order_by_asc(job_stages::Column::Seq).all(c).await?;
    let names: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let here = route.iter().position(|s| s.stage_id == stage_id).unwrap_or(route.len());
    Ok(ChecklistForm {
        job_id,
        stage_id,
        stage: stage.name,
        title: format!("{}: {}", t.name, job.title),
        order_id: job.order_id,
        order_number: order.map(|o| o.number).unwrap_or_default(),
        status: cp.as_ref().and_then(|c| CheckpointStatus::parse(&c.status)).unwrap_or(CheckpointStatus::Open),
        completed_by: cp.map(|c| c.completed_by_name).unwrap_or_default(),
        items,
        back_to: route.iter().take(here.max(1)).map(|s| (s.stage_id, names.get(&s.stage_id).cloned().unwrap_or_default())).collect(),
    })
}

/// Saves a checklist. When it fails, a defect is recorded per failed item and, if
/// `rework` names an earlier stage and a reason, the job is sent back there.
pub async fn save(db: &Db, actor: &Actor, job_id: i32, stage_id: i32, results: &[ItemResult], rework: Option<(i32, String)>) -> AppResult<CheckpointStatus> {
    check_items(results).map_err(|m| AppError::field("items", &m))?;
    if results.iter().any(|i| i.note.chars().count() > 500) {
        return Err(AppError::field("items", "Notes are at most 500 characters"));
    }
    // A photo must be one uploaded through /quality/photos: an image in the file index.
    for photo in results.iter().filter_map(|i| i.photo.as_deref()) {
        let known = crate::storage::valid_hash(photo) && files::Entity::find_by_id(photo.to_string()).one(&db.read).await?.is_some_and(|f| f.mime.starts_with("image/"));
        if !known {
            return Err(AppError::field("items", "A photo was not found; take or upload it again"));
        }
    }
    let job = jobs::Entity::find_by_id(job_id).one(&db.read).await?.ok_or(AppError::not_found("Job"))?;
    let t = template(&db.read, stage_id, job.product_id).await?.ok_or_else(|| AppError::Rejected("This stage has no checklist".into()))?;
    // The template decides which items exist and which are required, not the form.
    let expected = fresh(&t);
    if expected.len() != results.len() || expected.iter().zip(results).any(|(e, r)| e.label != r.label) {
        return Err(AppError::Conflict("The checklist changed meanwhile; reload it".into()));
    }
    let merged: Vec<ItemResult> = expected.into_iter().zip(results).map(|(e, r)| ItemResult { required: e.required, ..r.clone() }).collect();
    let status = checkpoint_status(&merged);
    if let Some((_, reason)) = &rework {
        if !REASONS.iter().any(|(c, _)| c == reason) {
            return Err(AppError::field("reason", "Choose a reason"));
        }
    }
    if status == CheckpointStatus::Failed && rework.is_none() {
        return Err(AppError::field("reason", "A failed check needs a reason and the stage to redo"));
    }
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    checkpoints::ActiveModel {
        job_id: Set(job_id),
        stage_id: Set(stage_id),
        template_id: Set(t.id),
        name: Set(t.name.clone()),
        items_json: Set(serde_json::to_string(&merged).unwrap_or_default()),
        status: Set(status.as_str().into()),
        completed_by: Set(actor.staff_id()),
        completed_by_name: Set(actor.label()),
        completed_at: Set((status != CheckpointStatus::Open).then_some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if status == CheckpointStatus::Failed {
        let (back, reason) = rework.clone().unwrap_or((stage_id, "other".into()));
        for item in merged.iter().filter(|i| i.result == CheckResult::Fail) {
            defects::ActiveModel {
                job_id: Set(job_id),
                order_id: Set(job.order_id),
                product_id: Set(job.product_id),
                stage_id: Set(stage_id),
                back_to_stage_id: Set(Some(back)),
                reason: Set(reason.clone()),
                note: Set(format!("{}: {}", item.label, item.note.trim())),
                created_by_name: Set(actor.label()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let mut events = vec![DomainEvent::ChecklistSaved { job_id, order_id: job.order_id, stage_id, passed: status == CheckpointStatus::Passed }];
    if let (CheckpointStatus::Failed, Some((back, _))) = (status, rework) {
        // The job as it is inside this transaction, not as read before it.
        let current = jobs::Entity::find_by_id(job_id).one(&txn).await?.ok_or(AppError::not_found("Job"))?;
        if back != current.stage_id {
            let req = crate::services::production::moves::MoveRequest { job_id, to_stage: back, index: 0, version: current.version, override_reason: None };
            crate::services::production::moves::move_in(&txn, actor, &req, &mut events).await?;
        }
    }
    crate::services::events::commit(db, txn, actor, events).await?;
    Ok(status)
}

/// Jobs sitting in a stage with a checklist that is not passed yet.
pub async fn open(db: &Db) -> AppResult<Vec<ChecklistRow>> {
    let c = &db.read;
    let templates = checklist_templates::Entity::find().filter(checklist_templates::Column::Active.eq(true)).all(c).await?;
    let stage_ids: Vec<i32> = templates.iter().map(|t| t.stage_id).collect();
    let list = jobs::Entity::find()
        .filter(jobs::Column::State.eq(JobState::Active.as_str()))
        .filter(jobs::Column::StageId.is_in(stage_ids))
        .order_by_asc(jobs::Column::DueDate)
        .all(c)
        .await?;
    let names: HashMap<i32, String> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let numbers: HashMap<i32, String> = orders::Entity::find()
        .filter(orders::Column::Id.is_in(list.iter().map(|j| j.order_id).collect::<Vec<_>>()))
        .all(c)
        .await?
        .into_iter()
        .map(|o| (o.id, o.number))
        .collect();
    let mut rows = Vec::new();
    for j in list.into_iter().take(200) {
        let status = latest(c, j.id, j.stage_id).await?.and_then(|cp| CheckpointStatus::parse(&cp.status)).unwrap_or(CheckpointStatus::Open);
        if status != CheckpointStatus::Passed {
            rows.push(ChecklistRow {
                job_id: j.id,
                stage_id: j.stage_id,
                stage: names.get(&j.stage_id).cloned().unwrap_or_default(),
                order_number: numbers.get(&j.order_id).cloned().unwrap_or_default(),
                title: j.title,
                status,
            });
        }
    }
    Ok(rows)
}
