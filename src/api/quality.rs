//! Quality server functions: proofs and approvals (staff and the customer's signed link),
//! comments, checklists and statistics. Proof files are uploaded through
//! `POST /proofs/upload` (a plain handler with a size limit), not a server function.
#[cfg(feature = "ssr")]
use crate::domain::quality::Decision;
use crate::domain::quality::ItemResult;
use crate::dto::quality::{ApprovalPage, ChainRow, ChecklistForm, ChecklistRow, OrderQuality, QualityStats};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ctx {
    pub use crate::auth::context::{request_meta, state};
    pub use crate::auth::require_staff;
    pub use crate::domain::roles::can;
}

#[server]
pub async fn load_order_quality(order_id: i32) -> Result<OrderQuality, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::quality::stats::for_order(&s.db, order_id, s.config.timezone()).await
}

/// A manager's internal review of a proof.
#[server]
pub async fn review_proof(proof_id: i32, approve: bool, comment: String) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    let decision = if approve { Decision::Approve } else { Decision::RequestChanges };
    crate::services::quality::proofs::review(&s.db, &(&user).into(), proof_id, decision, &comment, &request_meta().ip).await?;
    Ok(())
}

/// A signed approval link for the customer (valid 14 days), as a path.
#[server]
pub async fn proof_link(proof_id: i32) -> Result<String, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    let secret = crate::services::quality::links::secret(&s.db).await?;
    let exp = (crate::clock::now() + chrono::Duration::days(crate::services::quality::links::DEFAULT_DAYS)).timestamp();
    Ok(crate::services::quality::links::path(&secret, proof_id, exp))
}

#[server]
pub async fn comment_proof(proof_id: i32, x: Option<f64>, y: Option<f64>, body: String) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::VIEW).await?;
    let s = state()?;
    let at = x.zip(y);
    crate::services::quality::proofs::add_comment(&s.db, &(&user).into(), proof_id, at, &body).await
}

#[cfg(feature = "ssr")]
async fn check_link(proof_id: i32, exp: i64, sig: &str) -> Result<crate::state::AppState, AppError> {
    use crate::services::quality::links::{secret, verify, LinkCheck};
    let s = ctx::state()?;
    let key = secret(&s.db).await?;
    match verify(&key, proof_id, exp, sig, crate::clock::now().timestamp()) {
        LinkCheck::Valid => Ok(s),
        LinkCheck::Expired => Err(AppError::Rejected("This approval link has expired. Ask the shop for a new one.".into())),
        LinkCheck::Forged => Err(AppError::NotFound("Proof".into())),
    }
}

/// The customer's approval page data (no sign-in: the signed link is the key).
#[server]
pub async fn load_approval_page(proof_id: i32, exp: i64, sig: String) -> Result<ApprovalPage, AppError> {
    use crate::services::quality::links::{secret, verify, LinkCheck};
    let s = ctx::state()?;
    let key = secret(&s.db).await?;
    let check = verify(&key, proof_id, exp, &sig, crate::clock::now().timestamp());
    if check == LinkCheck::Forged {
        return Err(AppError::NotFound("Proof".into()));
    }
    crate::services::quality::approval::page(&s.db, proof_id, check == LinkCheck::Expired, &s.config.shop.name, s.config.timezone()).await
}

/// The customer signs and approves. Posted as a plain HTML form from the approval page
/// (no WebAssembly there): the browser comes back to the link with `?ok=` or `?error=`.
#[server]
pub async fn customer_approve(proof_id: i32, exp: i64, sig: String, full_name: String, statement: Option<String>) -> Result<(), AppError> {
    let r = async {
        let s = check_link(proof_id, exp, &sig).await?;
        let ip = ctx::request_meta().ip;
        crate::services::quality::proofs::customer_decision(&s.db, proof_id, Decision::Approve, &full_name, statement.is_some(), "", &[], &ip).await?;
        Ok::<(), AppError>(())
    }
    .await;
    crate::api::form::outcome(r, None, "approved")
}

/// The customer asks for changes: a comment and/or pins. `pins` is the JSON array of
/// `PinInput` (x, y as fractions of the image) that the page's script keeps in a hidden
/// field; a plain form without the script sends "[]" or nothing.
#[server]
pub async fn customer_request_changes(proof_id: i32, exp: i64, sig: String, comment: String, pins: String) -> Result<(), AppError> {
    let r = async {
        let pins: Vec<crate::dto::quality::PinInput> = match pins.trim() {
            "" => Vec::new(),
            json => serde_json::from_str(json).map_err(|_| AppError::field("pins", "The pins could not be read: remove them and pin again"))?,
        };
        let s = check_link(proof_id, exp, &sig).await?;
        let ip = ctx::request_meta().ip;
        crate::services::quality::proofs::customer_decision(&s.db, proof_id, Decision::RequestChanges, "", false, &comment, &pins, &ip).await?;
        Ok::<(), AppError>(())
    }
    .await;
    crate::api::form::outcome(r, None, "changes")
}

#[server]
pub async fn load_checklist_form(job_id: i32, stage_id: i32) -> Result<ChecklistForm, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::quality::checklists::form(&s.db, job_id, stage_id).await
}

#[server(input = Json)]
pub async fn save_checklist(job_id: i32, stage_id: i32, items: Vec<ItemResult>, rework: Option<(i32, String)>) -> Result<String, AppError> {
    use ctx::*;
    let user = require_staff(can::PRODUCE).await?;
    let s = state()?;
    let status = crate::services::quality::checklists::save(&s.db, &(&user).into(), job_id, stage_id, &items, rework).await?;
    Ok(status.as_str().to_string())
}

#[server]
pub async fn open_checklists() -> Result<Vec<ChecklistRow>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::quality::checklists::open(&s.db).await
}

#[server]
pub async fn load_quality_stats() -> Result<QualityStats, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::quality::stats::stats(&s.db, 90, s.config.quality.customer_reminder_hours).await
}

#[server]
pub async fn load_approval_chains() -> Result<Vec<ChainRow>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    crate::services::quality::chains::list(&state()?.db).await
}

/// Sets a product's approval chain to a preset (managers and owners).
#[server]
pub async fn save_approval_chain(product_id: i32, preset: String) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    crate::services::quality::chains::save(&state()?.db, &(&user).into(), product_id, &preset).await
}
