//! WhatsApp message templates: every staff role may see them (and what the app uses them for);
//! owners and managers (`can::PLAN`, as for campaigns and rules) create, edit, delete and sync
//! them, since they speak for the shop and go through Meta's review. A template that breaks
//! one of Meta's rules is a field error on the input it names.
use crate::domain::whatsapp::template::Template;
use crate::dto::wa_templates::{SyncReport, TemplatesView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ctx {
    pub use crate::auth::context::state;
    pub use crate::auth::require_staff;
    pub use crate::domain::roles::can;
    pub use crate::services::whatsapp::{template_sync, templates};
    use crate::db::e::wa_templates;
    use crate::dto::wa_templates::TemplateRow;
    use crate::services::local_time;

    pub fn row(m: &wa_templates::Model, tz: chrono_tz::Tz) -> TemplateRow {
        TemplateRow {
            id: m.id,
            spec: templates::spec(m),
            rejected_reason: m.rejected_reason.clone(),
            unsupported: m.unsupported.clone(),
            updated: local_time(m.updated_at, tz),
            synced: m.synced_at.map(|t| local_time(t, tz)),
            used_by: Vec::new(),
        }
    }
}

/// Every template with its status and quality, and the ones the app needs but lacks.
#[server]
pub async fn wa_templates() -> Result<TemplatesView, AppError> {
    use crate::dto::wa_templates::attach_uses;
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    let tz = s.config.timezone();
    let mut rows: Vec<_> = templates::list(&s.db).await?.iter().map(|m| row(m, tz)).collect();
    let missing = attach_uses(&mut rows, templates::needed(&s.db).await?);
    Ok(TemplatesView { rows, missing })
}

/// Submits a new template for Meta's review; answers with its id.
#[server(input = Json)]
pub async fn wa_template_create(spec: Template) -> Result<i32, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    let api = templates::api(&s.config.whatsapp)?;
    Ok(templates::create(&s.db, &api, &(&user).into(), &spec).await?.id)
}

/// New content for a reviewed template (it goes back into review).
#[server(input = Json)]
pub async fn wa_template_edit(id: i32, spec: Template) -> Result<i32, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    let api = templates::api(&s.config.whatsapp)?;
    Ok(templates::edit(&s.db, &api, &(&user).into(), id, &spec).await?.id)
}

#[server]
pub async fn wa_template_delete(id: i32) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    let api = templates::api(&s.config.whatsapp)?;
    templates::delete(&s.db, &api, &(&user).into(), id).await
}

/// Reads every template, its status and quality from the account and updates the list.
#[server]
pub async fn wa_template_sync() -> Result<SyncReport, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    let api = templates::api(&s.config.whatsapp)?;
    template_sync::sync(&s.db, &api, &(&user).into()).await
}
