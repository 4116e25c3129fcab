//! Checklist photos: taken on the floor (often a phone camera), checked by content like
//! proofs (PNG or JPEG only), stored by hash, and shown to staff only.
//! Also the photos and documents customers send on WhatsApp (`/customer-files/{id}`).
use super::files::{error, send, storage};
use crate::auth::context::staff_from_headers;
use crate::db::e::files;
use crate::domain::roles::can;
use crate::error::AppError;
use crate::services::quality::upload;
use crate::state::AppState;
use crate::storage::valid_hash;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use sea_orm::EntityTrait;

/// POST /quality/photos (multipart: file). Answers `{"hash": "..."}` or a field error.
pub async fn upload_photo(State(state): State<AppState>, headers: HeaderMap, mut form: Multipart) -> Response {
    match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::PRODUCE) => {}
        Ok(Some(_)) => return error(AppError::Forbidden),
        Ok(None) => return error(AppError::Unauthenticated),
        Err(e) => return error(e),
    }
    let cut_off = || error(AppError::field("file", "The upload was cut off or is larger than 25 MB"));
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(_) => return cut_off(),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return cut_off(),
        }
    }
    let Some((name, bytes)) = file else { return error(AppError::field("file", "Choose a photo to upload")) };
    if let Err(m) = upload::check_name(&name) {
        return error(AppError::field("file", &m));
    }
    match upload::store(&state.db, &storage(&state), &bytes, false).await {
        Ok((hash, ..)) => axum::Json(serde_json::json!({ "hash": hash })).into_response(),
        Err(e) => error(e),
    }
}

/// GET /quality/photos/{hash}: the photo, for signed-in staff.
pub async fn photo(State(state): State<AppState>, Path(hash): Path<String>, headers: HeaderMap) -> Response {
    if !matches!(staff_from_headers(&state.db, &headers).await, Ok(Some(_))) || !valid_hash(&hash) {
        return error(AppError::not_found("Photo"));
    }
    match files::Entity::find_by_id(hash.clone()).one(&state.db.read).await {
        Ok(Some(f)) if f.mime.starts_with("image/") => send(&state, &hash, &f.mime, None).await,
        _ => error(AppError::not_found("Photo")),
    }
}

/// GET /customer-files/{id}: a photo or document a customer sent on WhatsApp, for staff.
/// Photos open in the page; anything else downloads (never rendered by the browser).
pub async fn customer_file(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::VIEW) => {}
        Ok(Some(_)) => return error(AppError::Forbidden),
        _ => return error(AppError::Unauthenticated),
    }
    match crate::services::whatsapp::media::stored(&state.db, id).await {
        Ok((hash, mime, name)) => {
            let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_' { c } else { '-' }).collect();
            let how = if mime.starts_with("image/") { "inline" } else { "attachment" };
            send(&state, &hash, &mime, Some(format!("{how}; filename=\"{safe}\""))).await
        }
        Err(e) => error(e),
    }
}
