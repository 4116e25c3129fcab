//! CSRF protection for every state-changing request (server functions included): the
//! browser's Origin (or, failing that, Referer) must be this site. Together with
//! SameSite=Lax cookies this stops cross-site form posts and fetches.
use axum::{body::Body, extract::Request, middleware::Next, response::{IntoResponse, Response}};
use http::{header, Method, StatusCode};

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// Whether a request with this method and these headers may change state.
pub fn allowed(method: &Method, headers: &http::HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()));
    match source.and_then(host_of) {
        Some(origin_host) => origin_host.eq_ignore_ascii_case(host),
        None => false,
    }
}

pub async fn guard(req: Request<Body>, next: Next) -> Response {
    // Webhooks from WhatsApp are signed (HMAC) instead; they have no browser origin.
    if req.uri().path().starts_with("/webhooks/") || allowed(req.method(), req.headers()) {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "Cross-site request refused").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn same_origin_post_is_allowed() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(allowed(&Method::POST, &h));
    }

    #[test]
    fn cross_site_and_missing_origin_are_refused() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert!(!allowed(&Method::POST, &h));
        let h = headers(&[("host", "127.0.0.1:3000")]);
        assert!(!allowed(&Method::POST, &h));
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(!allowed(&Method::POST, &h));
    }

    #[test]
    fn referer_is_the_fallback_and_get_is_free() {
        let h = headers(&[("host", "shop.example"), ("referer", "https://shop.example/orders/1")]);
        assert!(allowed(&Method::POST, &h));
        assert!(allowed(&Method::GET, &HeaderMap::new()));
    }
}
