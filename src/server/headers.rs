//! What every response carries: a request id (in the log and the `x-request-id` header), a
//! Content-Security-Policy (pages put their script nonce in it), the other security
//! headers, `no-store` on everything that is not a public static file, and a size cap on
//! server-function bodies (413 instead of a stream with no end).
use crate::state::AppState;
use axum::{body::Body, extract::{Request, State}, middleware::Next, response::{IntoResponse, Response}};
use http::{header, HeaderName, HeaderValue, StatusCode};

/// Server-function arguments are small forms and JSON; uploads have their own routes.
pub const API_BODY_LIMIT: usize = 1024 * 1024;

/// Per-request id, for matching a client's report with the log.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Public files that may be cached; everything else may show someone's data.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(path, "/favicon.svg" | "/portal.css" | "/portal.js" | "/approve.js" | "/manifest.webmanifest" | "/portal-offline.html")
}

/// Pages that take photos of proofs and checklists may use the camera; nothing else may.
fn may_use_camera(path: &str) -> bool {
    path.starts_with("/quality") || path.starts_with("/orders/")
}

pub fn content_security_policy(nonce: &str) -> String {
    [
        "default-src 'self'".to_string(),
        // The hydration script is inline and carries the nonce; WebAssembly needs wasm-unsafe-eval.
        format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        // Progress bars, pins and the board set style attributes.
        "style-src 'self' 'unsafe-inline'".into(),
        "img-src 'self' data: blob:".into(),
        "connect-src 'self'".into(),
        "font-src 'self'".into(),
        "worker-src 'self'".into(),
        "manifest-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "frame-ancestors 'none'".into(),
    ]
    .join("; ")
}

pub async fn secure(State(state): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    let id = RequestId(crate::auth::tokens::random_id(9));
    let path = req.uri().path().to_string();
    let is_api = path.starts_with("/api/");
    req.extensions_mut().insert(id.clone());

    let mut res = if is_api && too_large(&req) {
        tracing::info!(request_id = %id.0, path, "request body over the limit");
        (StatusCode::PAYLOAD_TOO_LARGE, "This request is too large").into_response()
    } else {
        if is_api {
            let (parts, body) = req.into_parts();
            req = Request::from_parts(parts, Body::new(http_body_util::Limited::new(body, API_BODY_LIMIT)));
        }
        next.run(req).await
    };

    let has_csp = res.headers().contains_key(header::CONTENT_SECURITY_POLICY);
    let h = res.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set(HeaderName::from_static("x-request-id"), &id.0);
    // HTML pages set their own policy with the nonce leptos put on their scripts (see
    // `app::shell`); everything else gets one whose nonce matches nothing.
    if !has_csp {
        set(header::CONTENT_SECURITY_POLICY, &content_security_policy(&crate::auth::tokens::random_id(16)));
    }
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    let camera = if may_use_camera(&path) { "camera=(self)" } else { "camera=()" };
    set(HeaderName::from_static("permissions-policy"), &format!("{camera}, microphone=(), geolocation=(), payment=()"));
    if state.config.cookies_secure() {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if !is_static(&path) {
        set(header::CACHE_CONTROL, "no-store");
    }
    res
}

fn too_large(req: &Request<Body>) -> bool {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > API_BODY_LIMIT as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_has_no_inline_scripts() {
        let p = content_security_policy("abc");
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!p.split("; ").find(|d| d.starts_with("script-src")).unwrap().contains("unsafe-inline"));
        assert!(p.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn only_public_files_are_cacheable() {
        assert!(is_static("/pkg/pressdesk.wasm"));
        assert!(!is_static("/portal/orders"));
        assert!(!is_static("/proofs/3/preview"));
    }
}
