//! Server functions answer errors with HTTP 500 whatever they are. This layer gives each
//! `AppError` its own status (422 for bad input, 401, 403, 404, 409, 429), so clients,
//! proxies and logs can tell a user's mistake from a server fault.
use crate::error::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::StatusCode;

const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn status_from_error(req: Request<Body>, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = err.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
