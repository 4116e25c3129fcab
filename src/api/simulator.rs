//! The WhatsApp simulator's phone screen: what each customer would see on their phone, and
//! writing back as that customer (text, or tapping a button) so staff can try the bot. Only
//! while the built-in fake of Meta's API runs, that is with no access token configured; any
//! signed-in staff member may use it.
use crate::dto::simulator::PhoneView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ctx {
    pub use crate::auth::context::state;
    pub use crate::auth::require_staff;
    pub use crate::domain::roles::can;
    use crate::domain::validate::FieldErrors;
    use crate::dto::simulator::{message_text, wa_id, PhoneBubble, PhoneButton};
    use crate::error::AppError;
    use crate::services::whatsapp::fake::{CustomerReply, FakeCloud, PhoneItem};

    /// The name the customer's WhatsApp profile shows the shop.
    const CUSTOMER_NAME: &str = "Customer";
    /// The newest bubbles of a conversation that the screen shows.
    const MAX_ITEMS: usize = 300;

    /// The running simulator, or a refusal when a real WhatsApp account is configured.
    pub fn simulator() -> Result<FakeCloud, AppError> {
        state()?.simulator.ok_or_else(|| {
            AppError::Rejected("The simulator is off: a real WhatsApp account is configured, so messages go to real phones.".into())
        })
    }

    pub fn number(wa: &str) -> Result<String, AppError> {
        wa_id(wa).map_err(|m| AppError::field("wa", m))
    }

    /// The number and the text of a message to send, with every problem at once.
    pub fn number_and_text(wa: &str, text: &str) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::new();
        let wa = wa_id(wa).map_err(|m| errors.add("wa", m)).ok();
        let text = message_text(text).map_err(|m| errors.add("text", m)).ok();
        match (wa, text) {
            (Some(wa), Some(text)) => Ok((wa, text)),
            _ => Err(AppError::Validation(errors)),
        }
    }

    /// Posts the customer's message to PressDesk's own webhook, as Meta would.
    pub async fn reply(wa: &str, reply: CustomerReply) -> Result<(), AppError> {
        match simulator()?.reply_as_customer(wa, CUSTOMER_NAME, reply).await {
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::warn!(error = %e, "simulator: the customer's message was not taken");
                Err(AppError::Rejected(format!("PressDesk did not take the message: {e}")))
            }
        }
    }

    /// The bubbles of a conversation in the shop's time, a day label on each day's first.
    pub fn bubbles(items: Vec<PhoneItem>, tz: chrono_tz::Tz) -> Vec<PhoneBubble> {
        let today = crate::clock::today_in(tz);
        let skip = items.len().saturating_sub(MAX_ITEMS);
        let mut last_day = None;
        items
            .into_iter()
            .skip(skip)
            .map(|i| {
                let local = i.at.with_timezone(&tz);
                let date = local.date_naive();
                let day = (last_day != Some(date)).then(|| match (today - date).num_days() {
                    0 => "Today".to_string(),
                    1 => "Yesterday".to_string(),
                    _ => date.format("%-d %b %Y").to_string(),
                });
                last_day = Some(date);
                PhoneBubble {
                    incoming: i.incoming,
                    wamid: i.wamid,
                    kind: i.kind,
                    text: i.text,
                    buttons: i.buttons.into_iter().map(|(id, title)| PhoneButton { id, title }).collect(),
                    status: i.status,
                    time: local.format("%-I:%M %P").to_string(),
                    day,
                    link: i.link,
                }
            })
            .collect()
    }
}

/// The numbers with a conversation and the one asked for (`wa`, a number or a conversation
/// key the simulator listed), else the most recent. `enabled` is false without a simulator.
#[server]
pub async fn simulator_phone(wa: Option<String>) -> Result<PhoneView, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    let Some(fake) = s.simulator.as_ref() else { return Ok(PhoneView::off()) };
    let phones = fake.phones();
    let selected = match wa.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        // A key as listed (also a WhatsApp user id, which is not a number).
        Some(w) if phones.iter().any(|p| p == w) => Some(w.to_string()),
        Some(w) => Some(number(w)?),
        None => phones.first().cloned(),
    };
    let items = selected.as_deref().map(|w| bubbles(fake.phone(w), s.config.timezone())).unwrap_or_default();
    Ok(PhoneView { enabled: true, phones, selected, items })
}

/// The customer at `wa` writes `text` to the shop.
#[server]
pub async fn simulator_send_text(wa: String, text: String) -> Result<(), AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let (wa, text) = number_and_text(&wa, &text)?;
    reply(&wa, crate::services::whatsapp::fake::CustomerReply::Text(text)).await
}

/// The customer at `wa` taps a reply button, list row or quick reply of the shop's message.
#[server]
pub async fn simulator_press_button(wa: String, id: String, title: String) -> Result<(), AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let wa = number(&wa)?;
    if id.trim().is_empty() || id.chars().count() > 256 {
        return Err(AppError::field("id", "This button cannot be tapped"));
    }
    if title.chars().count() > 256 {
        return Err(AppError::field("title", "At most 256 characters"));
    }
    reply(&wa, crate::services::whatsapp::fake::CustomerReply::Button { id, title }).await
}
