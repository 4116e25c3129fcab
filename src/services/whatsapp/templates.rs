//! Message templates (issue 12, item 8): create, edit and delete them on the business account
//! and keep a row per (name, language). Meta's rules are checked first (`domain::whatsapp::
//! template_rules`): a template that breaks one is refused field by field, and nothing is sent
//! to Meta or stored. Meta's review status and quality arrive by webhook or by the sync
//! (`template_sync`). The Cloud API call comes before the transaction that records it, so no
//! database lock is held across the network; a call that fails records nothing.
use super::client::{CloudApi, SendError};
use crate::config::WhatsAppSettings;
use crate::db::e::wa_templates;
use crate::db::Db;
use crate::domain::whatsapp::errors::ErrorClass;
use crate::domain::whatsapp::template::{Category, Quality, Template, TemplateStatus};
use crate::domain::whatsapp::template_edit::check;
use crate::dto::wa_templates::NeededTemplate;
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// The audit log's name for these rows.
const ENTITY: &str = "wa_template";

/// The client for the configured account (the built-in simulator when no token is set).
pub fn api(settings: &WhatsAppSettings) -> AppResult<CloudApi> {
    CloudApi::new(settings).map_err(|e| AppError::Rejected(format!("WhatsApp is not set up correctly: {e}")))
}

/// A failed Cloud API call in words for staff; nothing was changed on our side.
pub(super) fn refused(e: SendError) -> AppError {
    match e.class {
        ErrorClass::Transient | ErrorClass::RateLimited => {
            AppError::Rejected(format!("WhatsApp could not be reached ({e}). Nothing was changed; please try again."))
        }
        ErrorClass::TokenExpired => AppError::Rejected(format!("WhatsApp refused the access token ({e}). Check the WhatsApp settings.")),
        _ => AppError::Rejected(format!("WhatsApp did not accept it: {e}")),
    }
}

/// The content as stored: status and quality live in their own columns, so the JSON changes
/// only when the content does.
pub(super) fn spec_json(t: &Template) -> String {
    let t = Template { status: TemplateStatus::default(), quality: Quality::default(), ..t.clone() };
    serde_json::to_string(&t).unwrap_or_default()
}

/// A row's template with its current status and quality. A spec that no longer reads (written
/// by an older version) comes back with its name and category and no content.
pub fn spec(m: &wa_templates::Model) -> Template {
    let mut t: Template = serde_json::from_str(&m.spec_json).unwrap_or_else(|_| Template::empty(m.name.clone(), Category::parse(&m.category).unwrap_or(Category::Utility), m.language.clone()));
    t.status = TemplateStatus::parse(&m.status);
    t.quality = Quality::parse(&m.quality);
    t
}

/// Leading and trailing blanks of the key fields are typing noise, not content.
fn tidy(t: &Template) -> Template {
    Template { name: t.name.trim().to_string(), language: t.language.trim().to_string(), ..t.clone() }
}

fn checked(stored: Option<&Template>, t: &Template) -> AppResult<()> {
    let e = check(stored, t);
    if e.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(e))
    }
}

/// Every template, by name then language.
pub async fn list(db: &Db) -> AppResult<Vec<wa_templates::Model>> {
    Ok(wa_templates::Entity::find()
        .order_by_asc(wa_templates::Column::Name)
        .order_by_asc(wa_templates::Column::Language)
        .all(&db.read)
        .await?)
}

pub async fn get(db: &Db, id: i32) -> AppResult<wa_templates::Model> {
    wa_templates::Entity::find_by_id(id).one(&db.read).await?.ok_or_else(|| AppError::not_found("Template"))
}

/// Submits a new template for review and records it with the id and status Meta answered.
pub async fn create(db: &Db, api: &CloudApi, actor: &Actor, spec: &Template) -> AppResult<wa_templates::Model> {
    let spec = tidy(spec);
    checked(None, &spec)?;
    let taken = wa_templates::Entity::find()
        .filter(wa_templates::Column::Name.eq(spec.name.clone()))
        .filter(wa_templates::Column::Language.eq(spec.language.clone()))
        .one(&db.read)
        .await?;
    if taken.is_some() {
        return Err(AppError::field("name", "A template with this name already exists in this language"));
    }
    let (remote_id, status) = api.create_template(&spec.create_request()).await.map_err(refused)?;
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    let row = wa_templates::ActiveModel {
        remote_id: Set(remote_id),
        name: Set(spec.name.clone()),
        language: Set(spec.language.clone()),
        category: Set(spec.category.as_str().into()),
        status: Set(TemplateStatus::parse(&status).as_str().into()),
        quality: Set(Quality::Unknown.as_str().into()),
        rejected_reason: Set(String::new()),
        spec_json: Set(spec_json(&spec)),
        unsupported: Set(String::new()),
        updated_at: Set(now),
        synced_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::services::audit::record(&txn, actor, "wa_template_create", ENTITY, Some(row.id), &label(&row)).await?;
    txn.commit().await?;
    Ok(row)
}

/// New content for a reviewed template; it goes back into review. Name, language and category
/// stay (Meta's rule); a template still in review, or with parts the editor does not hold, is
/// refused before anything is sent.
pub async fn edit(db: &Db, api: &CloudApi, actor: &Actor, id: i32, edited: &Template) -> AppResult<wa_templates::Model> {
    let row = get(db, id).await?;
    if !row.unsupported.is_empty() {
        return Err(AppError::Rejected(format!(
            "This template has parts the editor does not handle ({}); edit it in WhatsApp Manager, then sync.",
            row.unsupported
        )));
    }
    let status = TemplateStatus::parse(&row.status);
    if !status.editable() {
        return Err(AppError::Rejected(format!(
            "WhatsApp only lets approved, rejected or paused templates be edited; this one is {}. Try again once Meta has reviewed it.",
            status.label().to_lowercase()
        )));
    }
    let edited = tidy(edited);
    checked(Some(&spec(&row)), &edited)?;
    api.edit_template(&row.remote_id, &edited.edit_request()).await.map_err(refused)?;
    let txn = db.write.begin().await?;
    let mut a: wa_templates::ActiveModel = row.into();
    // An edited template is reviewed again; its verdict comes by webhook or sync.
    a.status = Set(TemplateStatus::Pending.as_str().into());
    a.rejected_reason = Set(String::new());
    a.spec_json = Set(spec_json(&edited));
    a.updated_at = Set(crate::clock::now());
    let row = a.update(&txn).await?;
    crate::services::audit::record(&txn, actor, "wa_template_edit", ENTITY, Some(row.id), &label(&row)).await?;
    txn.commit().await?;
    Ok(row)
}

/// Deletes the template (this language only) on the account, then its row. One that is
/// already gone on Meta's side is simply removed here.
pub async fn delete(db: &Db, api: &CloudApi, actor: &Actor, id: i32) -> AppResult<()> {
    let row = get(db, id).await?;
    let remote = Some(row.remote_id.as_str()).filter(|r| !r.is_empty());
    match api.delete_template(&row.name, remote).await {
        Ok(()) => {}
        Err(e) if e.http_status == Some(404) => {}
        Err(e) => return Err(refused(e)),
    }
    let txn = db.write.begin().await?;
    wa_templates::Entity::delete_by_id(row.id).exec(&txn).await?;
    crate::services::audit::record(&txn, actor, "wa_template_delete", ENTITY, Some(row.id), &label(&row)).await?;
    txn.commit().await?;
    Ok(())
}

fn label(m: &wa_templates::Model) -> String {
    format!("{} ({})", m.name, m.language)
}

/// The templates PressDesk sends by itself: the staff reply outside the 24-hour window, the
/// portal's sign-in code and each order-update rule's (switched-off rules included: they may
/// be switched on).
pub async fn needed(db: &Db) -> AppResult<Vec<NeededTemplate>> {
    use super::conversations::STAFF_TEMPLATE;
    use crate::services::portal::auth::LOGIN_CODE_TEMPLATE;
    let mut out = vec![
        NeededTemplate { name: STAFF_TEMPLATE.0.into(), language: STAFF_TEMPLATE.1.into(), purpose: "Staff replies after 24 hours".into() },
        NeededTemplate { name: LOGIN_CODE_TEMPLATE.into(), language: "en".into(), purpose: "Portal sign-in code".into() },
    ];
    for r in super::notify::rules(db).await? {
        let off = if r.enabled { "" } else { " (off)" };
        out.push(NeededTemplate { name: r.template, language: r.language, purpose: format!("Order update: {}{off}", r.event.label()) });
    }
    Ok(out)
}
