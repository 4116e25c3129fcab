//! Sends signed-out visitors of staff pages to the sign-in page before any rendering.
//! Server functions check the session themselves; this only spares a page render.
use crate::auth::context::staff_from_headers;
use crate::state::AppState;
use axum::{body::Body, extract::{Request, State}, middleware::Next, response::{IntoResponse, Redirect, Response}};

const STAFF_AREAS: &[&str] = &[
    "/orders", "/customers", "/invoices", "/catalogue", "/production", "/quality", "/analytics", "/whatsapp", "/settings",
];

pub fn is_staff_page(path: &str) -> bool {
    path == "/"
        || STAFF_AREAS
            .iter()
            .any(|a| path == *a || path.strip_prefix(a).is_some_and(|rest| rest.starts_with('/')))
}

pub async fn staff_pages(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    if req.method() == http::Method::GET && is_staff_page(req.uri().path()) && !req.uri().path().ends_with("/pdf") {
        let signed_in = matches!(staff_from_headers(&state.db, req.headers()).await, Ok(Some(_)));
        if !signed_in {
            let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let next_q: String = url_escape(target);
            return Redirect::to(&format!("/login?next={next_q}")).into_response();
        }
    }
    let path = req.uri().path();
    let portal_private = ["/portal/orders", "/portal/profile"].iter().any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if req.method() == http::Method::GET && portal_private && crate::services::portal_access::customer_id(&state, req.headers()).await.is_none() {
        return Redirect::to("/portal").into_response();
    }
    next.run(req).await
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_paths() {
        assert!(is_staff_page("/"));
        assert!(is_staff_page("/orders/12"));
        assert!(is_staff_page("/customers"));
        assert!(!is_staff_page("/login"));
        assert!(!is_staff_page("/portal/orders"));
        assert!(!is_staff_page("/ordersx"));
        assert!(!is_staff_page("/pkg/pressdesk.wasm"));
        assert_eq!(url_escape("/orders?q=a b"), "/orders%3Fq%3Da%20b");
    }
}
