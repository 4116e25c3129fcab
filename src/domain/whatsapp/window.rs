//! The 24-hour customer-service window and consent: may this message go to this customer now?
//! Meta allows free-form messages only within 24 hours of the customer's last message; outside
//! it only an approved template. On top of that, PressDesk sends business-initiated messages
//! (order updates, campaigns) only to customers who opted in, and no marketing to customers who
//! stopped it. One function answers for the automation rules, the campaign audience and the
//! staff composer, so they cannot disagree.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub const WINDOW_HOURS: i64 = 24;

/// Why the message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Order updates, proofs, invoices, payment receipts.
    Utility,
    /// Campaigns and offers.
    Marketing,
    /// One-time sign-in codes the customer just asked for on the portal.
    Authentication,
    /// A reply to the customer: the bot or staff answering in the inbox.
    ServiceReply,
}

impl Purpose {
    /// As stored (the outbox's `purpose` column); the same spelling as its serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Utility => "utility",
            Purpose::Marketing => "marketing",
            Purpose::Authentication => "authentication",
            Purpose::ServiceReply => "service_reply",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    /// When the customer last wrote to us, if ever.
    pub last_inbound: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
    pub purpose: Purpose,
    /// An approved template, as opposed to free text/media/interactive.
    pub is_template: bool,
    /// The customer agreed to receive WhatsApp messages from the shop.
    pub opted_in: bool,
    /// The customer said STOP to marketing (a STOP reply, `user_preferences` or error 131050).
    pub marketing_stopped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Allowed,
    NeedsTemplate,
    NotOptedIn,
    MarketingStopped,
}

impl Verdict {
    /// A sentence for staff (composer, campaign preview, outbox).
    pub fn message(self) -> &'static str {
        match self {
            Verdict::Allowed => "Can be sent",
            Verdict::NeedsTemplate => "Outside the window: choose an approved template",
            Verdict::NotOptedIn => "This customer has not agreed to WhatsApp messages",
            Verdict::MarketingStopped => "This customer stopped marketing messages",
        }
    }
}

/// Is the window open at `now`? A last message stamped slightly in the future (clock skew
/// between Meta and us) counts as just now.
pub fn window_open(last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    closes_at(last_inbound).is_some_and(|end| now < end)
}

/// When the window closes (or closed).
pub fn closes_at(last_inbound: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    last_inbound.map(|t| t + Duration::hours(WINDOW_HOURS))
}

/// Checks in order: marketing stop, opt-in, then the window.
///
/// - Marketing stopped blocks marketing only; utility updates and replies still go.
/// - Opt-in is needed for what the shop starts (utility, marketing). A service reply answers
///   the customer, who wrote first; an authentication code answers the customer's own request
///   on the portal, so neither needs the stored opt-in.
/// - Inside the window anything goes; outside it only a template.
pub fn check(s: &Situation) -> Verdict {
    if s.purpose == Purpose::Marketing && s.marketing_stopped {
        return Verdict::MarketingStopped;
    }
    if matches!(s.purpose, Purpose::Utility | Purpose::Marketing) && !s.opted_in {
        return Verdict::NotOptedIn;
    }
    if s.is_template || window_open(s.last_inbound, s.now) {
        Verdict::Allowed
    } else {
        Verdict::NeedsTemplate
    }
}

/// The line above the staff composer.
pub fn composer_hint(last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match closes_at(last_inbound) {
        Some(end) if now < end => {
            let left = (end - now).num_minutes().max(1);
            format!("Inside the 24-hour window: free text allowed (closes in {} h {} min)", left / 60, left % 60)
        }
        _ => "Outside the window: choose an approved template".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::Purpose::*;
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    fn situation(purpose: Purpose, hours_ago: Option<i64>, is_template: bool) -> Situation {
        let now = at(12, 0);
        Situation {
            last_inbound: hours_ago.map(|h| now - Duration::hours(h)),
            now,
            purpose,
            is_template,
            opted_in: true,
            marketing_stopped: false,
        }
    }

    #[test]
    fn the_window_is_24_hours_from_the_last_inbound_message() {
        let now = at(12, 0);
        assert!(window_open(Some(now - Duration::hours(23) - Duration::minutes(59)), now));
        assert!(!window_open(Some(now - Duration::hours(24)), now), "closes exactly at 24 h");
        assert!(!window_open(None, now), "never wrote");
        assert!(window_open(Some(now + Duration::seconds(30)), now), "clock skew");
        assert_eq!(closes_at(Some(at(8, 0))), Some(at(8, 0) + Duration::hours(24)));
    }

    #[test]
    fn free_text_inside_the_window_template_outside() {
        for p in [Utility, Marketing, Authentication, ServiceReply] {
            assert_eq!(check(&situation(p, Some(2), false)), Verdict::Allowed, "{p:?}");
            assert_eq!(check(&situation(p, Some(30), false)), Verdict::NeedsTemplate, "{p:?}");
            assert_eq!(check(&situation(p, None, false)), Verdict::NeedsTemplate, "{p:?}");
            assert_eq!(check(&situation(p, Some(30), true)), Verdict::Allowed, "{p:?}");
        }
    }

    #[test]
    fn business_initiated_messages_need_opt_in() {
        for (p, want) in [
            (Utility, Verdict::NotOptedIn),
            (Marketing, Verdict::NotOptedIn),
            (Authentication, Verdict::Allowed),
            (ServiceReply, Verdict::Allowed),
        ] {
            let mut s = situation(p, Some(1), true);
            s.opted_in = false;
            assert_eq!(check(&s), want, "{p:?}");
        }
    }

    #[test]
    fn marketing_stop_blocks_marketing_only_even_inside_the_window() {
        for (p, want) in [
            (Marketing, Verdict::MarketingStopped),
            (Utility, Verdict::Allowed),
            (ServiceReply, Verdict::Allowed),
            (Authentication, Verdict::Allowed),
        ] {
            let mut s = situation(p, Some(1), true);
            s.marketing_stopped = true;
            assert_eq!(check(&s), want, "{p:?}");
        }
        let mut s = situation(Marketing, Some(1), true);
        s.marketing_stopped = true;
        s.opted_in = false;
        assert_eq!(check(&s), Verdict::MarketingStopped, "the stop is the more specific reason");
    }

    #[test]
    fn composer_says_which_kind_of_message_is_possible() {
        let now = at(12, 0);
        assert_eq!(
            composer_hint(Some(now - Duration::hours(20) - Duration::minutes(30)), now),
            "Inside the 24-hour window: free text allowed (closes in 3 h 30 min)"
        );
        assert!(composer_hint(Some(now - Duration::seconds(86_399)), now).ends_with("(closes in 0 h 1 min)"));
        assert_eq!(
            composer_hint(Some(now - Duration::hours(25)), now),
            "Outside the window: choose an approved template"
        );
        assert_eq!(composer_hint(None, now), Verdict::NeedsTemplate.message());
    }
}
