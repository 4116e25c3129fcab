//! Injected failures: a queue of faults for the next send requests, a seeded random fault
//! rate, status chaos (every status, shuffled, one twice), and the Graph API error answers
//! they turn into.
use super::{FakeCloud, Fault, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderValue, StatusCode};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};

impl FakeCloud {
    /// Consumed in order by the next send requests (before any random fault).
    pub fn push_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.lock().queued.extend(faults);
    }

    /// Each send: with probability `rate` (seeded ChaCha rng) one of `faults`, picked
    /// uniformly. A rate of 0 or an empty list turns it off.
    pub fn set_random_faults(&self, rate: f64, faults: Vec<Fault>) {
        let mut s = self.lock();
        s.random = (rate > 0.0 && !faults.is_empty()).then_some((rate, faults));
    }

    /// Per accepted message: sent, delivered and read (whatever the auto flags say) in a
    /// shuffled order, one of them twice.
    pub fn set_status_chaos(&self, on: bool) {
        self.lock().chaos = on;
    }
}

impl State {
    pub(super) fn next_fault(&mut self) -> Option<Fault> {
        if let Some(f) = self.queued.pop_front() {
            return Some(f);
        }
        let (rate, n) = match &self.random {
            Some((rate, faults)) if !faults.is_empty() => (*rate, faults.len()),
            _ => return None,
        };
        if self.rng.gen::<f64>() >= rate {
            return None;
        }
        let i = self.rng.gen_range(0..n);
        self.random.as_ref().map(|(_, faults)| faults[i].clone())
    }

    /// The statuses to post for a message just accepted, in posting order.
    pub(super) fn status_sequence(&mut self) -> Vec<&'static str> {
        if self.chaos {
            let mut seq = vec!["sent", "delivered", "read"];
            seq.shuffle(&mut self.rng);
            let twice = seq[self.rng.gen_range(0..seq.len())];
            let at = self.rng.gen_range(0..=seq.len());
            seq.insert(at, twice);
            return seq;
        }
        let mut seq = vec!["sent"];
        if self.config.auto_delivered {
            seq.push("delivered");
        }
        if self.config.auto_read {
            seq.push("read");
        }
        seq
    }
}

/// The answer to a fault that answers at once; `None` for `Timeout`, which the route plays.
pub(super) fn respond(fault: &Fault) -> Option<Response> {
    Some(match fault {
        Fault::ServerError => graph_error(500, 1, "An unknown error occurred"),
        Fault::RateLimited { retry_after_s } => {
            let mut r = graph_error(429, 130429, "Rate limit hit");
            r.headers_mut().insert(RETRY_AFTER, HeaderValue::from(*retry_after_s));
            r
        }
        Fault::Malformed => (StatusCode::OK, [(CONTENT_TYPE, "application/json")], "{").into_response(),
        Fault::Code { http, code, message } => graph_error(*http, *code, message),
        Fault::Timeout { .. } => return None,
    })
}

/// `fbtrace_id` values: unique, like Meta's, to tell answers apart in logs.
fn trace_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("AFake{:010}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A Graph API error: `{"error": {"message", "type", "code", "fbtrace_id"}}`.
pub(super) fn graph_error(http: u16, code: i64, message: &str) -> Response {
    let status = StatusCode::from_u16(http).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": trace_id()}});
    (status, Json(body)).into_response()
}

/// 401, code 190: missing or wrong access token.
pub(super) fn bad_token() -> Response {
    graph_error(401, 190, "Invalid OAuth access token.")
}

/// 400, code 100, with Meta's details: a parameter is missing or wrong.
pub(super) fn invalid(details: &str) -> Response {
    let body = json!({"error": {"message": "Invalid parameter", "type": "OAuthException", "code": 100,
        "error_data": {"messaging_product": "whatsapp", "details": details}, "fbtrace_id": trace_id()}});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// 404, code 100: an id that is not ours (Meta says "Unsupported get/post request").
pub(super) fn unknown(id: &str) -> Response {
    let message = format!(
        "Unsupported request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
    );
    graph_error(404, 100, &message)
}

#[cfg(test)]
mod tests {
    use super::super::FakeConfig;
    use super::*;

    fn state(seed: u64) -> std::sync::MutexGuard<'static, State> {
        let fake: &'static FakeCloud = Box::leak(Box::new(FakeCloud::new(FakeConfig { seed, ..FakeConfig::default() })));
        fake.lock()
    }

    #[test]
    fn queued_faults_come_first_then_the_seeded_rate() {
        let mut s = state(7);
        s.queued.extend([Fault::ServerError, Fault::Malformed]);
        s.random = Some((0.5, vec![Fault::RateLimited { retry_after_s: 1 }]));
        assert_eq!(s.next_fault(), Some(Fault::ServerError));
        assert_eq!(s.next_fault(), Some(Fault::Malformed));
        let hits = (0..1000).filter(|_| s.next_fault().is_some()).count();
        assert!((400..600).contains(&hits), "{hits}");
        let run = |seed| {
            let mut s = state(seed);
            s.random = Some((0.3, vec![Fault::ServerError, Fault::Malformed]));
            (0..50).map(|_| s.next_fault()).collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3), "same seed, same faults");
    }

    #[test]
    fn chaos_posts_every_status_once_and_one_twice() {
        let mut s = state(11);
        s.chaos = true;
        let mut seq = s.status_sequence();
        assert_eq!(seq.len(), 4);
        seq.sort();
        seq.dedup();
        assert_eq!(seq, vec!["delivered", "read", "sent"]);
        s.chaos = false;
        assert_eq!(s.status_sequence(), vec!["sent", "delivered"], "default flags");
    }
}
