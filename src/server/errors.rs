//! Server functions answer errors with HTTP 500 whatever they are. This layer gives each
//! `AppError` its own status (400 for a request that cannot be decoded, 422 for bad input,
//! 401, 403, 404, 409, 413, 429), so clients, proxies and logs can tell a user's mistake from
//! a server fault. Decoding details go to the log with the request id, never to the client.
use crate::error::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::StatusCode;

const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn status_from_error(req: Request<Body>, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let request_id = req.extensions().get::<super::headers::RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(err) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.status = err.status();
    let body = match err {
        AppError::Malformed(detail) => {
            tracing::info!(request_id, path, detail, "malformed request");
            // A body cut off by the size cap surfaces as a decoding error: answer 413.
            if detail.contains("length limit exceeded") {
                parts.status = StatusCode::PAYLOAD_TOO_LARGE;
                serde_json::to_vec(&AppError::TooLarge).unwrap_or_default()
            } else {
                serde_json::to_vec(&AppError::Malformed(String::new())).unwrap_or_default()
            }
        }
        // A fault on our side: the detail (SQL, I/O, paths) goes to the log; the browser gets
        // the plain message and the request id to quote.
        AppError::Internal(detail) => {
            tracing::error!(request_id, path, detail, "server function failed");
            serde_json::to_vec(&AppError::Internal(format!("{}{request_id}", AppError::REFERENCE))).unwrap_or_default()
        }
        _ => bytes.to_vec(),
    };
    parts.headers.remove(http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
