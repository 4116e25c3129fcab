//! `/webhooks/whatsapp`: Meta's GET handshake, and signed POST deliveries. The signature
//! (HMAC-SHA256 of the raw body under the app secret, `X-Hub-Signature-256`) is checked in
//! constant time before a byte is parsed; without it, or with a wrong one, the answer is 401
//! and nothing is stored. No app secret configured means every delivery is refused.
use crate::domain::whatsapp::signature::{parse_signature, HEADER};
use crate::domain::whatsapp::webhook::{parse, verify_subscription, WebhookError};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use http::{HeaderMap, StatusCode};
use std::collections::HashMap;

pub use crate::domain::whatsapp::webhook::MAX_BODY_BYTES;

/// GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
pub async fn verify(State(state): State<AppState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str);
    match verify_subscription(get("hub.mode"), get("hub.verify_token"), get("hub.challenge"), &state.config.whatsapp.verify_token) {
        Some(challenge) => challenge.into_response(),
        None => (StatusCode::FORBIDDEN, "verification failed").into_response(),
    }
}

/// Whether `body` carries a valid signature under `secret`.
pub fn signed(secret: &str, headers: &HeaderMap, body: &[u8]) -> bool {
    let Ok(digest) = parse_signature(headers.get(HEADER).and_then(|v| v.to_str().ok())) else { return false };
    if secret.is_empty() {
        return false;
    }
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else { return false };
    mac.update(body);
    mac.verify_slice(&digest).is_ok()
}

pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if !signed(&state.config.whatsapp.app_secret, &headers, &body) {
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    }
    let parsed = match parse(&body) {
        Ok(p) => p,
        Err(WebhookError::TooLarge) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        Err(WebhookError::Malformed(e)) => {
            tracing::warn!(error = %e, "whatsapp webhook: malformed body");
            return (StatusCode::BAD_REQUEST, "malformed").into_response();
        }
        // Another product's subscription on the same app: acknowledged, nothing to keep.
        Err(WebhookError::WrongObject(_)) => return StatusCode::OK.into_response(),
    };
    match crate::services::whatsapp::intake::store(&state.db, &parsed).await {
        Ok(n) => {
            tracing::debug!(stored = n.stored, repeated = n.repeated, "whatsapp webhook");
            if n.stored > 0 {
                state.wake_whatsapp();
            }
            StatusCode::OK.into_response()
        }
        // Not acknowledged: Meta delivers it again later.
        Err(e) => (e.status(), "not stored").into_response(),
    }
}
