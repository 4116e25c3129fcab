//! Bulk WhatsApp campaigns for owners and managers (`can::PLAN`): they cost money per message
//! and speak for the shop, so other roles do not see or start them. The cost estimate uses the
//! configured rates (`[whatsapp.rates]`); times go out in the shop's time zone.
use crate::domain::whatsapp::campaign::CampaignInput;
use crate::dto::campaigns::{CampaignDetail, CampaignRow, PreviewView, ProductChoice};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ctx {
    pub use crate::auth::context::state;
    pub use crate::auth::require_staff;
    pub use crate::domain::roles::can;
    pub use crate::services::whatsapp::campaigns;
    use crate::db::e::wa_campaigns;
    use crate::db::Db;
    use crate::domain::whatsapp::campaign::{CampaignStatus, Progress};
    use crate::dto::campaigns::CampaignRow;
    use crate::error::AppResult;
    use crate::services::local_time;

    /// One stored campaign as the page shows it; a state the service does not write reads as
    /// cancelled, so nothing can be done to it.
    pub fn row(m: wa_campaigns::Model, progress: Option<Progress>, tz: chrono_tz::Tz) -> CampaignRow {
        CampaignRow {
            id: m.id,
            status: CampaignStatus::parse(&m.status).unwrap_or(CampaignStatus::Cancelled),
            name: m.name,
            template: m.template,
            language: m.language,
            recipients: m.recipients,
            estimate_paise: m.estimate_paise,
            created: local_time(m.created_at, tz),
            started: m.started_at.map(|t| local_time(t, tz)),
            finished: m.finished_at.map(|t| local_time(t, tz)),
            progress,
        }
    }

    /// The row with its per-recipient counts once it was started. Counting is also what marks
    /// a campaign done when nothing is left queued.
    pub async fn counted(db: &Db, m: wa_campaigns::Model, tz: chrono_tz::Tz) -> AppResult<CampaignRow> {
        if m.started_at.is_none() {
            return Ok(row(m, None, tz));
        }
        let (m, p) = campaigns::progress(db, m.id).await?;
        Ok(row(m, Some(p), tz))
    }
}

/// Every campaign, the newest first, with its progress.
#[server]
pub async fn campaign_list() -> Result<Vec<CampaignRow>, AppError> {
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    let tz = s.config.timezone();
    let mut out = Vec::new();
    for m in campaigns::list(&s.db).await? {
        out.push(counted(&s.db, m, tz).await?);
    }
    Ok(out)
}

/// The products the audience filter offers, inactive ones too (customers bought them before).
#[server]
pub async fn campaign_products() -> Result<Vec<ProductChoice>, AppError> {
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    let list = crate::services::products::list(&s.db, false).await?;
    Ok(list.into_iter().map(|p| ProductChoice { id: p.id, name: p.input.name }).collect())
}

/// Who would get the campaign, the first recipients' filled-in variables, and the cost.
#[server(input = Json)]
pub async fn campaign_preview(input: CampaignInput) -> Result<PreviewView, AppError> {
    use crate::dto::campaigns::SampleRecipient;
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    let p = campaigns::preview(&s.db, &input, &s.config.whatsapp.rates).await?;
    let sample = p.sample.into_iter().map(|r| SampleRecipient { customer_id: r.customer_id, name: r.name, phone: r.phone, variables: r.variables }).collect();
    Ok(PreviewView { count: p.count, estimate: p.estimate, sample })
}

/// Saves a campaign as a draft; answers with its id.
#[server(input = Json)]
pub async fn campaign_create(input: CampaignInput) -> Result<i32, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    campaigns::create(&s.db, &(&user).into(), &input).await
}

/// Queues every recipient's message; answers how many. An empty audience is a field error on
/// `audience`.
#[server]
pub async fn campaign_start(id: i32) -> Result<u64, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    campaigns::start(&s.db, &(&user).into(), id, &s.config.whatsapp.rates).await
}

#[server]
pub async fn campaign_pause(id: i32) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    campaigns::pause(&s.db, &(&user).into(), id).await
}

#[server]
pub async fn campaign_resume(id: i32) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    campaigns::resume(&s.db, &(&user).into(), id).await
}

/// One campaign with its per-recipient counts and its audience in words.
#[server]
pub async fn campaign_progress(id: i32) -> Result<CampaignDetail, AppError> {
    use crate::domain::whatsapp::campaign::Audience;
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    let (m, p) = campaigns::progress(&s.db, id).await?;
    let variables: Vec<String> = serde_json::from_str(&m.variables).unwrap_or_default();
    let audience: Audience = serde_json::from_str(&m.audience).unwrap_or_default();
    let products = if audience.products.is_empty() { Vec::new() } else { crate::services::products::list(&s.db, false).await? };
    let audience_label = crate::dto::campaigns::audience_label(&audience, |id| products.iter().find(|p| p.id == id).map(|p| p.input.name.clone()));
    let progress = m.started_at.is_some().then_some(p);
    Ok(CampaignDetail { row: row(m, progress, s.config.timezone()), variables, audience, audience_label })
}
