//! Cloud API errors: what a failure means and what the outbox does next. The classification
//! looks at Meta's `error.code` first (a 131047 arrives as HTTP 400 but means "needs a
//! template", not "bad request"), then at the HTTP status. The retry policy is pure: the worker
//! passes the attempt number and a random number, so the schedule is testable.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// Throughput or pair rate limit: retry later, no sooner than Retry-After.
    RateLimited,
    /// 131047: more than 24 hours since the customer last wrote; only a template may be sent.
    ReEngagementRequired,
    /// 131049: Meta held back a marketing message to this user; retry no sooner than 24 h.
    MarketingCapReached,
    /// 131050: the user stopped marketing messages; never retry, opt them out.
    MarketingStopped,
    /// The request itself is wrong (parameter, template, format): retrying cannot help.
    InvalidParameter,
    /// 190: the access token expired or was revoked; nothing can be sent until settings change.
    TokenExpired,
    /// Meta or the network had a problem: retry with backoff.
    Transient,
    Permanent,
}

/// The `error` object of a Graph API error response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(default)]
    pub message: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default)]
    pub error_subcode: Option<i64>,
    #[serde(default)]
    pub error_data: Option<ErrorData>,
    #[serde(default)]
    pub fbtrace_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ErrorData {
    #[serde(default)]
    pub details: Option<String>,
}

impl ApiError {
    /// `{"error": {...}}` from a response body; `None` if the body is not one (an HTML error
    /// page from a proxy, say), in which case the HTTP status alone decides.
    ///
    /// Per-message failures that arrive later in a `failed` status callback carry the same
    /// codes (`webhook::WireError::code`) and go through `classify` with `Some(200)`.
    pub fn parse(body: &str) -> Option<ApiError> {
        #[derive(Deserialize)]
        struct Envelope {
            error: ApiError,
        }
        serde_json::from_str::<Envelope>(body).ok().map(|e| e.error)
    }

    /// What staff see in the outbox: Meta's details when given, else its message.
    pub fn describe(&self) -> String {
        let details = self.error_data.as_ref().and_then(|d| d.details.clone());
        let text = details.filter(|d| !d.is_empty()).unwrap_or_else(|| self.message.clone());
        match self.code {
            Some(c) => format!("{text} (code {c})"),
            None => text,
        }
    }
}

/// `http_status` is `None` when no response came back (timeout, connection refused or reset).
/// `error_subcode` is taken for completeness but decides nothing today: 190 means a bad token
/// whatever its subcode (463 expired, 460 password changed, 467 logged out), and the other
/// codes are specific on their own.
pub fn classify(http_status: Option<u16>, code: Option<i64>, _error_subcode: Option<i64>) -> ErrorClass {
    use ErrorClass::*;
    let Some(status) = http_status else { return Transient };
    match code {
        // 131048 ("spam rate limit") lifts with time like the throughput limits.
        Some(4 | 80007 | 130429 | 131048 | 131056) => return RateLimited,
        Some(131047) => return ReEngagementRequired,
        Some(131049) => return MarketingCapReached,
        Some(131050) => return MarketingStopped,
        Some(190) => return TokenExpired,
        Some(1 | 2 | 131000 | 131016 | 133004) => return Transient,
        Some(100 | 131008 | 131009 | 131021 | 131051 | 135000) => return InvalidParameter,
        Some(c) if (132000..133000).contains(&c) => return InvalidParameter,
        _ => {}
    }
    match status {
        429 => RateLimited,
        401 => TokenExpired,
        408 | 500..=599 => Transient,
        _ => Permanent,
    }
}

/// What the outbox does with a failed send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// Try again after this long.
    Retry { after_ms: u64 },
    /// Stop; keep the row and its error for staff to see, retry or cancel.
    DeadLetter,
    /// Stop; staff must send an approved template instead (24-hour window closed).
    NeedsTemplate,
    /// Stop for good and mark the customer marketing-stopped.
    OptOutMarketing,
    /// Leave the row queued and pause the whole worker until the token is fixed: every other
    /// message would fail the same way.
    PauseSending,
}

/// Exponential backoff with full jitter (delay = random × min(cap, base × 2^(attempt-1))), as
/// recommended for many clients hitting one rate limit: the random spread keeps retries from
/// arriving together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    pub base_ms: u64,
    pub cap_ms: u64,
    /// Attempts in all, the first send included; the next failure after that dead-letters.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { base_ms: 1_000, cap_ms: 15 * 60 * 1_000, max_attempts: 8 }
    }
}

pub const DAY_MS: u64 = 24 * 60 * 60 * 1_000;

impl RetryPolicy {
    /// The backoff before attempt `attempt + 1`, after `attempt` failed tries (1 = the first).
    /// `random` is uniform in [0, 1).
    pub fn backoff_ms(&self, attempt: u32, random: f64) -> u64 {
        let exp = attempt.saturating_sub(1).min(62);
        let ceiling = self.base_ms.saturating_mul(1u64 << exp).min(self.cap_ms);
        let r = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
        (ceiling as f64 * r) as u64
    }

    /// `attempt` is how many sends have failed, this one included. `retry_after` is the
    /// server's Retry-After, never undercut: the jittered delay is raised to it.
    pub fn decide(&self, class: ErrorClass, attempt: u32, retry_after: Option<Duration>, random: f64) -> Decision {
        use ErrorClass::*;
        let retry = |min_ms: u64| {
            if attempt >= self.max_attempts {
                return Decision::DeadLetter;
            }
            let floor = retry_after.map_or(0, |d| d.as_millis().min(u64::MAX as u128) as u64);
            Decision::Retry { after_ms: self.backoff_ms(attempt, random).max(floor).max(min_ms) }
        };
        match class {
            RateLimited | Transient => retry(0),
            MarketingCapReached => retry(DAY_MS),
            ReEngagementRequired => Decision::NeedsTemplate,
            MarketingStopped => Decision::OptOutMarketing,
            TokenExpired => Decision::PauseSending,
            InvalidParameter | Permanent => Decision::DeadLetter,
        }
    }
}

/// The Retry-After header: delay-seconds ("120") or an HTTP date
/// ("Wed, 02 Dec 2026 10:00:00 GMT"); a date in the past means "now".
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::ErrorClass::*;
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn codes_win_over_http_status() {
        let cases = [
            (Some(400), Some(130429), RateLimited),
            (Some(400), Some(131056), RateLimited),
            (Some(400), Some(4), RateLimited),
            (Some(400), Some(80007), RateLimited),
            (Some(429), None, RateLimited),
            (Some(400), Some(131047), ReEngagementRequired),
            (Some(400), Some(131049), MarketingCapReached),
            (Some(400), Some(131050), MarketingStopped),
            (Some(400), Some(100), InvalidParameter),
            (Some(400), Some(131008), InvalidParameter),
            (Some(400), Some(131009), InvalidParameter),
            (Some(400), Some(132000), InvalidParameter),
            (Some(400), Some(132001), InvalidParameter),
            (Some(400), Some(132015), InvalidParameter),
            (Some(401), Some(190), TokenExpired),
            (Some(401), None, TokenExpired),
            (Some(500), Some(131000), Transient),
            (Some(503), Some(131016), Transient),
            (Some(502), None, Transient),
            (Some(504), None, Transient),
            (None, None, Transient),
            (Some(400), Some(131026), Permanent),
            (Some(403), Some(200), Permanent),
            (Some(404), None, Permanent),
        ];
        for (status, code, want) in cases {
            assert_eq!(classify(status, code, None), want, "{status:?} {code:?}");
        }
        assert_eq!(classify(Some(401), Some(190), Some(463)), TokenExpired);
        assert_eq!(classify(Some(400), Some(131048), None), RateLimited);
    }

    #[test]
    fn parses_graph_error_bodies() {
        let body = r#"{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
            "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
            "fbtrace_id":"AbCdEf123"}}"#;
        let e = ApiError::parse(body).unwrap();
        assert_eq!((e.code, e.error_subcode), (Some(131047), None));
        assert!(e.describe().starts_with("Message failed to send because more than 24 hours"));
        assert!(e.describe().ends_with("(code 131047)"));
        let token = ApiError::parse(r#"{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463}}"#).unwrap();
        assert_eq!(classify(Some(401), token.code, token.error_subcode), TokenExpired);
        assert_eq!(token.describe(), "Error validating access token: Session has expired (code 190)");
        assert_eq!(ApiError::parse("<html>Bad gateway</html>"), None);
    }

    #[test]
    fn backoff_grows_exponentially_with_full_jitter_and_a_cap() {
        let p = RetryPolicy { base_ms: 1_000, cap_ms: 60_000, max_attempts: 10 };
        assert_eq!(p.backoff_ms(1, 0.5), 500);
        assert_eq!(p.backoff_ms(2, 0.5), 1_000);
        assert_eq!(p.backoff_ms(3, 0.999_999), 3_999);
        assert_eq!(p.backoff_ms(4, 0.0), 0, "full jitter may retry at once");
        assert_eq!(p.backoff_ms(30, 0.5), 30_000, "capped");
        assert_eq!(p.backoff_ms(u32::MAX, 0.5), 30_000, "no overflow");
        assert_eq!(p.backoff_ms(3, f64::NAN), 0);
        for attempt in 1..12 {
            assert!(p.backoff_ms(attempt, 0.999) <= 60_000);
        }
    }

    #[test]
    fn retry_decisions() {
        let p = RetryPolicy { base_ms: 1_000, cap_ms: 60_000, max_attempts: 5 };
        assert_eq!(p.decide(Transient, 1, None, 0.5), Decision::Retry { after_ms: 500 });
        assert_eq!(
            p.decide(RateLimited, 1, Some(Duration::from_secs(30)), 0.5),
            Decision::Retry { after_ms: 30_000 },
            "Retry-After is honoured"
        );
        assert_eq!(
            p.decide(RateLimited, 4, Some(Duration::from_secs(1)), 0.5),
            Decision::Retry { after_ms: 4_000 },
            "but never shortens the backoff"
        );
        assert_eq!(p.decide(Transient, 5, None, 0.5), Decision::DeadLetter, "max attempts");
        assert_eq!(p.decide(MarketingCapReached, 1, None, 0.1), Decision::Retry { after_ms: DAY_MS });
        assert_eq!(p.decide(MarketingCapReached, 5, None, 0.1), Decision::DeadLetter);
        assert_eq!(p.decide(MarketingStopped, 1, None, 0.5), Decision::OptOutMarketing);
        assert_eq!(p.decide(ReEngagementRequired, 1, None, 0.5), Decision::NeedsTemplate);
        assert_eq!(p.decide(TokenExpired, 1, None, 0.5), Decision::PauseSending);
        assert_eq!(p.decide(InvalidParameter, 1, None, 0.5), Decision::DeadLetter);
        assert_eq!(p.decide(Permanent, 1, None, 0.5), Decision::DeadLetter);
    }

    #[test]
    fn retry_after_as_seconds_or_http_date() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 59, 0).unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Wed, 02 Dec 2026 10:00:00 GMT", now), Some(Duration::from_secs(60)));
        assert_eq!(parse_retry_after("Wed, 02 Dec 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }
}
