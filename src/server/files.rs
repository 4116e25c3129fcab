//! Proof uploads and file downloads: plain handlers (a body limit that server functions
//! lack), each checking who is asking: staff, or the customer holding a valid signed link.
use crate::auth::context::staff_from_headers;
use crate::db::e::proofs;
use crate::domain::roles::can;
use crate::error::AppError;
use crate::services::Actor;
use crate::state::AppState;
use crate::storage::{DirStorage, Storage};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::EntityTrait;
use serde::Deserialize;

/// 25 MB of file plus the form's other fields.
pub const BODY_LIMIT: usize = 26 * 1024 * 1024;

pub fn storage(state: &AppState) -> DirStorage {
    DirStorage::new(std::path::Path::new(&state.config.database.data_dir).join("files"))
}

pub(super) fn error(e: AppError) -> Response {
    (e.status(), axum::Json(e)).into_response()
}

fn back_to(order_id: i32, key: &str, value: &str) -> Response {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair(key, value);
    Redirect::to(&format!("/orders/{order_id}?{}#proofs", ser.finish())).into_response()
}

/// POST /proofs/upload (multipart: order_id, order_line_id, notes, file). Answers by
/// sending the browser back to the order, with the outcome in the address.
pub async fn upload_proof(State(state): State<AppState>, headers: HeaderMap, mut form: Multipart) -> Response {
    let user = match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::PRODUCE) => u,
        Ok(Some(_)) => return error(AppError::Forbidden),
        Ok(None) => return error(AppError::Unauthenticated),
        Err(e) => return error(e),
    };
    let (mut order_id, mut line_id, mut notes, mut file): (i32, i32, String, Option<(String, Vec<u8>)>) = (0, 0, String::new(), None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                match name.as_str() {
                    "file" => {
                        let fname = field.file_name().unwrap_or("").to_string();
                        match field.bytes().await {
                            Ok(b) => file = Some((fname, b.to_vec())),
                            Err(_) => return back_to(order_id, "upload_error", "The upload was cut off or is larger than 25 MB"),
                        }
                    }
                    other => {
                        let text = field.text().await.unwrap_or_default();
                        match other {
                            "order_id" => order_id = text.trim().parse().unwrap_or(0),
                            "order_line_id" => line_id = text.trim().parse().unwrap_or(0),
                            "notes" => notes = text,
                            _ => {}
                        }
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return back_to(order_id, "upload_error", "The upload was cut off or is larger than 25 MB"),
        }
    }
    let Some((name, bytes)) = file else { return back_to(order_id, "upload_error", "Choose a file to upload") };
    let store = storage(&state);
    match crate::services::quality::proofs::upload(&state.db, &store, &Actor::from(&user), line_id, &name, &bytes, &notes).await {
        Ok(id) => back_to(order_id, "uploaded", &id.to_string()),
        Err(e) => back_to(order_id, "upload_error", &e.field_message("file").unwrap_or_else(|| e.field_message("notes").unwrap_or_else(|| e.to_string()))),
    }
}

#[derive(Deserialize)]
pub struct LinkQuery {
    exp: Option<i64>,
    sig: Option<String>,
}

/// Staff, or a valid signed link for this proof.
async fn may_see(state: &AppState, headers: &HeaderMap, proof_id: i32, q: &LinkQuery) -> bool {
    if matches!(staff_from_headers(&state.db, headers).await, Ok(Some(_))) {
        return true;
    }
    if let (Some(exp), Some(sig)) = (q.exp, q.sig.as_deref()) {
        if let Ok(key) = crate::services::quality::links::secret(&state.db).await {
            // An expired link may still show the proof it was for; it just cannot decide.
            return crate::services::quality::links::verify(&key, proof_id, exp, sig, crate::clock::now().timestamp())
                != crate::services::quality::links::LinkCheck::Forged;
        }
    }
    crate::services::portal_access::customer_owns_proof(state, headers, proof_id).await
}

pub(super) async fn send(state: &AppState, hash: &str, mime: &str, disposition: Option<String>) -> Response {
    match storage(state).get(hash) {
        Ok(bytes) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, mime.parse().unwrap_or(header::HeaderValue::from_static("application/octet-stream")));
            h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
            h.insert("x-content-type-options", header::HeaderValue::from_static("nosniff"));
            if let Some(d) = disposition.and_then(|d| d.parse().ok()) {
                h.insert(header::CONTENT_DISPOSITION, d);
            }
            res
        }
        Err(_) => error(AppError::not_found("File")),
    }
}

/// GET /proofs/{id}/preview: the thumbnail (or the image itself).
pub async fn proof_preview(State(state): State<AppState>, Path(id): Path<i32>, Query(q): Query<LinkQuery>, headers: HeaderMap) -> Response {
    if !may_see(&state, &headers, id, &q).await {
        return error(AppError::not_found("Proof"));
    }
    let Ok(Some(p)) = proofs::Entity::find_by_id(id).one(&state.db.read).await else { return error(AppError::not_found("Proof")) };
    match (&p.thumb_hash, p.mime.starts_with("image/")) {
        (Some(t), _) => send(&state, t, if p.mime == "application/pdf" { "image/png" } else { "image/jpeg" }, None).await,
        (None, true) => send(&state, &p.file_hash, &p.mime, None).await,
        (None, false) => error(AppError::not_found("Preview")),
    }
}

/// GET /proofs/{id}/file: the original, as a download.
pub async fn proof_file(State(state): State<AppState>, Path(id): Path<i32>, Query(q): Query<LinkQuery>, headers: HeaderMap) -> Response {
    if !may_see(&state, &headers, id, &q).await {
        return error(AppError::not_found("Proof"));
    }
    let Ok(Some(p)) = proofs::Entity::find_by_id(id).one(&state.db.read).await else { return error(AppError::not_found("Proof")) };
    let safe: String = p.file_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    send(&state, &p.file_hash, &p.mime, Some(format!("attachment; filename=\"v{}-{safe}\"", p.version))).await
}
