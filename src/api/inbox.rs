//! The staff WhatsApp inbox: every signed-in staff role may read the conversations, answer
//! them, take them from the bot and hand them back. Times go out in the shop's time zone
//! (still RFC 3339, with the shop's offset), so the page shows the shop's clock.
use crate::dto::inbox::{Conversation, Thread};
use crate::error::AppError;
use leptos::prelude::*;

/// Conversations, the most recent first; `mine_only` keeps those assigned to the caller.
#[server]
pub async fn inbox_conversations(mine_only: bool) -> Result<Vec<Conversation>, AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    let tz = state.config.timezone();
    let mut list = crate::services::whatsapp::conversations::list(&state.db, Some(user.id), mine_only).await?;
    for c in &mut list {
        c.last_message_at = c.last_message_at.take().map(|t| shop_time(t, tz));
    }
    Ok(list)
}

/// One conversation for the open thread. Opening it is reading it: its unread count goes to
/// zero first, so the answer already says so.
#[server]
pub async fn inbox_thread(id: i32) -> Result<Thread, AppError> {
    use crate::domain::roles::can;
    use crate::services::whatsapp::conversations;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    let tz = state.config.timezone();
    conversations::mark_read(&state.db, id).await?;
    let mut t = conversations::thread(&state.db, id).await?;
    t.conversation.last_message_at = t.conversation.last_message_at.take().map(|s| shop_time(s, tz));
    for l in &mut t.lines {
        l.at = shop_time(std::mem::take(&mut l.at), tz);
    }
    Ok(t)
}

/// A staff reply: free text inside the 24-hour window, else the staff template with `text`
/// as its message (`use_template`). Refusals come back as a field error on `text`.
#[server]
pub async fn inbox_reply(id: i32, text: String, use_template: bool) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::conversations::reply(&state.db, &(&user).into(), id, &text, use_template, &state.config.shop.name).await?;
    Ok(())
}

/// Assigns the conversation to a staff member (None: to nobody). Taking it mutes the bot.
#[server]
pub async fn inbox_assign(id: i32, to: Option<i32>) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::conversations::assign(&state.db, &(&user).into(), id, to).await
}

/// Takes the conversation from the bot (`muted`) or hands it back.
#[server]
pub async fn inbox_set_bot(id: i32, muted: bool) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::conversations::set_bot_muted(&state.db, &(&user).into(), id, muted).await
}

/// An RFC 3339 time as the same instant with the shop's offset; one that does not parse is
/// left as it is.
#[cfg(feature = "ssr")]
fn shop_time(rfc3339: String, tz: chrono_tz::Tz) -> String {
    match chrono::DateTime::parse_from_rfc3339(&rfc3339) {
        Ok(t) => t.with_timezone(&tz).fixed_offset().to_rfc3339(),
        Err(_) => rfc3339,
    }
}
