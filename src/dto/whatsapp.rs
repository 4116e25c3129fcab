//! The WhatsApp outbox as staff see it: counts per state, the oldest wait, the newest messages.
use crate::domain::whatsapp::outbox::{OutboxStatus, QueueCounts};
use serde::{Deserialize, Serialize};

/// One queued message. Ages are worked out by the server's clock, so a browser with a wrong
/// clock (or the test clock) still reads right; `created` is the shop's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub created: String,
    pub age_secs: i64,
    /// The lane as stored ("wa:919876543210"); see `recipient_label`.
    pub lane: String,
    pub topic: String,
    pub preview: String,
    pub status: OutboxStatus,
    /// What Meta reported after the send: sent, delivered, read or failed ("" before).
    pub delivery: String,
    pub attempts: i32,
    pub last_error: String,
    pub order_id: Option<i32>,
}

impl OutboxRow {
    /// The states the service takes back into the queue.
    pub fn can_retry(&self) -> bool {
        matches!(self.status, OutboxStatus::Dead | OutboxStatus::Cancelled)
    }

    /// The states the service stops for good (a message being sent cannot be recalled).
    pub fn can_cancel(&self) -> bool {
        matches!(self.status, OutboxStatus::Pending | OutboxStatus::Dead)
    }
}

/// The outbox page: `can_act` says whether this viewer may retry and cancel (the server
/// checks again on each action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub counts: QueueCounts,
    /// Age of the oldest message still queued or sending, in seconds.
    pub oldest_secs: Option<i64>,
    pub rows: Vec<OutboxRow>,
    pub can_act: bool,
}

/// A lane as people read it: "wa:919876543210" is "+91 98765 43210"; other numbers get a
/// plus; anything else (a WhatsApp user id) is shown as stored.
pub fn recipient_label(lane: &str) -> String {
    let Some(digits) = lane.strip_prefix("wa:") else { return lane.to_string() };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return lane.to_string();
    }
    match digits.strip_prefix("91") {
        Some(rest) if rest.len() == 10 => format!("+91 {} {}", &rest[..5], &rest[5..]),
        _ => format!("+{digits}"),
    }
}

/// "just now", "3 min ago", "2 h ago", "4 days ago".
pub fn ago_label(secs: i64) -> String {
    match secs.max(0) {
        s if s < 60 => "just now".into(),
        s if s < 3_600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3_600),
        s if s < 2 * 86_400 => "1 day ago".into(),
        s => format!("{} days ago", s / 86_400),
    }
}

/// A wait in whole minutes, for the "oldest waiting" tile.
pub fn wait_label(secs: i64) -> String {
    format!("{} min", secs.max(0) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_read_as_phone_numbers() {
        assert_eq!(recipient_label("wa:919876543210"), "+91 98765 43210");
        assert_eq!(recipient_label("wa:447700900123"), "+447700900123");
        assert_eq!(recipient_label("bsuid:IN.123"), "bsuid:IN.123");
        assert_eq!(recipient_label("wa:"), "wa:");
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(ago_label(-5), "just now");
        assert_eq!(ago_label(59), "just now");
        assert_eq!(ago_label(180), "3 min ago");
        assert_eq!(ago_label(7_300), "2 h ago");
        assert_eq!(ago_label(90_000), "1 day ago");
        assert_eq!(ago_label(4 * 86_400), "4 days ago");
        assert_eq!(wait_label(125), "2 min");
    }

    #[test]
    fn actions_follow_the_state() {
        let mut r = OutboxRow {
            id: 1,
            created: String::new(),
            age_secs: 0,
            lane: String::new(),
            topic: String::new(),
            preview: String::new(),
            status: OutboxStatus::Dead,
            delivery: String::new(),
            attempts: 8,
            last_error: String::new(),
            order_id: None,
        };
        assert!(r.can_retry() && r.can_cancel());
        r.status = OutboxStatus::Sending;
        assert!(!r.can_retry() && !r.can_cancel());
        r.status = OutboxStatus::Cancelled;
        assert!(r.can_retry() && !r.can_cancel());
    }
}
