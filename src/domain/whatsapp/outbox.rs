//! The outbox's vocabulary: a message's states, what it is about (topic), its lane (one
//! recipient's messages go out in order) and the key Meta echoes back in status callbacks,
//! which is how a message whose send outcome is unknown (a timeout, a crash) is recognised as
//! already accepted instead of being sent twice.
use super::message::{Body, HeaderParam, Outgoing, Recipient};
use crate::domain::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(OutboxStatus {
    Pending = "pending": "Queued",
    Sending = "sending": "Sending",
    Sent = "sent": "Sent",
    Dead = "dead": "Failed",
    Cancelled = "cancelled": "Cancelled",
});

text_enum!(Topic {
    Text = "whatsapp.text": "Message",
    LoginCode = "whatsapp.login_code": "Sign-in code",
    OrderUpdate = "whatsapp.order_update": "Order update",
    Proof = "whatsapp.proof": "Proof",
    Bot = "whatsapp.bot": "Bot reply",
    Staff = "whatsapp.staff": "Staff reply",
    Campaign = "whatsapp.campaign": "Campaign",
});

const CALLBACK_PREFIX: &str = "pd-out-";

/// The `biz_opaque_callback_data` of outbox row `id`.
pub fn callback_key(id: i32) -> String {
    format!("{CALLBACK_PREFIX}{id}")
}

/// The outbox row a callback key names.
pub fn parse_callback_key(key: &str) -> Option<i32> {
    key.strip_prefix(CALLBACK_PREFIX)?.parse().ok().filter(|id| *id > 0)
}

/// One recipient's lane: messages in a lane are sent one after the other, oldest first.
pub fn lane(to: &Recipient) -> String {
    match to {
        Recipient::Phone(p) => format!("wa:{}", p.chars().filter(|c| c.is_ascii_digit()).collect::<String>()),
        Recipient::UserId(id) => format!("bsuid:{id}"),
    }
}

/// After a send whose outcome we could not see (no answer, a garbled 2xx), wait at least this
/// long before trying again, so Meta's "sent" callback has time to tell us it got through.
pub const UNKNOWN_OUTCOME_GRACE_MS: u64 = 2_000;

/// Queue counts per state, for the staff view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QueueCounts {
    pub pending: u64,
    pub sending: u64,
    pub sent: u64,
    pub dead: u64,
    pub cancelled: u64,
}

impl QueueCounts {
    pub fn add(&mut self, status: OutboxStatus, n: u64) {
        match status {
            OutboxStatus::Pending => self.pending += n,
            OutboxStatus::Sending => self.sending += n,
            OutboxStatus::Sent => self.sent += n,
            OutboxStatus::Dead => self.dead += n,
            OutboxStatus::Cancelled => self.cancelled += n,
        }
    }
}

/// One line for staff: what the message says.
pub fn preview(m: &Outgoing) -> String {
    let s = match &m.body {
        Body::Text { body, .. } => body.clone(),
        Body::Template(t) => {
            let params: Vec<&str> = t.body.iter().map(|p| p.text.as_str()).collect();
            let header = match &t.header {
                Some(HeaderParam::Image { .. }) => " [image]",
                Some(HeaderParam::Document { .. }) => " [document]",
                _ => "",
            };
            format!("Template {} ({}){header}: {}", t.name, t.language, params.join(", "))
        }
        Body::Image { caption, .. } => format!("[image] {}", caption.clone().unwrap_or_default()),
        Body::Document { caption, filename, .. } => {
            format!("[document {}] {}", filename.clone().unwrap_or_default(), caption.clone().unwrap_or_default())
        }
        Body::Buttons(b) => {
            let titles: Vec<&str> = b.buttons.iter().map(|x| x.title.as_str()).collect();
            format!("{} [{}]", b.body, titles.join(" | "))
        }
        Body::List(l) => format!("{} [list: {}]", l.body, l.button),
    };
    let s = s.trim().to_string();
    if s.chars().count() > 160 {
        s.chars().take(157).collect::<String>() + "..."
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::whatsapp::message::{Param, TemplateMessage};

    #[test]
    fn callback_keys_round_trip_and_reject_others() {
        assert_eq!(callback_key(42), "pd-out-42");
        assert_eq!(parse_callback_key("pd-out-42"), Some(42));
        assert_eq!(parse_callback_key("pd-out-0"), None);
        assert_eq!(parse_callback_key("pd-out-x"), None);
        assert_eq!(parse_callback_key("campaign-7"), None);
    }

    #[test]
    fn one_lane_per_number_whatever_its_spelling() {
        assert_eq!(lane(&Recipient::Phone("+91 98200 12345".into())), "wa:919820012345");
        assert_eq!(lane(&Recipient::Phone("919820012345".into())), "wa:919820012345");
        assert_eq!(lane(&Recipient::UserId("IN.123".into())), "bsuid:IN.123");
    }

    #[test]
    fn previews_say_what_goes_out() {
        let to = Recipient::Phone("+919820012345".into());
        assert_eq!(preview(&Outgoing::text(to.clone(), "Your order is ready")), "Your order is ready");
        let t = TemplateMessage {
            name: "pd_ready".into(),
            language: "en".into(),
            header: None,
            body: vec![Param { name: None, text: "PD-1001".into() }, Param { name: None, text: "Asha".into() }],
            buttons: vec![],
        };
        assert_eq!(preview(&Outgoing::new(to.clone(), Body::Template(t))), "Template pd_ready (en): PD-1001, Asha");
        let long = "x".repeat(500);
        assert_eq!(preview(&Outgoing::text(to, long)).chars().count(), 160);
    }

    #[test]
    fn counts_add_up_per_state() {
        let mut c = QueueCounts::default();
        c.add(OutboxStatus::Pending, 3);
        c.add(OutboxStatus::Dead, 1);
        c.add(OutboxStatus::Pending, 2);
        assert_eq!((c.pending, c.dead, c.sent), (5, 1, 0));
        assert_eq!(OutboxStatus::parse("dead"), Some(OutboxStatus::Dead));
        assert_eq!(Topic::parse("whatsapp.login_code"), Some(Topic::LoginCode));
    }
}
