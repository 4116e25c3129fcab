//! Delivery status of an outgoing message. Meta's status callbacks can arrive twice, out of
//! order ("read" before "delivered") and even before our send call has returned, so a status
//! may only move forward:
//!
//! queued < sent < delivered < read
//!
//! `failed` ends a message that never reached the phone: it is accepted from queued or sent,
//! and ignored once delivered or read was seen (a phone that acknowledged the message is
//! stronger evidence than a late failure). The one way out of `failed` is a later delivered or
//! read: that proves the message arrived after all (Meta retries on its side, and callbacks are
//! not ordered), and showing "failed" to staff for a message the customer has read would be
//! wrong. A later `sent` after `failed` is not accepted: it proves nothing.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// In our outbox, not yet accepted by the API.
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
}

impl DeliveryStatus {
    /// Meta's wire value, as in the webhook's `statuses[].status`. "played" (voice notes) counts
    /// as read; anything else is not a delivery status.
    pub fn from_wire(s: &str) -> Option<Self> {
        match s {
            "sent" => Some(Self::Sent),
            "delivered" => Some(Self::Delivered),
            "read" | "played" => Some(Self::Read),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Failed => "failed",
        }
    }

    /// Position on the forward path; `failed` is off the path.
    fn rank(self) -> Option<u8> {
        match self {
            Self::Queued => Some(0),
            Self::Sent => Some(1),
            Self::Delivered => Some(2),
            Self::Read => Some(3),
            Self::Failed => None,
        }
    }

    /// Reached the customer's phone.
    pub fn reached_phone(self) -> bool {
        matches!(self, Self::Delivered | Self::Read)
    }

    /// No further callback can change it.
    pub fn is_final(self) -> bool {
        self == Self::Read
    }
}

/// The new status if `incoming` changes `current`, `None` if it must be ignored (duplicate,
/// late or contradicting callback).
pub fn apply(current: DeliveryStatus, incoming: DeliveryStatus) -> Option<DeliveryStatus> {
    use DeliveryStatus::*;
    let accepted = match (current, incoming) {
        (a, b) if a == b => false,
        (Queued | Sent, Failed) => true,
        (Delivered | Read, Failed) => false,
        (Failed, b) => b.reached_phone(),
        (a, b) => b.rank() > a.rank(),
    };
    accepted.then_some(incoming)
}

/// Folds a series of callbacks in arrival order, as the webhook intake would store them.
pub fn fold(start: DeliveryStatus, callbacks: &[DeliveryStatus]) -> DeliveryStatus {
    callbacks.iter().fold(start, |cur, &s| apply(cur, s).unwrap_or(cur))
}

#[cfg(test)]
mod tests {
    use super::DeliveryStatus::*;
    use super::*;

    const ALL: [DeliveryStatus; 5] = [Queued, Sent, Delivered, Read, Failed];

    #[test]
    fn forward_moves_are_accepted_backward_ones_ignored() {
        assert_eq!(apply(Queued, Sent), Some(Sent));
        assert_eq!(apply(Sent, Delivered), Some(Delivered));
        assert_eq!(apply(Delivered, Read), Some(Read));
        assert_eq!(apply(Queued, Read), Some(Read), "skipping steps is fine: delivered may never come");
        assert_eq!(apply(Read, Delivered), None);
        assert_eq!(apply(Delivered, Sent), None);
        assert_eq!(apply(Sent, Queued), None);
    }

    #[test]
    fn duplicates_change_nothing() {
        for s in ALL {
            assert_eq!(apply(s, s), None, "{s:?}");
        }
    }

    #[test]
    fn failed_rules() {
        assert_eq!(apply(Queued, Failed), Some(Failed));
        assert_eq!(apply(Sent, Failed), Some(Failed));
        assert_eq!(apply(Delivered, Failed), None);
        assert_eq!(apply(Read, Failed), None);
        assert_eq!(apply(Failed, Sent), None);
        assert_eq!(apply(Failed, Queued), None, "a failed message is re-queued as a new outbox row, not by a callback");
        assert_eq!(apply(Failed, Delivered), Some(Delivered));
        assert_eq!(apply(Failed, Read), Some(Read));
    }

    #[test]
    fn any_arrival_order_of_the_same_callbacks_ends_in_the_same_state() {
        let callbacks = [Sent, Delivered, Read];
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for o in orders {
            let seq: Vec<_> = o.iter().map(|&i| callbacks[i]).collect();
            assert_eq!(fold(Queued, &seq), Read, "{seq:?}");
            let twice: Vec<_> = seq.iter().chain(seq.iter()).copied().collect();
            assert_eq!(fold(Queued, &twice), Read);
        }
        assert_eq!(fold(Queued, &[Failed, Sent, Sent]), Failed);
        assert_eq!(fold(Queued, &[Sent, Read, Failed, Delivered]), Read);
    }

    #[test]
    fn status_never_moves_backwards_on_the_path() {
        for a in ALL {
            for b in ALL {
                if let (Some(new), Some(ra), Some(rb)) = (apply(a, b), a.rank(), b.rank()) {
                    assert!(rb > ra && new == b, "{a:?} -> {b:?}");
                }
            }
        }
        assert!(Read.is_final() && !Delivered.is_final());
    }

    #[test]
    fn wire_values() {
        assert_eq!(DeliveryStatus::from_wire("delivered"), Some(Delivered));
        assert_eq!(DeliveryStatus::from_wire("played"), Some(Read));
        assert_eq!(DeliveryStatus::from_wire("deleted"), None);
        for s in ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
    }
}
