//! Keeping the template rows in step with Meta: the sync reads the account's whole template
//! list (status, quality, rejection reason, and content edited in WhatsApp Manager) and makes
//! the rows match it; template webhooks (`message_template_status_update`,
//! `message_template_quality_update`, stored by `intake`) are applied as they come, from
//! `statuses::apply_pending`. Applying is idempotent: a repeated event changes nothing.
use super::client::CloudApi;
use super::templates::{refused, spec_json};
use crate::db::e::{wa_inbound, wa_templates};
use crate::db::Db;
use crate::domain::whatsapp::template::{Quality, TemplateStatus};
pub use crate::dto::wa_templates::SyncReport;
use crate::error::AppResult;
use crate::services::Actor;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::Value;
use std::collections::HashMap;

/// Makes the rows match the account: new templates added, changed ones updated, the ones gone
/// from the account removed. The list is read whole first (`list_templates` never returns a
/// partial one), so a failed read changes nothing.
pub async fn sync(db: &Db, api: &CloudApi, actor: &Actor) -> AppResult<SyncReport> {
    let remote = api.list_templates().await.map_err(refused)?;
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    let mut local: HashMap<(String, String), wa_templates::Model> =
        wa_templates::Entity::find().all(&txn).await?.into_iter().map(|m| ((m.name.clone(), m.language.clone()), m)).collect();
    let mut report = SyncReport { total: remote.len() as u32, ..Default::default() };
    for r in remote {
        let t = &r.template;
        let fields = (
            r.id.clone(),
            t.category.as_str().to_string(),
            t.status.as_str().to_string(),
            t.quality.as_str().to_string(),
            r.rejected_reason.clone().unwrap_or_default(),
            spec_json(t),
            r.unsupported.join(", "),
        );
        match local.remove(&(t.name.clone(), t.language.clone())) {
            Some(m) => {
                let current = (
                    m.remote_id.clone(),
                    m.category.clone(),
                    m.status.clone(),
                    m.quality.clone(),
                    m.rejected_reason.clone(),
                    m.spec_json.clone(),
                    m.unsupported.clone(),
                );
                let changed = current != fields;
                let mut a: wa_templates::ActiveModel = m.into();
                if changed {
                    report.updated += 1;
                    let (remote_id, category, status, quality, reason, spec, unsupported) = fields;
                    a.remote_id = Set(remote_id);
                    a.category = Set(category);
                    a.status = Set(status);
                    a.quality = Set(quality);
                    a.rejected_reason = Set(reason);
                    a.spec_json = Set(spec);
                    a.unsupported = Set(unsupported);
                    a.updated_at = Set(now);
                }
                a.synced_at = Set(Some(now));
                a.update(&txn).await?;
            }
            None => {
                report.added += 1;
                let (remote_id, category, status, quality, reason, spec, unsupported) = fields;
                wa_templates::ActiveModel {
                    remote_id: Set(remote_id),
                    name: Set(t.name.clone()),
                    language: Set(t.language.clone()),
                    category: Set(category),
                    status: Set(status),
                    quality: Set(quality),
                    rejected_reason: Set(reason),
                    spec_json: Set(spec),
                    unsupported: Set(unsupported),
                    updated_at: Set(now),
                    synced_at: Set(Some(now)),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    // What is left was deleted on the account (in WhatsApp Manager, say).
    for m in local.into_values() {
        report.removed += 1;
        wa_templates::Entity::delete_by_id(m.id).exec(&txn).await?;
    }
    let detail = format!("{} added, {} updated, {} removed", report.added, report.updated, report.removed);
    crate::services::audit::record(&txn, actor, "wa_template_sync", "wa_template", None, &detail).await?;
    txn.commit().await?;
    Ok(report)
}

/// Applies one stored template event inside the caller's transaction; whether it is finished
/// with. An event for a template we have no row for yet (its create is still being recorded)
/// waits, like a status for an unknown message, and is dropped after a day.
pub(super) async fn apply_event<C: ConnectionTrait>(c: &C, item: &wa_inbound::Model) -> AppResult<bool> {
    let detail: Value = serde_json::from_str(&item.detail).unwrap_or(Value::Null);
    let Some(template_id) = detail["template_id"].as_str().filter(|s| !s.is_empty()) else { return Ok(true) };
    let row = wa_templates::Entity::find().filter(wa_templates::Column::RemoteId.eq(template_id)).one(c).await?;
    let Some(row) = row else {
        return Ok((crate::clock::now() - item.received_at).num_hours() >= super::statuses::ORPHAN_HOURS);
    };
    // A sync read after the event already holds Meta's newer word (an event that waited for
    // its row can be older than the sync that brought the row).
    let time = detail["time"].as_i64();
    if let (Some(t), Some(synced)) = (time, row.synced_at) {
        if t < synced.timestamp() {
            return Ok(true);
        }
    }
    let status = detail["status"].as_str().map(TemplateStatus::parse);
    let quality = detail["quality"].as_str().map(Quality::parse);
    let mut a: wa_templates::ActiveModel = row.clone().into();
    let mut changed = false;
    if let Some(s) = status.filter(|s| s.as_str() != row.status) {
        a.status = Set(s.as_str().into());
        changed = true;
    }
    // A review verdict carries its reason ("NONE" was dropped when parsed); a quality change
    // says nothing about it.
    if status.is_some() {
        let reason = detail["reason"].as_str().unwrap_or("").to_string();
        if reason != row.rejected_reason {
            a.rejected_reason = Set(reason);
            changed = true;
        }
    }
    if let Some(q) = quality.filter(|q| q.as_str() != row.quality) {
        a.quality = Set(q.as_str().into());
        changed = true;
    }
    if changed {
        a.updated_at = Set(crate::clock::now());
        a.update(c).await?;
    }
    Ok(true)
}
