//! The automated WhatsApp order updates: every staff role may see which events message the
//! customer; owners and managers (`can::PLAN`) switch them and choose their templates.
use crate::domain::whatsapp::notify::Rule;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One rule per event, in `NotifyEvent::ALL` order (an event never saved has its default).
#[server]
pub async fn whatsapp_rules() -> Result<Vec<Rule>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::notify::rules(&state.db).await
}

/// Saves one event's rule; a bad template name or language is a field error on `template` or
/// `language`.
#[server(input = Json)]
pub async fn save_whatsapp_rule(rule: Rule) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::PLAN).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::notify::save_rule(&state.db, &(&user).into(), &rule).await
}
